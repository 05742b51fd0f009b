#pragma once
// Routes a request to its endpoint and turns every failure into its answer (SPEC §10):
// 404 for an unknown path, 405 for a method other than GET, 401 when a /v1/ route gets
// no valid token, 400 for a bad parameter, 403 for what the token may not see, 503 when
// the database cannot answer, 500 for anything else. Knows nothing of sockets, so the
// unit tests drive it directly.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "http/JsonResponse.h"
#include "http/JwtVerifier.h"
#include "http/QueryParameters.h"

namespace settlement::http {

struct Call {
    const QueryParameters& query;
    const Principal* principal;  // nullptr on a public route
    std::string_view path = {};  // the request's path as sent (still %-encoded)
};

using Endpoint = std::function<Response(const Call&)>;

struct Outcome {
    Response response;
    std::string route = "unmatched";  // the matched route's path, for metrics
    std::string subject;              // the token's sub, for the access log
};

class Router {
public:
    explicit Router(const JwtVerifier& verifier) : verifier_(verifier) {}

    void add(std::string path, bool authenticated, Endpoint endpoint);
    // A route for every path that starts with `prefix` ("/assets/"), when no exact route
    // matches; the longest prefix wins. Metrics name it by its prefix, so their labels
    // stay few whatever clients ask for.
    void addPrefix(std::string prefix, bool authenticated, Endpoint endpoint);

    // `target` is the request target as sent (path and query).
    Outcome dispatch(const std::string& method, const std::string& target, const std::string& authorization,
                     std::chrono::system_clock::time_point now) const;

private:
    struct Route {
        std::string path;
        bool authenticated;
        Endpoint endpoint;
        bool prefix = false;
    };
    const Route* find(const std::string& path) const;
    Response answer(const Route& route, const std::string& path, const std::string& rawQuery,
                    const std::string& authorization, std::chrono::system_clock::time_point now,
                    Outcome& outcome) const;

    const JwtVerifier& verifier_;
    std::vector<Route> routes_;
};

}  // namespace settlement::http
