#include "http/QueryParameters.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "http/ParameterError.h"

namespace settlement::http {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            int hi = i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
            int lo = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
            if (hi < 0 || lo < 0) throw ParameterError("query", "has a malformed %-escape");
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// A name as it may appear in a message: short, letters, digits and '_' only.
std::string shown(const std::string& name) {
    bool plain = !name.empty() && name.size() <= 32 &&
                 std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
    return plain ? name : "(unprintable name)";
}

}  // namespace

QueryParameters QueryParameters::parse(std::string_view raw) {
    QueryParameters q;
    while (!raw.empty()) {
        auto amp = raw.find('&');
        std::string_view pair = raw.substr(0, amp);
        raw = amp == std::string_view::npos ? std::string_view{} : raw.substr(amp + 1);
        if (pair.empty()) continue;  // "a=1&&b=2"
        auto eq = pair.find('=');
        std::string name = decode(pair.substr(0, eq));
        std::string value = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
        if (name.empty()) throw ParameterError("query", "has a parameter without a name");
        if (!q.values_.emplace(name, std::move(value)).second)
            throw ParameterError(shown(name), "is given more than once");
    }
    return q;
}

void QueryParameters::allowOnly(const std::vector<std::string_view>& names) const {
    for (const auto& [name, value] : values_)
        if (std::find(names.begin(), names.end(), name) == names.end())
            throw ParameterError(shown(name), "is not a parameter of this endpoint");
}

std::string QueryParameters::get(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? "" : it->second;
}

std::optional<std::uint64_t> QueryParameters::id(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    std::string text = get(name);
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value == 0)
        throw ParameterError(name, "must be a positive whole number (an id) up to 18446744073709551615", text);
    return value;
}

std::optional<int> QueryParameters::intIn(const std::string& name, int min, int max) const {
    if (!has(name)) return std::nullopt;
    std::string text = get(name);
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
        throw ParameterError(name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max),
                             text);
    return value;
}

SpanParameters QueryParameters::span() const {
    return SpanParameters{get("period"), get("date"), get("from"), get("to")};
}

}  // namespace settlement::http
