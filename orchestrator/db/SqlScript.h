#pragma once
// Splits a versioned migration into statements: a statement ends at a ';' that closes a
// line, outside quotes and comments. Migrations hold plain DDL and DML; routines live one
// per file in sql/procedures/ and are sent whole (no DELIMITER handling anywhere).
#include <optional>
#include <string>
#include <vector>

namespace settlement::db {

std::vector<std::string> splitStatements(const std::string& script);

// For a file holding one CREATE PROCEDURE / FUNCTION / VIEW statement: the kind and name
// of what it creates, e.g. {"PROCEDURE", "aggregate_daily_stats_range"}.
struct RoutineName {
    std::string kind;
    std::string name;
};
std::optional<RoutineName> createdObject(const std::string& statement);

}  // namespace settlement::db
