// The dashboard's month view over a generated month (31 days of `settlement generate`,
// loaded and run): figures in the thousands, with separators, equal to the API's, and the
// README's screenshot. SETTLEMENT_UPDATE_DOCS_SCREENSHOT=1 writes it to docs/dashboard.png;
// otherwise it goes to <build>/dashboard-screenshots/ like the others.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "support/ApiFixture.h"
#include "support/BrowserProbe.h"
#include "support/DashboardExpect.h"
#include "support/ServeProcess.h"

using namespace settlement::test;

namespace {

void loadGeneratedMonth(TestDatabase& db) {
    db.migrate();
    std::string dir = std::filesystem::path(writeTempFile("generated/.keep", "")).parent_path().string();
    auto generate = db.settlement({"generate", "--out", dir, "--start-date", "2026-10-01", "--days", "31", "--members",
                                   "3000", "--creators", "12", "--advertisers", "4", "--videos", "150", "--ads", "20",
                                   "--views-per-day", "3000", "--seed", "11"});
    ASSERT_EQ(generate.exitCode, 0) << generate.err;
    auto load = db.settlement({"load", "--members", dir + "/members.csv", "--videos", dir + "/videos.csv", "--ads",
                               dir + "/ads.csv", "--video-ads", dir + "/video_ads.csv", "--views", dir + "/views.csv",
                               "--ad-views", dir + "/ad_views.csv"});
    ASSERT_EQ(load.exitCode, 0) << load.err;
    auto run = db.settlement({"run", "--from", "2026-10-01", "--to", "2026-10-31"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
}

}  // namespace

TEST(DashboardMonth, AGeneratedMonthReadsAsTheApiGivesItAndMakesTheReadmeScreenshot) {
    std::string missing = browserMissing();
    ASSERT_EQ(missing, "") << missing;
    TestDatabase db("t_dash_month");
    ASSERT_NO_FATAL_FAILURE(loadGeneratedMonth(db));
    ServeProcess serve(db, jwtEnv());
    ASSERT_TRUE(serve.listening()) << serve.log();
    std::string token = issueToken(db, "finance");

    const std::string span = "period=month&date=2026-10-15";
    std::string screenshot = screenshotPath("month-desktop");
    auto page = openDashboard({serve.url() + "/?" + span, token, true,
                               {{"desktop", 1280, 900, screenshot}, {"phone", 390, 844, screenshotPath("month-phone")}},
                               false});
    auto view = page.view();
    std::ostringstream shown;
    page.answer->stringify(shown);
    SCOPED_TRACE(shown.str());
    for (const auto& problem : page.problems()) ADD_FAILURE() << problem;
    ASSERT_EQ(view->getValue<std::string>("state"), "ready");

    auto daily = apiAnswer(serve.port(), "/v1/daily?" + span, token);
    auto byCreator = apiAnswer(serve.port(), "/v1/settlement?" + span, token);
    expectFiguresOf(view, daily, byCreator);
    // Large enough that every figure needs its separators.
    for (const char* key : {"views", "video_revenue", "ad_revenue", "payable"})
        EXPECT_NE(view->getObject("figures")->getObject(key)->getValue<std::string>("text").find(','), std::string::npos)
            << key;
    EXPECT_TRUE(byCreator->getValue<bool>("complete"));
    EXPECT_EQ(view->getValue<std::string>("complete"), "true");
    EXPECT_TRUE(view->isNull("completeNote"));

    auto chart = view->getObject("chart");
    EXPECT_TRUE(chart->getValue<bool>("canvas"));
    EXPECT_EQ(chart->getValue<int>("days"), 31);
    EXPECT_EQ(view->getArray("daily")->size(), 31u);  // every day has figures

    auto topViews = apiAnswer(serve.port(), "/v1/top?" + span + "&by=views&limit=10", token);
    auto topWatch = apiAnswer(serve.port(), "/v1/top?" + span + "&by=watch_time&limit=10", token);
    expectRankingOf(view->getArray("topViews"), topViews->getArray("rows"), true);
    expectRankingOf(view->getArray("topWatch"), topWatch->getArray("rows"), false);
    EXPECT_EQ(view->getArray("topViews")->size(), 10u);
    EXPECT_EQ(view->getArray("settlement")->size(), byCreator->getArray("rows")->size());
    EXPECT_FALSE(page.view("phone")->getValue<bool>("horizontalOverflow"));

    if (const char* update = std::getenv("SETTLEMENT_UPDATE_DOCS_SCREENSHOT"); update && std::string(update) == "1") {
        auto docs = std::filesystem::path(sourceDir()) / "docs" / "dashboard.png";
        std::filesystem::create_directories(docs.parent_path());
        std::filesystem::copy_file(screenshot, docs, std::filesystem::copy_options::overwrite_existing);
    }
}
