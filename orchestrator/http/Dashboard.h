#pragma once
// The dashboard of SPEC §10: GET / is the page, GET /assets/... its scripts, styles and
// icon, all from http.dashboard_dir (web/ of the source tree), and /assets/vendor/uplot/...
// the chart library where scripts/install-deps.sh installed it (node_modules/uplot/dist
// under the same folder). Public, like any page: every figure on it comes from the /v1/
// endpoints with the token the user gives the page, and the server checks that token.
//
// Page and assets carry a Content-Security-Policy that allows only this server (no inline
// script or style, no other origin), nosniff, no referrer and no framing.
#include <filesystem>
#include <string>
#include <vector>

#include "http/Router.h"
#include "http/StaticFiles.h"

namespace settlement::http {

class Dashboard {
public:
    explicit Dashboard(const std::filesystem::path& dir);

    Response page(const Call& call) const;   // "/"
    Response asset(const Call& call) const;  // "/assets/..."

    // What the page lacks (no index.html, no chart library), for serve's start-up log;
    // empty when it is complete.
    std::vector<std::string> missing() const;

private:
    StaticFiles site_;    // index.html, assets/
    StaticFiles vendor_;  // the chart library's dist/ folder
};

}  // namespace settlement::http
