#include "migrate/Migrator.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/ExitCode.h"
#include "db/SqlScript.h"

namespace settlement::migrate {
namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw app::UsageError("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string sha256Hex(const std::string& content) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(content);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::vector<MigrationFile> listMigrations(const fs::path& dir) {
    if (!fs::is_directory(dir))
        throw app::UsageError("migrations directory not found: " + dir.string() +
                              " (set sql.dir in the config)");
    static const std::regex pattern(R"(V(\d+)__[A-Za-z0-9_]+\.sql)");
    std::vector<MigrationFile> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::string name = entry.path().filename().string();
        std::smatch m;
        if (!std::regex_match(name, m, pattern))
            throw app::UsageError("migration file name must be V<number>__<name>.sql: " +
                                  entry.path().string());
        files.push_back({std::stoi(m[1]), name, entry.path(), sha256Hex(readFile(entry.path()))});
    }
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < files.size(); ++i)
        if (files[i].version == files[i - 1].version)
            throw app::UsageError("two migrations have version " + std::to_string(files[i].version) +
                                  ": " + files[i - 1].name + " and " + files[i].name);
    return files;
}

Migrator::Migrator(db::Connection& connection, fs::path sqlDir)
    : db_(connection), sqlDir_(std::move(sqlDir)) {}

std::string lockNameSql(const std::string& scope) {
    return "CONCAT('settlement.', LEFT(SHA2(DATABASE(), 256), 12), '." + scope + "')";
}

MigrateResult Migrator::migrate(const config::Settings& settings) {
    auto files = listMigrations(sqlDir_ / "migrations");
    // Two migrates at once would apply a file twice; the lock dies with its session.
    if (db_.scalar("SELECT GET_LOCK(" + lockNameSql("migrate") + ", 60)") != std::optional<std::string>("1"))
        throw app::TemporaryFailure("another migrate holds the lock on " + db_.settings().describe());
    // Never change the schema or a routine under a run: its steps hold the daily job's lock.
    int wait = settings.run.jobLockWaitSec;
    if (db_.scalar("SELECT GET_LOCK(" + lockNameSql("daily.job") + ", " + std::to_string(wait) + ")") !=
        std::optional<std::string>("1"))
        throw app::TemporaryFailure("a run has held the daily job for more than " + std::to_string(wait) +
                                    " s (run.job_lock_wait_sec); migrate changed nothing, try again later");
    db_.execute(
        "CREATE TABLE IF NOT EXISTS schema_history ("
        " version INT NOT NULL PRIMARY KEY, file_name VARCHAR(255) NOT NULL,"
        " checksum CHAR(64) NOT NULL, applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),"
        " execution_ms BIGINT NOT NULL) ENGINE=InnoDB"
        " COMMENT='Versioned migrations applied by settlement migrate'");
    db_.execute(
        "CREATE TABLE IF NOT EXISTS schema_routine ("
        " name VARCHAR(64) NOT NULL PRIMARY KEY, kind VARCHAR(16) NOT NULL, file_name VARCHAR(255) NOT NULL,"
        " checksum CHAR(64) NOT NULL, created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB"
        " COMMENT='Routines settlement migrate created from sql/procedures and sql/partitions, by checksum'");
    checkApplied(files);

    MigrateResult result;
    auto applied = db_.query("SELECT version FROM schema_history");
    std::vector<int> done;
    for (const auto& row : applied.rows) done.push_back(std::stoi(*row[0]));
    for (const auto& file : files) {
        if (std::find(done.begin(), done.end(), file.version) != done.end()) {
            ++result.alreadyApplied;
            continue;
        }
        spdlog::info("migrate: applying {}", file.name);
        auto start = std::chrono::steady_clock::now();
        db_.executeScript(readFile(file.path));
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start).count();
        db_.execute("INSERT INTO schema_history (version, file_name, checksum, execution_ms) VALUES (" +
                    std::to_string(file.version) + ", " + db_.quote(file.name) + ", " +
                    db_.quote(file.checksum) + ", " + std::to_string(ms) + ")");
        result.applied.push_back(file.name);
    }
    reconcileUtcOffset(settings.utcOffset);
    writeSetting("load.earliest_date", settings.load.earliestDate);
    writeSetting("load.max_days_ahead", std::to_string(settings.load.maxDaysAhead));
    applyRepeatable(result);
    db_.execute("DO RELEASE_LOCK(" + lockNameSql("daily.job") + ")");
    db_.execute("DO RELEASE_LOCK(" + lockNameSql("migrate") + ")");
    return result;
}

void Migrator::writeSetting(const std::string& name, const std::string& value) {
    db_.execute("UPDATE setting SET value = " + db_.quote(value) + " WHERE name = " + db_.quote(name));
}

void Migrator::checkApplied(const std::vector<MigrationFile>& files) {
    std::map<int, const MigrationFile*> byVersion;
    for (const auto& f : files) byVersion[f.version] = &f;
    auto applied = db_.query("SELECT version, file_name, checksum FROM schema_history ORDER BY version");
    for (const auto& row : applied.rows) {
        int version = std::stoi(*row[0]);
        auto it = byVersion.find(version);
        if (it == byVersion.end())
            throw app::UsageError("migration " + *row[1] + " was applied but its file is gone from " +
                                  (sqlDir_ / "migrations").string() + "; restore it");
        if (it->second->checksum != *row[2])
            throw app::UsageError("migration " + it->second->path.string() +
                                  " was changed after it was applied (checksum " +
                                  row[2]->substr(0, 12) + "... recorded, " +
                                  it->second->checksum.substr(0, 12) +
                                  "... now); restore it and put the change in a new migration");
    }
}

void Migrator::reconcileUtcOffset(const std::string& offset) {
    auto stored = db_.scalar("SELECT value FROM setting WHERE name = 'business.utc_offset'");
    bool anyEvents = db_.scalar("SELECT EXISTS(SELECT 1 FROM view_log) OR EXISTS(SELECT 1 FROM ad_view_log)") == std::optional<std::string>("1");
    if (stored && *stored != offset && anyEvents)
        throw app::UsageError("config business.utc_offset is " + offset +
                              " but the database's events were dated with " + *stored +
                              "; the business time zone cannot change once events are loaded");
    db_.execute("UPDATE setting SET value = " + db_.quote(offset) +
                " WHERE name = 'business.utc_offset'");
}

void Migrator::applyRepeatable(MigrateResult& result) {
    std::map<std::string, std::string> recorded;  // name -> checksum
    for (const auto& row : db_.query("SELECT name, checksum FROM schema_routine").rows) recorded[*row[0]] = *row[1];
    std::set<std::string> existing;
    for (const auto& row : db_.query("SELECT ROUTINE_NAME FROM information_schema.ROUTINES"
                                     " WHERE ROUTINE_SCHEMA = DATABASE()").rows)
        existing.insert(*row[0]);

    std::set<std::string> inFiles;
    for (const char* folder : {"partitions", "procedures"}) {
        fs::path dir = sqlDir_ / folder;
        if (!fs::is_directory(dir)) continue;
        std::vector<fs::path> paths;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".sql") paths.push_back(e.path());
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths) {
            std::string statement = readFile(p);
            auto object = db::createdObject(statement);
            if (!object || object->kind != "PROCEDURE")
                throw app::UsageError(p.string() + " must hold one CREATE PROCEDURE statement (no stored functions: "
                                      "a binlogged primary would need SUPER to create them)");
            inFiles.insert(object->name);
            std::string checksum = sha256Hex(statement);
            // An unchanged routine is left alone: nothing that calls it sees it vanish.
            if (recorded.count(object->name) && recorded[object->name] == checksum && existing.count(object->name)) {
                spdlog::debug("migrate: procedure {} unchanged", object->name);
                continue;
            }
            spdlog::debug("migrate: procedure {} created from {}", object->name, p.filename().string());
            replaceProcedure(object->name, statement, existing.count(object->name) > 0);
            db_.execute("REPLACE INTO schema_routine (name, kind, file_name, checksum) VALUES (" +
                        db_.quote(object->name) + ", 'PROCEDURE', " + db_.quote(p.filename().string()) + ", " +
                        db_.quote(checksum) + ")");
            ++result.repeatable;
        }
    }
    // Routines this program created whose file is gone.
    for (const auto& [name, checksum] : recorded) {
        if (inFiles.count(name)) continue;
        spdlog::info("migrate: dropping procedure {} (its file is gone)", name);
        db_.execute("DROP PROCEDURE IF EXISTS `" + name + "`");
        db_.execute("DELETE FROM schema_routine WHERE name = " + db_.quote(name));
    }
}

void Migrator::replaceProcedure(const std::string& name, const std::string& statement, bool exists) {
    // MySQL 8 has no CREATE OR REPLACE PROCEDURE: keep the old definition to put back when
    // the new one is refused, so a failed migrate leaves every routine in place.
    std::optional<std::string> previous;
    if (exists) {
        auto shown = db_.query("SHOW CREATE PROCEDURE `" + name + "`");
        for (std::size_t c = 0; c < shown.columns.size(); ++c)
            if (shown.columns[c] == "Create Procedure" && !shown.rows.empty()) previous = shown.rows.front()[c];
        db_.execute("DROP PROCEDURE `" + name + "`");
    }
    try {
        db_.execute(statement);
    } catch (...) {
        if (previous) {
            try {
                db_.execute(*previous);
            } catch (const std::exception& e) {
                spdlog::error("migrate: could not put back the previous {}: {}", name, e.what());
            }
        }
        throw;
    }
}

}  // namespace settlement::migrate
