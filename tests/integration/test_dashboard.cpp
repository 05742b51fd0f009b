// The dashboard (SPEC §10 `/`) in a real browser: Debian's headless Chromium, driven by
// tests/browser/dashboard-probe.mjs, against the real `settlement serve` and the API test
// fixture (support/ApiFixture.h). What the page shows must be what the API answers: the
// key figures, the Top-N rows, the settlement table and its CSV, the chart's days; a
// creator sees no other creator's video; a bad token is refused and asked for again; and
// the console stays free of errors. Screenshots go to <build>/dashboard-screenshots/.
#include <gtest/gtest.h>

#include <set>

#include "support/ApiFixture.h"
#include "support/BrowserProbe.h"
#include "support/DashboardExpect.h"
#include "support/ServeProcess.h"
#include "support/TestTokens.h"

using namespace settlement::test;

namespace {

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += "\n  " + line;
    return out;
}

std::set<std::string> strings(const Poco::JSON::Array::Ptr& array) {
    std::set<std::string> values;
    for (unsigned i = 0; array && i < array->size(); ++i) values.insert(array->getElement<std::string>(i));
    return values;
}

struct Dashboard : ::testing::Test {
    void SetUp() override {
        // A missing browser is a failure that says what to install, never a skip.
        std::string missing = browserMissing();
        ASSERT_EQ(missing, "") << missing;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        db = std::make_unique<TestDatabase>(std::string("t_dash_") + info->name());
        seedApiFixture(*db);
        serve = std::make_unique<ServeProcess>(*db, jwtEnv());
        ASSERT_TRUE(serve->listening()) << serve->log();
    }

    BrowserResult open(const std::string& token, const std::string& query, std::vector<BrowserView> views,
                       bool csv = false, bool expectDashboard = true) {
        return openDashboard(BrowserRequest{serve->url() + "/?" + query, token, expectDashboard, std::move(views), csv});
    }
    Poco::JSON::Object::Ptr api(const std::string& target, const std::string& token) {
        return apiAnswer(serve->port(), target, token);
    }
    // The page as it ended up, in the failure message of every assertion about it.
    static std::string shown(const BrowserResult& page) {
        std::ostringstream out;
        page.answer->stringify(out);
        return out.str();
    }

    std::unique_ptr<TestDatabase> db;
    std::unique_ptr<ServeProcess> serve;
};

}  // namespace

TEST_F(Dashboard, FinanceSeesTheMonthAsTheApiGivesIt) {
    std::string token = issueToken(*db, "finance");
    const std::string span = "period=month&date=2026-03-10";
    auto page = open(token, span,
                     {{"desktop", 1280, 900, screenshotPath("finance-month-desktop")},
                      {"phone", 390, 844, screenshotPath("finance-month-phone")}},
                     true);
    auto view = page.view("desktop");
    SCOPED_TRACE(shown(page));
    EXPECT_TRUE(page.problems().empty()) << joined(page.problems());
    ASSERT_EQ(view->getValue<std::string>("state"), "ready");
    EXPECT_FALSE(view->getValue<bool>("tokenInAddress"));
    EXPECT_EQ(view->getValue<std::string>("role"), "finance");

    auto daily = api("/v1/daily?" + span, token);
    auto byCreator = api("/v1/settlement?" + span + "&by=creator", token);
    auto topViews = api("/v1/top?" + span + "&by=views&limit=10", token);
    auto topWatch = api("/v1/top?" + span + "&by=watch_time&limit=10", token);

    EXPECT_EQ(view->getValue<std::string>("title"), "Month 2026-03-01 – 2026-03-31");
    // Only the week 2026-03-09 was run: the month is not final, and the page says so.
    EXPECT_FALSE(byCreator->getValue<bool>("complete"));
    EXPECT_EQ(view->getValue<std::string>("complete"), "false");
    EXPECT_NE(view->getValue<std::string>("completeNote").find("Not final"), std::string::npos);

    expectFiguresOf(view, daily, byCreator);
    EXPECT_EQ(view->getObject("figures")->getObject("payable")->getValue<std::string>("text"), "67");  // 46 + 21

    // The chart has every day of the month, the table beside it the API's daily rows.
    auto chart = view->getObject("chart");
    EXPECT_TRUE(chart->getValue<bool>("canvas"));
    EXPECT_EQ(chart->getValue<int>("days"), 31);
    EXPECT_EQ(chart->getValue<std::string>("from"), daily->getValue<std::string>("from"));
    EXPECT_EQ(chart->getValue<std::string>("to"), daily->getValue<std::string>("to"));
    auto days = view->getArray("daily");
    ASSERT_EQ(days->size(), daily->getArray("rows")->size());
    for (unsigned i = 0; i < days->size(); ++i)
        EXPECT_EQ(days->getObject(i)->getValue<std::string>("date"),
                  daily->getArray("rows")->getObject(i)->getValue<std::string>("date"));

    expectRankingOf(view->getArray("topViews"), topViews->getArray("rows"), true);
    expectRankingOf(view->getArray("topWatch"), topWatch->getArray("rows"), false);
    EXPECT_EQ(view->getArray("topViews")->size(), topViews->getArray("rows")->size());

    // The settlement table: every creator, with the API's amounts.
    auto rows = view->getArray("settlement");
    auto creators = byCreator->getArray("rows");
    ASSERT_EQ(rows->size(), creators->size());
    for (unsigned i = 0; i < rows->size(); ++i) {
        auto shownRow = rows->getObject(i);
        auto apiRow = creators->getObject(i);
        auto cells = shownRow->getArray("cells");
        EXPECT_EQ(shownRow->getValue<std::string>("creator"), std::to_string(apiRow->getValue<int>("creator_id")));
        EXPECT_EQ(cells->getElement<std::string>(1), groupedMoney(apiRow->getValue<std::string>("video_revenue")));
        EXPECT_EQ(cells->getElement<std::string>(2), groupedMoney(apiRow->getValue<std::string>("ad_revenue")));
        EXPECT_EQ(cells->getElement<std::string>(3), groupedCount(apiRow->getValue<long long>("payable")));
    }
    // Its CSV is `settlement report settlement --format csv`, byte for byte.
    auto report = db->settlement({"report", "settlement", "--period", "month", "--date", "2026-03-10", "--format", "csv"});
    ASSERT_EQ(report.exitCode, 0) << report.err;
    EXPECT_EQ(page.csvText(), report.out);
    EXPECT_EQ(page.csvFilename(), "settlement-by-creator-2026-03-01_2026-03-31.csv");

    EXPECT_FALSE(view->getValue<bool>("jobsVisible"));  // the last runs are the admin's

    // On a phone the page fits the width (wide tables scroll inside their panels).
    auto phone = page.view("phone");
    EXPECT_FALSE(phone->getValue<bool>("horizontalOverflow"));
    double canvasWidth = phone->getObject("chart")->getValue<double>("canvasWidth");
    EXPECT_GT(canvasWidth, 200);
    EXPECT_LE(canvasWidth, 390);
}

TEST_F(Dashboard, ACreatorSeesOnlyTheirOwnVideos) {
    std::string token = issueToken(*db, "creator", "1");
    const std::string span = "period=week&date=2026-03-10";
    auto page = open(token, span, {{"desktop", 1280, 900, screenshotPath("creator-week-desktop")}}, true);
    auto view = page.view();
    SCOPED_TRACE(shown(page));
    EXPECT_TRUE(page.problems().empty()) << joined(page.problems());
    ASSERT_EQ(view->getValue<std::string>("state"), "ready");
    EXPECT_EQ(view->getValue<std::string>("role"), "creator");
    EXPECT_NE(view->getValue<std::string>("who").find("creator 1"), std::string::npos);
    EXPECT_FALSE(view->getValue<bool>("creatorFilterVisible"));
    EXPECT_FALSE(view->getValue<bool>("jobsVisible"));

    // Creator 1 owns videos 100 and 101; the week's rankings also hold creator 2's video 200.
    auto shownVideos = strings(view->getArray("videosShown"));
    EXPECT_EQ(shownVideos, (std::set<std::string>{"100"}));
    auto topViews = api("/v1/top?" + span + "&by=views&limit=100", token);
    bool othersRanked = false;
    for (unsigned i = 0; i < topViews->getArray("rows")->size(); ++i)
        othersRanked |= topViews->getArray("rows")->getObject(i)->getValue<int>("video_id") == 200;
    EXPECT_TRUE(othersRanked) << "the fixture should rank another creator's video";

    // The figures are the creator's own, as the API gives them to the creator's token.
    expectFiguresOf(view, api("/v1/daily?" + span, token), api("/v1/settlement?" + span + "&by=creator", token));
    // Their videos among the rankings, with the platform's rank.
    auto own = api("/v1/settlement?" + span + "&by=video", token)->getArray("rows");
    Poco::JSON::Array::Ptr ownRanked = new Poco::JSON::Array;
    for (unsigned i = 0; i < topViews->getArray("rows")->size(); ++i) {
        auto row = topViews->getArray("rows")->getObject(i);
        for (unsigned j = 0; j < own->size(); ++j)
            if (own->getObject(j)->getValue<int>("video_id") == row->getValue<int>("video_id")) ownRanked->add(row);
    }
    expectRankingOf(view->getArray("topViews"), ownRanked, true);

    auto rows = view->getArray("settlement");
    ASSERT_EQ(rows->size(), own->size());
    for (unsigned i = 0; i < rows->size(); ++i) {
        EXPECT_EQ(rows->getObject(i)->getValue<std::string>("creator"), "1");
        EXPECT_EQ(rows->getObject(i)->getValue<std::string>("video"),
                  std::to_string(own->getObject(i)->getValue<int>("video_id")));
    }
    EXPECT_EQ(page.csvText(),
              "video_id,creator_id,views,ad_views,video_revenue,ad_revenue\r\n100,1,12,4,6.60,40.00\r\n");
}

TEST_F(Dashboard, AdminSeesTheLastRunsStaleDatesAndAWeekNotFinal) {
    // A late event for 2026-03-10, a date already run: the date is stale until run again.
    std::string late = writeTempFile("late_views.csv",
                                     "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec\n"
                                     "9001,16,100,10.0.0.16,2026-03-10 03:00:00,40,40\n");
    auto load = db->settlement({"load", "--views", late});
    ASSERT_EQ(load.exitCode, 0) << load.err;
    std::string token = issueToken(*db, "admin");
    const std::string span = "period=week&date=2026-03-10";
    auto page = open(token, span, {{"desktop", 1280, 900, screenshotPath("admin-week-desktop")}});
    auto view = page.view();
    SCOPED_TRACE(shown(page));
    EXPECT_TRUE(page.problems().empty()) << joined(page.problems());
    ASSERT_EQ(view->getValue<std::string>("state"), "ready");

    auto week = api("/v1/settlement?" + span, token);
    EXPECT_FALSE(week->getValue<bool>("complete"));
    EXPECT_EQ(view->getValue<std::string>("complete"), "false");
    EXPECT_NE(view->getValue<std::string>("completeNote").find("stale"), std::string::npos);

    ASSERT_TRUE(view->getValue<bool>("jobsVisible"));
    auto runs = api("/v1/jobs?limit=10", token)->getArray("rows");
    auto jobs = view->getArray("jobs");
    ASSERT_EQ(jobs->size(), runs->size());
    ASSERT_GT(jobs->size(), 0u);
    for (unsigned i = 0; i < jobs->size(); ++i) {
        auto shownRow = jobs->getObject(i);
        auto run = runs->getObject(i);
        EXPECT_EQ(shownRow->getValue<std::string>("date"), run->getValue<std::string>("date"));
        EXPECT_EQ(shownRow->getValue<std::string>("state"), run->getValue<std::string>("state"));
        EXPECT_EQ(shownRow->getValue<std::string>("stale"), run->getValue<bool>("stale") ? "true" : "false");
    }
    EXPECT_NE(view->getValue<std::string>("staleDates").find("2026-03-10"), std::string::npos);
}

TEST_F(Dashboard, ABadOrExpiredTokenIsRefusedAndTheFormAsksAgain) {
    struct Case {
        std::string name, token, says;
    };
    const std::vector<Case> cases = {
        {"not a token", "not-a-token", "not an API token"},
        {"expired", hmacToken(claims("finance", std::nullopt, -120)), "expired"},
        // Well formed and unexpired, but signed with another key: only the server can tell.
        {"wrong key", hmacToken(claims("finance"), "another-secret-0123456789-abcdefghij-XYZ"), "refused"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        auto page = open(c.token, "period=week&date=2026-03-10", {{"desktop", 1280, 900, ""}}, false, false);
        auto view = page.view();
        SCOPED_TRACE(shown(page));
        EXPECT_TRUE(view->getValue<bool>("signInVisible"));
        EXPECT_FALSE(view->getValue<bool>("dashboardVisible"));
        ASSERT_FALSE(view->isNull("signInMessage"));
        EXPECT_NE(view->getValue<std::string>("signInMessage").find(c.says), std::string::npos);
        EXPECT_FALSE(view->getValue<bool>("tokenStored"));  // a refused token is not kept
    }
}

TEST_F(Dashboard, ACreatorAskingForAnotherCreatorIsToldWhy) {
    // A view of creator 2 (a link a finance user shared, say) opened with creator 1's token.
    std::string token = issueToken(*db, "creator", "1");
    auto page = open(token, "period=week&date=2026-03-10&creator=2", {{"desktop", 1280, 900, ""}});
    auto view = page.view();
    SCOPED_TRACE(shown(page));
    EXPECT_EQ(view->getValue<std::string>("state"), "error");
    ASSERT_FALSE(view->isNull("alert"));
    std::string alert = view->getValue<std::string>("alert");
    EXPECT_NE(alert.find("creator 1's"), std::string::npos) << alert;
    EXPECT_NE(alert.find("your own videos only"), std::string::npos) << alert;
    for (const auto& video : strings(view->getArray("videosShown"))) EXPECT_NE(video, "200");
    // The browser logs the refused requests themselves; nothing else may go wrong.
    for (const auto& problem : page.problems()) EXPECT_NE(problem.find("403"), std::string::npos) << problem;
}
