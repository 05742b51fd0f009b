#include "http/TokenSigner.h"

#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>

#include "app/ExitCode.h"
#include "http/JwtSecret.h"

namespace settlement::http {

std::string signToken(const config::HttpSettings& settings, const TokenRequest& r,
                      std::chrono::system_clock::time_point now) {
    if (r.role == Role::Creator && !r.creatorId)
        throw app::UsageError("a creator token needs --creator ID (the creator's member id)");
    if (r.role != Role::Creator && r.creatorId)
        throw app::UsageError("--creator applies only to --role creator");
    Poco::JWT::Signer signer(jwtSecret(settings));

    auto epoch = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    Poco::JWT::Token token;
    token.setType("JWT");
    std::string subject = !r.subject.empty() ? r.subject
                          : r.creatorId      ? "creator:" + std::to_string(*r.creatorId)
                                             : roleName(r.role);
    token.setSubject(subject);
    // Whole seconds (RFC 7519 NumericDate); Poco's setters would write fractions.
    token.payload().set("iat", static_cast<Poco::Int64>(epoch));
    token.payload().set("exp", static_cast<Poco::Int64>(epoch + r.ttl.count()));
    token.payload().set("role", roleName(r.role));
    if (r.creatorId) token.payload().set("creator_id", static_cast<Poco::UInt64>(*r.creatorId));
    if (!settings.jwtIssuer.empty()) token.setIssuer(settings.jwtIssuer);
    if (!settings.jwtAudience.empty()) token.setAudience(settings.jwtAudience);
    return signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
}

}  // namespace settlement::http
