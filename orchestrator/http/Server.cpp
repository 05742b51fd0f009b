#include "http/Server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>

#include <filesystem>
#include <future>
#include <thread>

#include "app/ExitCode.h"
#include "http/RequestHandlerFactory.h"
#include "report/ReadConnection.h"

namespace settlement::http {
namespace {

constexpr int kBacklog = 128;

ReadPool::Factory readConnections(const config::Settings& settings) {
    config::DatabaseSettings db = report::readTarget(settings).db;
    // A statement that hangs must not hold a request thread for ever.
    db.readTimeoutSec = settings.http.dbReadTimeoutSec;
    return [db] { return report::openReadConnection(db); };
}

// The lag bound /readyz applies, when serve reads a replica.
std::optional<int> replicaLagBound(const config::Settings& settings) {
    if (!report::readTarget(settings).replica) return std::nullopt;
    return settings.http.maxReplicaLagSec;
}

void requireFile(const std::string& key, const std::string& path) {
    if (!std::filesystem::is_regular_file(path)) throw app::UsageError(key + ": no such file " + path);
}

}  // namespace

Server::Server(const config::Settings& settings, const std::string& listenAddress)
    : http_(settings.http),
      verifier_(std::make_unique<JwtVerifier>(settings.http)),
      pool_(std::make_unique<ReadPool>(readConnections(settings), settings.http.dbPoolSize,
                                       std::chrono::milliseconds(settings.http.dbPoolWaitMs))),
      reports_(*pool_),
      ops_(*pool_, metrics_, replicaLagBound(settings)),
      dashboard_(settings.http.dashboardDir),
      router_(*verifier_),
      threads_(1, settings.http.threads, 60) {
    addRoutes();
    socket_ = listen(listenAddress);
    url_ = std::string(http_.tlsCert.empty() ? "http://" : "https://") + socket_->address().toString();

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(http_.threads);
    params->setMaxQueued(http_.maxQueued);
    params->setTimeout(Poco::Timespan(http_.readTimeoutSec, 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(http_.keepAliveTimeoutSec, 0));
    params->setMaxKeepAliveRequests(http_.maxKeepAliveRequests);
    params->setServerName("settlement");
    params->setSoftwareVersion("");
    server_ = std::make_unique<Poco::Net::HTTPServer>(new RequestHandlerFactory(router_, metrics_, http_), threads_,
                                                      *socket_, params);
}

Server::~Server() {
    if (server_) server_->stopAll(true);
    threads_.joinAll();
}

void Server::addRoutes() {
    auto bind = [](const auto* object, auto method) {
        return [object, method](const Call& call) { return (object->*method)(call); };
    };
    router_.add("/v1/stats", true, bind(&reports_, &ReportEndpoints::stats));
    router_.add("/v1/top", true, bind(&reports_, &ReportEndpoints::top));
    router_.add("/v1/settlement", true, bind(&reports_, &ReportEndpoints::settlement));
    router_.add("/v1/daily", true, bind(&reports_, &ReportEndpoints::daily));
    router_.add("/v1/jobs", true, bind(&ops_, &OpsEndpoints::jobs));
    router_.add("/healthz", false, bind(&ops_, &OpsEndpoints::healthz));
    router_.add("/readyz", false, bind(&ops_, &OpsEndpoints::readyz));
    router_.add("/metrics", false, bind(&ops_, &OpsEndpoints::metrics));
    router_.add("/", false, bind(&dashboard_, &Dashboard::page));
    router_.addPrefix("/assets/", false, bind(&dashboard_, &Dashboard::asset));
}

std::unique_ptr<Poco::Net::ServerSocket> Server::listen(const std::string& address) {
    Poco::Net::SocketAddress where;
    try {
        where = Poco::Net::SocketAddress(address);
    } catch (const Poco::Exception& e) {
        throw app::UsageError("listen address must be ADDR:PORT (e.g. 127.0.0.1:8080), got '" + address + "' (" +
                              e.displayText() + ")");
    }
    try {
        if (http_.tlsCert.empty()) return std::make_unique<Poco::Net::ServerSocket>(where, kBacklog);
        requireFile("http.tls_cert", http_.tlsCert);
        requireFile("http.tls_key", http_.tlsKey);
        Poco::Net::initializeSSL();
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, http_.tlsKey, http_.tlsCert, "",
                                   Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!MD5:!RC4");
        context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                  Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
        return std::make_unique<Poco::Net::SecureServerSocket>(where, kBacklog, context);
    } catch (const app::Error&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw app::UsageError("cannot listen on " + address + ": " + e.displayText());
    }
}

void Server::start() { server_->start(); }

bool Server::stop() {
    // stopAll(false) waits for each request in flight, then closes its connection; it runs
    // on its own thread so that a request that never ends cannot hold the stop for ever.
    auto done = std::make_shared<std::promise<void>>();
    auto finished = done->get_future();
    server_->stop();   // no more accepts
    socket_->close();  // new connections are refused, not left waiting in the backlog
    std::thread([this, done] {
        server_->stopAll(false);
        threads_.joinAll();
        done->set_value();
    }).detach();
    return finished.wait_for(std::chrono::seconds(http_.shutdownGraceSec)) == std::future_status::ready;
}

}  // namespace settlement::http
