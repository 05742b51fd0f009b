#include "http/JwtSecret.h"

#include "app/ExitCode.h"

namespace settlement::http {

std::string jwtSecret(const config::HttpSettings& settings) {
    const std::string& secret = settings.jwtSecret;
    if (secret.empty())
        throw app::UsageError("no token secret: set SETTLEMENT_JWT_SECRET (or http.jwt_secret) to at least " +
                              std::to_string(kMinSecretBytes) + " bytes, e.g. `openssl rand -base64 48`");
    if (secret.size() < kMinSecretBytes)
        throw app::UsageError("the token secret (SETTLEMENT_JWT_SECRET or http.jwt_secret) is " +
                              std::to_string(secret.size()) + " bytes; it must be at least " +
                              std::to_string(kMinSecretBytes) + " (e.g. `openssl rand -base64 48`)");
    return secret;
}

}  // namespace settlement::http
