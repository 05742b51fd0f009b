// The dashboard's files over real HTTP (SPEC §10 `/`): the page and its assets with their
// content types and security headers, the API's answers never cached, every reference of the page served by serve itself
// (nothing from another origin), the chart library from where install-deps put it, and
// nothing outside the dashboard's folder, however the path is spelt.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/ApiFixture.h"
#include "support/HttpClient.h"
#include "support/ServeProcess.h"

using namespace settlement::test;
namespace fs = std::filesystem;

namespace {

std::string fileText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

const fs::path kWeb = fs::path(SETTLEMENT_SOURCE_DIR) / "web";

struct ServeDashboardFiles : ::testing::Test {
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        db = std::make_unique<TestDatabase>(std::string("t_df_") + info->name());
        db->migrate();
    }
    std::unique_ptr<ServeProcess> start(std::vector<std::string> globalArgs = {}) {
        auto serve = std::make_unique<ServeProcess>(*db, jwtEnv(), std::move(globalArgs));
        EXPECT_TRUE(serve->listening()) << serve->log();
        return serve;
    }
    std::unique_ptr<TestDatabase> db;
};

}  // namespace

TEST_F(ServeDashboardFiles, ThePageAndItsAssetsComeWithTheirTypesAndSecurityHeaders) {
    auto serve = start();
    const std::vector<std::pair<std::string, std::string>> files = {
        {"/", "text/html; charset=utf-8"},
        {"/?period=month&date=2026-03-10", "text/html; charset=utf-8"},
        {"/assets/dashboard.css", "text/css; charset=utf-8"},
        {"/assets/js/main.js", "text/javascript; charset=utf-8"},
        {"/assets/favicon.svg", "image/svg+xml"},
        {"/assets/vendor/uplot/uPlot.iife.min.js", "text/javascript; charset=utf-8"},
        {"/assets/vendor/uplot/uPlot.min.css", "text/css; charset=utf-8"},
    };
    for (const auto& [target, type] : files) {
        SCOPED_TRACE(target);
        auto answer = httpGet(serve->port(), target);
        ASSERT_EQ(answer.status, 200) << answer.body;
        EXPECT_EQ(answer.headers["Content-Type"], type);
        EXPECT_EQ(answer.headers["X-Content-Type-Options"], "nosniff");
        EXPECT_EQ(answer.headers["Cache-Control"], "no-store");
        EXPECT_EQ(answer.headers["X-Frame-Options"], "DENY");
        EXPECT_EQ(answer.headers["Referrer-Policy"], "no-referrer");
        const std::string& policy = answer.headers["Content-Security-Policy"];
        EXPECT_EQ(policy.rfind("default-src 'self';", 0), 0u) << policy;
        // Only this server: no other origin, no scheme, no wildcard, no inline code.
        EXPECT_EQ(policy.find("http"), std::string::npos) << policy;
        EXPECT_EQ(policy.find('*'), std::string::npos) << policy;
        EXPECT_EQ(policy.find("unsafe"), std::string::npos) << policy;
    }
    // The library is the installed package's own file, at the version web/package.json pins.
    auto library = httpGet(serve->port(), "/assets/vendor/uplot/uPlot.iife.min.js");
    EXPECT_EQ(library.body, fileText(kWeb / "node_modules/uplot/dist/uPlot.iife.min.js"));
    std::smatch pinned, installed;
    std::string manifest = fileText(kWeb / "package.json"), package = fileText(kWeb / "node_modules/uplot/package.json");
    ASSERT_TRUE(std::regex_search(manifest, pinned, std::regex("\"uplot\": \"([0-9.]+)\"")));
    ASSERT_TRUE(std::regex_search(package, installed, std::regex("\"version\": \"([0-9.]+)\"")));
    EXPECT_EQ(installed[1], pinned[1]);

    // The metrics name the assets by their prefix, so their labels stay few.
    auto metrics = httpGet(serve->port(), "/metrics").body;
    EXPECT_NE(metrics.find("path=\"/assets/\""), std::string::npos);
    EXPECT_EQ(metrics.find("path=\"/assets/js/main.js\""), std::string::npos);
    EXPECT_TRUE(serve->waitForLog("the dashboard is at " + serve->url() + "/", std::chrono::seconds(10))) << serve->log();
}

TEST_F(ServeDashboardFiles, TheApiAnswersThePageReadsAreNeverCached) {
    auto serve = start();
    std::string token = issueToken(*db, "finance");
    for (const auto& [target, bearer] : std::vector<std::pair<std::string, std::string>>{
             {"/v1/daily?period=month&date=2026-03-10", token},
             {"/v1/settlement?period=month&date=2026-03-10", token},
             {"/v1/daily?period=month&date=2026-03-10", ""},  // 401
             {"/healthz", ""}}) {
        SCOPED_TRACE(target);
        auto answer = httpGet(serve->port(), target, bearer);
        EXPECT_EQ(answer.status, bearer.empty() && target != "/healthz" ? 401 : 200) << answer.body;
        EXPECT_EQ(answer.headers["Cache-Control"], "no-store");
        EXPECT_EQ(answer.headers["X-Content-Type-Options"], "nosniff");
    }
}

TEST_F(ServeDashboardFiles, EveryReferenceOfThePageIsServedByServeItself) {
    auto serve = start();
    std::vector<std::string> references;
    std::string page = httpGet(serve->port(), "/").body;
    static const std::regex attribute(R"re((?:src|href)="([^"]*)")re");
    for (std::sregex_iterator m(page.begin(), page.end(), attribute), end; m != end; ++m) references.push_back((*m)[1]);
    // The page's modules import one another by relative path.
    static const std::regex import(R"re(from "\./([a-z]+\.js)")re");
    for (const auto& entry : fs::directory_iterator(kWeb / "assets/js")) {
        std::string code = fileText(entry.path());
        for (std::sregex_iterator m(code.begin(), code.end(), import), end; m != end; ++m)
            references.push_back("/assets/js/" + (*m)[1].str());
    }
    ASSERT_GE(references.size(), 10u);
    for (const auto& reference : references) {
        SCOPED_TRACE(reference);
        ASSERT_EQ(reference.rfind("/", 0), 0u) << "not a path on this server";
        ASSERT_NE(reference.rfind("//", 0), 0u) << "another host";
        EXPECT_EQ(httpGet(serve->port(), reference).status, 200);
    }
}

TEST_F(ServeDashboardFiles, NothingOutsideTheFolderIsServed) {
    auto serve = start();
    for (const char* target : {"/assets/../README.md", "/assets/..%2f..%2fREADME.md", "/assets/%2e%2e/%2e%2e/README.md",
                               "/assets/js/../../index.html", "/assets/vendor/uplot/../../../package.json",
                               "/assets/vendor/uplot/../package.json", "/assets/vendor/uplot/uPlot.d.ts",
                               "/assets/", "/assets/js", "/assets/js/", "/assets//js/main.js",
                               "/assets/js/main.js%00.html", "/assets/js\\..\\..\\index.html",
                               "/assets/%5c..%5c..%5cindex.html", "/assets/.hidden.js", "/assets/js/missing.js",
                               "/assets/%zz.js", "/index.html", "/web/index.html", "/node_modules/uplot/package.json"}) {
        SCOPED_TRACE(target);
        auto answer = rawRequest(serve->port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        EXPECT_EQ(answer.status, 404) << answer.body;
        EXPECT_NE(answer.body.find("{\"error\": "), std::string::npos) << answer.body;
    }
}

TEST_F(ServeDashboardFiles, AnIncompleteFolderIsLoggedAtStartAndThePageIs404) {
    fs::path empty = fs::path(writeTempFile("empty-dashboard/.keep", "")).parent_path();
    std::string config = writeTempFile("dashboard.properties", "http.dashboard_dir = " + empty.string() + "\n");
    auto serve = start({"--config", config});
    using namespace std::chrono_literals;
    EXPECT_TRUE(serve->waitForLog("the dashboard is incomplete: no page at " + (empty / "index.html").string(), 10s))
        << serve->log();
    EXPECT_TRUE(serve->waitForLog("the dashboard is incomplete: no chart library at", 10s)) << serve->log();
    EXPECT_EQ(httpGet(serve->port(), "/").status, 404);
    EXPECT_EQ(httpGet(serve->port(), "/healthz").status, 200);  // the API serves on
}
