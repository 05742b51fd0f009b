// Tokens over real HTTP (SPEC §10): `settlement token`, every 401 the server gives, RS256
// with a key pair made by openssl in the test, and the configuration errors that stop
// `serve` and `token` with exit 2.
#include <gtest/gtest.h>

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

#include "support/ApiFixture.h"
#include "support/HttpClient.h"
#include "support/ServeProcess.h"
#include "support/TestTokens.h"

using namespace settlement::test;

namespace {

const std::string kStats = "/v1/stats?period=day&date=2026-03-10";

Poco::JSON::Object::Ptr payloadOf(const std::string& token) {
    std::string part = token.substr(token.find('.') + 1);
    part = part.substr(0, part.find('.'));
    std::istringstream in(part);
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string json((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string configFile(const std::string& name, const std::string& content) { return writeTempFile(name, content); }

}  // namespace

TEST(ServeAuth, TokenPrintsAnHs256TokenAloneThatServeAccepts) {
    TestDatabase db("t_api_token");
    seedApiFixture(db);
    auto r = db.settlement({"token", "--role", "creator", "--creator", "2", "--ttl", "30m"}, jwtEnv());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_EQ(r.out.back(), '\n');
    std::string token = r.out.substr(0, r.out.size() - 1);
    EXPECT_EQ(token.find_first_of(" \n\t"), std::string::npos) << "stdout holds the token alone";
    EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);
    auto claims = payloadOf(token);
    EXPECT_EQ(claims->getValue<std::string>("role"), "creator");
    EXPECT_EQ(claims->getValue<long long>("creator_id"), 2);
    EXPECT_EQ(claims->getValue<std::string>("sub"), "creator:2");
    EXPECT_EQ(claims->getValue<long long>("exp") - claims->getValue<long long>("iat"), 1800);
    auto defaults = payloadOf(issueToken(db, "admin"));
    EXPECT_EQ(defaults->getValue<long long>("exp") - defaults->getValue<long long>("iat"), 3600);  // 1h by default
    EXPECT_FALSE(defaults->has("creator_id"));

    ServeProcess serve(db, jwtEnv());
    ASSERT_TRUE(serve.listening()) << serve.log();
    EXPECT_EQ(httpGet(serve.port(), kStats, token).status, 200);
    for (const char* role : {"admin", "finance"}) EXPECT_EQ(httpGet(serve.port(), kStats, issueToken(db, role)).status, 200);
}

TEST(ServeAuth, TokenRefusesBadOptionsAndAShortSecretWithExit2) {
    TestDatabase db("t_api_token_usage");
    struct Case {
        std::vector<std::string> args;
        std::map<std::string, std::string> env;
        std::string message;
    };
    const std::string shortSecret = "only-31-bytes-0123456789abcdefg";
    ASSERT_EQ(shortSecret.size(), 31u);
    const std::vector<Case> cases = {
        {{"token", "--role", "admin"}, {{"SETTLEMENT_JWT_SECRET", shortSecret}}, "at least 32"},
        {{"token", "--role", "admin"}, {}, "no token secret"},
        {{"token"}, jwtEnv(), "--role is required"},
        {{"token", "--role", "root"}, jwtEnv(), "--role must be admin, finance or creator"},
        {{"token", "--role", "creator"}, jwtEnv(), "needs --creator"},
        {{"token", "--role", "finance", "--creator", "3"}, jwtEnv(), "--creator applies only to --role creator"},
        {{"token", "--role", "creator", "--creator", "three"}, jwtEnv(), "--creator must be"},
        {{"token", "--role", "admin", "--ttl", "90"}, jwtEnv(), "--ttl must be a duration"},
        {{"token", "--role", "admin", "--ttl", "-1h"}, jwtEnv(), "--ttl must be a duration"},
    };
    for (const auto& c : cases) {
        auto r = db.settlement(c.args, c.env);
        EXPECT_EQ(r.exitCode, 2) << c.message << ": " << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(r.err.find(shortSecret), std::string::npos) << "the secret is in the message";
    }
}

TEST(ServeAuth, ServeRefusesAShortSecretAndBadKeysWithExit2) {
    TestDatabase db("t_api_serve_usage");
    db.migrate();
    const std::string shortSecret = "tiny-secret";
    ServeProcess weak(db, {{"SETTLEMENT_JWT_SECRET", shortSecret}});
    EXPECT_FALSE(weak.listening());
    EXPECT_EQ(weak.waitForExit(std::chrono::seconds(10)), 2) << weak.log();
    EXPECT_NE(weak.log().find("at least 32"), std::string::npos) << weak.log();
    EXPECT_EQ(weak.log().find(shortSecret), std::string::npos);

    ServeProcess none(db);
    EXPECT_EQ(none.waitForExit(std::chrono::seconds(10)), 2) << none.log();

    ServeProcess noKey(db, {}, {"--config", configFile("nokey.properties", "http.jwt_public_key = /nonexistent.pem\n")});
    EXPECT_EQ(noKey.waitForExit(std::chrono::seconds(10)), 2) << noKey.log();
    EXPECT_NE(noKey.log().find("http.jwt_public_key"), std::string::npos) << noKey.log();

    ServeProcess halfTls(db, jwtEnv(), {"--config", configFile("tls.properties", "http.tls_cert = /tmp/x.pem\n")});
    EXPECT_EQ(halfTls.waitForExit(std::chrono::seconds(10)), 2) << halfTls.log();

    auto badListen = db.settlement({"serve", "--listen", "nowhere"}, jwtEnv());
    EXPECT_EQ(badListen.exitCode, 2) << badListen.err;
    EXPECT_NE(badListen.err.find("ADDR:PORT"), std::string::npos) << badListen.err;
}

TEST(ServeAuth, TheEnvironmentSecretOverridesTheConfigFile) {
    TestDatabase db("t_api_secret_env");
    seedApiFixture(db);
    const std::string fileSecret = "secret-from-the-file-0123456789-abcdefgh";
    auto config = configFile("secret.properties", "http.jwt_secret = " + fileSecret + "\n");
    auto fromFile = db.settlement({"--config", config, "token", "--role", "admin"});
    ASSERT_EQ(fromFile.exitCode, 0) << fromFile.err;
    auto fromEnv = db.settlement({"--config", config, "token", "--role", "admin"}, jwtEnv());
    ASSERT_EQ(fromEnv.exitCode, 0) << fromEnv.err;
    ServeProcess serve(db, jwtEnv(), {"--config", config});
    ASSERT_TRUE(serve.listening()) << serve.log();
    EXPECT_EQ(httpGet(serve.port(), kStats, fromEnv.out.substr(0, fromEnv.out.size() - 1)).status, 200);
    EXPECT_EQ(httpGet(serve.port(), kStats, fromFile.out.substr(0, fromFile.out.size() - 1)).status, 401);
    EXPECT_EQ(httpGet(serve.port(), kStats, hmacToken(claims("admin"), fileSecret)).status, 401);
}

TEST(ServeAuth, EveryBadTokenIs401WithoutEchoingIt) {
    TestDatabase db("t_api_401");
    seedApiFixture(db);
    ServeProcess serve(db, jwtEnv());
    ASSERT_TRUE(serve.listening()) << serve.log();
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "none"},
        {"not.a.token", "malformed"},
        {"eyJhbGciOiJIUzI1NiJ9", "malformed (one part)"},
        {hmacToken(claims("admin"), "a-different-secret-of-enough-length-42"), "bad signature"},
        {hmacToken(claims("admin", std::nullopt, -3600)), "expired"},
        {unsignedToken(claims("admin")), "alg none"},
        {hmacToken(claims("admin"), kTestSecret, "HS512"), "wrong algorithm"},
        {hmacToken(claims("admin", std::nullopt, std::nullopt)), "missing exp"},
        {hmacToken(claims("creator")), "creator without creator_id"},
        {hmacToken(claims("owner")), "unknown role"},
    };
    for (const std::string& path : {kStats, std::string("/v1/top?period=day&date=2026-03-10"), std::string("/v1/jobs")}) {
        for (const auto& [token, what] : cases) {
            auto answer = httpGet(serve.port(), path, token);
            EXPECT_EQ(answer.status, 401) << what << " on " << path << ": " << answer.body;
            EXPECT_EQ(answer.body.rfind("{\"error\": \"", 0), 0u) << answer.body;
            EXPECT_EQ(answer.headers["WWW-Authenticate"], "Bearer error=\"invalid_token\"") << what;
            if (token.size() > 20) {
                EXPECT_EQ(answer.body.find(token.substr(0, 20)), std::string::npos) << what;
            }
        }
    }
    // The same claims, well signed, pass.
    EXPECT_EQ(httpGet(serve.port(), kStats, hmacToken(claims("admin"))).status, 200);
    EXPECT_EQ(httpGet(serve.port(), kStats, hmacToken(claims("creator", 1))).status, 200);
    // A raw "Authorization: Basic" header is refused too.
    auto basic = rawRequest(serve.port(), "GET " + kStats + " HTTP/1.1\r\nHost: x\r\nAuthorization: Basic YTpi\r\n"
                                          "Connection: close\r\n\r\n");
    EXPECT_EQ(basic.status, 401);
}

TEST(ServeAuth, Rs256TokensVerifyWithThePublicKeyMadeByOpenssl) {
    TestDatabase db("t_api_rs256");
    seedApiFixture(db);
    std::string privateKey = writeTempFile("private.pem", "");
    std::string publicKey = writeTempFile("public.pem", "");
    std::string otherKey = writeTempFile("other.pem", "");
    auto openssl = [](const std::vector<std::string>& args) {
        auto r = runProgram("/usr/bin/openssl", args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
    };
    openssl({"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", privateKey});
    openssl({"pkey", "-in", privateKey, "-pubout", "-out", publicKey});
    openssl({"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", otherKey});

    ServeProcess serve(db, {}, {"--config", configFile("rs256.properties", "http.jwt_public_key = " + publicKey + "\n")});
    ASSERT_TRUE(serve.listening()) << serve.log();
    EXPECT_NE(serve.log().find("RS256 tokens"), std::string::npos) << serve.log();
    auto good = httpGet(serve.port(), "/v1/settlement?period=week&date=2026-03-10", rs256Token(claims("creator", 2), privateKey));
    EXPECT_EQ(good.status, 200) << good.body;
    EXPECT_NE(good.body.find("\"creator_id\": 2"), std::string::npos);
    EXPECT_EQ(good.body.find("\"creator_id\": 1"), std::string::npos);
    EXPECT_EQ(httpGet(serve.port(), kStats, rs256Token(claims("finance"), privateKey)).status, 200);
    // Another key, an HS256 token (even one keyed with the public key's text), an expired one: 401.
    std::ifstream pem(publicKey);
    std::string publicText((std::istreambuf_iterator<char>(pem)), std::istreambuf_iterator<char>());
    for (const auto& bad : {rs256Token(claims("finance"), otherKey), hmacToken(claims("finance")),
                            hmacToken(claims("finance"), publicText),
                            rs256Token(claims("finance", std::nullopt, -3600), privateKey)})
        EXPECT_EQ(httpGet(serve.port(), kStats, bad).status, 401);
}
