#pragma once
// One line per request at info level: method, target, status, milliseconds, the token's
// subject. The target is cut to a length, its control and non-ASCII bytes replaced, and
// the value of any query parameter whose name speaks of a secret (token, jwt, key,
// secret, password, auth) replaced by "***", so a token pasted into a URL never reaches
// the log. The Authorization header is never logged.
#include <string>

namespace settlement::http {

// The request target as the log shows it.
std::string loggableTarget(const std::string& target);

void logAccess(const std::string& method, const std::string& target, int status, double milliseconds,
               const std::string& subject);

}  // namespace settlement::http
