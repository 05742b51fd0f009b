#include "load/LineSpool.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace settlement::load {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;

// An unlinked read-write file in the temporary directory.
int anonymousFile() {
    std::string dir = std::filesystem::temp_directory_path().string();
    int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) return fd;
    std::string path = dir + "/settlement-spool-XXXXXX";
    fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("load: cannot create a temporary file in " + dir + ": " + std::strerror(errno) +
                                 " (set TMPDIR to a writable directory)");
    ::unlink(path.c_str());
    return fd;
}

void writeAll(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            throw std::runtime_error(std::string("load: cannot write the temporary file of parsed lines in ") +
                                     std::filesystem::temp_directory_path().string() + ": " + std::strerror(errno));
        data += n;
        size -= std::size_t(n);
    }
}

}  // namespace

LineSpool::LineSpool(std::size_t linesPerChunk) : linesPerChunk_(std::max<std::size_t>(linesPerChunk, 1)) {
    fd_ = anonymousFile();
    buffer_.reserve(kBufferBytes + 4096);
    chunkIds_.reserve(linesPerChunk_);
    current_.firstLine = 1;
}

LineSpool::~LineSpool() {
    if (fd_ >= 0) ::close(fd_);
    for (int fd : chunkFd_)
        if (fd >= 0) ::close(fd);
}

void LineSpool::appendField(std::string& out, const std::string& text) {
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\0': out += "\\0"; break;
            default: out += c;
        }
    }
}

void LineSpool::add(const StagedRow& row) {
    std::size_t before = buffer_.size();
    buffer_ += std::to_string(row.line);
    for (const auto& v : row.values) {
        buffer_ += '\t';
        if (v.type == StageValue::Type::Null) buffer_ += "\\N";
        else if (v.type == StageValue::Type::Number) buffer_ += v.text;
        else appendField(buffer_, v.text);
    }
    bool seenBefore = false;
    if (!row.values.empty()) {
        const std::string& id = row.values.front().text;  // canonical digits of an unsigned id
        std::uint64_t value = 0;
        std::from_chars(id.data(), id.data() + id.size(), value);
        seenBefore = !chunkIds_.insert(value).second;
    }
    buffer_ += seenBefore ? "\t1\n" : "\t0\n";
    current_.bytes += buffer_.size() - before;
    current_.lines += 1;
    current_.lastLine = row.line;
    lastLine_ = std::max(lastLine_, row.line);
    ++lines_;
    if (buffer_.size() >= kBufferBytes) flush();
    if (current_.lines >= linesPerChunk_) closeChunk();
}

void LineSpool::flush() {
    writeAll(fd_, buffer_.data(), buffer_.size());
    written_ += buffer_.size();
    buffer_.clear();
}

void LineSpool::closeChunk() {
    chunkIds_.clear();
    current_.lastLine = std::max(current_.lastLine, current_.firstLine);
    chunks_.push_back(current_);
    Chunk next;
    next.offset = current_.offset + current_.bytes;
    next.firstLine = current_.lastLine + 1;
    current_ = next;
}

void LineSpool::finish() {
    flush();
    // The lines after the last full chunk (or lines that did not parse only) end the file.
    if (current_.lines > 0 || lastLine_ >= current_.firstLine) {
        current_.lastLine = std::max(current_.lastLine, lastLine_);
        closeChunk();
    }
}

std::string LineSpool::prepare(const Chunk& chunk, std::size_t slot) {
    if (slot >= kSlots) throw std::logic_error("LineSpool: no chunk slot " + std::to_string(slot));
    int& out = chunkFd_[slot];
    if (out < 0) out = anonymousFile();
    if (::ftruncate(out, 0) != 0 || ::lseek(out, 0, SEEK_SET) != 0)
        throw std::runtime_error(std::string("load: cannot reuse the temporary chunk file: ") + std::strerror(errno));
    std::string copy(std::min<std::uint64_t>(chunk.bytes, kBufferBytes), '\0');
    std::uint64_t done = 0;
    while (done < chunk.bytes) {
        std::size_t want = std::size_t(std::min<std::uint64_t>(copy.size(), chunk.bytes - done));
        ssize_t n = ::pread(fd_, copy.data(), want, off_t(chunk.offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw std::runtime_error(std::string("load: cannot read the temporary file of parsed lines: ") +
                                     (n < 0 ? std::strerror(errno) : "it is shorter than written"));
        writeAll(out, copy.data(), std::size_t(n));
        done += std::uint64_t(n);
    }
    return "/proc/self/fd/" + std::to_string(out);
}

void LineSpool::forEachLine(const Chunk& chunk, const std::function<void(const std::vector<std::string>&)>& onLine) {
    std::string text(chunk.bytes, '\0');
    std::uint64_t done = 0;
    while (done < chunk.bytes) {
        ssize_t n = ::pread(fd_, text.data() + done, std::size_t(chunk.bytes - done), off_t(chunk.offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw std::runtime_error("load: cannot read the temporary file of parsed lines");
        done += std::uint64_t(n);
    }
    std::vector<std::string> fields(1);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            onLine(fields);
            fields.assign(1, std::string());
        } else if (c == '\t') {
            fields.emplace_back();
        } else if (c == '\\' && i + 1 < text.size()) {
            char e = text[++i];
            fields.back() += e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == '0' ? '\0' : e;
        } else {
            fields.back() += c;
        }
    }
}

}  // namespace settlement::load
