#pragma once
// Reads the --config file (Java/Poco properties: `key = value` or `key: value`, `#` and
// `!` comments, a trailing backslash continues the line) once, and refuses what Poco would
// silently take: a line that is not `key = value`, a key the product does not have, a
// value its key cannot take, a key set twice. Every refusal is app::UsageError (exit 2)
// naming the file and the line.
#include <cstdint>
#include <map>
#include <string>

namespace settlement::config {

struct ConfigEntry {
    std::string value;
    std::uint64_t line = 0;
};

// A config file is small: more than this is not one (and /dev/zero is not read forever).
inline constexpr std::size_t kMaxConfigFileBytes = 1 << 20;

std::map<std::string, ConfigEntry> readConfigFile(const std::string& path);
// The same rules for text already read (the unit tests use it); `path` names it in messages.
std::map<std::string, ConfigEntry> parseConfigText(const std::string& text, const std::string& path);

}  // namespace settlement::config
