#pragma once
// Applies sql/migrations/V<nnn>__<name>.sql once each, in order, recording a SHA-256 of
// each file in schema_history; then re-creates everything in sql/partitions/ and
// sql/procedures/ (repeatable). Refuses when an applied file was changed or removed.
#include <filesystem>
#include <string>
#include <vector>

#include "db/Connection.h"

namespace settlement::migrate {

struct MigrationFile {
    int version = 0;
    std::string name;  // file name
    std::filesystem::path path;
    std::string checksum;  // SHA-256 hex of the content
};

struct MigrateResult {
    std::vector<std::string> applied;   // versioned files applied now
    int alreadyApplied = 0;
    int repeatable = 0;                 // procedure and partition files re-created
};

// The versioned files of a directory, ascending; throws UsageError on a bad name or a
// repeated version number.
std::vector<MigrationFile> listMigrations(const std::filesystem::path& dir);
std::string sha256Hex(const std::string& content);
std::string readFile(const std::filesystem::path& path);

class Migrator {
public:
    Migrator(db::Connection& connection, std::filesystem::path sqlDir);
    // businessUtcOffset is written to the setting table the first time and must match it
    // afterwards: events already loaded were dated with it.
    MigrateResult migrate(const std::string& businessUtcOffset);

private:
    void checkApplied(const std::vector<MigrationFile>& files);
    void applyRepeatable(MigrateResult& result);
    void reconcileUtcOffset(const std::string& offset);

    db::Connection& db_;
    std::filesystem::path sqlDir_;
};

}  // namespace settlement::migrate
