#pragma once
// Writes one CSV file (SPEC §2: comma-separated, RFC 4180 quoting, UTF-8, "\n" line ends)
// through a large buffer of its own, so millions of rows cost few system calls.
// Write errors throw app::JobFailed naming the file.
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace settlement::generate {

class CsvWriter {
public:
    explicit CsvWriter(std::string path, std::size_t bufferBytes = std::size_t(1) << 20);
    ~CsvWriter();
    CsvWriter(const CsvWriter&) = delete;
    CsvWriter& operator=(const CsvWriter&) = delete;

    // The header line; not counted in rows().
    void header(std::initializer_list<std::string_view> names);

    // A text field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
    CsvWriter& text(std::string_view value);
    // A field written as is: the caller knows it needs no quoting (numbers, timestamps).
    CsvWriter& raw(std::string_view value);
    CsvWriter& number(std::int64_t value);
    CsvWriter& number(std::uint64_t value);
    CsvWriter& number(int value) { return number(static_cast<std::int64_t>(value)); }
    CsvWriter& number(std::uint32_t value) { return number(static_cast<std::uint64_t>(value)); }
    void endRow();
    // A whole line as is (with its line end added), e.g. a deliberately malformed one.
    void rawLine(std::string_view line);

    // Flushes and closes; throws when anything failed. The destructor closes silently.
    void close();

    const std::string& path() const { return path_; }
    std::uint64_t rows() const { return rows_; }
    std::uint64_t bytes() const { return bytesFlushed_ + pos_; }

    // `value` as one CSV field.
    static std::string escape(std::string_view value);

private:
    void separator();
    char* reserve(std::size_t n);  // room for n more bytes in the buffer
    void flush();

    std::string path_;
    std::FILE* file_ = nullptr;
    std::vector<char> buffer_;
    std::size_t pos_ = 0;
    std::uint64_t bytesFlushed_ = 0;
    std::uint64_t rows_ = 0;
    bool rowStart_ = true;
};

}  // namespace settlement::generate
