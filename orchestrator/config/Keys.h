#pragma once
// Every configuration key the product reads, in one table: the config file may set these
// and no other (SPEC §8: an unknown key is a configuration error), and each value is
// checked against its row before anything runs. A new key is one row here, one line in
// Settings::from and one documented line in config/settlement.properties (a unit test
// holds the table and that file together).
#include <span>
#include <string>
#include <string_view>

namespace settlement::config {

enum class ValueType {
    Text,       // anything, the empty string included
    Integer,    // a whole number from min to max
    Boolean,    // true/false, yes/no, on/off, 1/0 (as Poco reads them)
    UtcOffset,  // +HH:MM or -HH:MM
    Date,       // YYYY-MM-DD
    LogLevel,   // trace|debug|info|warn|error|off
};

struct KeySpec {
    std::string_view name;
    ValueType type;
    long long min = 0;  // Integer only
    long long max = 0;
};

std::span<const KeySpec> knownKeys();
// The row of a key, or nullptr when the product has no such key.
const KeySpec* findKey(std::string_view name);
// The row of a key the program reads; throws std::logic_error for a name not in the table.
const KeySpec& keySpec(std::string_view name);
// "" when `value` suits the key, else what is wrong, e.g. "run.threads must be a whole
// number from 0 to 256, got 'abc'".
std::string checkValue(const KeySpec& spec, const std::string& value);
// A known key close to a misspelt one (same prefix, small edit distance), or "".
std::string closestKey(std::string_view name);

}  // namespace settlement::config
