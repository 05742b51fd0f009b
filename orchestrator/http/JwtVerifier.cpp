#include "http/JwtVerifier.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/Crypto.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <sstream>

#include "app/ExitCode.h"
#include "http/HttpError.h"
#include "http/JwtSecret.h"

namespace settlement::http {
namespace {

constexpr std::size_t kMaxTokenBytes = 8192;

[[noreturn]] void reject(const std::string& why) { throw HttpError(401, why); }

bool isBase64Url(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

std::string base64UrlDecode(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    std::string out;
    char c;
    while (decoder.get(c)) out += c;
    return out;
}

Poco::JSON::Object::Ptr jsonObject(const std::string& text) {
    Poco::JSON::Parser parser;
    auto object = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    if (!object) throw Poco::DataFormatException("not an object");
    return object;
}

// "Bearer <token>" (scheme case-insensitive) -> the token.
std::string bearerToken(const std::string& authorization) {
    if (authorization.empty()) reject("missing bearer token: send Authorization: Bearer <token>");
    auto space = authorization.find(' ');
    std::string scheme = authorization.substr(0, space);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
    if (scheme != "bearer" || space == std::string::npos) reject("the Authorization header must be Bearer <token>");
    std::string token = authorization.substr(space + 1);
    token.erase(0, token.find_first_not_of(' '));
    while (!token.empty() && token.back() == ' ') token.pop_back();
    if (token.empty()) reject("missing bearer token: send Authorization: Bearer <token>");
    return token;
}

// The `alg` of a token's header, after checking that the token is three base64url parts.
std::string headerAlgorithm(const std::string& token) {
    if (token.size() > kMaxTokenBytes) reject("malformed token");
    auto dot1 = token.find('.');
    auto dot2 = dot1 == std::string::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string::npos || token.find('.', dot2 + 1) != std::string::npos) reject("malformed token");
    std::string header = token.substr(0, dot1);
    std::string payload = token.substr(dot1 + 1, dot2 - dot1 - 1);
    if (header.empty() || payload.empty() || !isBase64Url(header) || !isBase64Url(payload) ||
        !isBase64Url(std::string_view(token).substr(dot2 + 1)))
        reject("malformed token");
    try {
        auto object = jsonObject(base64UrlDecode(header));
        Poco::Dynamic::Var alg = object->get("alg");
        if (!alg.isString()) reject("malformed token: no alg in its header");
        return alg.extract<std::string>();
    } catch (const HttpError&) {
        throw;
    } catch (const std::exception&) {
        reject("malformed token");
    }
}

std::optional<std::uint64_t> positiveId(const Poco::Dynamic::Var& v) {
    if (v.isEmpty() || !(v.isInteger() || v.isString())) return std::nullopt;
    std::string text = v.toString();
    std::uint64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id == 0) return std::nullopt;
    return id;
}

// A NumericDate claim (seconds since the epoch), or nullopt when absent.
std::optional<double> numericDate(const Poco::JSON::Object& claims, const std::string& name) {
    if (!claims.has(name)) return std::nullopt;
    Poco::Dynamic::Var v = claims.get(name);
    if (!v.isNumeric()) reject("token claim " + name + " must be a number of seconds since 1970");
    return v.convert<double>();
}

bool audienceMatches(const Poco::JSON::Object& claims, const std::string& audience) {
    if (!claims.has("aud")) return false;
    if (auto list = claims.getArray("aud")) {
        for (std::size_t i = 0; i < list->size(); ++i)
            if (list->get(i).isString() && list->get(i).toString() == audience) return true;
        return false;
    }
    Poco::Dynamic::Var aud = claims.get("aud");
    return aud.isString() && aud.toString() == audience;
}

}  // namespace

JwtVerifier::JwtVerifier(const config::HttpSettings& s)
    : issuer_(s.jwtIssuer), audience_(s.jwtAudience), leeway_(s.jwtLeewaySec) {
    Poco::Crypto::initializeCrypto();
    if (!s.jwtPublicKey.empty()) {
        algorithm_ = Poco::JWT::Signer::ALGO_RS256;
        if (!std::filesystem::is_regular_file(s.jwtPublicKey))
            throw app::UsageError("http.jwt_public_key: no such file " + s.jwtPublicKey);
        try {
            Poco::SharedPtr<Poco::Crypto::RSAKey> key(new Poco::Crypto::RSAKey(s.jwtPublicKey));
            signer_ = std::make_unique<Poco::JWT::Signer>(key);
        } catch (const Poco::Exception& e) {
            throw app::UsageError("http.jwt_public_key: " + s.jwtPublicKey +
                                  " is not a PEM RSA public key (" + e.displayText() + ")");
        }
    } else {
        algorithm_ = Poco::JWT::Signer::ALGO_HS256;
        signer_ = std::make_unique<Poco::JWT::Signer>(jwtSecret(s));
    }
    signer_->setAlgorithms({algorithm_});
}

JwtVerifier::~JwtVerifier() = default;

Principal JwtVerifier::verify(const std::string& authorization, std::chrono::system_clock::time_point now) const {
    std::string token = bearerToken(authorization);
    std::string alg = headerAlgorithm(token);
    std::string lowered = alg;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lowered == "none") reject("unsigned tokens (alg none) are not accepted");
    if (alg != algorithm_) reject("the token is not signed with " + algorithm_ + ", the configured algorithm");

    Poco::JWT::Token verified;
    bool ok = false;
    try {
        ok = signer_->tryVerify(token, verified);
    } catch (const Poco::Exception&) {
        ok = false;
    }
    if (!ok) reject("bad token signature");

    const Poco::JSON::Object& claims = verified.payload();
    double seconds = std::chrono::duration<double>(now.time_since_epoch()).count();
    auto exp = numericDate(claims, "exp");
    if (!exp) reject("the token has no exp (expiry) claim");
    if (seconds >= *exp + static_cast<double>(leeway_.count())) reject("the token has expired");
    auto nbf = numericDate(claims, "nbf");
    if (nbf && seconds + static_cast<double>(leeway_.count()) < *nbf) reject("the token is not valid yet (nbf)");
    if (!issuer_.empty() && !(claims.has("iss") && claims.get("iss").isString() && claims.get("iss").toString() == issuer_))
        reject("the token's issuer (iss) is not the configured one");
    if (!audience_.empty() && !audienceMatches(claims, audience_))
        reject("the token's audience (aud) is not the configured one");

    Principal principal;
    Poco::Dynamic::Var role = claims.has("role") ? claims.get("role") : Poco::Dynamic::Var();
    auto parsedRole = role.isString() ? parseRole(role.toString()) : std::nullopt;
    if (!parsedRole) reject("the token's role must be admin, finance or creator");
    principal.role = *parsedRole;
    if (claims.has("sub") && claims.get("sub").isString()) principal.subject = claims.get("sub").toString();
    if (principal.role == Role::Creator) {
        principal.creatorId = positiveId(claims.has("creator_id") ? claims.get("creator_id") : Poco::Dynamic::Var());
        if (!principal.creatorId) reject("a creator token needs a creator_id claim (a positive whole number)");
    }
    return principal;
}

}  // namespace settlement::http
