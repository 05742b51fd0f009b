#pragma once
// API tokens for tests, good and bad: signed with Poco JWT over any claims (so a test can
// leave out exp or sign with another algorithm), or hand-made (alg none).
#include <optional>
#include <string>

namespace settlement::test {

inline const std::string kTestSecret = "test-secret-0123456789-abcdefghij-KLMNOP";  // 40 bytes

// {"sub": ..., "role": ..., "creator_id": ..., "exp": now + expInSec} as JSON; a field is
// left out when its argument is empty / nullopt.
std::string claims(const std::string& role, std::optional<long long> creatorId = std::nullopt,
                   std::optional<long long> expInSec = 3600, const std::string& extra = "");

// A token over `payloadJson`, signed with `secret` by HS256 (or HS384, HS512).
std::string hmacToken(const std::string& payloadJson, const std::string& secret = kTestSecret,
                      const std::string& algorithm = "HS256");
// A token over `payloadJson` signed RS256 with the private key in a PEM file.
std::string rs256Token(const std::string& payloadJson, const std::string& privateKeyPem);
// A token with header {"alg": "none"} and an empty signature.
std::string unsignedToken(const std::string& payloadJson);

}  // namespace settlement::test
