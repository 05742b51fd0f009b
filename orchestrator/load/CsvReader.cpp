#include "load/CsvReader.h"

#include <algorithm>

namespace settlement::load {

CsvReader::CsvReader(std::istream& in, std::size_t maxRecordBytes, std::size_t bufferSize)
    : in_(in), maxRecordBytes_(maxRecordBytes), buffer_(std::max<std::size_t>(bufferSize, 16)) {}

bool CsvReader::fill() {
    if (eof_) return false;
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    end_ = static_cast<std::size_t>(in_.gcount());
    pos_ = 0;
    if (in_.bad()) throw CsvError(line_, "the file cannot be read after " + std::to_string(consumed_) + " bytes");
    if (end_ == 0) {
        eof_ = true;
        return false;
    }
    return true;
}

int CsvReader::get() {
    if (pos_ == end_ && !fill()) return -1;
    ++consumed_;
    return static_cast<unsigned char>(buffer_[pos_++]);
}

int CsvReader::peek() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
}

bool CsvReader::next(CsvRecord& record) {
    if (!started_) {
        started_ = true;
        // A UTF-8 byte order mark before the header is not part of it.
        if (peek() == 0xEF) {
            std::string bom;
            while (bom.size() < 3 && peek() >= 0) bom += static_cast<char>(get());
            if (bom != "\xEF\xBB\xBF") {
                // Not a BOM: give the bytes back by re-reading them as data below.
                pos_ -= bom.size();
                consumed_ -= bom.size();
            }
        }
    }
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    for (;;) {  // one record per iteration; blank lines go round again
        std::size_t used = 0;  // fields of `record` in use
        auto field = [&]() -> std::string& {
            if (used == record.fields.size()) record.fields.emplace_back();
            return record.fields[used];
        };
        // Past kMaxStoredFields the last slot is reused and the fields only counted.
        auto endField = [&] {
            if (used + 1 < kMaxStoredFields) ++used;
            else ++record.droppedFields;
        };
        record.raw.clear();
        record.droppedFields = 0;
        record.line = line_;
        field().clear();
        State state = State::FieldStart;
        bool sawAnything = false;  // a byte of this record, quotes included
        std::uint64_t quoteLine = 0;
        for (;;) {
            int c = get();
            if (c < 0) {
                if (state == State::Quoted)
                    throw CsvError(quoteLine, "quoted field opened on line " + std::to_string(quoteLine) +
                                                  " is not closed at the end of the file");
                if (!sawAnything) return false;
                break;
            }
            if (c == '\n' && state != State::Quoted) {
                ++line_;
                break;
            }
            if (c == '\r' && state != State::Quoted && peek() == '\n') {
                get();
                ++line_;
                break;
            }
            sawAnything = true;
            if (record.raw.size() >= maxRecordBytes_) tooLong(record, state == State::Quoted, quoteLine);
            record.raw += static_cast<char>(c);
            switch (state) {
                case State::FieldStart:
                    if (c == '"') {
                        state = State::Quoted;
                        quoteLine = line_;
                    } else if (c == ',') {
                        endField();
                        field().clear();
                    } else {
                        field() += static_cast<char>(c);
                        state = State::Unquoted;
                    }
                    break;
                case State::Unquoted:
                    if (c == ',') {
                        endField();
                        field().clear();
                        state = State::FieldStart;
                    } else {
                        field() += static_cast<char>(c);
                    }
                    break;
                case State::Quoted:
                    if (c == '"') {
                        state = State::QuoteInQuoted;
                    } else {
                        if (c == '\n') ++line_;
                        field() += static_cast<char>(c);
                    }
                    break;
                case State::QuoteInQuoted:
                    if (c == '"') {
                        field() += '"';
                        state = State::Quoted;
                    } else if (c == ',') {
                        endField();
                        field().clear();
                        state = State::FieldStart;
                    } else {
                        field() += static_cast<char>(c);  // text after the closing quote
                        state = State::Unquoted;
                    }
                    break;
            }
        }
        endField();
        if (!sawAnything) continue;  // a blank line
        record.fields.resize(used);
        checkUtf8(record);
        return true;
    }
}

void CsvReader::tooLong(const CsvRecord& record, bool inQuotes, std::uint64_t quoteLine) const {
    std::string limit = std::to_string(maxRecordBytes_) + " bytes (load.max_line_bytes)";
    if (inQuotes)
        throw CsvError(quoteLine, "the quoted field opened on line " + std::to_string(quoteLine) +
                                      " is still open after " + limit + ": a stray or unclosed quote?");
    throw CsvError(record.line, "the line is longer than " + limit);
}

void CsvReader::checkUtf8(const CsvRecord& record) const {
    std::size_t bad = invalidUtf8Offset(record.raw);
    if (bad == std::string::npos) return;
    std::uint64_t line = record.line + std::count(record.raw.begin(), record.raw.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    throw CsvError(line, "byte " + std::to_string(bad + 1) + " of the record is not valid UTF-8");
}

std::size_t invalidUtf8Offset(const std::string& text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > n) return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string::npos;
}

std::size_t utf8Length(const std::string& text) {
    std::size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

}  // namespace settlement::load
