#include "cli/Command.h"

#include <Poco/Exception.h>
#include <Poco/Util/AbstractConfiguration.h>
#include <Poco/Util/Option.h>

#include "app/ExitCode.h"

namespace settlement::cli {

std::string Context::option(const std::string& name) const {
    return config.getString("option." + name, "");
}

bool Context::flag(const std::string& name) const {
    return config.getBool("option." + name, false);
}

int Context::intOption(const std::string& name, int fallback, int min, int max) const {
    std::string text = option(name);
    if (text.empty()) return fallback;
    int value;
    try {
        std::size_t used = 0;
        value = std::stoi(text, &used);
        if (used != text.size()) throw std::invalid_argument(text);
    } catch (const std::exception&) {
        throw app::UsageError("--" + name + " must be a whole number, got '" + text + "'");
    }
    if (value < min || value > max)
        throw app::UsageError("--" + name + " must be between " + std::to_string(min) + " and " +
                              std::to_string(max) + ", got " + text);
    return value;
}

Poco::Util::Option valueOption(const std::string& name, const std::string& argName,
                               const std::string& description) {
    return Poco::Util::Option(name, "", description)
        .required(false)
        .repeatable(false)
        .argument(argName)
        .binding("option." + name);
}

Poco::Util::Option flagOption(const std::string& name, const std::string& description) {
    // Poco binds the empty argument of a flag as ""; the application stores "true" for it.
    return Poco::Util::Option(name, "", description).required(false).repeatable(false);
}

}  // namespace settlement::cli
