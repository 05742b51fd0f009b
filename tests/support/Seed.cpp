#include "support/Seed.h"

#include <stdexcept>

namespace settlement::test {
namespace {

// 1..n as a derived table (n <= 1,000,000), portable to MySQL 8 and MariaDB.
std::string numbers(int n) {
    return "(SELECT a.k * 1000 + b.k + 1 AS n FROM"
           " (WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < 999) SELECT k FROM s) a"
           " CROSS JOIN"
           " (WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < 999) SELECT k FROM s) b"
           " WHERE a.k * 1000 + b.k < " + std::to_string(n) + ")";
}

// A uniform number in [0, 1) from a seed expression: CRC32 of a salted text. (RAND(n) with
// per-row seeds gives values that follow n closely.)
std::string uniform(const std::string& seed) {
    return "(CRC32(CONCAT('u', " + seed + ")) / 4294967296)";
}

}  // namespace

void seedCatalog(TestDatabase& db, const SeedShape& s) {
    auto& c = db.sql();
    c.execute("INSERT INTO member (id, role, name) SELECT n, IF(n <= " + std::to_string(s.creators) +
              ", 'CREATOR', 'VIEWER'), CONCAT('member ', n) FROM " + numbers(s.members) + " x");
    c.execute("INSERT INTO video (id, creator_id, title, duration_sec) SELECT n, 1 + n % " +
              std::to_string(s.creators) + ", CONCAT('video ', n), 600 FROM " + numbers(s.videos) + " x");
    c.execute("INSERT INTO ad (id, advertiser_id, title) SELECT n, 1, CONCAT('ad ', n) FROM " + numbers(20) + " x");
    c.execute("INSERT INTO video_ad (video_id, ad_id, position_sec) SELECT n, 1 + n % 20, 10 FROM " +
              numbers(s.videos) + " x");
}

void seedDay(TestDatabase& db, const std::string& date, const SeedShape& s, int salt) {
    auto& c = db.sql();
    c.execute("CALL ensure_log_partitions('" + date + "', '" + date + "')");
    std::string day = "'" + date + "'";
    std::string base = "(TIMESTAMP(" + day + ") - INTERVAL 9 HOUR)";
    std::string idBase = "(TO_DAYS(" + day + ") * 10000000 + " + std::to_string(salt) + " * 1000000)";
    // First events: popularity ~ (uniform)^3, so low video ids are hot.
    c.execute(
        "INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec)"
        " SELECT " + day + ", 1 + FLOOR(POW(" + uniform("n, 'video', " + std::to_string(salt)) + ", 3) * " + std::to_string(s.videos) + "),"
        " 1 + FLOOR(" + uniform("n, 'viewer', " + std::to_string(salt)) + " * " + std::to_string(s.members) + "),"
        " " + base + " + INTERVAL FLOOR(" + uniform("n, 'time', " + std::to_string(salt)) + " * 86000000) * 1000 MICROSECOND,"
        " " + idBase + " + n, '10.0.0.1', FLOOR(" + uniform("n, 'w'") + " * 600), FLOOR(" + uniform("n, 'p'") + " * 600)"
        " FROM " + numbers(s.viewEvents * 4 / 5) + " x");
    // Repeats of every fourth first event by the same viewer, 0..59 s later (some count, some not).
    c.execute(
        "INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec)"
        " SELECT business_date, video_id, viewer_id, started_at + INTERVAL (event_id % 60) SECOND,"
        " event_id + 500000, ip, watched_sec, last_position_sec"
        " FROM view_log WHERE business_date = " + day + " AND event_id % 4 = 0 AND event_id BETWEEN " + idBase +
        " AND " + idBase + " + 499999");
    c.execute(
        "INSERT INTO ad_view_log (business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip)"
        " SELECT " + day + ", v, 1 + FLOOR(" + uniform("n, 'adviewer'") + " * 300), 1 + v % 20,"
        " " + base + " + INTERVAL FLOOR(" + uniform("n, 'adtime', " + std::to_string(salt)) + " * 86000000) * 1000 MICROSECOND + INTERVAL (n % 3) * 20 SECOND,"
        " " + idBase + " + n, '10.0.0.2'"
        " FROM (SELECT n, 1 + FLOOR(POW(" + uniform("n, 'advideo', " + std::to_string(salt)) + ", 3) * " + std::to_string(s.videos) +
        ") AS v FROM " + numbers(s.adEvents) + " x) y");
}

std::unique_ptr<TestDatabase> seededDatabase(const std::string& name, const std::string& date) {
    auto db = std::make_unique<TestDatabase>(name);
    db->migrate();
    SeedShape shape;
    seedCatalog(*db, shape);
    seedDay(*db, date, shape);
    return db;
}

void loadStatsFixture(TestDatabase& db, bool run) {
    std::string dir = sourceDir() + "/tests/fixtures/stats/";
    auto load = db.settlement({"load", "--members", dir + "members.csv", "--videos", dir + "videos.csv", "--ads",
                               dir + "ads.csv", "--video-ads", dir + "video_ads.csv", "--views", dir + "views.csv",
                               "--ad-views", dir + "ad_views.csv"});
    if (load.exitCode != 0) throw std::runtime_error("load of tests/fixtures/stats failed: " + load.err);
    if (!run) return;
    auto r = db.settlement({"run", "--date", "2026-03-10"});
    if (r.exitCode != 0) throw std::runtime_error("run of 2026-03-10 failed: " + r.err);
}

std::unique_ptr<TestDatabase> statsFixtureDatabase(const std::string& name) {
    auto db = std::make_unique<TestDatabase>(name);
    db->migrate();
    loadStatsFixture(*db);
    return db;
}

std::string statsFingerprint(TestDatabase& db) {
    std::string out;
    for (const char* q : {
             "SELECT COUNT(*), SUM(views), SUM(watch_seconds), SUM(ad_views), BIT_XOR(CRC32(CONCAT_WS(',', business_date,"
             " video_id, views, watch_seconds, ad_views))) FROM video_daily_stat",
             "SELECT COUNT(*), SUM(ad_views), BIT_XOR(CRC32(CONCAT_WS(',', business_date, video_id, ad_id, ad_views)))"
             " FROM video_ad_daily_stat",
             "SELECT COUNT(*), SUM(views), BIT_XOR(CRC32(CONCAT_WS(',', period, period_start, video_id, views,"
             " watch_seconds, ad_views))) FROM video_period_stat WHERE views <> 0 OR watch_seconds <> 0 OR ad_views <> 0"}) {
        for (const auto& row : db.rows(q)) out += row + "\n";
    }
    return out;
}

std::string settlementFingerprint(TestDatabase& db) {
    std::string out;
    for (const char* q : {
             "SELECT COUNT(*), SUM(views), SUM(ad_views), SUM(video_revenue), SUM(ad_revenue), BIT_XOR(CRC32(CONCAT_WS(',',"
             " business_date, video_id, creator_id, views, ad_views, cum_views, cum_ad_views, video_revenue, ad_revenue)))"
             " FROM video_daily_settlement",
             "SELECT COUNT(*), SUM(video_revenue), SUM(ad_revenue), BIT_XOR(CRC32(CONCAT_WS(',', period, period_start,"
             " video_id, creator_id, views, ad_views, video_revenue, ad_revenue))) FROM video_period_settlement"
             " WHERE views <> 0 OR ad_views <> 0 OR video_revenue <> 0 OR ad_revenue <> 0",
             "SELECT COUNT(*), SUM(video_revenue), SUM(ad_revenue), SUM(payable), BIT_XOR(CRC32(CONCAT_WS(',', period,"
             " period_start, creator_id, video_revenue, ad_revenue, payable))) FROM creator_statement"
             " WHERE video_revenue <> 0 OR ad_revenue <> 0"}) {
        for (const auto& row : db.rows(q)) out += row + "\n";
    }
    return out;
}

}  // namespace settlement::test
