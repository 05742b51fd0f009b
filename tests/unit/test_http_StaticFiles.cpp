// http::StaticFiles: a file of the folder with its content type, or 404 for anything else:
// a path that leaves the folder however it is spelt, a symbolic link out of it, a folder,
// a hidden file, a type the dashboard does not use.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "http/HttpError.h"
#include "http/StaticFiles.h"

using namespace settlement;
namespace fs = std::filesystem;

namespace {

struct StaticFilesTest : ::testing::Test {
    StaticFilesTest() : files(root / "site") {}
    void SetUp() override {
        fs::remove_all(root);
        fs::create_directories(root / "site/assets/js");
        write("site/index.html", "<!doctype html>");
        write("site/assets/js/main.js", "export {};");
        write("site/assets/app.css", "body{}");
        write("site/assets/.secret.js", "hidden");
        write("site/assets/notes.md", "# not served");
        write("outside.js", "outside");
        fs::create_symlink(root / "outside.js", root / "site/assets/link.js");
        fs::create_directory_symlink(root, root / "site/assets/up");
    }
    void TearDown() override { fs::remove_all(root); }
    void write(const std::string& path, const std::string& text) { std::ofstream(root / path) << text; }
    int status(const std::string& relative) {
        try {
            return files.get(relative).status;
        } catch (const http::HttpError& e) {
            return e.status();
        }
    }

    const fs::path root = fs::temp_directory_path() / ("settlement-static-" + std::to_string(::getpid()));
    http::StaticFiles files;
};

}  // namespace

TEST_F(StaticFilesTest, AnswersAFileWithItsContentType) {
    auto page = files.get("index.html");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body, "<!doctype html>");
    EXPECT_EQ(page.contentType, "text/html; charset=utf-8");
    EXPECT_EQ(files.get("assets/js/main.js").contentType, "text/javascript; charset=utf-8");
    EXPECT_EQ(files.get("assets/app.css").contentType, "text/css; charset=utf-8");
    EXPECT_EQ(files.get("assets/js/m%61in.js").body, "export {};");  // %-encoded names are decoded
    EXPECT_TRUE(files.has("assets/app.css"));
    EXPECT_FALSE(files.has("assets/missing.css"));
}

TEST_F(StaticFilesTest, NothingOutsideTheFolderNorAnythingButItsFiles) {
    for (const char* path : {"../outside.js", "assets/../../outside.js", "%2e%2e/outside.js", "assets/%2E%2E/../outside.js",
                             "assets/..%2f..%2foutside.js", "/etc/passwd", "assets\\..\\index.html",
                             "assets/%5c..%5cindex.html", "assets/link.js", "assets/up/outside.js", "assets",
                             "assets/", "assets//app.css", "./index.html", "assets/.secret.js", "assets/notes.md",
                             "index.html%00.js", "assets/%zz.js", "", "assets/missing.js"})
        EXPECT_EQ(status(path), 404) << path;
}

TEST(StaticFilesTypes, OnlyTheDashboardsTypes) {
    EXPECT_EQ(http::StaticFiles::contentType("a.svg"), "image/svg+xml");
    EXPECT_EQ(http::StaticFiles::contentType("a.png"), "image/png");
    EXPECT_EQ(http::StaticFiles::contentType("a.d.ts"), "");
    EXPECT_EQ(http::StaticFiles::contentType("Makefile"), "");
}
