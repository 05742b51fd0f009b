#pragma once
// An answer other than 200 that an endpoint decides on: the status and the message of the
// {"error": "..."} body. Messages name the parameter or the reason and never carry SQL,
// a stack trace, a secret or a token.
#include <stdexcept>
#include <string>

namespace settlement::http {

class HttpError : public std::runtime_error {
public:
    HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

}  // namespace settlement::http
