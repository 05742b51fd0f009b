#include "support/ApiFixture.h"

#include "support/TestTokens.h"

namespace settlement::test {

void seedApiFixture(TestDatabase& db) {
    db.migrate();
    db.sql().execute(
        "INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price, note) VALUES"
        " ('2026-03-01', 'VIEW', 1, 0.55, 'API tests: fractional revenue'),"
        " ('2026-03-01', 'AD', 1, 10.00, 'API tests')");
    std::string dir = sourceDir() + "/tests/fixtures/stats/";
    auto load = db.settlement({"load", "--members", dir + "members.csv", "--videos", dir + "videos.csv", "--ads",
                               dir + "ads.csv", "--video-ads", dir + "video_ads.csv", "--views", dir + "views.csv",
                               "--ad-views", dir + "ad_views.csv"});
    if (load.exitCode != 0) throw std::runtime_error("load failed: " + load.err);
    auto run = db.settlement({"run", "--from", "2026-03-09", "--to", "2026-03-15"});
    if (run.exitCode != 0) throw std::runtime_error("run failed: " + run.err);
}

std::map<std::string, std::string> jwtEnv() { return {{"SETTLEMENT_JWT_SECRET", kTestSecret}}; }

std::string issueToken(const TestDatabase& db, const std::string& role, const std::string& creator) {
    std::vector<std::string> args{"token", "--role", role};
    if (!creator.empty()) {
        args.push_back("--creator");
        args.push_back(creator);
    }
    auto r = db.settlement(args, jwtEnv());
    if (r.exitCode != 0) throw std::runtime_error("settlement token failed: " + r.err);
    std::string token = r.out;
    while (!token.empty() && token.back() == '\n') token.pop_back();
    return token;
}

}  // namespace settlement::test
