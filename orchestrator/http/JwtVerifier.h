#pragma once
// Verifies the bearer token of a request (SPEC §10): HS256 with the shared secret, or RS256
// with the identity service's RSA public key (http.jwt_public_key). Only the configured
// algorithm is accepted; `alg: none`, another algorithm, a bad signature, a missing or
// past `exp`, a bad `role`, a creator without `creator_id`, or a wrong `iss`/`aud` (when
// configured) are 401. Poco JWT checks the signature; the header and claims are checked
// here, before and after it.
#include <chrono>
#include <memory>
#include <string>

#include "config/Settings.h"
#include "http/Principal.h"

namespace Poco::JWT { class Signer; }

namespace settlement::http {

class JwtVerifier {
public:
    // Throws app::UsageError (exit 2) when neither a key file nor a secret of at least
    // 32 bytes is configured, or the key file cannot be read.
    explicit JwtVerifier(const config::HttpSettings& settings);
    ~JwtVerifier();

    // From the Authorization header's value ("" when absent). Throws HttpError(401) saying
    // what is wrong with the token, never repeating it.
    Principal verify(const std::string& authorization, std::chrono::system_clock::time_point now) const;

    // "HS256" or "RS256".
    const std::string& algorithm() const { return algorithm_; }

private:
    std::string algorithm_;
    std::unique_ptr<Poco::JWT::Signer> signer_;
    std::string issuer_;
    std::string audience_;
    std::chrono::seconds leeway_;
};

}  // namespace settlement::http
