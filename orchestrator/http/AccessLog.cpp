#include "http/AccessLog.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace settlement::http {
namespace {

constexpr std::size_t kMaxLogged = 300;

// Printable ASCII only, at most `max` bytes ("..." marks a cut).
std::string printable(std::string_view text, std::size_t max) {
    std::string out;
    for (char ch : text.substr(0, max)) {
        auto c = static_cast<unsigned char>(ch);
        out += c >= 0x20 && c < 0x7F ? ch : '?';
    }
    if (text.size() > max) out += "...";
    return out;
}

bool secretName(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    constexpr std::array<std::string_view, 7> words{"token", "jwt", "key", "secret", "password", "auth", "bearer"};
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return lower.find(w) != std::string::npos; });
}

}  // namespace

std::string loggableTarget(const std::string& target) {
    auto question = target.find('?');
    if (question == std::string::npos) return printable(target, kMaxLogged);
    std::string out = target.substr(0, question + 1);
    std::string_view query(target);
    query.remove_prefix(question + 1);
    bool first = true;
    while (true) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        auto eq = pair.find('=');
        if (!first) out += '&';
        first = false;
        if (eq != std::string_view::npos && secretName(pair.substr(0, eq))) out += std::string(pair.substr(0, eq)) + "=***";
        else out += pair;
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return printable(out, kMaxLogged);
}

void logAccess(const std::string& method, const std::string& target, int status, double milliseconds,
               const std::string& subject) {
    spdlog::info("http {} {} {} {:.1f} ms{}", printable(method, 16), loggableTarget(target), status, milliseconds,
                 subject.empty() ? "" : " sub=" + printable(subject, 64));
}

}  // namespace settlement::http
