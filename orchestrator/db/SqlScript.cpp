#include "db/SqlScript.h"

#include <regex>

namespace settlement::db {
namespace {

bool blank(const std::string& s) {
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::vector<std::string> splitStatements(const std::string& script) {
    std::vector<std::string> statements;
    std::string current;
    char quote = 0;  // ', " or ` while inside a quoted string
    bool lineComment = false, blockComment = false;
    for (std::size_t i = 0; i < script.size(); ++i) {
        char c = script[i];
        char next = i + 1 < script.size() ? script[i + 1] : '\0';
        if (lineComment) {
            if (c == '\n') { lineComment = false; current += c; }
            continue;
        }
        if (blockComment) {
            if (c == '*' && next == '/') { blockComment = false; ++i; }
            continue;
        }
        if (quote) {
            current += c;
            if (c == '\\' && quote != '`' && next) { current += next; ++i; }
            else if (c == quote) quote = 0;
            continue;
        }
        if ((c == '-' && next == '-' && (i + 2 >= script.size() || std::isspace(static_cast<unsigned char>(script[i + 2])))) || c == '#') {
            lineComment = true;
            continue;
        }
        if (c == '/' && next == '*') { blockComment = true; ++i; continue; }
        if (c == '\'' || c == '"' || c == '`') { quote = c; current += c; continue; }
        if (c == ';') {
            // Only a ';' that ends its line ends a statement.
            std::size_t j = i + 1;
            while (j < script.size() && (script[j] == ' ' || script[j] == '\t' || script[j] == '\r')) ++j;
            bool endsLine = j >= script.size() || script[j] == '\n' ||
                            (script[j] == '-' && j + 1 < script.size() && script[j + 1] == '-');
            if (endsLine) {
                if (!blank(current)) statements.push_back(current);
                current.clear();
                continue;
            }
        }
        current += c;
    }
    if (!blank(current)) statements.push_back(current);
    for (auto& s : statements) {
        s.erase(0, s.find_first_not_of(" \t\r\n"));
        s.erase(s.find_last_not_of(" \t\r\n") + 1);
    }
    return statements;
}

std::optional<RoutineName> createdObject(const std::string& statement) {
    static const std::regex pattern(
        R"(CREATE\s+(?:OR\s+REPLACE\s+)?(?:DEFINER\s*=\s*\S+\s+)?(?:SQL\s+SECURITY\s+\w+\s+)?(PROCEDURE|FUNCTION|VIEW)\s+`?(\w+)`?)",
        std::regex::icase);
    std::smatch m;
    if (!std::regex_search(statement, m, pattern)) return std::nullopt;
    std::string kind = m[1];
    for (auto& ch : kind) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return RoutineName{kind, m[2]};
}

}  // namespace settlement::db
