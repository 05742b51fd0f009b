// The server side of `settlement serve` over real sockets (SPEC §10): health, readiness,
// metrics, 404/405/413/400, secrets kept out of answers and logs, the read pool (bounded
// wait, reconnection), a database that is down, graceful stop on SIGTERM, HTTPS.
#include <gtest/gtest.h>
#include <signal.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <cmath>
#include <future>
#include <regex>
#include <thread>

#include "support/ApiFixture.h"
#include "support/HttpClient.h"
#include "support/PrometheusText.h"
#include "support/ServeProcess.h"
#include "support/TestTokens.h"

using namespace settlement::test;
using namespace std::chrono_literals;

namespace {

const std::string kWeek = "/v1/settlement?period=week&date=2026-03-10";

std::unique_ptr<TestDatabase> seeded(const std::string& name) {
    auto db = std::make_unique<TestDatabase>("t_api_" + name);
    seedApiFixture(*db);
    return db;
}

std::vector<std::string> withConfig(const std::string& properties) {
    return {"--config", writeTempFile("serve.properties", properties)};
}

// Waits until `count` sessions of the database wait for a table lock.
bool waitForLockWaiters(TestDatabase& db, int count) {
    for (int i = 0; i < 500; ++i) {
        if (db.count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + db.name() +
                     "' AND STATE LIKE 'Waiting for table%'") >= count)
            return true;
        std::this_thread::sleep_for(20ms);
    }
    return false;
}

}  // namespace

TEST(ServeOps, HealthReadinessAndMetricsInPrometheusText) {
    auto db = seeded("metrics");
    ServeProcess serve(*db, jwtEnv());
    ASSERT_TRUE(serve.listening()) << serve.log();
    auto health = httpGet(serve.port(), "/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body, "{\"status\": \"ok\"}\n");
    auto ready = httpGet(serve.port(), "/readyz");
    EXPECT_EQ(ready.status, 200) << ready.body;
    std::string token = issueToken(*db, "finance");
    for (int i = 0; i < 3; ++i) EXPECT_EQ(httpGet(serve.port(), kWeek, token).status, 200);
    EXPECT_EQ(httpGet(serve.port(), kWeek).status, 401);
    EXPECT_EQ(httpGet(serve.port(), "/nowhere").status, 404);

    auto metrics = httpGet(serve.port(), "/metrics");
    ASSERT_EQ(metrics.status, 200);
    EXPECT_EQ(metrics.headers["Content-Type"], "text/plain; version=0.0.4; charset=utf-8");
    auto e = parsePrometheusText(metrics.body);
    EXPECT_TRUE(e.errors.empty()) << ::testing::PrintToString(e.errors) << metrics.body;
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "/v1/settlement"}, {"status", "200"}}), 3);
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "/v1/settlement"}, {"status", "401"}}), 1);
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "unmatched"}, {"status", "404"}}), 1);
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "/healthz"}, {"status", "200"}}), 1);
    EXPECT_EQ(e.value("settlement_http_request_duration_seconds_count", {{"path", "/v1/settlement"}}), 4);
    EXPECT_EQ(e.value("settlement_database_up"), 1);
    EXPECT_EQ(e.value("settlement_last_completed_date_timestamp_seconds"), 1773532800);  // 2026-03-15T00:00Z
    EXPECT_EQ(e.value("settlement_stale_dates"), 0);
    EXPECT_EQ(e.value("settlement_last_run_success"), 1);
    EXPECT_GE(e.value("settlement_last_run_duration_seconds"), 0);
    EXPECT_EQ(e.value("settlement_db_pool_size"), 8);
    EXPECT_GE(e.value("settlement_db_pool_connections_open"), 1);
    EXPECT_EQ(e.value("settlement_db_pool_connections_in_use"), 0);
    EXPECT_EQ(e.value("settlement_http_requests_in_flight"), 1);  // the scrape itself

    db->sql().execute("INSERT INTO stale_date (business_date) VALUES ('2026-03-10'), ('2026-03-11')");
    auto stale = parsePrometheusText(httpGet(serve.port(), "/metrics").body);
    EXPECT_EQ(stale.value("settlement_stale_dates"), 2);
}

TEST(ServeOps, UnknownPathsOtherMethodsAndOversizedRequests) {
    auto db = seeded("statuses");
    ServeProcess serve(*db, jwtEnv());
    ASSERT_TRUE(serve.listening()) << serve.log();
    std::string token = issueToken(*db, "admin");
    // ("/" is the dashboard: test_serve_dashboard.cpp.)
    for (const char* path : {"/v1", "/v1/stats/", "/v1/statistics", "/admin", "/v1/../healthz", "/assets"}) {
        auto a = httpGet(serve.port(), path, token);
        EXPECT_EQ(a.status, 404) << path;
        EXPECT_EQ(a.body.rfind("{\"error\": \"no such path", 0), 0u) << a.body;
    }
    for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
        auto a = httpGet(serve.port(), "/v1/stats?period=day&date=2026-03-10", token, method);
        EXPECT_EQ(a.status, 405) << method;
        EXPECT_EQ(a.headers["Allow"], "GET");
        EXPECT_EQ(a.body, "{\"error\": \"method " + std::string(method) + " is not allowed; every endpoint answers GET\"}\n");
    }
    // A body larger than http.max_body_bytes (8192), announced or chunked, and a long target: 413.
    auto announced = rawRequest(serve.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
    EXPECT_EQ(announced.status, 413);
    EXPECT_NE(announced.body.find("larger than 8192 bytes"), std::string::npos) << announced.body;
    std::string chunk(4000, 'x');
    std::string chunked = "POST /v1/stats HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 3; ++i) chunked += "fa0\r\n" + chunk + "\r\n";
    chunked += "0\r\n\r\n";
    EXPECT_EQ(rawRequest(serve.port(), chunked).status, 413);
    auto longTarget = httpGet(serve.port(), "/v1/stats?period=day&date=2026-03-10&x=" + std::string(5000, 'a'), token);
    EXPECT_EQ(longTarget.status, 413);
    // A small body is read and ignored, and the connection carries on (keep-alive).
    auto twoOnOne = rawRequest(serve.port(),
                               "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                               "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(twoOnOne.status, 200);
    EXPECT_NE(twoOnOne.body.find("{\"status\": \"ready\"}"), std::string::npos) << twoOnOne.body;
    // Several requests on one client session.
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(serve.port()));
    for (int i = 0; i < 5; ++i) {
        Poco::Net::HTTPRequest request("GET", i % 2 ? "/v1/stats?period=day" : "/v1/stats?period=day&date=2026-03-10");
        request.set("Authorization", "Bearer " + token);
        request.setKeepAlive(true);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        EXPECT_EQ(response.getStatus(), i % 2 ? 400 : 200) << body;
    }
}

TEST(ServeOps, ASlowClientIsDroppedAfterTheReadTimeoutAndOversizedHeadersAre400) {
    TestDatabase db("t_api_slow");
    ServeProcess serve(db, jwtEnv(), withConfig("http.threads = 1\nhttp.read_timeout_sec = 1\n"));
    ASSERT_TRUE(serve.listening()) << serve.log();
    // One thread, held by a client that sends half a request line and then nothing.
    Poco::Net::StreamSocket slow(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(serve.port())));
    slow.sendBytes("GET /heal", 9);
    auto started = std::chrono::steady_clock::now();
    auto other = httpGet(serve.port(), "/healthz");  // waits for the thread, then is served
    EXPECT_EQ(other.status, 200);
    auto waited = std::chrono::steady_clock::now() - started;
    EXPECT_GE(waited, 800ms);
    EXPECT_LT(waited, 5s);
    // By now the server has closed the slow connection (perhaps after a 400): a read ends
    // at once instead of waiting for data.
    char buffer[256];
    slow.setReceiveTimeout(Poco::Timespan(5, 0));
    try {
        while (slow.receiveBytes(buffer, sizeof buffer) > 0) {
        }
    } catch (const Poco::TimeoutException&) {
        ADD_FAILURE() << "the slow connection is still open";
    } catch (const Poco::Exception&) {
        // reset by the server: dropped as well
    }
    // Headers beyond Poco's limits (8 KiB a value, 100 fields) are refused before any handler.
    auto bigHeader = rawRequest(serve.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') +
                                                  "\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(bigHeader.status, 400);
    std::string many = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 150; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
    EXPECT_EQ(rawRequest(serve.port(), many + "Connection: close\r\n\r\n").status, 400);
    EXPECT_EQ(httpGet(serve.port(), "/healthz").status, 200);
}

TEST(ServeOps, BadParametersAre400NamingTheParameterAndReachNoSql) {
    auto db = seeded("params");
    ServeProcess serve(*db, jwtEnv());
    ASSERT_TRUE(serve.listening()) << serve.log();
    std::string token = issueToken(*db, "admin");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/v1/stats", "period"},
        {"/v1/stats?period=day", "date"},
        {"/v1/stats?date=2026-03-10", "period"},
        {"/v1/stats?period=decade&date=2026-03-10", "period"},
        {"/v1/stats?period=day&date=2026-02-30", "date"},
        {"/v1/stats?period=day&date=10.03.2026", "date"},
        {"/v1/stats?period=day&date=9999-12-31", "date"},
        {"/v1/stats?period=day&date=2026-03-10'%20OR%20'1'%3D'1", "date"},
        {"/v1/stats?period=day'%3B%20DROP%20TABLE%20video%3B--&date=2026-03-10", "period"},
        {"/v1/stats?period=day&date=2026-03-10&video=1%20OR%201%3D1", "video"},
        {"/v1/stats?period=day&date=2026-03-10&video=-1", "video"},
        {"/v1/stats?period=day&date=2026-03-10&video=0", "video"},
        {"/v1/stats?period=day&date=2026-03-10&video=99999999999999999999999", "video"},
        {"/v1/stats?period=day&date=2026-03-10&video=1e9", "video"},
        {"/v1/stats?period=day&date=2026-03-10&creator=1", "creator"},
        {"/v1/stats?period=day&date=2026-03-10&date=2026-03-11", "date"},
        {"/v1/stats?period=day&date=%zz", "query"},
        {"/v1/stats?from=2026-03-10", "to"},
        {"/v1/stats?to=2026-03-10", "from"},
        {"/v1/stats?from=2026-03-11&to=2026-03-10", "to"},
        {"/v1/stats?from=2025-01-01&to=2026-01-02", "to"},
        {"/v1/stats?from=1000-01-01&to=9998-12-31", "from"},
        {"/v1/stats?period=day&date=2026-03-10&from=2026-03-10&to=2026-03-11", "from"},
        {"/v1/top?period=day&date=2026-03-10&by=likes", "by"},
        {"/v1/top?period=day&date=2026-03-10&limit=0", "limit"},
        {"/v1/top?period=day&date=2026-03-10&limit=101", "limit"},
        {"/v1/top?period=day&date=2026-03-10&limit=5;SELECT%201", "limit"},
        {"/v1/top?period=day&date=2026-03-10&limit=99999999999999999999", "limit"},
        {"/v1/settlement?period=day&date=2026-03-10&by=ad", "by"},
        {"/v1/settlement?period=day&date=2026-03-10&creator=abc", "creator"},
        {"/v1/settlement?period=day&date=2026-03-10&video=100", "video"},
        {"/v1/daily?from=2026-03-01&to=2026-03-31&video=100&creator=1", "creator"},
        {"/v1/jobs?date=yesterday", "date"},
        {"/v1/jobs?limit=1001", "limit"},
        {"/v1/jobs?date=2026-03-10&limit=3", "limit"},
        {"/healthz?verbose=1", "verbose"},
    };
    for (const auto& [target, parameter] : cases) {
        auto a = httpGet(serve.port(), target, token);
        EXPECT_EQ(a.status, 400) << target << ": " << a.body;
        EXPECT_EQ(a.body.rfind("{\"error\": \"parameter " + parameter + " ", 0), 0u) << target << ": " << a.body;
        for (const char* echoed : {"DROP", "OR 1", "SELECT", "decade", "likes", "1e9", "yesterday"})
            EXPECT_EQ(a.body.find(echoed), std::string::npos) << target << ": " << a.body;
    }
    // Nothing reached the database: the catalog is whole and no statement failed.
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM video"), 3);
    EXPECT_EQ(serve.log().find("MySQL error"), std::string::npos) << serve.log();
}

TEST(ServeOps, NoAnswerOrLogLineHoldsThePasswordTheSecretOrAToken) {
    auto db = seeded("secrets");
    ServeProcess serve(*db, jwtEnv(), {"--log-level", "debug"});
    ASSERT_TRUE(serve.listening()) << serve.log();
    std::vector<std::string> tokens{issueToken(*db, "admin"), issueToken(*db, "creator", "1"),
                                    hmacToken(claims("admin", std::nullopt, -10000)),
                                    hmacToken(claims("admin"), "wrong-secret-wrong-secret-wrong-secret")};
    std::vector<std::string> answers;
    for (const auto& token : tokens)
        for (const std::string& target : {kWeek, std::string("/v1/stats?period=day&date=2026-03-10&video=200"),
                                          std::string("/v1/jobs"), std::string("/v1/daily?from=x"),
                                          "/v1/stats?period=day&date=2026-03-10&access_token=" + token,
                                          std::string("/metrics"), std::string("/readyz"), std::string("/nope")})
            answers.push_back(httpGet(serve.port(), target, token).body);
    answers.push_back(rawRequest(serve.port(), "BREW /pot HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + tokens[0] +
                                                   "\r\nConnection: close\r\n\r\n").body);
    serve.signal(SIGTERM);
    ASSERT_EQ(serve.waitForExit(20s), 0);
    std::string log = serve.log();
    // One access line per request: 4 tokens x 8 targets + the BREW.
    std::regex line("http [A-Z]+ /\\S* \\d{3} \\d+\\.\\d ms");
    EXPECT_EQ(std::distance(std::sregex_iterator(log.begin(), log.end(), line), std::sregex_iterator()), 33) << log;
    EXPECT_NE(log.find("access_token=***"), std::string::npos) << log;
    auto secrets = tokens;
    secrets.push_back(kTestSecret);
    secrets.push_back(db->env().at("SETTLEMENT_DB_PASSWORD"));
    for (const auto& secret : secrets) {
        std::string needle = secret.size() > 24 ? secret.substr(secret.size() - 24) : secret;
        EXPECT_EQ(log.find(needle), std::string::npos) << "the log holds '" << needle << "'";
        for (const auto& a : answers) EXPECT_EQ(a.find(needle), std::string::npos) << "an answer holds it: " << a;
    }
    for (const auto& a : answers) {
        EXPECT_EQ(a.find("CALL "), std::string::npos) << a;
        EXPECT_EQ(a.find("SELECT "), std::string::npos) << a;
    }
}

TEST(ServeOps, ADatabaseThatIsDownMakesReadyz503AndReads503) {
    TestDatabase db("t_api_db_down");
    auto env = jwtEnv();
    env["SETTLEMENT_DB_PORT"] = "1";  // nothing listens there
    ServeProcess serve(db, env);
    ASSERT_TRUE(serve.listening()) << serve.log();  // serve starts without its database
    EXPECT_EQ(httpGet(serve.port(), "/healthz").status, 200);
    auto ready = httpGet(serve.port(), "/readyz");
    EXPECT_EQ(ready.status, 503);
    // 2002 or 2003, as the client library words a refused connection.
    EXPECT_EQ(ready.body.rfind("{\"error\": \"not ready: the database does not answer (MySQL error 200", 0), 0u)
        << ready.body;
    auto stats = httpGet(serve.port(), kWeek, hmacToken(claims("finance")));
    EXPECT_EQ(stats.status, 503);
    EXPECT_EQ(stats.body, "{\"error\": \"the database is unreachable; try again\"}\n");
    auto metrics = httpGet(serve.port(), "/metrics");
    EXPECT_EQ(metrics.status, 200);
    auto e = parsePrometheusText(metrics.body);
    EXPECT_TRUE(e.errors.empty());
    EXPECT_EQ(e.value("settlement_database_up"), 0);
    EXPECT_EQ(e.value("settlement_db_pool_connections_open"), 0);
}

TEST(ServeOps, LostConnectionsAreReopenedAndTheRequestAnswered) {
    auto db = seeded("reconnect");
    ServeProcess serve(*db, jwtEnv(), withConfig("http.db_pool_size = 1\n"));
    ASSERT_TRUE(serve.listening()) << serve.log();
    std::string token = issueToken(*db, "finance");
    ASSERT_EQ(httpGet(serve.port(), kWeek, token).status, 200);
    for (int round = 0; round < 2; ++round) {
        auto ids = db->rows("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + db->name() +
                            "' AND ID <> CONNECTION_ID()");
        ASSERT_EQ(ids.size(), 1u) << "the pool of one holds one connection";
        db->sql().execute("KILL " + ids[0]);
        auto again = httpGet(serve.port(), kWeek, token);
        EXPECT_EQ(again.status, 200) << again.body;
    }
}

TEST(ServeOps, ARequestThatFindsNoConnectionFreeGets503AndTheOtherFinishes) {
    auto db = seeded("pool");
    ServeProcess serve(*db, jwtEnv(), withConfig("http.db_pool_size = 1\nhttp.db_pool_wait_ms = 300\n"));
    ASSERT_TRUE(serve.listening()) << serve.log();
    std::string token = issueToken(*db, "finance");
    db->sql().execute("LOCK TABLES creator_statement WRITE");
    auto blocked = std::async(std::launch::async, [&] { return httpGet(serve.port(), kWeek, token); });
    ASSERT_TRUE(waitForLockWaiters(*db, 1));
    auto busy = httpGet(serve.port(), "/v1/stats?period=day&date=2026-03-10", token);
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.body, "{\"error\": \"the database is busy: no connection was free in time; try again\"}\n");
    EXPECT_EQ(httpGet(serve.port(), "/readyz").status, 503);
    db->sql().execute("UNLOCK TABLES");
    auto first = blocked.get();
    EXPECT_EQ(first.status, 200) << first.body;
    EXPECT_NE(first.body.find("\"payable\": 46"), std::string::npos) << first.body;
    auto e = parsePrometheusText(httpGet(serve.port(), "/metrics").body);
    EXPECT_EQ(e.value("settlement_db_pool_wait_timeouts_total"), 2);
    EXPECT_EQ(e.value("settlement_http_requests_total", {{"path", "/v1/stats"}, {"status", "503"}}), 1);
}

TEST(ServeOps, SigtermLetsTheRequestInFlightFinishThenExits0) {
    auto db = seeded("sigterm");
    ServeProcess serve(*db, jwtEnv());
    ASSERT_TRUE(serve.listening()) << serve.log();
    std::string token = issueToken(*db, "finance");
    db->sql().execute("LOCK TABLES creator_statement WRITE");
    auto inFlight = std::async(std::launch::async, [&] { return httpGet(serve.port(), kWeek, token); });
    ASSERT_TRUE(waitForLockWaiters(*db, 1));
    serve.signal(SIGTERM);
    ASSERT_TRUE(serve.waitForLog("SIGTERM received", 5s)) << serve.log();
    std::this_thread::sleep_for(300ms);
    EXPECT_FALSE(serve.waitForExit(0ms)) << "it exited with a request in flight";
    // It no longer accepts connections.
    EXPECT_THROW(Poco::Net::StreamSocket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(serve.port()))),
                 Poco::Net::NetException);
    db->sql().execute("UNLOCK TABLES");
    auto answer = inFlight.get();
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_NE(answer.body.find("\"payable\": 46"), std::string::npos) << answer.body;
    EXPECT_EQ(serve.waitForExit(10s), 0) << serve.log();
    EXPECT_NE(serve.log().find("serve: stopped"), std::string::npos);
}

TEST(ServeOps, HttpsWithTheConfiguredCertificate) {
    auto db = seeded("https");
    std::string cert = writeTempFile("cert.pem", "");
    std::string key = writeTempFile("key.pem", "");
    auto openssl = runProgram("/usr/bin/openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                                   "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"});
    ASSERT_EQ(openssl.exitCode, 0) << openssl.err;
    ServeProcess serve(*db, jwtEnv(), withConfig("http.tls_cert = " + cert + "\nhttp.tls_key = " + key + "\n"));
    ASSERT_TRUE(serve.listening()) << serve.log();
    EXPECT_EQ(serve.url().rfind("https://", 0), 0u) << serve.url();
    EXPECT_EQ(httpsGet(serve.port(), "/healthz").status, 200);
    auto figures = httpsGet(serve.port(), kWeek, issueToken(*db, "finance"));
    EXPECT_EQ(figures.status, 200) << figures.body;
    EXPECT_NE(figures.body.find("\"payable\": 46"), std::string::npos);
    EXPECT_EQ(httpsGet(serve.port(), kWeek).status, 401);
    // Plain HTTP to the TLS port gets no HTTP answer.
    EXPECT_EQ(rawRequest(serve.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 2000).status, 0);
}
