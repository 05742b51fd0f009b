#include "http/SpanParser.h"

#include "http/ParameterError.h"

namespace settlement::http {
namespace {

const util::Date kEarliest = *util::parseDate("1900-01-01");
const util::Date kLatest = *util::parseDate("9998-12-31");

report::Span periodSpan(const SpanParameters& p) {
    if (p.period.empty()) throw ParameterError("period", "is required with date: day, week, month or year");
    if (p.date.empty()) throw ParameterError("date", "is required with period (YYYY-MM-DD)");
    auto period = report::parsePeriod(p.period);
    if (!period) throw ParameterError("period", "must be day, week, month or year", p.period);
    return report::Span{period, parseDateParameter("date", p.date), {}};
}

report::Span daysSpan(const SpanParameters& p) {
    if (p.from.empty()) throw ParameterError("from", "is required with to (YYYY-MM-DD)");
    if (p.to.empty()) throw ParameterError("to", "is required with from (YYYY-MM-DD)");
    report::Span span{std::nullopt, parseDateParameter("from", p.from), parseDateParameter("to", p.to)};
    if (span.to < span.from) throw ParameterError("to", "must not be before from", p.to);
    auto days = (span.to - span.from).count() + 1;
    if (days > kMaxSpanDays)
        throw ParameterError("to", "makes a span of " + std::to_string(days) + " days; at most " +
                                       std::to_string(kMaxSpanDays), p.to);
    return span;
}

}  // namespace

util::Date parseDateParameter(const std::string& name, const std::string& text) {
    auto date = util::parseDate(text);
    if (!date || *date < kEarliest || *date > kLatest)
        throw ParameterError(name, "must be a date YYYY-MM-DD from 1900-01-01 to 9998-12-31", text);
    return *date;
}

report::Span parseSpan(const SpanParameters& p) {
    bool byPeriod = !p.period.empty() || !p.date.empty();
    bool byDays = !p.from.empty() || !p.to.empty();
    if (byPeriod && byDays)
        throw ParameterError(p.from.empty() ? "to" : "from",
                             "cannot be combined with period and date: give period and date, or from and to");
    if (byDays) return daysSpan(p);
    if (!byPeriod) throw ParameterError("period", "is required: give period and date, or from and to");
    return periodSpan(p);
}

}  // namespace settlement::http
