#include "support/TestTokens.h"

#include <Poco/Base64Encoder.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include <chrono>
#include <sstream>

namespace settlement::test {
namespace {

Poco::JWT::Token tokenOver(const std::string& payloadJson) {
    Poco::JWT::Token token;
    token.setType("JWT");
    auto payload = Poco::JSON::Parser().parse(payloadJson).extract<Poco::JSON::Object::Ptr>();
    for (const auto& [name, value] : *payload) token.payload().set(name, value);
    return token;
}

std::string base64Url(const std::string& text) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    encoder << text;
    encoder.close();
    return out.str();
}

}  // namespace

std::string claims(const std::string& role, std::optional<long long> creatorId, std::optional<long long> expInSec,
                   const std::string& extra) {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::string json = "{\"sub\": \"test-" + (role.empty() ? std::string("nobody") : role) + "\"";
    if (!role.empty()) json += ", \"role\": \"" + role + "\"";
    if (creatorId) json += ", \"creator_id\": " + std::to_string(*creatorId);
    if (expInSec) json += ", \"exp\": " + std::to_string(now + *expInSec);
    if (!extra.empty()) json += ", " + extra;
    return json + "}";
}

std::string hmacToken(const std::string& payloadJson, const std::string& secret, const std::string& algorithm) {
    Poco::JWT::Token token = tokenOver(payloadJson);
    Poco::JWT::Signer signer(secret);
    signer.addAllAlgorithms();
    return signer.sign(token, algorithm);
}

std::string rs256Token(const std::string& payloadJson, const std::string& privateKeyPem) {
    Poco::JWT::Token token = tokenOver(payloadJson);
    Poco::SharedPtr<Poco::Crypto::RSAKey> key(new Poco::Crypto::RSAKey("", privateKeyPem, ""));
    Poco::JWT::Signer signer(key);
    signer.addAlgorithm(Poco::JWT::Signer::ALGO_RS256);
    return signer.sign(token, Poco::JWT::Signer::ALGO_RS256);
}

std::string unsignedToken(const std::string& payloadJson) {
    return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(payloadJson) + ".";
}

}  // namespace settlement::test
