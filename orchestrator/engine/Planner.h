#pragma once
// Plans a date's video_id ranges from per-video row weights. The weights come from the
// most recent processed day up to 7 days back (popularity changes slowly, and reading it
// costs nothing); with no such day, from one pruned index scan of the date's partitions.
#include <string>
#include <vector>

#include "config/Settings.h"
#include "db/Connection.h"
#include "engine/RangePlan.h"

namespace settlement::engine {

struct Plan {
    std::vector<VideoRange> ranges;
    std::string weightsFrom;  // "2026-11-19 statistics" or "a scan of 2026-11-20"
};

class Planner {
public:
    Planner(db::Connection& connection, const config::RunSettings& settings)
        : db_(connection), settings_(settings) {}
    Plan plan(const std::string& date);

private:
    std::vector<VideoWeight> weights(const std::string& sql);
    db::Connection& db_;
    const config::RunSettings& settings_;
};

}  // namespace settlement::engine
