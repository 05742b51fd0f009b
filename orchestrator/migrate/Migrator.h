#pragma once
// Applies sql/migrations/V<nnn>__<name>.sql once each, in order, recording a SHA-256 of
// each file in schema_history; then creates the procedures of sql/partitions/ and
// sql/procedures/ (repeatable) whose file changed since the last migrate (schema_routine),
// and drops those whose file is gone. Refuses when an applied file was changed or removed.
// Holds the daily job's lock throughout, so it never changes anything under a run.
#include <filesystem>
#include <string>
#include <vector>

#include "config/Settings.h"
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
    int repeatable = 0;                 // procedure and partition files (re-)created
};

// The versioned files of a directory, ascending; throws UsageError on a bad name or a
// repeated version number.
std::vector<MigrationFile> listMigrations(const std::filesystem::path& dir);
std::string sha256Hex(const std::string& content);
std::string readFile(const std::filesystem::path& path);
// The SQL expression of lock_name(scope) (sql/procedures/lock_name.sql), for migrate, which
// needs its locks before that procedure exists.
std::string lockNameSql(const std::string& scope);

class Migrator {
public:
    Migrator(db::Connection& connection, std::filesystem::path sqlDir);
    // business.utc_offset is written to the setting table the first time and must match it
    // afterwards (events already loaded were dated with it); the load.* window is written
    // every time. Waits up to run.job_lock_wait_sec for a run to finish, else exits 75.
    MigrateResult migrate(const config::Settings& settings);

private:
    void checkApplied(const std::vector<MigrationFile>& files);
    void applyRepeatable(MigrateResult& result);
    void replaceProcedure(const std::string& name, const std::string& statement, bool exists);
    void reconcileUtcOffset(const std::string& offset);
    void writeSetting(const std::string& name, const std::string& value);

    db::Connection& db_;
    std::filesystem::path sqlDir_;
};

}  // namespace settlement::migrate
