#include "engine/Step.h"

namespace settlement::engine {

const std::vector<Step>& dailySteps() {
    static const std::vector<Step> steps{
        {"stats", "aggregate_daily_stats_range", true},     // SPEC 5-6: counts, rollups
        {"recount", "reconcile_counts_range", true},        // counts = an independent recount of the logs
        {"settle", "settle_videos_range", true},            // SPEC 7: tiered revenue, restatement
        {"statements", "build_creator_statements", false},  // creator statements, restated dates
        {"reconcile", "reconcile_date_sums", false},        // settlement, statements, periods add up
    };
    return steps;
}

}  // namespace settlement::engine
