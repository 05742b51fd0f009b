#include "engine/Step.h"

namespace settlement::engine {

const std::vector<Step>& dailySteps() {
    static const std::vector<Step> steps{
        {"stats", "aggregate_daily_stats_range", true},     // SPEC 5-6: counts, rollups
        {"settle", "settle_videos_range", true},            // SPEC 7: tiered revenue, restatement
        {"statements", "build_creator_statements", false},  // creator statements, restated dates
        {"reconcile", "reconcile_date", false},             // independent checks; fail the run
    };
    return steps;
}

}  // namespace settlement::engine
