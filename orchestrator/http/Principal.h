#pragma once
// Who a request speaks for, from its verified token (SPEC §10): admin and finance see
// everything; a creator sees only their own videos' figures; everyone sees the rankings.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace settlement::http {

enum class Role { Admin, Finance, Creator };

struct Principal {
    std::string subject;                   // `sub`, for the access log ("" when absent)
    Role role = Role::Creator;
    std::optional<std::uint64_t> creatorId;  // always set for a creator

    bool seesEverything() const { return role != Role::Creator; }
};

// "admin", "finance" or "creator" (exactly, as tokens carry them).
inline std::optional<Role> parseRole(std::string_view text) {
    if (text == "admin") return Role::Admin;
    if (text == "finance") return Role::Finance;
    if (text == "creator") return Role::Creator;
    return std::nullopt;
}

inline std::string roleName(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::Finance: return "finance";
        case Role::Creator: return "creator";
    }
    return "";
}

}  // namespace settlement::http
