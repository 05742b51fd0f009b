#pragma once
// A request parameter that cannot be used, with its name, what is wrong (a phrase that
// follows the name: "must be day, week, month or year") and the value as given. The HTTP
// API answers 400 "parameter period must be ..."; the command line says "--period must
// be ..., got 'x'". The HTTP answer never repeats the value.
#include <stdexcept>
#include <string>

namespace settlement::http {

class ParameterError : public std::runtime_error {
public:
    ParameterError(std::string name, const std::string& problem, std::string value = "")
        : std::runtime_error(problem), name_(std::move(name)), value_(std::move(value)) {}
    const std::string& name() const { return name_; }
    const std::string& value() const { return value_; }

private:
    std::string name_;
    std::string value_;
};

}  // namespace settlement::http
