#include "engine/Planner.h"

namespace settlement::engine {

std::vector<VideoWeight> Planner::weights(const std::string& sql) {
    std::vector<VideoWeight> out;
    for (const auto& r : db_.query(sql).rows) out.push_back({std::stoull(*r[0]), std::stoull(*r[1])});
    return out;
}

Plan Planner::plan(const std::string& date) {
    std::string d = db_.quote(date);
    auto basis = db_.scalar("SELECT MAX(business_date) FROM video_daily_stat WHERE business_date <= " + d +
                            " AND business_date >= " + d + " - INTERVAL 7 DAY");
    Plan plan;
    std::vector<VideoWeight> w;
    if (basis) {
        w = weights("SELECT video_id, view_events + ad_events FROM video_daily_stat WHERE business_date = " +
                    db_.quote(*basis) + " ORDER BY video_id");
        plan.weightsFrom = *basis + " statistics";
    }
    if (w.empty()) {
        w = weights("SELECT video_id, SUM(n) FROM ("
                    " SELECT video_id, COUNT(*) AS n FROM view_log WHERE business_date = " + d + " GROUP BY video_id"
                    " UNION ALL"
                    " SELECT video_id, COUNT(*) FROM ad_view_log WHERE business_date = " + d + " GROUP BY video_id"
                    ") w GROUP BY video_id ORDER BY video_id");
        plan.weightsFrom = "a scan of " + date;
    }
    plan.ranges = planRanges(w, settings_.rowsPerRange, settings_.maxRanges);
    return plan;
}

}  // namespace settlement::engine
