#include "support/BrowserProbe.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "support/TestDatabase.h"

namespace settlement::test {
namespace fs = std::filesystem;
namespace {

std::string chromium() {
    const char* configured = std::getenv("SETTLEMENT_CHROMIUM");
    return configured && *configured ? configured : "/usr/bin/chromium";
}

// `program` found on PATH, or "".
std::string onPath(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
        if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return "";
}

fs::path probeDir() { return fs::path(sourceDir()) / "tests" / "browser"; }

}  // namespace

std::string browserMissing() {
    std::string lacks;
    if (access(chromium().c_str(), X_OK) != 0)
        lacks += "headless Chromium is missing: no executable " + chromium() +
                 " (scripts/install-deps.sh installs Debian's chromium; SETTLEMENT_CHROMIUM names another). ";
    if (onPath("node").empty()) lacks += "Node.js is missing: no `node` on PATH (scripts/install-deps.sh). ";
    if (!fs::exists(probeDir() / "node_modules" / "playwright-core" / "package.json"))
        lacks += "the browser driver is missing: no " + (probeDir() / "node_modules/playwright-core").string() +
                 " (scripts/install-deps.sh runs npm ci there). ";
    return lacks;
}

BrowserResult openDashboard(const BrowserRequest& request) {
    Poco::JSON::Object json;
    json.set("url", request.url);
    json.set("token", request.token);
    json.set("expect", request.expectDashboard ? "dashboard" : "sign-in");
    Poco::JSON::Array views;
    for (const auto& v : request.views) {
        Poco::JSON::Object view;
        view.set("name", v.name);
        view.set("width", v.width);
        view.set("height", v.height);
        if (!v.screenshot.empty()) view.set("screenshot", v.screenshot);
        views.add(view);
    }
    json.set("views", views);
    json.set("csv", request.csv);
    std::ostringstream text;
    json.stringify(text);

    auto run = runProgram(onPath("node"), {(probeDir() / "dashboard-probe.mjs").string(), text.str()},
                          {{"SETTLEMENT_CHROMIUM", chromium()}});
    Poco::JSON::Object::Ptr answer;
    try {
        answer = Poco::JSON::Parser().parse(run.out).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        throw std::runtime_error("the browser probe printed no JSON (exit " + std::to_string(run.exitCode) +
                                 "): " + run.out + run.err);
    }
    if (answer->has("error")) throw std::runtime_error("the browser probe failed: " + answer->getValue<std::string>("error"));
    return BrowserResult{answer};
}

Poco::JSON::Object::Ptr BrowserResult::view(const std::string& name) const {
    auto views = answer->getObject("views");
    if (!views || !views->has(name)) throw std::runtime_error("the probe has no view " + name);
    return views->getObject(name);
}

std::vector<std::string> BrowserResult::problems() const {
    std::vector<std::string> lines;
    auto console = answer->getArray("console");
    for (std::size_t i = 0; console && i < console->size(); ++i) {
        auto entry = console->getObject(static_cast<unsigned>(i));
        lines.push_back(entry->getValue<std::string>("type") + ": " + entry->getValue<std::string>("text"));
    }
    return lines;
}

std::string BrowserResult::csvText() const {
    auto csv = answer->getObject("csv");
    return csv ? csv->getValue<std::string>("text") : "";
}

std::string BrowserResult::csvFilename() const {
    auto csv = answer->getObject("csv");
    return csv ? csv->getValue<std::string>("filename") : "";
}

std::string screenshotPath(const std::string& name) {
    fs::path dir = fs::path(SETTLEMENT_BUILD_DIR) / "dashboard-screenshots";
    fs::create_directories(dir);
    return (dir / (name + ".png")).string();
}

}  // namespace settlement::test
