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

// A request of `kind` for the query's span, once the query holds no parameter but the
// span's and `extra`.
report::Request spanRequest(const Call& call, report::ReportKind kind, std::initializer_list<std::string_view> extra) {
    std::vector<std::string_view> allowed{"period", "date", "from", "to"};
    allowed.insert(allowed.end(), extra.begin(), extra.end());
    call.query.allowOnly(allowed);
    report::Request request;
    request.kind = kind;
    request.span = parseSpan(call.query.span());
    return request;
}

// The value of a word parameter (`by`), `fallback` when absent.
template <class T>
T word(const Call& call, const std::string& name, const std::string& fallback,
       std::optional<T> (*parse)(std::string_view), const std::string& words) {
    std::string text = call.query.has(name) ? call.query.get(name) : fallback;
    auto value = parse(text);
    if (!value) throw ParameterError(name, "must be " + words, text);
    return *value;
}

}  // namespace

Response ReportEndpoints::stats(const Call& call) const {
    report::Request request = spanRequest(call, report::ReportKind::Stats, {"video"});
    request.videoId = call.query.id("video");
    return answer(*call.principal, request);
}

Response ReportEndpoints::top(const Call& call) const {
    report::Request request = spanRequest(call, report::ReportKind::Top, {"by", "limit"});
    request.rankBy = word(call, "by", "views", report::parseRankBy, "views or watch_time");
    request.limit = call.query.intIn("limit", 1, 100);
    return answer(*call.principal, request);
}

Response ReportEndpoints::settlement(const Call& call) const {
    report::Request request = spanRequest(call, report::ReportKind::Settlement, {"by", "creator"});
    request.settleBy = word(call, "by", "creator", report::parseSettleBy, "creator or video");
    request.creatorId = call.query.id("creator");
    return answer(*call.principal, request);
}

Response ReportEndpoints::daily(const Call& call) const {
    report::Request request = spanRequest(call, report::ReportKind::Daily, {"video", "creator"});
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
