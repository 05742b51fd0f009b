#include "load/LoadReport.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace settlement::load {

std::string withThousands(std::uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string formatSummary(const FileResult& file) {
    std::string out = file.kind->name + " " + file.path + ": " + std::to_string(file.rowsRead) + " read";
    std::uint64_t rejected = 0;
    std::vector<Outcome> reasons;
    for (const auto& o : file.outcomes) {
        if (o.outcome == "rejected") {
            rejected += o.count;
            if (o.count > 0) reasons.push_back(o);
        } else if (o.outcome != "notice") {
            out += ", " + std::to_string(o.count) + " " + o.outcome;
        }
    }
    std::stable_sort(reasons.begin(), reasons.end(), [](const Outcome& a, const Outcome& b) {
        return a.count != b.count ? a.count > b.count : a.reason < b.reason;
    });
    out += ", " + std::to_string(rejected) + " rejected";
    if (!reasons.empty()) {
        out += " (";
        for (std::size_t i = 0; i < reasons.size(); ++i)
            out += (i ? ", " : "") + reasons[i].reason + " " + std::to_string(reasons[i].count);
        out += ")";
    }
    double seconds = file.stageSeconds + file.promoteSeconds;
    char timing[64];
    std::snprintf(timing, sizeof timing, " in %.2f s, ", seconds);
    out += timing;
    auto rate = seconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(file.rowsRead) / seconds + 0.5) : 0;
    out += withThousands(rate) + " rows/s";
    return out;
}

}  // namespace settlement::load
