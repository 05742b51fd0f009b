#include "http/ReportEndpoints.h"

#include "http/HttpError.h"
#include "http/ParameterError.h"
#include "report/ReportQuery.h"

namespace settlement::http {
namespace {

// A creator's own id into the request; 403 when they ask for another creator's figures.
void scopeToCreator(const Principal& principal, report::Request& request) {
    if (request.creatorId && request.creatorId != principal.creatorId)
        throw HttpError(403, "a creator token sees only its own creator's figures (creator " +
                                 std::to_string(*request.creatorId) + " is not yours)");
    request.creatorId = principal.creatorId;
}

// 403 unless the catalog gives the video to the principal (an unknown video included, so
// a creator cannot probe which ids exist).
void checkVideoOwner(db::Connection& connection, const Principal& principal, std::uint64_t videoId) {
    auto owner = connection.scalar("CALL find_video_creator(" + std::to_string(videoId) + ")");
    if (!owner || *owner != std::to_string(*principal.creatorId))
        throw HttpError(403, "a creator token sees only its own videos (video " + std::to_string(videoId) +
                                 " is not yours)");
}

report::Request spanRequest(const Call& call, report::ReportKind kind) {
    report::Request request;
    request.kind = kind;
    request.span = parseSpan(call.query.span());
    return request;
}

}  // namespace

Response ReportEndpoints::stats(const Call& call) const {
    call.query.allowOnly({"period", "date", "from", "to", "video"});
    report::Request request = spanRequest(call, report::ReportKind::Stats);
    request.videoId = call.query.id("video");
    return answer(*call.principal, request);
}

Response ReportEndpoints::top(const Call& call) const {
    call.query.allowOnly({"period", "date", "from", "to", "by", "limit"});
    report::Request request = spanRequest(call, report::ReportKind::Top);
    std::string by = call.query.has("by") ? call.query.get("by") : "views";
    auto rankBy = report::parseRankBy(by);
    if (!rankBy) throw ParameterError("by", "must be views or watch_time", by);
    request.rankBy = *rankBy;
    request.limit = call.query.intIn("limit", 1, 100);
    return answer(*call.principal, request);
}

Response ReportEndpoints::settlement(const Call& call) const {
    call.query.allowOnly({"period", "date", "from", "to", "by", "creator"});
    report::Request request = spanRequest(call, report::ReportKind::Settlement);
    std::string by = call.query.has("by") ? call.query.get("by") : "creator";
    auto settleBy = report::parseSettleBy(by);
    if (!settleBy) throw ParameterError("by", "must be creator or video", by);
    request.settleBy = *settleBy;
    request.creatorId = call.query.id("creator");
    return answer(*call.principal, request);
}

Response ReportEndpoints::daily(const Call& call) const {
    call.query.allowOnly({"period", "date", "from", "to", "video", "creator"});
    report::Request request = spanRequest(call, report::ReportKind::Daily);
    request.videoId = call.query.id("video");
    request.creatorId = call.query.id("creator");
    if (request.videoId && request.creatorId) throw ParameterError("creator", "cannot be combined with video: give one");
    return answer(*call.principal, request);
}

Response ReportEndpoints::answer(const Principal& principal, report::Request request) const {
    bool scoped = !principal.seesEverything() && request.kind != report::ReportKind::Top;
    if (scoped) scopeToCreator(principal, request);
    Response response;
    pool_.withConnection([&](db::Connection& connection) {
        // One snapshot: `complete` describes exactly the rows that come back.
        connection.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        if (scoped && request.videoId) checkVideoOwner(connection, principal, *request.videoId);
        report::ReportResult result = report::runReport(connection, request);
        connection.execute("COMMIT");
        response = jsonResponse(200, reportBody(result, report::layoutFor(request)));
    });
    return response;
}

}  // namespace settlement::http
