#pragma once
// The HS256 key of `serve` and `token`: http.jwt_secret, or SETTLEMENT_JWT_SECRET over it.
#include <string>

#include "config/Settings.h"

namespace settlement::http {

inline constexpr std::size_t kMinSecretBytes = 32;  // 256 bits, the HS256 digest size

// The secret; throws app::UsageError (exit 2) when it is missing or shorter than 32 bytes,
// never falling back to a weak key. The message gives the length, never the secret.
std::string jwtSecret(const config::HttpSettings& settings);

}  // namespace settlement::http
