#pragma once
// Renders a report's result set (db::ResultTable) as an aligned table, JSON or CSV
// (SPEC §8). It only formats: every figure comes from the report procedures as it is,
// except that money gets exactly two decimals ("132" -> "132.00"; more decimals are an
// error, never rounded).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/Connection.h"

namespace settlement::report {

enum class Format { Table, Json, Csv };

// "table", "json" or "csv", case-insensitive; nullopt otherwise.
std::optional<Format> parseFormat(std::string_view text);

enum class ColumnKind {
    Integer,  // JSON number, right-aligned
    Money,    // JSON string with two decimals, right-aligned
    Text,     // JSON string, left-aligned
    Boolean,  // 0 or 1 from SQL; JSON true or false, left-aligned
};

struct Column {
    std::string name;
    ColumnKind kind;
};

// What a report looks like: its columns in order, and the words of the table's title and
// footer ("(3 videos)").
struct Layout {
    std::vector<Column> columns;
    std::string title;
    std::string rowNoun = "row";     // singular, "video"
    std::string rowNounPlural = "rows";
};

class Formatter {
public:
    explicit Formatter(Layout layout) : layout_(std::move(layout)) {}

    // Throws app::JobFailed when the result does not have exactly the layout's columns, or
    // a value does not fit its column's kind (a whole number, an amount of money).
    std::string render(const db::ResultTable& result, Format format) const;

    // `[` one object per line `]`, keys in column order; `[]` when there are no rows.
    std::string json(const db::ResultTable& result) const;
    // RFC 4180: header line of column names, CRLF line ends, quotes only where needed.
    std::string csv(const db::ResultTable& result) const;
    // Title line, header, dashes, rows with numbers right-aligned, footer "(n videos)".
    std::string table(const db::ResultTable& result) const;

private:
    // The rows with each value checked and normalised for its column (NULL stays NULL).
    std::vector<db::Row> checkedRows(const db::ResultTable& result) const;

    Layout layout_;
};

// A JSON string literal with its quotes (", \ and control characters escaped; UTF-8 kept).
std::string jsonString(std::string_view text);
// One CSV field, quoted when it holds a comma, a quote, CR or LF (quotes doubled).
std::string csvField(std::string_view text);

}  // namespace settlement::report
