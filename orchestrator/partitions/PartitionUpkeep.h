#pragma once
// Partition upkeep of the log tables: thin calls of the sql/partitions/ procedures, which
// hold all the rules (the layout of day and gap partitions, when a partition may be split,
// which days may be dropped).
#include <optional>
#include <string>
#include <vector>

#include "util/Date.h"

namespace settlement::db { class Connection; }

namespace settlement::partitions {

// One row of check_log_partitions.
struct Problem {
    std::string table;
    std::string problem;    // MISSING_DAYS, ROWS_IN_CATCH_ALL, NOT_DAILY, ARCHIVE_INTERRUPTED, LAYOUT
    std::string firstDay;   // "" when not applicable
    std::string lastDay;
    std::string partition;
    std::string detail;
};

// One row of drop_log_partitions.
struct DropDay {
    std::string date;       // "" for a NOT_MERGED row
    bool hasLogs = false;
    std::string runState;   // "" when the day was never run
    std::string action;     // DROPPED, ARCHIVED, EMPTY, REFUSED, NOT_MERGED, WOULD_DROP, WOULD_ARCHIVE
    std::string detail;
};

class PartitionUpkeep {
public:
    explicit PartitionUpkeep(db::Connection& connection) : db_(connection) {}

    // CALL ensure_log_partitions(from, to); returns the procedure's notice (days it could not
    // add because the catch-all or gap around them holds rows), nullopt when every day is there.
    std::optional<std::string> ensure(util::Date from, util::Date to);
    std::vector<Problem> check(util::Date today, int daysAhead);
    std::vector<DropDay> drop(util::Date before, bool archive, bool dryRun);

private:
    db::Connection& db_;
};

}  // namespace settlement::partitions
