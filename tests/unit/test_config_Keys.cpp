// The key table and config/settlement.properties describe the same keys: every key the
// program reads is documented there (as `key = value` or a commented-out `# key = value`),
// and every key documented there is one the program accepts.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "config/ConfigFile.h"
#include "config/Keys.h"

using namespace settlement::config;

namespace {

std::set<std::string> documentedKeys() {
    std::ifstream in(std::string(SETTLEMENT_SOURCE_DIR) + "/config/settlement.properties");
    std::set<std::string> keys;
    static const std::regex setting(R"(^#?\s*([a-z_]+(\.[a-z_]+)+)\s*=.*$)");
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, setting)) keys.insert(m[1]);
    }
    return keys;
}

}  // namespace

TEST(Keys, TheExampleConfigDocumentsExactlyTheKnownKeys) {
    std::set<std::string> table;
    for (const auto& k : knownKeys()) table.insert(std::string(k.name));
    EXPECT_EQ(documentedKeys(), table);
}

TEST(Keys, TheExampleConfigsAreValid) {
    for (const char* name : {"/config/settlement.properties", "/config/local.properties"}) {
        std::string path = std::string(SETTLEMENT_SOURCE_DIR) + name;
        EXPECT_NO_THROW(readConfigFile(path)) << path;
    }
}

TEST(Keys, EveryIntegerKeyHasARangeAroundItsDefault) {
    for (const auto& k : knownKeys()) {
        if (k.type != ValueType::Integer) continue;
        EXPECT_LE(k.min, k.max) << k.name;
        EXPECT_EQ(checkValue(k, std::to_string(k.min)), "") << k.name;
        EXPECT_NE(checkValue(k, std::to_string(k.max) + "0"), "") << k.name;
        EXPECT_NE(checkValue(k, "abc"), "") << k.name;
    }
}
