#include "engine/Step.h"

namespace settlement::engine {

const std::vector<Step>& dailySteps() {
    static const std::vector<Step> steps{
        {"stats", "aggregate_daily_stats_range", true},
    };
    return steps;
}

}  // namespace settlement::engine
