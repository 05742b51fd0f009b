#pragma once
// Runs a report on a read connection: report_span first (the span's first and last day,
// and whether its days are complete), then the report's procedure over those days.
// `settlement report` and `settlement serve` both go through here, so they call the same
// procedures with the same arguments.
#include <string>

#include "db/Connection.h"
#include "report/Reports.h"

namespace settlement::report {

struct ReportResult {
    std::string from;       // YYYY-MM-DD, the span's first day
    std::string to;         // its last day
    bool complete = false;  // every day up to yesterday has a completed, non-stale run
    db::ResultTable rows;   // the procedure's result set, as it came
};

// Throws db::DatabaseError from the procedures, app::JobFailed when report_span's answer
// is not the row it promises.
ReportResult runReport(db::Connection& connection, const Request& request);

// The Top-N size in effect when a request gives none (setting ranking.default_limit).
std::string defaultTopLimit(db::Connection& connection);

}  // namespace settlement::report
