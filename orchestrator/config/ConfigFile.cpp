#include "config/ConfigFile.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/ExitCode.h"
#include "config/Keys.h"

namespace settlement::config {
namespace {

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

std::string trim(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && isBlank(s[b])) ++b;
    while (e > b && (isBlank(s[e - 1]) || s[e - 1] == '\r')) --e;
    return s.substr(b, e - b);
}

// Poco's escapes in a value: \t \n \r \f, and a backslash before any other character keeps it.
std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        char c = s[++i];
        out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c == 'f' ? '\f' : c;
    }
    return out;
}

std::string shown(const std::string& text) {
    std::string cut = text.substr(0, 60);
    for (char& c : cut)
        if (static_cast<unsigned char>(c) < 0x20) c = '?';
    return "'" + cut + (cut.size() < text.size() ? "...'" : "'");
}

}  // namespace

std::map<std::string, ConfigEntry> readConfigFile(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw app::UsageError("config file " + path + " is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw app::UsageError("config file " + path + " cannot be read: " + std::strerror(errno));
    std::string text(kMaxConfigFileBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw app::UsageError("config file " + path + " cannot be read: " + std::strerror(errno));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxConfigFileBytes)
        throw app::UsageError("config file " + path + " is larger than " + std::to_string(kMaxConfigFileBytes) +
                              " bytes: not a properties file");
    return parseConfigText(text, path);
}

std::map<std::string, ConfigEntry> parseConfigText(const std::string& text, const std::string& path) {
    std::map<std::string, ConfigEntry> entries;
    std::uint64_t lineNo = 0;
    std::size_t pos = 0;
    auto fail = [&](std::uint64_t line, const std::string& what) {
        throw app::UsageError(path + ":" + std::to_string(line) + ": " + what);
    };
    while (pos < text.size()) {
        // One logical line: physical lines joined while one ends in a backslash.
        std::uint64_t first = ++lineNo;
        std::string logical;
        for (;;) {
            std::size_t end = text.find('\n', pos);
            std::string physical = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            pos = end == std::string::npos ? text.size() : end + 1;
            if (!physical.empty() && physical.back() == '\r') physical.pop_back();
            std::string part = trim(physical);
            bool comment = logical.empty() && (part.starts_with('#') || part.starts_with('!'));
            bool continues = !comment && !part.empty() && part.back() == '\\';
            if (continues) part.pop_back();
            logical += part;
            if (!continues || pos >= text.size()) break;
            ++lineNo;
        }
        std::string line = trim(logical);
        if (line.empty() || line[0] == '#' || line[0] == '!') continue;
        if (line.find('\0') != std::string::npos) fail(first, "a NUL byte: not a properties file");
        std::size_t sep = line.find_first_of("=:");
        if (sep == std::string::npos)
            fail(first, "not a `key = value` line: " + shown(line));
        std::string key = trim(line.substr(0, sep));
        std::string value = unescape(trim(line.substr(sep + 1)));
        if (key.empty()) fail(first, "a value without a key: " + shown(line));
        const KeySpec* spec = findKey(key);
        if (!spec) {
            std::string near = closestKey(key);
            fail(first, "unknown key " + shown(key) + (near.empty() ? "" : " (did you mean " + near + "?)") +
                            "; config/settlement.properties lists every key");
        }
        std::string problem = checkValue(*spec, value);
        if (!problem.empty()) fail(first, problem);
        auto [it, inserted] = entries.emplace(key, ConfigEntry{value, first});
        if (!inserted) fail(first, key + " is set twice (also on line " + std::to_string(it->second.line) + ")");
    }
    return entries;
}

}  // namespace settlement::config
