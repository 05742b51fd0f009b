#include "support/PrometheusText.h"

#include <cmath>
#include <regex>
#include <set>
#include <sstream>

namespace settlement::test {
namespace {

const std::regex kName("[a-zA-Z_:][a-zA-Z0-9_:]*");
const std::regex kLabelName("[a-zA-Z_][a-zA-Z0-9_]*");

bool parseValue(const std::string& text, double& out) {
    if (text == "+Inf") { out = INFINITY; return true; }
    if (text == "-Inf") { out = -INFINITY; return true; }
    if (text == "NaN") { out = NAN; return true; }
    try {
        std::size_t used = 0;
        out = std::stod(text, &used);
        return used == text.size();
    } catch (const std::exception&) {
        return false;
    }
}

// name{a="x",b="y"} value -> sample; false on any deviation.
bool parseSample(const std::string& line, Sample& sample) {
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    sample.name = line.substr(0, i);
    if (!std::regex_match(sample.name, kName)) return false;
    if (i < line.size() && line[i] == '{') {
        ++i;
        while (i < line.size() && line[i] != '}') {
            std::size_t eq = line.find('=', i);
            if (eq == std::string::npos) return false;
            std::string label = line.substr(i, eq - i);
            if (!std::regex_match(label, kLabelName) || eq + 1 >= line.size() || line[eq + 1] != '"') return false;
            std::string value;
            std::size_t j = eq + 2;
            for (; j < line.size() && line[j] != '"'; ++j) {
                if (line[j] == '\\') {
                    if (++j >= line.size()) return false;
                    char e = line[j];
                    if (e == 'n') value += '\n';
                    else if (e == '\\' || e == '"') value += e;
                    else return false;
                } else {
                    value += line[j];
                }
            }
            if (j >= line.size()) return false;
            if (!sample.labels.emplace(label, value).second) return false;
            i = j + 1;
            if (i < line.size() && line[i] == ',') ++i;
        }
        if (i >= line.size()) return false;
        ++i;
    }
    if (i >= line.size() || line[i] != ' ') return false;
    return parseValue(line.substr(i + 1), sample.value);
}

std::string familyOf(const std::string& name, const std::map<std::string, std::string>& types) {
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        std::string s(suffix);
        if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
            std::string base = name.substr(0, name.size() - s.size());
            auto it = types.find(base);
            if (it != types.end() && it->second == "histogram") return base;
        }
    }
    return name;
}

}  // namespace

double Exposition::value(const std::string& name, const std::map<std::string, std::string>& labels) const {
    for (const auto& s : samples) {
        if (s.name != name) continue;
        bool match = true;
        for (const auto& [k, v] : labels)
            if (s.labels.count(k) == 0 || s.labels.at(k) != v) match = false;
        if (match) return s.value;
    }
    return NAN;
}

Exposition parsePrometheusText(const std::string& text) {
    Exposition e;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    std::set<std::string> helped;
    if (!text.empty() && text.back() != '\n') e.errors.push_back("the text does not end with a newline");
    while (std::getline(in, line)) {
        ++number;
        std::string where = "line " + std::to_string(number) + " '" + line + "': ";
        if (line.empty()) continue;
        if (line.rfind("# HELP ", 0) == 0) {
            std::string name = line.substr(7, line.find(' ', 7) - 7);
            if (!std::regex_match(name, kName) || !helped.insert(name).second) e.errors.push_back(where + "bad HELP");
            continue;
        }
        if (line.rfind("# TYPE ", 0) == 0) {
            std::istringstream words(line.substr(7));
            std::string name, type, rest;
            words >> name >> type >> rest;
            static const std::set<std::string> kTypes{"counter", "gauge", "histogram", "summary", "untyped"};
            if (!std::regex_match(name, kName) || !kTypes.count(type) || !rest.empty() || e.types.count(name))
                e.errors.push_back(where + "bad TYPE");
            e.types[name] = type;
            continue;
        }
        if (line[0] == '#') continue;  // a comment
        Sample sample;
        if (!parseSample(line, sample)) {
            e.errors.push_back(where + "not a sample");
            continue;
        }
        std::string family = familyOf(sample.name, e.types);
        if (!e.types.count(family)) e.errors.push_back(where + "no TYPE line before the sample");
        if (e.types.count(family) && e.types.at(family) == "histogram" &&
            sample.name == family + "_bucket" && !sample.labels.count("le"))
            e.errors.push_back(where + "a bucket without le");
        e.samples.push_back(sample);
    }
    return e;
}

}  // namespace settlement::test
