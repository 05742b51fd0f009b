// http::Router: 404, 405, 401, and how each failure of an endpoint becomes its answer.
#include <gtest/gtest.h>

#include "db/DatabaseError.h"
#include "http/HttpError.h"
#include "http/ParameterError.h"
#include "http/ReadPool.h"
#include "http/Router.h"
#include "support/TestTokens.h"

using namespace settlement;
using namespace settlement::test;

namespace {

struct RouterTest : ::testing::Test {
    RouterTest() : verifier(settings()), router(verifier) {
        router.add("/open", false, [](const http::Call& call) {
            EXPECT_EQ(call.principal, nullptr);
            return http::jsonResponse(200, "{\"q\": \"" + call.query.get("q") + "\"}");
        });
        router.add("/v1/who", true, [](const http::Call& call) {
            return http::jsonResponse(200, "{\"sub\": \"" + call.principal->subject + "\"}");
        });
        router.add("/v1/fails", true, [this](const http::Call& call) -> http::Response {
            call.query.allowOnly({"x"});
            failure();
            return http::jsonResponse(200, "{}");
        });
    }
    static config::HttpSettings settings() {
        config::HttpSettings s;
        s.jwtSecret = kTestSecret;
        return s;
    }
    http::Outcome get(const std::string& target, const std::string& auth = "") {
        return router.dispatch("GET", target, auth, std::chrono::system_clock::now());
    }
    const std::string admin = "Bearer " + hmacToken(claims("admin"));

    http::JwtVerifier verifier;
    http::Router router;
    std::function<void()> failure = [] {};
};

}  // namespace

TEST_F(RouterTest, AnswersKnownPathsAndNamesTheRouteForMetrics) {
    auto open = get("/open?q=x");
    EXPECT_EQ(open.response.status, 200);
    EXPECT_EQ(open.response.body, "{\"q\": \"x\"}");
    EXPECT_EQ(open.route, "/open");
    auto who = get("/v1/who", admin);
    EXPECT_EQ(who.response.status, 200);
    EXPECT_EQ(who.subject, "test-admin");
}

TEST_F(RouterTest, UnknownPathIs404AndOtherMethodsAre405) {
    for (const char* path : {"/", "/v1/who/", "/v1/WHO", "/v2/stats", "/open/../v1/who"}) {
        auto r = get(path, admin);
        EXPECT_EQ(r.response.status, 404) << path;
        EXPECT_EQ(r.route, "unmatched") << path;
        EXPECT_EQ(r.response.body.rfind("{\"error\": ", 0), 0u) << r.response.body;
    }
    for (const char* method : {"POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"}) {
        auto r = router.dispatch(method, "/v1/who", admin, std::chrono::system_clock::now());
        EXPECT_EQ(r.response.status, 405) << method;
        ASSERT_EQ(r.response.headers.size(), 1u);
        EXPECT_EQ(r.response.headers[0], (std::pair<std::string, std::string>{"Allow", "GET"}));
    }
}

TEST_F(RouterTest, AuthenticatedRoutesWantAValidTokenBeforeAnythingElse) {
    auto none = get("/v1/who?bad=%zz");
    EXPECT_EQ(none.response.status, 401);
    EXPECT_EQ(none.response.headers.at(0).first, "WWW-Authenticate");
    EXPECT_EQ(get("/v1/who", "Bearer " + hmacToken(claims("admin", std::nullopt, -60 * 60))).response.status, 401);
    EXPECT_EQ(get("/open").response.status, 200);  // public routes need none
}

TEST_F(RouterTest, TurnsEachFailureIntoItsStatus) {
    EXPECT_EQ(get("/v1/fails?y=1", admin).response.body,
              "{\"error\": \"parameter y is not a parameter of this endpoint\"}\n");
    EXPECT_EQ(get("/v1/fails?x=1&x=2", admin).response.status, 400);

    failure = [] { throw http::HttpError(403, "not yours"); };
    EXPECT_EQ(get("/v1/fails", admin).response.status, 403);
    EXPECT_EQ(get("/v1/fails", admin).response.body, "{\"error\": \"not yours\"}\n");

    failure = [] { throw http::PoolExhausted("no connection"); };
    EXPECT_EQ(get("/v1/fails", admin).response.status, 503);

    failure = [] { throw db::DatabaseError(2003, "HY000", "cannot connect to settlement@db:3306/settlement"); };
    EXPECT_EQ(get("/v1/fails", admin).response.status, 503);
    failure = [] { throw db::DatabaseError(2013, "HY000", "Lost connection [in: CALL report_span(...)]"); };
    EXPECT_EQ(get("/v1/fails", admin).response.status, 503);

    // Any other database error is a 500 that names the error number, never the statement.
    failure = [] { throw db::DatabaseError(1146, "42S02", "Table 'x' doesn't exist [in: SELECT secret FROM x]"); };
    auto internal = get("/v1/fails", admin);
    EXPECT_EQ(internal.response.status, 500);
    EXPECT_EQ(internal.response.body, "{\"error\": \"internal error (MySQL error 1146)\"}\n");

    failure = [] { throw std::runtime_error("at line 12 of something"); };
    EXPECT_EQ(get("/v1/fails", admin).response.body, "{\"error\": \"internal error\"}\n");
}

TEST_F(RouterTest, PrefixRoutesTakeWhatNoExactRouteMatchesAndTheLongestPrefixWins) {
    auto echo = [](std::string name) {
        return [name](const http::Call& call) {
            return http::jsonResponse(200, name + " " + std::string(call.path));
        };
    };
    router.addPrefix("/files/", false, echo("files"));
    router.addPrefix("/files/deep/", false, echo("deep"));
    router.add("/files/exact", false, echo("exact"));

    auto file = get("/files/a/b.js?x=1");
    EXPECT_EQ(file.response.body, "files /files/a/b.js");  // the path without its query
    EXPECT_EQ(file.route, "/files/");                      // metrics see the prefix only
    EXPECT_EQ(get("/files/deep/c.css").response.body, "deep /files/deep/c.css");
    EXPECT_EQ(get("/files/exact").response.body, "exact /files/exact");
    EXPECT_EQ(get("/files").response.status, 404);  // the prefix is "/files/"
    EXPECT_EQ(router.dispatch("POST", "/files/a", "", std::chrono::system_clock::now()).response.status, 405);
}
