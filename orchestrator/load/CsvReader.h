#pragma once
// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes (which
// may hold commas, "" for a quote, and line breaks), records ending in LF or CRLF, UTF-8.
// It reads a buffer at a time, so a file of any size takes constant memory: one record,
// and a record (its line, or lines when a quoted field holds line breaks) longer than
// maxRecordBytes is a CsvError, so neither a file without line breaks (/dev/zero) nor an
// unclosed quote early in a large file is held in memory. It reads the stream once, from
// the front: pipes, FIFOs and /dev/stdin work as well as files.
//
// Leniencies, as most CSV readers have them: a quote inside an unquoted field is kept as
// data; text after a closing quote is appended to the field ("ab"c reads as abc); a lone
// CR is data; blank lines are skipped; a UTF-8 byte order mark before the header is
// dropped. What cannot be read is a CsvError naming the line: a quoted field still open at
// the end of the file, a record longer than the limit, or bytes that are not UTF-8.
#include <cstdint>
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace settlement::load {

struct CsvRecord {
    // The fields, fewer than kMaxStoredFields of them: a line of a million commas must not be
    // a million strings. The ones past that are counted in droppedFields, not kept.
    std::vector<std::string> fields;
    std::size_t droppedFields = 0;
    std::size_t fieldCount() const { return fields.size() + droppedFields; }
    std::uint64_t line = 0;  // 1-based physical line the record starts on
    std::string raw;         // the record as read, without its line ending
};

class CsvError : public std::runtime_error {
public:
    CsvError(std::uint64_t line, const std::string& message)
        : std::runtime_error(message), line_(line) {}
    std::uint64_t line() const { return line_; }

private:
    std::uint64_t line_;
};

class CsvReader {
public:
    static constexpr std::size_t kMaxStoredFields = 1024;
    static constexpr std::size_t kDefaultMaxRecordBytes = 1 << 20;

    explicit CsvReader(std::istream& in, std::size_t maxRecordBytes = kDefaultMaxRecordBytes,
                       std::size_t bufferSize = 1 << 20);

    // Reads the next record into `record` (its storage is reused); false at the end.
    bool next(CsvRecord& record);

    std::uint64_t bytesRead() const { return consumed_; }

private:
    int get();   // next byte, or -1 at the end
    int peek();  // the byte get() would return, without consuming it
    bool fill();
    void checkUtf8(const CsvRecord& record) const;
    [[noreturn]] void tooLong(const CsvRecord& record, bool inQuotes, std::uint64_t quoteLine) const;

    std::istream& in_;
    std::size_t maxRecordBytes_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    bool eof_ = false;
    bool started_ = false;
    std::uint64_t line_ = 1;
    std::uint64_t consumed_ = 0;
};

// Offset of the first byte of `text` that is not valid UTF-8 (overlong forms, surrogates
// and code points above U+10FFFF included), or std::string::npos when it all is.
std::size_t invalidUtf8Offset(const std::string& text);
// The number of code points of valid UTF-8 text.
std::size_t utf8Length(const std::string& text);

}  // namespace settlement::load
