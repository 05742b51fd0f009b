#include "generate/CsvWriter.h"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "app/ExitCode.h"

namespace settlement::generate {
namespace {

bool needsQuotes(std::string_view value) {
    return value.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

CsvWriter::CsvWriter(std::string path, std::size_t bufferBytes)
    : path_(std::move(path)), buffer_(bufferBytes < 4096 ? 4096 : bufferBytes) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) throw app::JobFailed("cannot write " + path_ + ": " + std::strerror(errno));
}

CsvWriter::~CsvWriter() {
    if (file_) std::fclose(file_);
}

void CsvWriter::header(std::initializer_list<std::string_view> names) {
    for (auto name : names) text(name);
    *reserve(1) = '\n';
    ++pos_;
    rowStart_ = true;
}

std::string CsvWriter::escape(std::string_view value) {
    if (!needsQuotes(value)) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void CsvWriter::separator() {
    if (!rowStart_) {
        *reserve(1) = ',';
        ++pos_;
    }
    rowStart_ = false;
}

CsvWriter& CsvWriter::text(std::string_view value) {
    if (!needsQuotes(value)) return raw(value);
    separator();
    std::string quoted = escape(value);
    std::memcpy(reserve(quoted.size()), quoted.data(), quoted.size());
    pos_ += quoted.size();
    return *this;
}

CsvWriter& CsvWriter::raw(std::string_view value) {
    separator();
    std::memcpy(reserve(value.size()), value.data(), value.size());
    pos_ += value.size();
    return *this;
}

CsvWriter& CsvWriter::number(std::int64_t value) {
    separator();
    char* p = reserve(24);
    pos_ = static_cast<std::size_t>(std::to_chars(p, p + 24, value).ptr - buffer_.data());
    return *this;
}

CsvWriter& CsvWriter::number(std::uint64_t value) {
    separator();
    char* p = reserve(24);
    pos_ = static_cast<std::size_t>(std::to_chars(p, p + 24, value).ptr - buffer_.data());
    return *this;
}

void CsvWriter::endRow() {
    *reserve(1) = '\n';
    ++pos_;
    ++rows_;
    rowStart_ = true;
}

void CsvWriter::rawLine(std::string_view line) {
    rowStart_ = true;
    std::memcpy(reserve(line.size()), line.data(), line.size());
    pos_ += line.size();
    endRow();
}

char* CsvWriter::reserve(std::size_t n) {
    if (pos_ + n > buffer_.size()) {
        flush();
        if (n > buffer_.size()) buffer_.resize(n);
    }
    return buffer_.data() + pos_;
}

void CsvWriter::flush() {
    if (pos_ == 0) return;
    if (!file_) throw app::JobFailed("cannot write " + path_ + ": already closed");
    if (std::fwrite(buffer_.data(), 1, pos_, file_) != pos_)
        throw app::JobFailed("cannot write " + path_ + ": " + std::strerror(errno));
    bytesFlushed_ += pos_;
    pos_ = 0;
}

void CsvWriter::close() {
    if (!file_) return;
    flush();
    std::FILE* f = file_;
    file_ = nullptr;
    if (std::fclose(f) != 0) throw app::JobFailed("cannot write " + path_ + ": " + std::strerror(errno));
}

}  // namespace settlement::generate
