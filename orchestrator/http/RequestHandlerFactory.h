#pragma once
// Poco asks this for a handler per request; every handler shares the router, the metrics
// and the limits, which outlive the server.
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "http/RequestHandler.h"

namespace settlement::http {

class RequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    RequestHandlerFactory(const Router& router, MetricsRegistry& metrics, const config::HttpSettings& limits)
        : router_(router), metrics_(metrics), limits_(limits) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new RequestHandler(router_, metrics_, limits_);
    }

private:
    const Router& router_;
    MetricsRegistry& metrics_;
    const config::HttpSettings& limits_;
};

}  // namespace settlement::http
