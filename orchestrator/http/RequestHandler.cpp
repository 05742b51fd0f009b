#include "http/RequestHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <istream>

#include "http/AccessLog.h"

namespace settlement::http {

std::optional<Response> RequestHandler::refuseOversized(Poco::Net::HTTPServerRequest& request) const {
    auto limit = static_cast<std::streamsize>(limits_.maxBodyBytes);
    if (request.getURI().size() > static_cast<std::size_t>(limits_.maxUriBytes))
        return errorResponse(413, "the request target is longer than " + std::to_string(limits_.maxUriBytes) + " bytes");
    if (request.hasContentLength() && request.getContentLength64() > limit)
        return errorResponse(413, "the request body is larger than " + std::to_string(limit) + " bytes");
    // HTTP/1.1: without Content-Length or chunked encoding a request has no body.
    if (!request.hasContentLength() && !request.getChunkedTransferEncoding()) return std::nullopt;
    // Read what there is (chunked bodies have no length up front), but never more than the limit.
    std::istream& body = request.stream();
    char buffer[4096];
    std::streamsize total = 0;
    while (body.read(buffer, sizeof buffer) || body.gcount() > 0) {
        total += body.gcount();
        if (total > limit)
            return errorResponse(413, "the request body is larger than " + std::to_string(limit) + " bytes");
    }
    return std::nullopt;
}

void RequestHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    auto started = std::chrono::steady_clock::now();
    metrics_.started();
    Outcome outcome;
    if (auto refusal = refuseOversized(request)) {
        outcome.response = *refusal;
        response.setKeepAlive(false);  // the rest of the body is never read
    } else {
        outcome = router_.dispatch(request.getMethod(), request.getURI(), request.get("Authorization", ""),
                                   std::chrono::system_clock::now());
    }
    try {
        send(response, outcome.response);
    } catch (const std::exception& e) {
        spdlog::debug("http: the client went away before the answer was sent ({})", e.what());
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    metrics_.observe(outcome.route, outcome.response.status, elapsed.count());
    metrics_.finished();
    logAccess(request.getMethod(), request.getURI(), outcome.response.status, elapsed.count() * 1000.0,
              outcome.subject);
}

}  // namespace settlement::http
