// http::JwtVerifier and http::signToken: which tokens open the API (SPEC §10), and every
// way a token is refused with 401.
#include <Poco/Crypto/RSAKey.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/ExitCode.h"
#include "http/HttpError.h"
#include "http/JwtVerifier.h"
#include "http/TokenSigner.h"
#include "support/TestTokens.h"

using namespace settlement;
using namespace settlement::test;
using http::Role;

namespace {

config::HttpSettings hs256(const std::string& secret = kTestSecret) {
    config::HttpSettings s;
    s.jwtSecret = secret;
    return s;
}

auto now() { return std::chrono::system_clock::now(); }

// The 401 message for a header, or "accepted".
std::string refusal(const http::JwtVerifier& verifier, const std::string& authorization) {
    try {
        verifier.verify(authorization, now());
    } catch (const http::HttpError& e) {
        EXPECT_EQ(e.status(), 401) << e.what();
        return e.what();
    }
    return "accepted";
}

std::string bearer(const std::string& token) { return "Bearer " + token; }

struct KeyPair {
    std::string publicPem, privatePem;
};

// A fresh RSA key pair in the test's temporary directory.
KeyPair makeKeyPair(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / "settlement-unit-keys";
    std::filesystem::create_directories(dir);
    KeyPair pair{(dir / (name + ".pub.pem")).string(), (dir / (name + ".key.pem")).string()};
    Poco::Crypto::RSAKey key(Poco::Crypto::RSAKey::KL_2048, Poco::Crypto::RSAKey::EXP_LARGE);
    key.save(pair.publicPem, pair.privatePem);
    return pair;
}

}  // namespace

TEST(HttpJwtVerifier, AcceptsHs256TokensOfEachRole) {
    http::JwtVerifier verifier(hs256());
    EXPECT_EQ(verifier.algorithm(), "HS256");
    auto admin = verifier.verify(bearer(hmacToken(claims("admin"))), now());
    EXPECT_EQ(admin.role, Role::Admin);
    EXPECT_EQ(admin.subject, "test-admin");
    EXPECT_TRUE(admin.seesEverything());
    EXPECT_EQ(verifier.verify(bearer(hmacToken(claims("finance"))), now()).role, Role::Finance);
    auto creator = verifier.verify("bearer " + hmacToken(claims("creator", 42)), now());
    EXPECT_EQ(creator.role, Role::Creator);
    EXPECT_EQ(creator.creatorId, 42u);
    EXPECT_FALSE(creator.seesEverything());
    // Identity services often write ids as strings.
    auto quoted = verifier.verify(bearer(hmacToken(claims("creator", std::nullopt, 3600, "\"creator_id\": \"7\""))), now());
    EXPECT_EQ(quoted.creatorId, 7u);
}

TEST(HttpJwtVerifier, RefusesEveryBadTokenWith401) {
    http::JwtVerifier verifier(hs256());
    std::string good = hmacToken(claims("admin"));
    std::string otherPayload = hmacToken(claims("creator", 1)).substr(good.find('.'));
    std::string tampered = good.substr(0, good.find('.')) + otherPayload.substr(0, otherPayload.rfind('.')) +
                           good.substr(good.rfind('.'));
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "missing bearer token"},
        {"Basic YWRtaW46YWRtaW4=", "must be Bearer"},
        {"Bearer ", "missing bearer token"},
        {"Bearer", "must be Bearer"},
        {bearer("not-a-token"), "malformed"},
        {bearer("a.b"), "malformed"},
        {bearer(good + ".extra"), "malformed"},
        {bearer("e30.e30.sig nature"), "malformed"},
        {bearer("!!!.e30.abc"), "malformed"},
        {bearer("bm90IGpzb24.e30.abc"), "malformed"},  // header "not json"
        {bearer(std::string(9000, 'a') + ".e30.abc"), "malformed"},
        {bearer(hmacToken(claims("admin"), "another-secret-0123456789-abcdefghijkl")), "bad token signature"},
        {bearer(tampered), "bad token signature"},
        {bearer(hmacToken(claims("admin", std::nullopt, -3600))), "expired"},
        {bearer(unsignedToken(claims("admin"))), "alg none"},
        {bearer(hmacToken(claims("admin"), kTestSecret, "HS384")), "not signed with HS256"},
        {bearer(hmacToken(claims("admin"), kTestSecret, "HS512")), "not signed with HS256"},
        {bearer(hmacToken(claims("admin", std::nullopt, std::nullopt))), "no exp"},
        {bearer(hmacToken(claims("admin", std::nullopt, std::nullopt, "\"exp\": \"tomorrow\""))), "exp must be a number"},
        {bearer(hmacToken(claims("creator"))), "needs a creator_id"},
        {bearer(hmacToken(claims("creator", 0))), "needs a creator_id"},
        {bearer(hmacToken(claims("creator", -5))), "needs a creator_id"},
        {bearer(hmacToken(claims("superuser"))), "role must be admin, finance or creator"},
        {bearer(hmacToken(claims(""))), "role must be admin, finance or creator"},
        {bearer(hmacToken(claims("admin", std::nullopt, 3600, "\"nbf\": 99999999999"))), "not valid yet"},
    };
    for (const auto& [header, words] : cases) {
        std::string message = refusal(verifier, header);
        EXPECT_NE(message.find(words), std::string::npos) << "header '" << header.substr(0, 80) << "': " << message;
        // The answer never repeats the token.
        auto space = header.find(' ');
        if (space != std::string::npos && header.size() > space + 10) {
            EXPECT_EQ(message.find(header.substr(space + 1, 10)), std::string::npos) << message;
        }
    }
}

TEST(HttpJwtVerifier, AllowsTheConfiguredClockSkewAndNoMore) {
    auto settings = hs256();
    settings.jwtLeewaySec = 30;
    http::JwtVerifier verifier(settings);
    EXPECT_EQ(refusal(verifier, bearer(hmacToken(claims("admin", std::nullopt, -10)))), "accepted");
    EXPECT_NE(refusal(verifier, bearer(hmacToken(claims("admin", std::nullopt, -40)))).find("expired"),
              std::string::npos);
}

TEST(HttpJwtVerifier, ChecksIssuerAndAudienceWhenConfigured) {
    auto settings = hs256();
    settings.jwtIssuer = "https://id.example";
    settings.jwtAudience = "settlement";
    http::JwtVerifier verifier(settings);
    std::string iss = "\"iss\": \"https://id.example\"";
    EXPECT_EQ(refusal(verifier, bearer(hmacToken(claims("admin", std::nullopt, 3600, iss + ", \"aud\": \"settlement\"")))),
              "accepted");
    EXPECT_EQ(refusal(verifier, bearer(hmacToken(claims("admin", std::nullopt, 3600,
                                                        iss + ", \"aud\": [\"other\", \"settlement\"]")))),
              "accepted");
    EXPECT_NE(refusal(verifier, bearer(hmacToken(claims("admin", std::nullopt, 3600, "\"aud\": \"settlement\""))))
                  .find("issuer"),
              std::string::npos);
    EXPECT_NE(refusal(verifier, bearer(hmacToken(claims("admin", std::nullopt, 3600, iss + ", \"aud\": \"other\""))))
                  .find("audience"),
              std::string::npos);
    EXPECT_NE(refusal(verifier, bearer(hmacToken(claims("admin", std::nullopt, 3600, iss)))).find("audience"),
              std::string::npos);
}

TEST(HttpJwtVerifier, Rs256WithThePublicKeyAndNothingElse) {
    KeyPair keys = makeKeyPair("rs256");
    KeyPair other = makeKeyPair("other");
    config::HttpSettings settings;
    settings.jwtPublicKey = keys.publicPem;
    settings.jwtSecret = kTestSecret;  // present, but the key decides: RS256 only
    http::JwtVerifier verifier(settings);
    EXPECT_EQ(verifier.algorithm(), "RS256");
    auto creator = verifier.verify(bearer(rs256Token(claims("creator", 9), keys.privatePem)), now());
    EXPECT_EQ(creator.creatorId, 9u);
    EXPECT_NE(refusal(verifier, bearer(rs256Token(claims("admin"), other.privatePem))).find("bad token signature"),
              std::string::npos);
    EXPECT_NE(refusal(verifier, bearer(hmacToken(claims("admin")))).find("not signed with RS256"), std::string::npos);
    // The classic confusion: HS256 keyed with the public key's PEM text.
    std::ifstream pem(keys.publicPem);
    std::string publicText((std::istreambuf_iterator<char>(pem)), std::istreambuf_iterator<char>());
    EXPECT_NE(refusal(verifier, bearer(hmacToken(claims("admin"), publicText))).find("not signed with RS256"),
              std::string::npos);
    EXPECT_NE(refusal(verifier, bearer(rs256Token(claims("admin", std::nullopt, -100), keys.privatePem))).find("expired"),
              std::string::npos);
}

TEST(HttpJwtVerifier, AShortOrMissingSecretOrAnUnreadableKeyIsAConfigurationError) {
    EXPECT_THROW(http::JwtVerifier(hs256("")), app::UsageError);
    EXPECT_THROW(http::JwtVerifier(hs256(std::string(31, 'x'))), app::UsageError);
    EXPECT_NO_THROW(http::JwtVerifier(hs256(std::string(32, 'x'))));
    try {
        http::JwtVerifier v(hs256("short-secret"));
        FAIL() << "a 12-byte secret was accepted";
    } catch (const app::UsageError& e) {
        EXPECT_EQ(std::string(e.what()).find("short-secret"), std::string::npos) << "the message shows the secret";
        EXPECT_NE(std::string(e.what()).find("at least 32"), std::string::npos) << e.what();
    }
    config::HttpSettings missing;
    missing.jwtPublicKey = "/nonexistent/key.pem";
    EXPECT_THROW(http::JwtVerifier{missing}, app::UsageError);
    config::HttpSettings notAKey;
    notAKey.jwtPublicKey = "/etc/hostname";
    EXPECT_THROW(http::JwtVerifier{notAKey}, app::UsageError);
}

TEST(HttpTokenSigner, IssuesTokensTheVerifierAcceptsWithTheRequestedLifetime) {
    auto settings = hs256();
    settings.jwtIssuer = "settlement";
    http::JwtVerifier verifier(settings);
    http::TokenRequest request;
    request.role = Role::Creator;
    request.creatorId = 12;
    request.ttl = std::chrono::minutes(30);
    auto issued = std::chrono::system_clock::now();
    std::string token = http::signToken(settings, request, issued);
    auto principal = verifier.verify(bearer(token), issued);
    EXPECT_EQ(principal.creatorId, 12u);
    EXPECT_EQ(principal.subject, "creator:12");
    EXPECT_NO_THROW(verifier.verify(bearer(token), issued + std::chrono::minutes(30)));  // within the leeway
    EXPECT_THROW(verifier.verify(bearer(token), issued + std::chrono::minutes(31)), http::HttpError);

    http::TokenRequest creatorWithoutId;
    creatorWithoutId.role = Role::Creator;
    EXPECT_THROW(http::signToken(settings, creatorWithoutId, issued), app::UsageError);
    http::TokenRequest adminWithCreator;
    adminWithCreator.creatorId = 3;
    EXPECT_THROW(http::signToken(settings, adminWithCreator, issued), app::UsageError);
    EXPECT_THROW(http::signToken(hs256("0123456789"), http::TokenRequest{}, issued), app::UsageError);
}
