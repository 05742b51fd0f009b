#include "http/OpsEndpoints.h"

#include <spdlog/spdlog.h>

#include "db/DatabaseError.h"
#include "http/HttpError.h"
#include "http/ParameterError.h"
#include "http/SpanParser.h"
#include "report/Formatter.h"
#include "replication/ReplicaLag.h"
#include "report/Reports.h"

namespace settlement::http {
namespace {

// What /metrics reports from the database: the job's state, and the replica's lag when
// serve reads a replica; the facts are absent when the database did not answer.
std::optional<JobFacts> readDatabaseFacts(ReadPool& pool, bool replica, std::optional<replication::ReplicaLag>& lag) {
    try {
        std::optional<JobFacts> facts;
        pool.withConnection([&](db::Connection& connection) {
            if (replica) lag = replication::measureReplicaLag(connection);
            auto table = connection.query("CALL report_job_facts()");
            if (table.rows.size() != 1 || table.rows[0].size() != 4) return;
            const db::Row& row = table.rows[0];
            JobFacts f;
            f.lastCompletedDate = row[0];
            f.staleDates = row[1] ? std::stoll(*row[1]) : 0;
            if (row[2]) f.lastRunMs = std::stoll(*row[2]);
            f.lastRunState = row[3];
            facts = f;
        });
        return facts;
    } catch (const db::DatabaseError& e) {
        spdlog::warn("http /metrics: the database did not answer (MySQL error {})", e.mysqlCode());
    } catch (const std::exception& e) {
        spdlog::warn("http /metrics: the database did not answer ({})", e.what());
    }
    lag.reset();
    return std::nullopt;
}

}  // namespace

Response OpsEndpoints::healthz(const Call& call) const {
    call.query.allowOnly({});
    return jsonResponse(200, "{\"status\": \"ok\"}\n");
}

Response OpsEndpoints::readyz(const Call& call) const {
    call.query.allowOnly({});
    std::optional<replication::ReplicaLag> lag;
    try {
        pool_.withConnection([&](db::Connection& connection) {
            connection.execute("DO 1");
            if (maxReplicaLagSec_) lag = replication::measureReplicaLag(connection);
        });
    } catch (const PoolExhausted&) {
        return errorResponse(503, "not ready: no database connection was free in time");
    } catch (const db::DatabaseError& e) {
        return errorResponse(503, "not ready: the database does not answer (MySQL error " +
                                      std::to_string(e.mysqlCode()) + ")");
    }
    if (!lag) return jsonResponse(200, "{\"status\": \"ready\"}\n");
    // A replica further behind than allowed would answer with figures older than the
    // primary's: take this instance out until it catches up.
    if (lag->tooFar(*maxReplicaLagSec_))
        return jsonResponse(503, "{\"error\": " + report::jsonString("not ready: " + lag->whyTooFar(*maxReplicaLagSec_)) +
                                     ", \"replica_lag_seconds\": " + lag->json() + "}\n");
    return jsonResponse(200, "{\"status\": \"ready\", \"replica_lag_seconds\": " + lag->json() + "}\n");
}

Response OpsEndpoints::metrics(const Call& call) const {
    call.query.allowOnly({});
    Response r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    std::optional<replication::ReplicaLag> lag;
    auto facts = readDatabaseFacts(pool_, maxReplicaLagSec_.has_value(), lag);
    r.body = metrics_.render(pool_.stats(), facts, lag);
    return r;
}

Response OpsEndpoints::jobs(const Call& call) const {
    if (!call.principal->seesEverything()) throw HttpError(403, "job runs are for admin and finance tokens");
    call.query.allowOnly({"date", "limit"});
    std::string date = "NULL";
    if (call.query.has("date")) date = "'" + util::formatDate(parseDateParameter("date", call.query.get("date"))) + "'";
    auto limit = call.query.intIn("limit", 1, 1000);
    if (limit && date != "NULL") throw ParameterError("limit", "cannot be combined with date: give one");
    Response response;
    pool_.withConnection([&](db::Connection& connection) {
        auto rows = connection.query("CALL report_job_runs(" + date + ", " + std::to_string(limit.value_or(30)) + ")");
        response = jsonResponse(200, rowsBody(rows, report::jobRunsLayout()));
    });
    return response;
}

}  // namespace settlement::http
