// GET /v1/stats, /v1/top, /v1/settlement, /v1/daily over real HTTP from the real
// `settlement serve` (SPEC §10): the rows equal `settlement report --format json` for every
// endpoint and span kind, the hand-computed figures of support/ApiFixture.h come back, the
// span's first and last day and `complete` are right, and a creator sees only their own.
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <sstream>

#include "support/ApiFixture.h"
#include "support/HttpClient.h"
#include "support/ServeProcess.h"

using namespace settlement::test;

namespace {

std::string canonical(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out);
    return out.str();
}

Poco::JSON::Object::Ptr object(const std::string& body) {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

struct ServeReports : ::testing::Test {
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        db = std::make_unique<TestDatabase>(std::string("t_api_") + info->name());
        seedApiFixture(*db);
        serve = std::make_unique<ServeProcess>(*db, jwtEnv());
        ASSERT_TRUE(serve->listening()) << serve->log();
        finance = issueToken(*db, "finance");
    }

    HttpAnswer get(const std::string& target, const std::string& token) { return httpGet(serve->port(), target, token); }

    // The rows of `report ACTION args --format json`, canonical.
    std::string reportRows(const std::string& action, std::vector<std::string> args) {
        args.insert(args.begin(), action);
        args.insert(args.begin(), "report");
        args.push_back("--format");
        args.push_back("json");
        auto r = db->settlement(args);
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return canonical(Poco::JSON::Parser().parse(r.out));
    }

    // GET target as `token` and compare the rows with `report`; returns the answer's object.
    Poco::JSON::Object::Ptr sameAsReport(const std::string& target, const std::string& action,
                                         const std::vector<std::string>& reportArgs, const std::string& token) {
        auto answer = get(target, token);
        EXPECT_EQ(answer.status, 200) << target << ": " << answer.body;
        EXPECT_EQ(answer.headers["Content-Type"], "application/json; charset=utf-8");
        auto body = object(answer.body);
        EXPECT_EQ(canonical(body->get("rows")), reportRows(action, reportArgs)) << target;
        return body;
    }

    std::unique_ptr<TestDatabase> db;
    std::unique_ptr<ServeProcess> serve;
    std::string finance;
};

struct SpanCase {
    std::string query;               // the API's span parameters
    std::vector<std::string> report;  // the same span as report options
    std::string from, to;
};

const std::vector<SpanCase> kSpans = {
    {"period=day&date=2026-03-10", {"--period", "day", "--date", "2026-03-10"}, "2026-03-10", "2026-03-10"},
    {"period=week&date=2026-03-12", {"--period", "week", "--date", "2026-03-12"}, "2026-03-09", "2026-03-15"},
    {"period=month&date=2026-03-31", {"--period", "month", "--date", "2026-03-31"}, "2026-03-01", "2026-03-31"},
    {"period=YEAR&date=2026-06-01", {"--period", "year", "--date", "2026-06-01"}, "2026-01-01", "2026-12-31"},
    {"from=2026-03-10&to=2026-03-11", {"--from", "2026-03-10", "--to", "2026-03-11"}, "2026-03-10", "2026-03-11"},
    {"from=2026-03-09&to=2026-03-15", {"--from", "2026-03-09", "--to", "2026-03-15"}, "2026-03-09", "2026-03-15"},
    {"from=2026-03-11&to=2026-03-11", {"--from", "2026-03-11", "--to", "2026-03-11"}, "2026-03-11", "2026-03-11"},
    {"from=2025-12-01&to=2026-11-30", {"--from", "2025-12-01", "--to", "2026-11-30"}, "2025-12-01", "2026-11-30"},
};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TEST_F(ServeReports, EveryEndpointAndSpanKindEqualsReportJson) {
    for (const auto& span : kSpans) {
        SCOPED_TRACE(span.query);
        auto check = [&](const std::string& path, const std::string& extra, const std::string& action,
                         const std::vector<std::string>& options) {
            auto body = sameAsReport(path + "?" + span.query + extra, action, plus(span.report, options), finance);
            EXPECT_EQ(body->getValue<std::string>("from"), span.from);
            EXPECT_EQ(body->getValue<std::string>("to"), span.to);
        };
        check("/v1/stats", "", "stats", {});
        check("/v1/stats", "&video=100", "stats", {"--video", "100"});
        check("/v1/top", "", "top", {"--by", "views"});
        check("/v1/top", "&by=watch_time&limit=1", "top", {"--by", "watch_time", "--limit", "1"});
        check("/v1/settlement", "", "settlement", {});
        check("/v1/settlement", "&by=video", "settlement", {"--by", "video"});
        check("/v1/settlement", "&creator=2", "settlement", {"--creator", "2"});
        check("/v1/daily", "", "daily", {});
        check("/v1/daily", "&creator=1", "daily", {"--creator", "1"});
        check("/v1/daily", "&video=200", "daily", {"--video", "200"});
    }
}

TEST_F(ServeReports, HandComputedFiguresInTheShapesOfTheSpec) {
    auto day = get("/v1/stats?period=day&date=2026-03-10", finance);
    EXPECT_EQ(day.body,
              "{\"from\": \"2026-03-10\", \"to\": \"2026-03-10\", \"complete\": true, \"rows\": [\n"
              "  {\"video_id\": 100, \"views\": 10, \"watch_seconds\": 339, \"ad_views\": 4},\n"
              "  {\"video_id\": 200, \"views\": 2, \"watch_seconds\": 265, \"ad_views\": 2}\n"
              "]}\n");
    // Payable is the floor of the span's exact sum: 5.50 + 0.55 + 40.00 = 46.05 -> 46, while
    // the two days' payables are 45 and 0.
    auto span = get("/v1/settlement?from=2026-03-10&to=2026-03-11", finance);
    EXPECT_EQ(span.body,
              "{\"from\": \"2026-03-10\", \"to\": \"2026-03-11\", \"complete\": true, \"rows\": [\n"
              "  {\"creator_id\": 1, \"video_revenue\": \"6.05\", \"ad_revenue\": \"40.00\", \"payable\": 46},\n"
              "  {\"creator_id\": 2, \"video_revenue\": \"1.10\", \"ad_revenue\": \"20.00\", \"payable\": 21}\n"
              "]}\n");
    auto first = get("/v1/settlement?period=day&date=2026-03-10&creator=1", finance);
    EXPECT_NE(first.body.find("\"video_revenue\": \"5.50\", \"ad_revenue\": \"40.00\", \"payable\": 45}"), std::string::npos)
        << first.body;
    auto week = get("/v1/settlement?period=week&date=2026-03-15&by=video", finance);
    EXPECT_NE(week.body.find("{\"video_id\": 100, \"creator_id\": 1, \"views\": 12, \"ad_views\": 4, "
                             "\"video_revenue\": \"6.60\", \"ad_revenue\": \"40.00\"}"),
              std::string::npos)
        << week.body;
    auto daily = get("/v1/daily?from=2026-03-01&to=2026-03-31&video=100", finance);
    // One row for every date of the span (SPEC 10 "one row per date"), zeros where nothing happened.
    std::string expected = "{\"from\": \"2026-03-01\", \"to\": \"2026-03-31\", \"complete\": false, \"rows\": [\n";
    for (int d = 1; d <= 31; ++d) {
        std::string date = std::string("2026-03-") + (d < 10 ? "0" : "") + std::to_string(d);
        std::string figures = d == 9    ? "\"views\": 1, \"watch_seconds\": 9, \"ad_views\": 0, \"video_revenue\": \"0.55\", \"ad_revenue\": \"0.00\""
                              : d == 10 ? "\"views\": 10, \"watch_seconds\": 339, \"ad_views\": 4, \"video_revenue\": \"5.50\", \"ad_revenue\": \"40.00\""
                              : d == 11 ? "\"views\": 1, \"watch_seconds\": 8, \"ad_views\": 0, \"video_revenue\": \"0.55\", \"ad_revenue\": \"0.00\""
                                        : "\"views\": 0, \"watch_seconds\": 0, \"ad_views\": 0, \"video_revenue\": \"0.00\", \"ad_revenue\": \"0.00\"";
        expected += "  {\"date\": \"" + date + "\", " + figures + "}" + (d < 31 ? ",\n" : "\n");
    }
    EXPECT_EQ(daily.body, expected + "]}\n");
    auto top = get("/v1/top?period=week&date=2026-03-09&by=watch_time", finance);
    EXPECT_NE(top.body.find("\"rows\": [\n  {\"rank\": 1, \"video_id\": 100, \"views\": 12, \"watch_seconds\": 356},\n"
                            "  {\"rank\": 2, \"video_id\": 200, \"views\": 2, \"watch_seconds\": 265}\n]}"),
              std::string::npos)
        << top.body;
}

TEST_F(ServeReports, CompleteMeansEveryDayUpToYesterdayRanAndIsNotStale) {
    auto complete = [&](const std::string& span) {
        auto answer = get("/v1/stats?" + span, finance);
        EXPECT_EQ(answer.status, 200) << answer.body;
        return object(answer.body)->getValue<bool>("complete");
    };
    EXPECT_TRUE(complete("period=week&date=2026-03-10"));  // 03-09 .. 03-15 all ran
    EXPECT_TRUE(complete("from=2026-03-12&to=2026-03-12"));  // ran, with no figures
    EXPECT_FALSE(complete("period=month&date=2026-03-10"));  // 03-01 .. 03-08 did not run
    EXPECT_FALSE(complete("from=2026-03-08&to=2026-03-09"));
    // Days after yesterday are not counted: a span wholly in the future has nothing missing.
    EXPECT_TRUE(complete("from=2099-01-01&to=2099-01-05"));

    // A stale date (events arrived after its run) makes its spans incomplete again.
    db->sql().execute("INSERT INTO stale_date (business_date, late_events) VALUES ('2026-03-12', 3)");
    EXPECT_FALSE(complete("period=week&date=2026-03-10"));
    EXPECT_TRUE(complete("from=2026-03-09&to=2026-03-11"));
    db->sql().execute("DELETE FROM stale_date");
    // So does a run that did not complete.
    db->sql().execute("UPDATE job_run SET state = 'FAILED' WHERE business_date = '2026-03-14'");
    EXPECT_FALSE(complete("period=week&date=2026-03-10"));
    db->sql().execute("UPDATE job_run SET state = 'RUNNING' WHERE business_date = '2026-03-14'");
    EXPECT_FALSE(complete("period=week&date=2026-03-10"));
    db->sql().execute("UPDATE job_run SET state = 'COMPLETED' WHERE business_date = '2026-03-14'");
    EXPECT_TRUE(complete("period=week&date=2026-03-10"));
}

TEST_F(ServeReports, ACreatorSeesOnlyTheirOwnVideos) {
    std::string one = issueToken(*db, "creator", "1");
    std::string two = issueToken(*db, "creator", "2");
    const std::string week = "period=week&date=2026-03-10";
    // Their own rows, whatever they ask for, as `report` gives them for that creator.
    sameAsReport("/v1/stats?" + week, "stats", {"--period", "week", "--date", "2026-03-10", "--creator", "1"}, one);
    sameAsReport("/v1/stats?" + week, "stats", {"--period", "week", "--date", "2026-03-10", "--creator", "2"}, two);
    sameAsReport("/v1/stats?" + week + "&video=100", "stats", {"--period", "week", "--date", "2026-03-10", "--video", "100"}, one);
    sameAsReport("/v1/settlement?" + week, "settlement", {"--period", "week", "--date", "2026-03-10", "--creator", "1"}, one);
    sameAsReport("/v1/settlement?" + week + "&creator=2&by=video", "settlement",
                 {"--period", "week", "--date", "2026-03-10", "--creator", "2", "--by", "video"}, two);
    sameAsReport("/v1/daily?from=2026-03-01&to=2026-03-31", "daily", {"--from", "2026-03-01", "--to", "2026-03-31", "--creator", "2"}, two);
    auto mine = object(get("/v1/settlement?" + week, two).body);
    EXPECT_EQ(mine->getArray("rows")->size(), 1u);
    EXPECT_EQ(mine->getArray("rows")->getObject(0)->getValue<int>("creator_id"), 2);

    // Another creator's figures, or a video that is not theirs (or does not exist): 403.
    for (const std::string& target : std::vector<std::string>{
             "/v1/settlement?" + week + "&creator=2", "/v1/settlement?" + week + "&creator=2&by=video",
          "/v1/stats?" + week + "&video=200", "/v1/stats?" + week + "&video=999",
          "/v1/daily?" + week + "&creator=2", "/v1/daily?" + week + "&video=200", "/v1/jobs", "/v1/jobs?limit=1"}) {
        auto answer = get(target, one);
        EXPECT_EQ(answer.status, 403) << target << ": " << answer.body;
        EXPECT_EQ(answer.body.rfind("{\"error\": ", 0), 0u) << answer.body;
        EXPECT_EQ(answer.body.find("\"rows\""), std::string::npos);
    }
    // Rankings are the same for everyone.
    auto top = get("/v1/top?" + week, one);
    EXPECT_EQ(top.status, 200);
    EXPECT_EQ(top.body, get("/v1/top?" + week, finance).body);
    // Admin and finance see every creator.
    std::string admin = issueToken(*db, "admin");
    EXPECT_EQ(get("/v1/settlement?" + week + "&creator=2", admin).status, 200);
    EXPECT_EQ(get("/v1/stats?" + week + "&video=200", finance).status, 200);
}

TEST_F(ServeReports, JobsListTheDailyRunsForAdminAndFinance) {
    auto jobs = get("/v1/jobs", finance);
    ASSERT_EQ(jobs.status, 200) << jobs.body;
    auto rows = object(jobs.body)->getArray("rows");
    ASSERT_EQ(rows->size(), 7u);
    EXPECT_EQ(rows->getObject(0)->getValue<std::string>("date"), "2026-03-15");
    EXPECT_EQ(rows->getObject(6)->getValue<std::string>("date"), "2026-03-09");
    for (std::size_t i = 0; i < rows->size(); ++i) {
        auto run = rows->getObject(static_cast<unsigned>(i));
        EXPECT_EQ(run->getValue<std::string>("state"), "COMPLETED");
        EXPECT_EQ(run->getValue<int>("tasks_done"), run->getValue<int>("tasks_total"));
        EXPECT_FALSE(run->getValue<bool>("stale"));
    }
    db->sql().execute("INSERT INTO stale_date (business_date) VALUES ('2026-03-10')");
    auto one = object(get("/v1/jobs?date=2026-03-10", issueToken(*db, "admin")).body)->getArray("rows");
    ASSERT_EQ(one->size(), 1u);
    EXPECT_TRUE(one->getObject(0)->getValue<bool>("stale"));
    EXPECT_EQ(object(get("/v1/jobs?limit=2", finance).body)->getArray("rows")->size(), 2u);
    EXPECT_EQ(object(get("/v1/jobs?date=2026-03-20", finance).body)->getArray("rows")->size(), 0u);
}
