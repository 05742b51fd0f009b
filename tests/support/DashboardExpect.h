#pragma once
// What the dashboard should show, from the API's own answers: the figures as an en-US
// reader sees them (the browser probe runs Chromium with locale en-US), and checks that
// compare the probe's view of the page with /v1/ answers.
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>

namespace settlement::test {

// 1234567 -> "1,234,567"
std::string groupedCount(long long value);
// "1234567.50" -> "1,234,567.50"
std::string groupedMoney(const std::string& decimal);
// Seconds as hours, one decimal, half a tenth up: 5400 -> "1.5", 540 -> "0.2"
std::string hoursText(long long seconds);
// The sum of a money column of `rows` ("1.10" + "2.25" -> "3.35"), exactly.
std::string sumMoney(const Poco::JSON::Array::Ptr& rows, const std::string& column);
// The sum of a whole-number column of `rows`.
long long sumCount(const Poco::JSON::Array::Ptr& rows, const std::string& column);

// GET `target` with `token` from serve on `port`: the answer's object (the test fails on
// a status other than 200).
Poco::JSON::Object::Ptr apiAnswer(int port, const std::string& target, const std::string& token);

// The six key figures of the page `view` equal the totals of /v1/daily (views, watch
// time, ad views) and /v1/settlement?by=creator (money, payable), as values and as text.
void expectFiguresOf(const Poco::JSON::Object::Ptr& view, const Poco::JSON::Object::Ptr& daily,
                     const Poco::JSON::Object::Ptr& settlementByCreator);
// The page's ranking rows (probe rows of #top-views or #top-watch) are the first rows of
// /v1/top's `rows`: rank, video, views and watch hours.
void expectRankingOf(const Poco::JSON::Array::Ptr& pageRows, const Poco::JSON::Array::Ptr& apiRows,
                     bool byViews);

}  // namespace settlement::test
