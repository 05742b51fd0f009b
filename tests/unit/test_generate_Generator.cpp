// generate end to end (no database): files, counts, determinism and the shape of the logs,
// checked by reading the CSV files back with an independent parser.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "generate/Generator.h"
#include "util/Date.h"

using namespace settlement::generate;
using namespace settlement::util;
namespace fs = std::filesystem;

namespace {

using Row = std::vector<std::string>;

// RFC 4180 fields of one line (the generator writes no line breaks inside fields).
Row splitCsv(const std::string& line) {
    Row fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { fields.back() += '"'; ++i; }
            else if (c == '"') quoted = false;
            else fields.back() += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') fields.emplace_back();
        else fields.back() += c;
    }
    return fields;
}

// All lines of a file, header first.
std::vector<Row> readCsv(const fs::path& path) {
    std::ifstream in(path);
    std::vector<Row> rows;
    for (std::string line; std::getline(in, line);) rows.push_back(splitCsv(line));
    return rows;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path freshDir(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / "settlement-unit" / "generate" / name;
    fs::remove_all(dir);
    return dir;
}

GenerateOptions small(const std::string& dirName) {
    GenerateOptions o;
    o.outDir = freshDir(dirName).string();
    o.startDate = *parseDate("2026-02-01");
    o.members = 60;
    o.creators = 5;
    o.advertisers = 4;
    o.videos = 30;
    o.ads = 8;
    o.adsPerVideo = 3;
    o.viewsPerDay = 2000;
    o.adViewsPerDay = 500;
    o.invalidRate = 0;
    return o;
}

const char* kFiles[] = {"members.csv", "videos.csv", "ads.csv", "video_ads.csv", "views.csv", "ad_views.csv"};

std::int64_t millis(const std::string& text) {
    auto ts = parseTimestamp(text);
    return ts ? ts->epochMillis : INT64_MIN;
}

}  // namespace

TEST(Generate, FilesHaveTheSpecHeadersAndTheRowCountsOfTheFlags) {
    auto o = small("counts");
    o.days = 2;
    auto summary = generateFiles(o);
    fs::path dir(o.outDir);
    // SPEC §2 columns, in order.
    EXPECT_EQ(readCsv(dir / "members.csv")[0], (Row{"id", "role", "name"}));
    EXPECT_EQ(readCsv(dir / "videos.csv")[0], (Row{"id", "creator_id", "title", "duration_sec"}));
    EXPECT_EQ(readCsv(dir / "ads.csv")[0], (Row{"id", "advertiser_id", "title"}));
    EXPECT_EQ(readCsv(dir / "video_ads.csv")[0], (Row{"video_id", "ad_id", "position_sec"}));
    EXPECT_EQ(readCsv(dir / "views.csv")[0],
              (Row{"event_id", "viewer_id", "video_id", "ip", "started_at", "watched_sec", "last_position_sec"}));
    EXPECT_EQ(readCsv(dir / "ad_views.csv")[0], (Row{"event_id", "viewer_id", "video_id", "ad_id", "ip", "viewed_at"}));
    // Data lines: 60 members, 30 videos, 8 ads, 30 x 3 placements, 2 days x 2000 views and 2 x 500 ad events.
    std::map<std::string, std::size_t> expected{{"members.csv", 60}, {"videos.csv", 30}, {"ads.csv", 8},
                                                {"video_ads.csv", 90}, {"views.csv", 4000}, {"ad_views.csv", 1000}};
    ASSERT_EQ(summary.files.size(), 6u);
    for (const auto& f : summary.files) {
        EXPECT_EQ(readCsv(dir / f.name).size(), expected[f.name] + 1) << f.name;
        EXPECT_EQ(f.rows, expected[f.name]) << f.name;
        EXPECT_EQ(f.bytes, fs::file_size(dir / f.name)) << f.name;
        EXPECT_FALSE(fs::exists(dir / (f.name + ".part"))) << f.name;
    }
    EXPECT_EQ(summary.totalRows(), 60u + 30 + 8 + 90 + 4000 + 1000);
}

TEST(Generate, SameSeedGivesIdenticalFilesAndAnotherSeedDifferentOnes) {
    auto a = small("seed-a"), b = small("seed-b"), c = small("seed-c");
    a.invalidRate = b.invalidRate = c.invalidRate = 0.01;
    c.seed = 43;
    generateFiles(a);
    generateFiles(b);
    generateFiles(c);
    for (const char* name : kFiles) {
        std::string fileA = slurp(fs::path(a.outDir) / name);
        EXPECT_FALSE(fileA.empty()) << name;
        EXPECT_TRUE(fileA == slurp(fs::path(b.outDir) / name)) << name << " differs between two runs with seed 42";
    }
    for (const char* name : {"videos.csv", "video_ads.csv", "views.csv", "ad_views.csv"})
        EXPECT_FALSE(slurp(fs::path(a.outDir) / name) == slurp(fs::path(c.outDir) / name)) << name;
}

TEST(Generate, LogsOnlyAfterCatalogOnlyGivesTheFilesOfOneFullRun) {
    auto full = small("full"), split = small("split");
    generateFiles(full);
    split.catalogOnly = true;
    auto catalog = generateFiles(split);
    EXPECT_EQ(catalog.files.size(), 4u);
    EXPECT_FALSE(fs::exists(fs::path(split.outDir) / "views.csv"));
    split.catalogOnly = false;
    split.logsOnly = true;
    auto logs = generateFiles(split);
    EXPECT_EQ(logs.files.size(), 2u);
    for (const char* name : kFiles)
        EXPECT_TRUE(slurp(fs::path(full.outDir) / name) == slurp(fs::path(split.outDir) / name)) << name;
}

TEST(Generate, EveryAdEventIsOnAPlacedPairByAKnownViewer) {
    auto o = small("placed");
    o.adViewsPerDay = 3000;
    generateFiles(o);
    std::set<std::pair<std::string, std::string>> placed;
    auto placements = readCsv(fs::path(o.outDir) / "video_ads.csv");
    for (std::size_t i = 1; i < placements.size(); ++i) placed.insert({placements[i][0], placements[i][1]});
    EXPECT_EQ(placed.size(), 90u);  // (video, ad) unique
    auto events = readCsv(fs::path(o.outDir) / "ad_views.csv");
    ASSERT_EQ(events.size(), 3001u);
    for (std::size_t i = 1; i < events.size(); ++i) {
        const auto& e = events[i];
        ASSERT_EQ(e.size(), 6u) << "line " << i + 1;
        EXPECT_TRUE(placed.count({e[2], e[3]})) << "line " << i + 1 << ": video " << e[2] << " ad " << e[3];
        EXPECT_GE(std::stoll(e[1]), 1);
        EXPECT_LE(std::stoll(e[1]), 60);
    }
}

TEST(Generate, ViewsAreValidUniqueAndOnTheirBusinessDateAcrossThePlus9Boundary) {
    auto o = small("views");
    o.utcOffsetMinutes = 540;
    generateFiles(o);
    std::map<std::string, std::pair<std::string, long long>> video;  // id -> creator, duration
    auto videos = readCsv(fs::path(o.outDir) / "videos.csv");
    for (std::size_t i = 1; i < videos.size(); ++i) video[videos[i][0]] = {videos[i][1], std::stoll(videos[i][3])};

    // Business date 2026-02-01 at +09:00 is [2026-01-31 15:00:00.000, 2026-02-01 15:00:00.000) UTC.
    const std::int64_t from = millis("2026-01-31 15:00:00.000"), to = millis("2026-02-01 15:00:00.000");
    const std::int64_t utcMidnight = millis("2026-02-01 00:00:00.000");
    auto rows = readCsv(fs::path(o.outDir) / "views.csv");
    ASSERT_EQ(rows.size(), 2001u);
    std::set<std::string> ids;
    int beforeUtcMidnight = 0, afterUtcMidnight = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto& r = rows[i];
        ASSERT_EQ(r.size(), 7u) << "line " << i + 1;
        EXPECT_TRUE(ids.insert(r[0]).second) << "event id " << r[0] << " twice";
        EXPECT_EQ(r[0].substr(0, 8), "20260201") << r[0];  // yyyymmdd * 10^10 + n
        ASSERT_TRUE(video.count(r[2])) << "unknown video " << r[2];
        long long viewer = std::stoll(r[1]), watched = std::stoll(r[5]), last = std::stoll(r[6]);
        EXPECT_GE(viewer, 1);
        EXPECT_LE(viewer, 60);
        EXPECT_GE(watched, 0);
        EXPECT_LE(watched, video[r[2]].second);
        EXPECT_GE(last, watched);
        EXPECT_LE(last, video[r[2]].second);
        EXPECT_EQ(std::count(r[3].begin(), r[3].end(), '.'), 3) << r[3];
        std::int64_t t = millis(r[4]);
        ASSERT_NE(t, INT64_MIN) << r[4];
        EXPECT_EQ(r[4].size(), 23u) << r[4];
        EXPECT_GE(t, from) << r[4];
        EXPECT_LT(t, to) << r[4];
        EXPECT_EQ(formatDate(businessDateOf({t}, 540)), "2026-02-01") << r[4];
        (t < utcMidnight ? beforeUtcMidnight : afterUtcMidnight)++;
    }
    // Nine of the day's 24 hours are before UTC midnight: both sides hold events.
    EXPECT_GT(beforeUtcMidnight, 100);
    EXPECT_GT(afterUtcMidnight, 100);
}

TEST(Generate, DaysFollowEachOtherInOneFileWithTheirOwnDatesAndIds) {
    auto o = small("days");
    o.days = 3;
    o.viewsPerDay = 300;
    o.adViewsPerDay = 100;
    o.utcOffsetMinutes = -300;  // -05:00: business date D is [D 05:00, D+1 05:00) UTC
    generateFiles(o);
    auto views = readCsv(fs::path(o.outDir) / "views.csv");
    auto ads = readCsv(fs::path(o.outDir) / "ad_views.csv");
    ASSERT_EQ(views.size(), 901u);
    ASSERT_EQ(ads.size(), 301u);
    const char* dates[] = {"2026-02-01", "2026-02-02", "2026-02-03"};
    const char* prefixes[] = {"20260201", "20260202", "20260203"};
    for (std::size_t i = 1; i < views.size(); ++i) {
        std::size_t day = (i - 1) / 300;
        EXPECT_EQ(formatDate(businessDateOf({millis(views[i][4])}, -300)), dates[day]) << views[i][4];
        EXPECT_EQ(views[i][0].substr(0, 8), prefixes[day]);
    }
    std::set<std::string> adIds;
    for (std::size_t i = 1; i < ads.size(); ++i) {
        std::size_t day = (i - 1) / 100;
        EXPECT_EQ(formatDate(businessDateOf({millis(ads[i][5])}, -300)), dates[day]) << ads[i][5];
        EXPECT_TRUE(adIds.insert(ads[i][0]).second);
    }
}

TEST(Generate, RepeatsInsideAndOutside30SecondsAndSomeSelfViews) {
    auto o = small("repeats");
    o.viewsPerDay = 20000;
    generateFiles(o);
    std::map<std::string, std::string> creator;
    auto videos = readCsv(fs::path(o.outDir) / "videos.csv");
    for (std::size_t i = 1; i < videos.size(); ++i) creator[videos[i][0]] = videos[i][1];
    std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> pairTimes;
    auto rows = readCsv(fs::path(o.outDir) / "views.csv");
    int selfViews = 0;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        selfViews += rows[i][1] == creator[rows[i][2]];
        pairTimes[{rows[i][1], rows[i][2]}].push_back(millis(rows[i][4]));
    }
    int within30 = 0, after30 = 0, at29999 = 0, at30000 = 0;
    for (auto& [pair, times] : pairTimes) {
        std::sort(times.begin(), times.end());
        for (std::size_t i = 1; i < times.size(); ++i) {
            std::int64_t gap = times[i] - times[i - 1];
            (gap < 30'000 ? within30 : after30)++;
            at29999 += gap == 29'999;
            at30000 += gap == 30'000;
        }
    }
    // About 5% of first views get a repeat under 30 s and 8% one at 30 s or more, a tenth of
    // each exactly at 29.999 s or 30.000 s: with ~17,700 first views, about 880 and 1,400
    // (plus chance repeats), 88 and 140 on the boundary.
    EXPECT_GT(within30, 500);
    EXPECT_GT(after30, 1000);
    EXPECT_GT(at29999, 40);
    EXPECT_GT(at30000, 60);
    // 1.5% of first views are self views (about 270, with their repeats about 300); with 60
    // members a random viewer is the creator 1 time in 60 (about 330 more): 400..900.
    EXPECT_GT(selfViews, 400);
    EXPECT_LT(selfViews, 900);
}

TEST(Generate, InvalidRowsComeAtTheRateInEveryKindAndMatchTheSummary) {
    auto o = small("invalid");
    o.viewsPerDay = 20000;
    o.adViewsPerDay = 20000;
    o.invalidRate = 0.05;
    auto summary = generateFiles(o);
    std::map<std::string, long long> duration;
    auto videos = readCsv(fs::path(o.outDir) / "videos.csv");
    for (std::size_t i = 1; i < videos.size(); ++i) duration[videos[i][0]] = std::stoll(videos[i][3]);
    std::set<std::pair<std::string, std::string>> placed;
    auto placements = readCsv(fs::path(o.outDir) / "video_ads.csv");
    for (std::size_t i = 1; i < placements.size(); ++i) placed.insert({placements[i][0], placements[i][1]});

    std::map<std::string, int> viewKinds, adKinds;
    {
        auto rows = readCsv(fs::path(o.outDir) / "views.csv");
        std::map<std::string, std::string> seen;  // event id -> whole line
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const auto& r = rows[i];
            std::string kind;
            if (r.size() != 7) kind = "field count";
            else if (millis(r[4]) == INT64_MIN) kind = "timestamp";
            else if (!duration.count(r[2])) kind = "unknown video";
            else if (std::stoll(r[5]) < 0) kind = "negative watched";
            else if (seen.count(r[0])) kind = "duplicate";
            else seen[r[0]] = r[4];
            if (!kind.empty()) ++viewKinds[kind];
        }
    }
    {
        auto rows = readCsv(fs::path(o.outDir) / "ad_views.csv");
        std::set<std::string> seen;
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const auto& r = rows[i];
            std::string kind;
            if (r.size() != 6) kind = "field count";
            else if (millis(r[5]) == INT64_MIN) kind = "timestamp";
            else if (!duration.count(r[2])) kind = "unknown video";
            else if (!placed.count({r[2], r[3]})) kind = "not placed";
            else if (!seen.insert(r[0]).second) kind = "duplicate";
            if (!kind.empty()) ++adKinds[kind];
        }
    }
    // 5% of 20,000 lines = about 1,000 bad lines per file (sd ~31), a fifth of them (~200,
    // sd ~14) of each kind.
    for (auto* kinds : {&viewKinds, &adKinds}) {
        int total = 0;
        for (auto& [kind, n] : *kinds) {
            EXPECT_GT(n, 120) << kind;
            EXPECT_LT(n, 280) << kind;
            total += n;
        }
        EXPECT_EQ(kinds->size(), 5u);
        EXPECT_GT(total, 850);
        EXPECT_LT(total, 1150);
    }
    // The summary counts what the files hold.
    const auto& views = summary.files[4];
    const auto& adViews = summary.files[5];
    ASSERT_EQ(views.name, "views.csv");
    EXPECT_EQ(views.duplicates, std::uint64_t(viewKinds["duplicate"]));
    EXPECT_EQ(views.invalid + views.duplicates, std::uint64_t(viewKinds["field count"] + viewKinds["timestamp"] +
                                                              viewKinds["unknown video"] + viewKinds["negative watched"] +
                                                              viewKinds["duplicate"]));
    EXPECT_EQ(adViews.duplicates, std::uint64_t(adKinds["duplicate"]));
}

TEST(Generate, ADaysEventsAreTheSameWhicheverRunMakesThem) {
    // Each day's events come from a stream seeded by (seed, date): generating 02-01..02-02
    // at once gives, for 02-02, the very lines a run of 02-02 alone gives.
    auto both = small("two-days"), second = small("second-day");
    both.days = 2;
    second.startDate = *parseDate("2026-02-02");
    both.invalidRate = second.invalidRate = 0.01;
    generateFiles(both);
    generateFiles(second);
    for (const char* name : {"views.csv", "ad_views.csv"}) {
        std::string all = slurp(fs::path(both.outDir) / name);
        std::string one = slurp(fs::path(second.outDir) / name);
        std::string header = one.substr(0, one.find('\n') + 1);
        std::string secondDay = one.substr(header.size());
        ASSERT_GT(secondDay.size(), 1000u) << name;
        ASSERT_GE(all.size(), secondDay.size()) << name;
        EXPECT_TRUE(all.compare(all.size() - secondDay.size(), secondDay.size(), secondDay) == 0) << name;
        EXPECT_EQ(secondDay.substr(0, 8), "20260202") << name;
    }
}
