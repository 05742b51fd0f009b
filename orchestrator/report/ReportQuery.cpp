#include "report/ReportQuery.h"

#include "app/ExitCode.h"

namespace settlement::report {

ReportResult runReport(db::Connection& connection, const Request& request) {
    db::ResultTable span = connection.query(spanStatement(request.span));
    const std::vector<std::string> expected{"from", "to", "complete"};
    if (span.columns != expected || span.rows.size() != 1 || !span.rows[0][0] || !span.rows[0][1])
        throw app::JobFailed("report: report_span did not return one row of from, to, complete");
    const db::Row& row = span.rows[0];
    auto from = util::parseDate(*row[0]);
    auto to = util::parseDate(*row[1]);
    if (!from || !to)
        throw app::JobFailed("report: report_span returned '" + *row[0] + "', '" + *row[1] + "', not two dates");
    ReportResult result;
    result.from = *row[0];
    result.to = *row[1];
    result.complete = row[2] == db::Value("1");
    result.rows = connection.query(callStatement(request, *from, *to));
    return result;
}

std::string defaultTopLimit(db::Connection& connection) {
    connection.execute(kDefaultLimitCall);
    return connection.scalar(kDefaultLimitSelect).value_or("");
}

}  // namespace settlement::report
