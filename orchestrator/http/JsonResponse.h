#pragma once
// What an endpoint answers, and how it goes on the wire. Every answer of the API is a JSON
// object: {"from", "to", "complete", "rows"} for the reports (rows exactly as `report
// --format json` prints them, SPEC §8), {"rows"} for the job runs, {"error"} for failures.
#include <string>
#include <utility>
#include <vector>

#include "report/ReportQuery.h"

namespace Poco::Net { class HTTPServerResponse; }

namespace settlement::http {

struct Response {
    int status = 200;
    std::string body;
    std::string contentType = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;  // extra ones (Allow, WWW-Authenticate)
};

Response jsonResponse(int status, std::string body);
// {"error": "<message>"}
Response errorResponse(int status, const std::string& message);

// {"from": "...", "to": "...", "complete": true, "rows": [...]}
std::string reportBody(const report::ReportResult& result, const report::Layout& layout);
// {"rows": [...]}
std::string rowsBody(const db::ResultTable& rows, const report::Layout& layout);

// Writes status, headers (no caching: the figures change with every run) and body.
void send(Poco::Net::HTTPServerResponse& out, const Response& response);

}  // namespace settlement::http
