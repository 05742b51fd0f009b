#pragma once
// Issues HS256 API tokens (`settlement token`, SPEC §10) with the claims JwtVerifier
// checks: sub, role, creator_id (creators), iat, exp, and iss/aud when configured.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "config/Settings.h"
#include "http/Principal.h"

namespace settlement::http {

struct TokenRequest {
    Role role = Role::Admin;
    std::optional<std::uint64_t> creatorId;  // required for Role::Creator, refused otherwise
    std::string subject;                     // "" -> "role" or "creator:<id>"
    std::chrono::seconds ttl{3600};
};

// Throws app::UsageError for a missing or short secret, or claims that do not fit the role.
std::string signToken(const config::HttpSettings& settings, const TokenRequest& request,
                      std::chrono::system_clock::time_point now);

}  // namespace settlement::http
