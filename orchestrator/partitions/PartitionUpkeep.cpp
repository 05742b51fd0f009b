#include "partitions/PartitionUpkeep.h"

#include "app/ExitCode.h"
#include "db/Connection.h"
#include "db/DatabaseError.h"

namespace settlement::partitions {
namespace {

std::string text(const db::Value& v) { return v ? *v : std::string(); }

std::string quoted(util::Date d) { return "'" + util::formatDate(d) + "'"; }

// Another session holding the partitions lock, or a log table's metadata lock past
// partitions.ddl_lock_wait_sec (1205), is temporary: exit 75, cron tries again.
[[noreturn]] void raise(const db::DatabaseError& e) {
    std::string what = e.what();
    if (e.mysqlCode() == 1205 || what.find("another session held lock") != std::string::npos)
        throw app::TemporaryFailure(what);
    throw e;
}

}  // namespace

std::optional<std::string> PartitionUpkeep::ensure(util::Date from, util::Date to) {
    try {
        db_.execute("CALL ensure_log_partitions(" + quoted(from) + ", " + quoted(to) + ")");
        return db_.scalar("SELECT @ensure_log_partitions_notice");
    } catch (const db::DatabaseError& e) {
        raise(e);
    }
}

std::vector<Problem> PartitionUpkeep::check(util::Date today, int daysAhead) {
    db::ResultTable result;
    try {
        result = db_.query("CALL check_log_partitions(" + quoted(today) + ", " + std::to_string(daysAhead) + ")");
    } catch (const db::DatabaseError& e) {
        raise(e);
    }
    std::vector<Problem> problems;
    for (const auto& r : result.rows)
        problems.push_back({text(r[0]), text(r[1]), text(r[2]), text(r[3]), text(r[4]), text(r[5])});
    return problems;
}

std::vector<DropDay> PartitionUpkeep::drop(util::Date before, bool archive, bool dryRun) {
    db::ResultTable result;
    try {
        result = db_.query("CALL drop_log_partitions(" + quoted(before) + ", " + (archive ? "TRUE" : "FALSE") +
                           ", " + (dryRun ? "TRUE" : "FALSE") + ")");
    } catch (const db::DatabaseError& e) {
        raise(e);
    }
    std::vector<DropDay> days;
    for (const auto& r : result.rows)
        days.push_back({text(r[0]), text(r[1]) == "1", text(r[2]), text(r[3]), text(r[4])});
    return days;
}

}  // namespace settlement::partitions
