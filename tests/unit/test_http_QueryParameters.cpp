// http::QueryParameters: decoding, one value per name, only known names, strict numbers.
#include <gtest/gtest.h>

#include "http/ParameterError.h"
#include "http/QueryParameters.h"

using settlement::http::ParameterError;
using settlement::http::QueryParameters;

namespace {

template <class F>
std::string problem(F f) {
    try {
        f();
    } catch (const ParameterError& e) {
        return e.name() + ": " + e.what();
    }
    return "ok";
}

}  // namespace

TEST(HttpQueryParameters, DecodesPercentEscapesAndPlus) {
    auto q = QueryParameters::parse("period=day&date=2026-11-18&by=watch%5Ftime&x=a+b&&empty=");
    EXPECT_EQ(q.get("period"), "day");
    EXPECT_EQ(q.get("by"), "watch_time");
    EXPECT_EQ(q.get("x"), "a b");
    EXPECT_TRUE(q.has("empty"));
    EXPECT_EQ(q.get("empty"), "");
    EXPECT_EQ(q.get("absent"), "");
    EXPECT_FALSE(q.has("absent"));
    auto span = q.span();
    EXPECT_EQ(span.period, "day");
    EXPECT_EQ(span.date, "2026-11-18");
    EXPECT_TRUE(QueryParameters::parse("").span().period.empty());
}

TEST(HttpQueryParameters, RefusesRepeatsBadEscapesAndUnknownNames) {
    EXPECT_EQ(problem([] { QueryParameters::parse("date=2026-11-18&date=2026-11-19"); }), "date: is given more than once");
    EXPECT_EQ(problem([] { QueryParameters::parse("date=%zz"); }), "query: has a malformed %-escape");
    EXPECT_EQ(problem([] { QueryParameters::parse("date=%4"); }), "query: has a malformed %-escape");
    EXPECT_EQ(problem([] { QueryParameters::parse("=5"); }), "query: has a parameter without a name");
    auto q = QueryParameters::parse("period=day&colour=red");
    EXPECT_EQ(problem([&] { q.allowOnly({"period", "date"}); }), "colour: is not a parameter of this endpoint");
    EXPECT_EQ(problem([&] { q.allowOnly({"period", "colour"}); }), "ok");
    auto hostile = QueryParameters::parse("x%27%3B%20DROP%20TABLE%20video%3B--=1");
    EXPECT_EQ(problem([&] { hostile.allowOnly({}); }), "(unprintable name): is not a parameter of this endpoint");
}

TEST(HttpQueryParameters, IdsArePositiveWholeNumbersThatFitInAnUnsigned64BitInteger) {
    auto q = QueryParameters::parse("a=7&b=18446744073709551615&c=18446744073709551616&d=0&e=-1&f=+1&g=1e3&h=7%20&i=&j=0x10"
                                    "&k=1%27%20OR%201%3D1");
    EXPECT_EQ(q.id("a"), 7u);
    EXPECT_EQ(q.id("b"), 18446744073709551615ULL);
    EXPECT_FALSE(q.id("missing"));
    for (const char* bad : {"c", "d", "e", "f", "g", "h", "i", "j", "k"})
        EXPECT_EQ(problem([&] { q.id(bad); }),
                  std::string(bad) + ": must be a positive whole number (an id) up to 18446744073709551615");
}

TEST(HttpQueryParameters, BoundedIntegers) {
    auto q = QueryParameters::parse("a=1&b=100&c=0&d=101&e=99999999999999999999&f=5.0");
    EXPECT_EQ(q.intIn("a", 1, 100), 1);
    EXPECT_EQ(q.intIn("b", 1, 100), 100);
    EXPECT_FALSE(q.intIn("missing", 1, 100));
    for (const char* bad : {"c", "d", "e", "f"})
        EXPECT_EQ(problem([&] { q.intIn(bad, 1, 100); }), std::string(bad) + ": must be a whole number from 1 to 100");
}
