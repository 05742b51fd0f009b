#pragma once
// The Poco side of one request: refuses an oversized one (413) before reading it, reads
// and discards a small body (so the next request on a keep-alive connection starts where
// it should), lets the Router answer, writes the answer, and counts and logs it.
#include <Poco/Net/HTTPRequestHandler.h>

#include "config/Settings.h"
#include "http/MetricsRegistry.h"
#include "http/Router.h"

namespace settlement::http {

class RequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    RequestHandler(const Router& router, MetricsRegistry& metrics, const config::HttpSettings& limits)
        : router_(router), metrics_(metrics), limits_(limits) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    // Nullopt when the request may be answered; else the 413 that refuses it.
    std::optional<Response> refuseOversized(Poco::Net::HTTPServerRequest& request) const;

    const Router& router_;
    MetricsRegistry& metrics_;
    const config::HttpSettings& limits_;
};

}  // namespace settlement::http
