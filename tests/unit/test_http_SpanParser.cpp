// http::parseSpan: period+date or from+to, checked before any SQL (SPEC §10).
#include <gtest/gtest.h>

#include "http/ParameterError.h"
#include "http/SpanParser.h"

using namespace settlement;
using http::SpanParameters;

namespace {

// "name: problem" of the ParameterError, or "ok".
std::string problem(const SpanParameters& p) {
    try {
        http::parseSpan(p);
    } catch (const http::ParameterError& e) {
        return e.name() + ": " + e.what();
    }
    return "ok";
}

util::Date day(const char* text) { return *util::parseDate(text); }

}  // namespace

TEST(HttpSpanParser, PeriodAndDate) {
    auto span = http::parseSpan({"Week", "2026-11-18", "", ""});
    EXPECT_EQ(span.period, report::Period::Week);
    EXPECT_EQ(span.from, day("2026-11-18"));
    EXPECT_EQ(http::parseSpan({"year", "2026-02-28", "", ""}).period, report::Period::Year);
}

TEST(HttpSpanParser, FromAndToUpTo366Days) {
    auto span = http::parseSpan({"", "", "2026-11-01", "2026-11-10"});
    EXPECT_FALSE(span.period);
    EXPECT_EQ(span.from, day("2026-11-01"));
    EXPECT_EQ(span.to, day("2026-11-10"));
    EXPECT_EQ(problem({"", "", "2026-11-01", "2026-11-01"}), "ok");
    EXPECT_EQ(problem({"", "", "2024-01-01", "2024-12-31"}), "ok");  // a leap year: 366 days
    EXPECT_EQ(problem({"", "", "2024-01-01", "2025-01-01"}), "to: makes a span of 367 days; at most 366");
    EXPECT_EQ(problem({"", "", "1900-01-01", "9998-12-31"}), "to: makes a span of 2958099 days; at most 366");
}

TEST(HttpSpanParser, NamesTheParameterThatIsMissingOrWrong) {
    EXPECT_EQ(problem({"", "", "", ""}), "period: is required: give period and date, or from and to");
    EXPECT_EQ(problem({"day", "", "", ""}), "date: is required with period (YYYY-MM-DD)");
    EXPECT_EQ(problem({"", "2026-11-18", "", ""}), "period: is required with date: day, week, month or year");
    EXPECT_EQ(problem({"", "", "2026-11-01", ""}), "to: is required with from (YYYY-MM-DD)");
    EXPECT_EQ(problem({"", "", "", "2026-11-01"}), "from: is required with to (YYYY-MM-DD)");
    EXPECT_EQ(problem({"day", "2026-11-18", "2026-11-01", "2026-11-02"}).substr(0, 30), "from: cannot be combined with ");
    EXPECT_EQ(problem({"", "2026-11-18", "", "2026-11-02"}).substr(0, 28), "to: cannot be combined with ");
    EXPECT_EQ(problem({"fortnight", "2026-11-18", "", ""}), "period: must be day, week, month or year");
    EXPECT_EQ(problem({"", "", "2026-11-10", "2026-11-01"}), "to: must not be before from");
}

TEST(HttpSpanParser, DatesAreRealDaysInTheRangeSqlCanHoldForEveryPeriod) {
    const std::string mustBe = ": must be a date YYYY-MM-DD from 1900-01-01 to 9998-12-31";
    for (const char* bad : {"2026-02-30", "2026-13-01", "18.11.2026", "2026-11-18 ", " 2026-11-18", "2026-1-18",
                            "20261118", "1899-12-31", "9999-01-01", "0000-01-01", "2026-11-18' OR '1'='1",
                            "2026-11-18;DROP TABLE video", "９９９９-01-01", "2026-11-1\xff"}) {
        EXPECT_EQ(problem({"day", bad, "", ""}), "date" + mustBe) << bad;
        EXPECT_EQ(problem({"", "", bad, "2026-11-18"}), "from" + mustBe) << bad;
    }
    try {
        http::parseSpan({"day", "2026-02-30", "", ""});
    } catch (const http::ParameterError& e) {
        EXPECT_EQ(e.value(), "2026-02-30");  // the command line repeats it; HTTP answers do not
    }
}
