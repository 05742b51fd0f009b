#include "load/RowParser.h"

#include <charconv>
#include <limits>

#include "util/Date.h"

namespace settlement::load {
namespace {

constexpr std::size_t kMaxRawBytes = 60000;  // raw_line is TEXT (65,535 bytes)
constexpr std::size_t kMaxShownBytes = 60;   // of a bad value, in a detail

// DATETIME holds years 1000..9999; a day of margin keeps every business date valid too.
const std::int64_t kMinMillis = util::parseTimestamp("1000-01-02 00:00:00")->epochMillis;
const std::int64_t kMaxMillis = util::parseTimestamp("9999-12-30 23:59:59.999")->epochMillis;

std::string shown(const std::string& value) {
    std::string cut = truncateUtf8(value, kMaxShownBytes);
    return "'" + cut + (cut.size() < value.size() ? "...'" : "'");
}

const char* const kRoles[] = {"VIEWER", "CREATOR", "ADVERTISER", "ADMIN"};

}  // namespace

std::string truncateUtf8(const std::string& text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return text;
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

std::string RowParser::checkHeader(const CsvRecord& header) const {
    bool same = header.fields.size() == kind_.fields.size();
    for (std::size_t i = 0; same && i < header.fields.size(); ++i)
        same = header.fields[i] == kind_.fields[i].column;
    if (same) return "";
    return "the header must be '" + kind_.header() + "' (" + kind_.name + "), got '" +
           truncateUtf8(header.raw, 200) + "'";
}

void RowParser::parse(const CsvRecord& record, StagedRow& row) const {
    const auto& specs = kind_.fields;
    row.line = record.line;
    row.values.resize(specs.size());
    for (auto& v : row.values) {
        v.type = StageValue::Type::Null;
        v.text.clear();
    }
    row.error.clear();
    row.detail.clear();
    row.raw.clear();
    auto fail = [&](const char* reason, std::string detail) {
        if (!row.error.empty()) return;  // the first problem of the line is its reason
        row.error = reason;
        row.detail = truncateUtf8(detail, 255);
    };

    bool countOk = record.fieldCount() == specs.size();
    if (!countOk)
        fail("wrong_field_count", "expected " + std::to_string(specs.size()) + " fields (" + kind_.header() +
                                      "), got " + std::to_string(record.fieldCount()));
    // With the wrong field count only the leading id is taken, for rejected_record.record_id.
    std::size_t usable = countOk ? specs.size() : (record.fields.empty() ? 0 : 1);

    for (std::size_t i = 0; i < usable; ++i) {
        const FieldSpec& spec = specs[i];
        const std::string& text = record.fields[i];
        StageValue& out = row.values[i];
        const bool report = countOk;  // after a wrong field count, the id is only a bonus
        switch (spec.type) {
            case FieldType::Id: {
                std::uint64_t value = 0;
                auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
                if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
                    if (report)
                        fail("bad_number", spec.column + ": " +
                                               (text.empty() ? std::string("is empty")
                                                             : shown(text) + " is not a whole number from 0 to 18446744073709551615"));
                    break;
                }
                out.type = StageValue::Type::Number;
                out.text = std::to_string(value);
                break;
            }
            case FieldType::Integer: {
                std::int64_t value = 0;
                auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
                if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
                    fail("bad_number", spec.column + ": " +
                                           (text.empty() ? std::string("is empty") : shown(text) + " is not a whole number"));
                    break;
                }
                out.type = StageValue::Type::Number;
                out.text = std::to_string(value);
                break;
            }
            case FieldType::Text: {
                std::size_t chars = utf8Length(text);
                if (chars > spec.maxChars) {
                    fail("text_too_long", spec.column + ": " + std::to_string(chars) + " characters, at most " +
                                              std::to_string(spec.maxChars));
                    break;
                }
                out.type = StageValue::Type::Text;
                out.text = text;
                break;
            }
            case FieldType::Timestamp: {
                auto ts = util::parseTimestamp(text);
                if (!ts) {
                    fail("bad_timestamp", spec.column + ": " +
                                              (text.empty() ? std::string("is empty")
                                                            : shown(text) + " is not 'YYYY-MM-DD HH:MM:SS[.fff][Z]'"));
                    break;
                }
                if (ts->epochMillis < kMinMillis || ts->epochMillis > kMaxMillis) {
                    fail("bad_timestamp", spec.column + ": " + shown(text) + " is outside 1000-01-02 .. 9999-12-30");
                    break;
                }
                out.type = StageValue::Type::Text;
                out.text = util::formatTimestamp(*ts);
                break;
            }
            case FieldType::Role: {
                int index = 0;
                for (int r = 0; r < 4; ++r)
                    if (text == kRoles[r]) index = r + 1;
                if (index == 0) {
                    fail("unknown_role", spec.column + ": " + shown(text) + " is not VIEWER, CREATOR, ADVERTISER or ADMIN");
                    break;
                }
                out.type = StageValue::Type::Number;
                out.text = std::to_string(index);
                break;
            }
        }
    }
    row.keepRaw = kind_.catalog || !row.error.empty();
    if (row.keepRaw) row.raw = truncateUtf8(record.raw, kMaxRawBytes);
}

}  // namespace settlement::load
