#pragma once
// A strict reader of the Prometheus text exposition format (0.0.4), for the tests of
// /metrics: every line is a # HELP, a # TYPE or a sample; a sample's family was declared by
// a # TYPE line before it (histograms: name_bucket with le, name_sum, name_count); names
// and label names are valid; label values are quoted with \\, \" and \n escapes; values
// are numbers (or +Inf, -Inf, NaN).
#include <map>
#include <string>
#include <vector>

namespace settlement::test {

struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

struct Exposition {
    std::map<std::string, std::string> types;  // family -> counter, gauge, histogram, ...
    std::vector<Sample> samples;
    std::vector<std::string> errors;  // empty when the text is valid

    // The value of the one sample with this name and these labels (a subset is enough);
    // NaN when there is none.
    double value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const;
};

Exposition parsePrometheusText(const std::string& text);

}  // namespace settlement::test
