#pragma once
// The query string of a request, decoded and checked before anything reads it: each name
// at most once, only the names an endpoint takes, values parsed strictly (a number is
// digits only, within range). Nothing from here reaches SQL but parsed values.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/SpanParser.h"

namespace settlement::http {

class QueryParameters {
public:
    // Decodes "a=1&b=x%20y" ('+' is a space). Throws ParameterError for bad %-encoding, an
    // empty name or a name given twice.
    static QueryParameters parse(std::string_view rawQuery);

    // Throws ParameterError for the first name not in `names`.
    void allowOnly(const std::vector<std::string_view>& names) const;

    bool has(const std::string& name) const { return values_.count(name) != 0; }
    // The value, or "" when absent.
    std::string get(const std::string& name) const;
    // A positive whole number up to 2^64-1 (an id), or nullopt when absent.
    std::optional<std::uint64_t> id(const std::string& name) const;
    // A whole number in [min, max], or nullopt when absent.
    std::optional<int> intIn(const std::string& name, int min, int max) const;
    // period, date, from, to.
    SpanParameters span() const;

private:
    std::map<std::string, std::string> values_;
};

}  // namespace settlement::http
