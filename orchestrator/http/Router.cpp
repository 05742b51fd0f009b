#include "http/Router.h"

#include <spdlog/spdlog.h>

#include "db/DatabaseError.h"
#include "http/HttpError.h"
#include "http/ParameterError.h"
#include "http/ReadPool.h"

namespace settlement::http {

void Router::add(std::string path, bool authenticated, Endpoint endpoint) {
    routes_.push_back(Route{std::move(path), authenticated, std::move(endpoint)});
}

void Router::addPrefix(std::string prefix, bool authenticated, Endpoint endpoint) {
    routes_.push_back(Route{std::move(prefix), authenticated, std::move(endpoint), true});
}

const Router::Route* Router::find(const std::string& path) const {
    const Route* best = nullptr;
    for (const auto& r : routes_) {
        if (!r.prefix && r.path == path) return &r;
        if (r.prefix && path.starts_with(r.path) && (!best || r.path.size() > best->path.size())) best = &r;
    }
    return best;
}

Outcome Router::dispatch(const std::string& method, const std::string& target, const std::string& authorization,
                         std::chrono::system_clock::time_point now) const {
    Outcome outcome;
    auto question = target.find('?');
    std::string path = target.substr(0, question);
    std::string rawQuery = question == std::string::npos ? "" : target.substr(question + 1);
    const Route* route = find(path);
    if (!route) {
        outcome.response = errorResponse(404, "no such path; the API serves /v1/stats, /v1/top, /v1/settlement, "
                                              "/v1/daily, /v1/jobs, /healthz, /readyz and /metrics, and / is "
                                              "the dashboard");
        return outcome;
    }
    outcome.route = route->path;
    if (method != "GET") {
        outcome.response = errorResponse(405, "method " + std::string(method.size() <= 16 ? method : "") +
                                                  " is not allowed; every endpoint answers GET");
        outcome.response.headers.emplace_back("Allow", "GET");
        return outcome;
    }
    outcome.response = answer(*route, path, rawQuery, authorization, now, outcome);
    return outcome;
}

Response Router::answer(const Route& route, const std::string& path, const std::string& rawQuery,
                        const std::string& authorization, std::chrono::system_clock::time_point now,
                        Outcome& outcome) const {
    try {
        std::optional<Principal> principal;
        if (route.authenticated) {
            principal = verifier_.verify(authorization, now);
            outcome.subject = principal->subject;
        }
        QueryParameters query = QueryParameters::parse(rawQuery);
        return route.endpoint(Call{query, principal ? &*principal : nullptr, path});
    } catch (const HttpError& e) {
        Response r = errorResponse(e.status(), e.what());
        if (e.status() == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return r;
    } catch (const ParameterError& e) {
        return errorResponse(400, "parameter " + e.name() + " " + e.what());
    } catch (const PoolExhausted& e) {
        spdlog::warn("http {}: {}", route.path, e.what());
        return errorResponse(503, "the database is busy: no connection was free in time; try again");
    } catch (const db::DatabaseError& e) {
        // The message may hold SQL text: the log gets the error number, the client a reason.
        if (db::isUnreachable(e.mysqlCode())) {
            spdlog::warn("http {}: database unreachable (MySQL error {})", route.path, e.mysqlCode());
            return errorResponse(503, "the database is unreachable; try again");
        }
        spdlog::error("http {}: MySQL error {} (SQLSTATE {})", route.path, e.mysqlCode(), e.sqlState());
        return errorResponse(500, "internal error (MySQL error " + std::to_string(e.mysqlCode()) + ")");
    } catch (const std::exception& e) {
        spdlog::error("http {}: {}", route.path, e.what());
        return errorResponse(500, "internal error");
    }
}

}  // namespace settlement::http
