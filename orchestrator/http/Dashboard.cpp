#include "http/Dashboard.h"

namespace settlement::http {
namespace {

constexpr std::string_view kVendorPrefix = "/assets/vendor/uplot/";

// 'self' only: the page loads nothing from elsewhere and runs no inline code; the API it
// calls is this server. object-src and base-uri are not covered by default-src.
const char* const kContentSecurityPolicy =
    "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

Response withPageHeaders(Response response) {
    response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
    response.headers.emplace_back("X-Frame-Options", "DENY");
    return response;
}

}  // namespace

Dashboard::Dashboard(const std::filesystem::path& dir) : site_(dir), vendor_(dir / "node_modules/uplot/dist") {}

// The page keeps its view (period, date, ...) in the query string and reads it itself.
Response Dashboard::page(const Call&) const { return withPageHeaders(site_.get("index.html")); }

Response Dashboard::asset(const Call& call) const {
    if (call.path.starts_with(kVendorPrefix)) return withPageHeaders(vendor_.get(call.path.substr(kVendorPrefix.size())));
    return withPageHeaders(site_.get(call.path.substr(1)));
}

std::vector<std::string> Dashboard::missing() const {
    std::vector<std::string> lacks;
    if (!site_.has("index.html")) lacks.push_back("no page at " + (site_.root() / "index.html").string());
    if (!vendor_.has("uPlot.iife.min.js"))
        lacks.push_back("no chart library at " + vendor_.root().string() + " (scripts/install-deps.sh installs it)");
    return lacks;
}

}  // namespace settlement::http
