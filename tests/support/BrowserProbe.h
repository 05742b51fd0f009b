#pragma once
// The dashboard in a real browser for a test: runs tests/browser/dashboard-probe.mjs (Node
// with playwright-core driving Debian's headless Chromium, /usr/bin/chromium or
// $SETTLEMENT_CHROMIUM), which signs in with a token and reports what the page shows as
// JSON. The probe asserts nothing; the tests compare what it saw with the API's answers.
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace settlement::test {

struct BrowserView {
    std::string name;        // "desktop", "phone"
    int width = 1280;
    int height = 900;
    std::string screenshot;  // a PNG path, or "" for none
};

struct BrowserRequest {
    std::string url;               // the page, with its period and date
    std::string token;             // typed into the sign-in form
    bool expectDashboard = true;   // false: wait for the sign-in form to say why it asks again
    std::vector<BrowserView> views{BrowserView{"desktop", 1280, 900, ""}};
    bool csv = false;              // also download the settlement table's CSV
};

struct BrowserResult {
    Poco::JSON::Object::Ptr answer;
    // What the page showed at the view `name` (readPage() in the probe).
    Poco::JSON::Object::Ptr view(const std::string& name = "desktop") const;
    // Console errors and warnings, uncaught exceptions, failed requests and HTTP error
    // statuses, one "type: text" line each.
    std::vector<std::string> problems() const;
    std::string csvText() const;
    std::string csvFilename() const;
};

// "" when Chromium, Node and the probe's npm package are installed; else what is missing
// and how to install it (a test fails with it: a missing browser is never a skip).
std::string browserMissing();
// Runs the probe; throws std::runtime_error with its message when the browser could not be
// driven at all.
BrowserResult openDashboard(const BrowserRequest& request);
// <build tree>/dashboard-screenshots/<name>.png (the folder is created; git ignores it).
std::string screenshotPath(const std::string& name);

}  // namespace settlement::test
