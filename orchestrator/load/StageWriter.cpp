#include "load/StageWriter.h"

namespace settlement::load {
namespace {

// The characters the client library escapes in a string literal.
bool needsEscaping(const std::string& text) {
    for (char c : text)
        if (c == '\'' || c == '\\' || c == '"' || c == '\0' || c == '\n' || c == '\r' || c == '\x1a') return true;
    return false;
}

}  // namespace

StageWriter::StageWriter(db::Connection& db, const KindInfo& kind, std::uint64_t batchId,
                         std::size_t rowsPerStatement, std::size_t bytesPerStatement)
    : db_(db), batch_(std::to_string(batchId)), rowsPerStatement_(rowsPerStatement),
      bytesPerStatement_(bytesPerStatement) {
    prefix_ = "INSERT INTO " + kind.stageTable + " (batch_id, line_no";
    for (const auto& f : kind.fields) prefix_ += ", " + f.stageColumn;
    prefix_ += ", parse_error, parse_detail, raw_line) VALUES ";
    sql_.reserve(bytesPerStatement_ + 64 * 1024);
}

void StageWriter::appendText(const std::string& text) {
    if (needsEscaping(text)) {
        sql_ += db_.quote(text);
    } else {
        sql_ += '\'';
        sql_ += text;
        sql_ += '\'';
    }
}

void StageWriter::add(const StagedRow& row) {
    if (pending_ == 0) sql_ = prefix_;
    else sql_ += ',';
    sql_ += '(';
    sql_ += batch_;
    sql_ += ',';
    sql_ += std::to_string(row.line);
    for (const auto& v : row.values) {
        sql_ += ',';
        switch (v.type) {
            case StageValue::Type::Null: sql_ += "NULL"; break;
            case StageValue::Type::Number: sql_ += v.text; break;
            case StageValue::Type::Text: appendText(v.text); break;
        }
    }
    if (row.error.empty()) {
        sql_ += ",NULL,NULL,";
    } else {
        sql_ += ',';
        appendText(row.error);
        sql_ += ',';
        appendText(row.detail);
        sql_ += ',';
    }
    if (row.keepRaw) appendText(row.raw);
    else sql_ += "NULL";
    sql_ += ')';
    ++pending_;
    ++rows_;
    if (pending_ >= rowsPerStatement_ || sql_.size() >= bytesPerStatement_) flush();
}

void StageWriter::flush() {
    if (pending_ == 0) return;
    db_.update(sql_);
    pending_ = 0;
    sql_.clear();
}

}  // namespace settlement::load
