#include "support/DashboardExpect.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "support/HttpClient.h"

namespace settlement::test {
namespace {

std::string groupDigits(const std::string& digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

long long cents(const std::string& decimal) {
    auto dot = decimal.find('.');
    std::string fraction = dot == std::string::npos ? "" : decimal.substr(dot + 1);
    fraction.resize(2, '0');
    bool negative = !decimal.empty() && decimal[0] == '-';
    long long whole = std::stoll(decimal.substr(negative ? 1 : 0, dot == std::string::npos ? std::string::npos
                                                                                               : dot - (negative ? 1 : 0)));
    long long value = whole * 100 + std::stoll(fraction);
    return negative ? -value : value;
}

std::string cell(const Poco::JSON::Object::Ptr& row, unsigned i) {
    return row->getArray("cells")->getElement<std::string>(i);
}

}  // namespace

std::string groupedCount(long long value) {
    return value < 0 ? "-" + groupDigits(std::to_string(-value)) : groupDigits(std::to_string(value));
}

std::string groupedMoney(const std::string& decimal) {
    bool negative = !decimal.empty() && decimal[0] == '-';
    std::string body = negative ? decimal.substr(1) : decimal;
    auto dot = body.find('.');
    std::string fraction = dot == std::string::npos ? "" : body.substr(dot + 1);
    if (fraction.size() < 2) fraction.resize(2, '0');
    return (negative ? "-" : "") + groupDigits(body.substr(0, dot)) + "." + fraction;
}

std::string hoursText(long long seconds) {
    long long tenths = (seconds + 180) / 360;
    return groupedCount(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::string sumMoney(const Poco::JSON::Array::Ptr& rows, const std::string& column) {
    long long total = 0;
    for (unsigned i = 0; i < rows->size(); ++i) total += cents(rows->getObject(i)->getValue<std::string>(column));
    std::string fraction = std::to_string(total % 100);
    return std::to_string(total / 100) + "." + (fraction.size() < 2 ? "0" + fraction : fraction);
}

long long sumCount(const Poco::JSON::Array::Ptr& rows, const std::string& column) {
    long long total = 0;
    for (unsigned i = 0; i < rows->size(); ++i) total += rows->getObject(i)->getValue<long long>(column);
    return total;
}

Poco::JSON::Object::Ptr apiAnswer(int port, const std::string& target, const std::string& token) {
    auto answer = httpGet(port, target, token);
    EXPECT_EQ(answer.status, 200) << target << ": " << answer.body;
    return Poco::JSON::Parser().parse(answer.body).extract<Poco::JSON::Object::Ptr>();
}

void expectFiguresOf(const Poco::JSON::Object::Ptr& view, const Poco::JSON::Object::Ptr& daily,
                     const Poco::JSON::Object::Ptr& settlementByCreator) {
    auto figures = view->getObject("figures");
    auto expect = [&](const std::string& key, const std::string& value, const std::string& text) {
        auto figure = figures->getObject(key);
        ASSERT_TRUE(figure) << key;
        EXPECT_EQ(figure->getValue<std::string>("value"), value) << key;
        EXPECT_EQ(figure->getValue<std::string>("text"), text) << key;
    };
    auto days = daily->getArray("rows");
    auto creators = settlementByCreator->getArray("rows");
    long long views = sumCount(days, "views"), watch = sumCount(days, "watch_seconds");
    long long adViews = sumCount(days, "ad_views"), payable = sumCount(creators, "payable");
    expect("views", std::to_string(views), groupedCount(views));
    expect("watch_hours", std::to_string(watch), hoursText(watch));
    expect("ad_views", std::to_string(adViews), groupedCount(adViews));
    std::string videoRevenue = sumMoney(creators, "video_revenue"), adRevenue = sumMoney(creators, "ad_revenue");
    expect("video_revenue", videoRevenue, groupedMoney(videoRevenue));
    expect("ad_revenue", adRevenue, groupedMoney(adRevenue));
    expect("payable", std::to_string(payable), groupedCount(payable));
}

void expectRankingOf(const Poco::JSON::Array::Ptr& pageRows, const Poco::JSON::Array::Ptr& apiRows, bool byViews) {
    ASSERT_GT(pageRows->size(), 0u);
    ASSERT_LE(pageRows->size(), apiRows->size());
    for (unsigned i = 0; i < pageRows->size(); ++i) {
        SCOPED_TRACE("row " + std::to_string(i + 1));
        auto shown = pageRows->getObject(i);
        auto api = apiRows->getObject(i);
        EXPECT_EQ(shown->getValue<std::string>("video"), std::to_string(api->getValue<long long>("video_id")));
        EXPECT_EQ(cell(shown, 0), groupedCount(api->getValue<long long>("rank")));
        EXPECT_EQ(cell(shown, 1), std::to_string(api->getValue<long long>("video_id")));
        std::string views = groupedCount(api->getValue<long long>("views"));
        std::string hours = hoursText(api->getValue<long long>("watch_seconds"));
        EXPECT_EQ(cell(shown, 2), byViews ? views : hours);
        EXPECT_EQ(cell(shown, 3), byViews ? hours : views);
    }
}

}  // namespace settlement::test
