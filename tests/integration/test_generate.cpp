// generate through the real binary: the six files, their headers and line counts, the
// business time zone from the config, and usage errors.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "support/TestDatabase.h"

using namespace settlement::test;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / "settlement-tests" / "generate" / name;
    fs::remove_all(dir);
    return dir;
}

std::vector<std::string> lines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

CommandResult generate(const std::vector<std::string>& args) {
    std::vector<std::string> all{"generate"};
    all.insert(all.end(), args.begin(), args.end());
    return runProgram(SETTLEMENT_BINARY, all);
}

}  // namespace

TEST(GenerateCli, WritesSixFilesWithSpecHeadersAndTheRequestedRows) {
    fs::path dir = freshDir("small");
    auto r = generate({"--out", dir.string(), "--start-date", "2026-02-01", "--members", "40", "--creators", "4",
                       "--advertisers", "3", "--videos", "20", "--ads", "6", "--ads-per-video", "2",
                       "--views-per-day", "500", "--seed", "9"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    // Header + data lines: 40 members, 20 videos, 6 ads, 20 x 2 placements, 500 views and
    // (by default) 500 / 5 = 100 ad events.
    struct Expected { const char* file; const char* header; std::size_t rows; };
    const Expected expected[] = {
        {"members.csv", "id,role,name", 40},
        {"videos.csv", "id,creator_id,title,duration_sec", 20},
        {"ads.csv", "id,advertiser_id,title", 6},
        {"video_ads.csv", "video_id,ad_id,position_sec", 40},
        {"views.csv", "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec", 500},
        {"ad_views.csv", "event_id,viewer_id,video_id,ad_id,ip,viewed_at", 100},
    };
    for (const auto& e : expected) {
        auto content = lines(dir / e.file);
        ASSERT_FALSE(content.empty()) << e.file;
        EXPECT_EQ(content[0], e.header) << e.file;
        EXPECT_EQ(content.size(), e.rows + 1) << e.file;
        EXPECT_NE(r.out.find(e.file), std::string::npos) << r.out;
    }
    EXPECT_EQ(lines(dir / "members.csv")[1], "1,ADMIN,Platform Admin");
    // Business date 2026-02-01 at the default +09:00 starts at 2026-01-31 15:00 UTC; the
    // first slot of the day is in its first minutes, and its event id carries the date.
    auto firstView = lines(dir / "views.csv")[1];
    EXPECT_EQ(firstView.substr(0, 18), "202602010000000001") << firstView;
    EXPECT_NE(firstView.find(",2026-01-31 15:0"), std::string::npos) << firstView;
}

TEST(GenerateCli, TheBusinessTimeZoneComesFromTheConfig) {
    fs::path dir = freshDir("offset");
    std::string config = writeTempFile("offset.properties", "business.utc_offset = -05:00\n");
    auto r = runProgram(SETTLEMENT_BINARY, {"--config", config, "generate", "--out", dir.string(), "--start-date",
                                            "2026-02-01", "--views-per-day", "200", "--invalid-rate", "0"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    // At -05:00, business date 2026-02-01 is [2026-02-01 05:00, 2026-02-02 05:00) UTC.
    auto views = lines(dir / "views.csv");
    ASSERT_EQ(views.size(), 201u);
    for (std::size_t i = 1; i < views.size(); ++i) {
        auto at = views[i].find(",2026-02-0");
        ASSERT_NE(at, std::string::npos) << views[i];
        std::string ts = views[i].substr(at + 1, 23);
        EXPECT_GE(ts, "2026-02-01 05:00:00.000") << views[i];
        EXPECT_LT(ts, "2026-02-02 05:00:00.000") << views[i];
    }
}

TEST(GenerateCli, DefaultStartDateIsYesterdayInTheBusinessTimeZone) {
    fs::path dir = freshDir("default-date");
    auto before = std::chrono::system_clock::now();
    auto r = generate({"--out", dir.string(), "--views-per-day", "10", "--ad-views-per-day", "0",
                       "--catalog-only"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_FALSE(fs::exists(dir / "views.csv"));
    r = generate({"--out", dir.string(), "--views-per-day", "10", "--ad-views-per-day", "0", "--logs-only"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    // Yesterday at +09:00: shift now by 9 hours, take the day, go back one.
    auto day = std::chrono::floor<std::chrono::days>(before + std::chrono::hours(9)) - std::chrono::days(1);
    std::chrono::year_month_day ymd{day};
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%04d%02u%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    auto views = lines(dir / "views.csv");
    ASSERT_EQ(views.size(), 11u);
    EXPECT_EQ(views[1].substr(0, 8), prefix) << views[1];
    EXPECT_EQ(lines(dir / "ad_views.csv").size(), 1u);  // header only
}

TEST(GenerateCli, UsageErrorsExit2) {
    fs::path dir = freshDir("usage");
    struct Case { std::vector<std::string> args; const char* message; };
    const Case cases[] = {
        {{}, "--out"},
        {{"--out", dir.string(), "--start-date", "2026-02-30"}, "--start-date"},
        {{"--out", dir.string(), "--members", "50"}, "--members"},  // 1 + 100 creators + 20 advertisers > 50
        {{"--out", dir.string(), "--catalog-only", "--logs-only"}, "--logs-only"},
        {{"--out", dir.string(), "--invalid-rate", "often"}, "--invalid-rate"},
        {{"--out", dir.string(), "--seed", "-1"}, "--seed"},
        {{"--out", dir.string(), "--ads", "0", "--ad-views-per-day", "5"}, "--ad-views-per-day"},
    };
    for (const auto& c : cases) {
        auto r = generate(c.args);
        EXPECT_EQ(r.exitCode, 2) << c.message << "\n" << r.out << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    }
    EXPECT_FALSE(fs::exists(dir / "views.csv"));
}

TEST(GenerateLoad, GeneratedFilesLoadWithRejectsOnlyAtTheInvalidRate) {
    TestDatabase db("t_gen_load");
    db.migrate();
    fs::path dir = freshDir("load");
    auto g = generate({"--out", dir.string(), "--start-date", "2026-02-01", "--members", "300", "--creators", "20",
                       "--advertisers", "5", "--videos", "100", "--ads", "12", "--ads-per-video", "3",
                       "--views-per-day", "10000", "--ad-views-per-day", "4000", "--invalid-rate", "0.01"});
    ASSERT_EQ(g.exitCode, 0) << g.out << g.err;
    auto r = db.settlement({"load", "--members", (dir / "members.csv").string(), "--videos", (dir / "videos.csv").string(),
                            "--ads", (dir / "ads.csv").string(), "--video-ads", (dir / "video_ads.csv").string(),
                            "--views", (dir / "views.csv").string(), "--ad-views", (dir / "ad_views.csv").string()});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;

    // The catalog is clean: every row in, nothing rejected. 100 videos x 3 placements.
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM member"), 300);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM video"), 100);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM ad"), 12);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM video_ad"), 300);
    EXPECT_EQ(db.count("SELECT COUNT(*) FROM rejected_record WHERE kind IN ('members','videos','ads','video_ads')"), 0);

    // Logs: 1% of lines are bad, four kinds in five rejected and one in five a repeated line.
    // Views: about 80 rejects (sd ~9) and 20 duplicates (sd ~4.5); ad events 32 and 8.
    struct Log { const char* kind; const char* table; long long lines, rejectMin, rejectMax, dupMax; };
    for (const Log& log : {Log{"views", "view_log", 10000, 40, 130, 45}, Log{"ad_views", "ad_view_log", 4000, 10, 60, 25}}) {
        std::string batch = std::string("FROM load_batch WHERE kind = '") + log.kind + "'";
        long long read = db.count("SELECT rows_read " + batch);
        long long loaded = db.count("SELECT loaded " + batch);
        long long duplicates = db.count("SELECT duplicates " + batch);
        long long rejected = db.count("SELECT rejected " + batch);
        EXPECT_EQ(read, log.lines) << log.kind;
        EXPECT_EQ(loaded + duplicates + rejected, log.lines) << log.kind;
        EXPECT_GE(rejected, log.rejectMin) << log.kind;
        EXPECT_LE(rejected, log.rejectMax) << log.kind;
        EXPECT_GE(duplicates, 1) << log.kind;
        EXPECT_LE(duplicates, log.dupMax) << log.kind;
        EXPECT_EQ(db.count(std::string("SELECT COUNT(*) FROM rejected_record WHERE kind = '") + log.kind + "'"), rejected);
        EXPECT_EQ(db.count(std::string("SELECT COUNT(*) FROM ") + log.table), loaded) << log.kind;
        // Every loaded event is on the business date it was made for.
        EXPECT_EQ(db.count(std::string("SELECT COUNT(*) FROM ") + log.table + " WHERE business_date <> '2026-02-01'"), 0);
    }
}
