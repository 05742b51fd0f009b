#include "report/Formatter.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/ExitCode.h"

namespace settlement::report {
namespace {

bool isDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool isWholeNumber(std::string_view s) {
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    return isDigits(s);
}

// "132" -> "132.00", "132.5" -> "132.50", "132.50" -> "132.50"; nullopt when it is not an
// amount with at most two decimals.
std::optional<std::string> moneyWithTwoDecimals(std::string_view s) {
    std::string_view unsigned_part = s;
    if (!unsigned_part.empty() && unsigned_part.front() == '-') unsigned_part.remove_prefix(1);
    auto dot = unsigned_part.find('.');
    std::string_view whole = unsigned_part.substr(0, dot);
    std::string_view cents = dot == std::string_view::npos ? std::string_view{} : unsigned_part.substr(dot + 1);
    if (!isDigits(whole)) return std::nullopt;
    if (dot != std::string_view::npos && (cents.empty() || cents.size() > 2 || !isDigits(cents)))
        return std::nullopt;
    std::string out(s.substr(0, s.size() - (dot == std::string_view::npos ? 0 : cents.size() + 1)));
    std::string padded(cents);
    padded.resize(2, '0');
    return out + "." + padded;
}

// Display width in columns: UTF-8 code points (continuation bytes do not count).
std::size_t displayWidth(std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(std::string_view s, std::size_t width, bool right) {
    std::size_t w = displayWidth(s);
    std::string fill(w < width ? width - w : 0, ' ');
    return right ? fill + std::string(s) : std::string(s) + fill;
}

std::string columnList(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

std::optional<Format> parseFormat(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "table") return Format::Table;
    if (lower == "json") return Format::Json;
    if (lower == "csv") return Format::Csv;
    return std::nullopt;
}

std::string jsonString(std::string_view text) {
    std::string out = "\"";
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += ch;
                }
        }
    }
    return out + "\"";
}

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

std::vector<db::Row> Formatter::checkedRows(const db::ResultTable& result) const {
    std::vector<std::string> expected;
    for (const auto& c : layout_.columns) expected.push_back(c.name);
    if (result.columns != expected)
        throw app::JobFailed("report: the procedure returned columns (" + columnList(result.columns) +
                             "), expected (" + columnList(expected) + ")");
    std::vector<db::Row> rows;
    rows.reserve(result.rows.size());
    for (std::size_t r = 0; r < result.rows.size(); ++r) {
        db::Row row = result.rows[r];
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (!row[i]) continue;
            const Column& column = layout_.columns[i];
            if (column.kind == ColumnKind::Integer && !isWholeNumber(*row[i]))
                throw app::JobFailed("report: " + column.name + " of row " + std::to_string(r + 1) +
                                     " is not a whole number: '" + *row[i] + "'");
            if (column.kind == ColumnKind::Boolean) {
                if (*row[i] != "0" && *row[i] != "1")
                    throw app::JobFailed("report: " + column.name + " of row " + std::to_string(r + 1) +
                                         " is not 0 or 1: '" + *row[i] + "'");
                row[i] = *row[i] == "1" ? "true" : "false";
            }
            if (column.kind == ColumnKind::Money) {
                auto money = moneyWithTwoDecimals(*row[i]);
                if (!money)
                    throw app::JobFailed("report: " + column.name + " of row " + std::to_string(r + 1) +
                                         " is not an amount with at most two decimals: '" + *row[i] + "'");
                row[i] = *money;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string Formatter::render(const db::ResultTable& result, Format format) const {
    switch (format) {
        case Format::Json: return json(result);
        case Format::Csv: return csv(result);
        case Format::Table: break;
    }
    return table(result);
}

std::string Formatter::json(const db::ResultTable& result) const {
    auto rows = checkedRows(result);
    if (rows.empty()) return "[]\n";
    std::string out = "[\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out += "  {";
        for (std::size_t i = 0; i < layout_.columns.size(); ++i) {
            const Column& column = layout_.columns[i];
            out += (i ? ", " : "") + jsonString(column.name) + ": ";
            const db::Value& v = rows[r][i];
            if (!v) out += "null";
            else if (column.kind == ColumnKind::Integer || column.kind == ColumnKind::Boolean) out += *v;
            else out += jsonString(*v);
        }
        out += r + 1 < rows.size() ? "},\n" : "}\n";
    }
    return out + "]\n";
}

std::string Formatter::csv(const db::ResultTable& result) const {
    auto rows = checkedRows(result);
    std::string out;
    for (std::size_t i = 0; i < layout_.columns.size(); ++i)
        out += (i ? "," : "") + csvField(layout_.columns[i].name);
    out += "\r\n";
    for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csvField(row[i].value_or(""));
        out += "\r\n";
    }
    return out;
}

std::string Formatter::table(const db::ResultTable& result) const {
    auto rows = checkedRows(result);
    const auto& columns = layout_.columns;
    std::vector<std::size_t> widths;
    for (const auto& c : columns) widths.push_back(displayWidth(c.name));
    for (const auto& row : rows)
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(row[i].value_or("")));

    auto line = [&](auto cell) {
        std::string text;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            bool right = columns[i].kind == ColumnKind::Integer || columns[i].kind == ColumnKind::Money;
            text += (i ? "  " : "") + pad(cell(i), widths[i], right);
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        return text + "\n";
    };
    std::string out;
    if (!layout_.title.empty()) out += layout_.title + "\n";
    out += line([&](std::size_t i) { return columns[i].name; });
    out += line([&](std::size_t i) { return std::string(widths[i], '-'); });
    for (const auto& row : rows) out += line([&](std::size_t i) { return row[i].value_or(""); });
    out += "(" + std::to_string(rows.size()) + " " +
           (rows.size() == 1 ? layout_.rowNoun : layout_.rowNounPlural) + ")\n";
    return out;
}

}  // namespace settlement::report
