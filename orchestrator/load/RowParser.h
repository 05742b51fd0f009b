#pragma once
// Turns one CSV record of a kind into the values of its stage row. A line that does not
// parse is still staged, with the reason code and a detail, so that the promote procedure
// quarantines it with the rest (SPEC §4); parsing never throws for bad data.
//
// Reason codes set here: wrong_field_count, bad_number, bad_timestamp (the detail names the
// column), text_too_long (a name, title or ip wider than its column), unknown_role.
#include <cstdint>
#include <string>
#include <vector>

#include "load/CsvReader.h"
#include "load/LoadKind.h"

namespace settlement::load {

struct StageValue {
    enum class Type { Null, Number, Text };
    Type type = Type::Null;
    std::string text;  // canonical digits for Number, the value for Text
};

struct StagedRow {
    std::uint64_t line = 0;
    std::vector<StageValue> values;  // one per FieldSpec of the kind, in its order
    std::string error;               // reason code; empty when the line parsed
    std::string detail;
    bool keepRaw = false;            // raw_line is staged (parse errors, catalog rows)
    std::string raw;
};

class RowParser {
public:
    explicit RowParser(const KindInfo& kind) : kind_(kind) {}

    // "" when the header record is exactly the kind's column names, else what is wrong.
    std::string checkHeader(const CsvRecord& header) const;
    // Parses one data record into `row` (its storage is reused).
    void parse(const CsvRecord& record, StagedRow& row) const;

    const KindInfo& kind() const { return kind_; }

private:
    const KindInfo& kind_;
};

// At most maxBytes of UTF-8 text, cut at a character boundary.
std::string truncateUtf8(const std::string& text, std::size_t maxBytes);

}  // namespace settlement::load
