#pragma once
// `settlement serve` put together: the read pool, the token verifier, the endpoints and
// their routes, the dashboard, and Poco's HTTPServer on a bounded thread pool, with keep-alive, read
// timeouts, a bounded accept queue and HTTPS when http.tls_cert/http.tls_key are set.
#include <Poco/ThreadPool.h>

#include <memory>
#include <string>

#include "config/Settings.h"
#include "http/Dashboard.h"
#include "http/JwtVerifier.h"
#include "http/MetricsRegistry.h"
#include "http/OpsEndpoints.h"
#include "http/ReadPool.h"
#include "http/ReportEndpoints.h"
#include "http/Router.h"

namespace Poco::Net { class HTTPServer; class ServerSocket; }

namespace settlement::http {

class Server {
public:
    // Binds `listen` (ADDR:PORT; port 0 picks a free one). Throws app::UsageError for a bad
    // address, a port in use, a bad token key or secret, or unreadable TLS files. Does not
    // need the database: /readyz says when it answers.
    Server(const config::Settings& settings, const std::string& listen);
    ~Server();

    void start();
    // Stops accepting, lets the requests in flight finish (at most http.shutdown_grace_sec)
    // and closes idle keep-alive connections. False when requests were still running.
    bool stop();

    // "http://127.0.0.1:8080" (or https), with the port actually bound.
    const std::string& url() const { return url_; }
    const JwtVerifier& verifier() const { return *verifier_; }
    const Dashboard& dashboard() const { return dashboard_; }

private:
    std::unique_ptr<Poco::Net::ServerSocket> listen(const std::string& address);
    void addRoutes();

    config::HttpSettings http_;
    std::unique_ptr<JwtVerifier> verifier_;
    std::unique_ptr<ReadPool> pool_;
    MetricsRegistry metrics_;
    ReportEndpoints reports_;
    OpsEndpoints ops_;
    Dashboard dashboard_;
    Router router_;
    Poco::ThreadPool threads_;
    std::unique_ptr<Poco::Net::ServerSocket> socket_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    std::string url_;
};

}  // namespace settlement::http
