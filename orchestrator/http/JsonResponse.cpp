#include "http/JsonResponse.h"

#include <Poco/Net/HTTPServerResponse.h>

namespace settlement::http {
namespace {

// The Formatter's JSON array without its final newline, to sit inside an object.
std::string rowsArray(const db::ResultTable& rows, const report::Layout& layout) {
    std::string array = report::Formatter(layout).json(rows);
    while (!array.empty() && array.back() == '\n') array.pop_back();
    return array;
}

}  // namespace

Response jsonResponse(int status, std::string body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Response errorResponse(int status, const std::string& message) {
    return jsonResponse(status, "{\"error\": " + report::jsonString(message) + "}\n");
}

std::string reportBody(const report::ReportResult& result, const report::Layout& layout) {
    return "{\"from\": " + report::jsonString(result.from) + ", \"to\": " + report::jsonString(result.to) +
           ", \"complete\": " + (result.complete ? "true" : "false") +
           ", \"rows\": " + rowsArray(result.rows, layout) + "}\n";
}

std::string rowsBody(const db::ResultTable& rows, const report::Layout& layout) {
    return "{\"rows\": " + rowsArray(rows, layout) + "}\n";
}

void send(Poco::Net::HTTPServerResponse& out, const Response& response) {
    out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out.setContentType(response.contentType);
    out.setContentLength(static_cast<std::streamsize>(response.body.size()));
    out.set("Cache-Control", "no-store");
    out.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : response.headers) out.set(name, value);
    out.send() << response.body;
}

}  // namespace settlement::http
