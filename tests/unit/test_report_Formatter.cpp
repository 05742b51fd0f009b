// report::Formatter: the exact JSON, CSV and table text of a result set (SPEC §8).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "app/ExitCode.h"
#include "report/Formatter.h"

using namespace settlement;
using report::ColumnKind;
using report::Format;
using report::Formatter;
using report::Layout;

namespace {

Layout statsLayout(std::string title = "Statistics, day 2026-11-18") {
    return Layout{{{"video_id", ColumnKind::Integer},
                   {"views", ColumnKind::Integer},
                   {"watch_seconds", ColumnKind::Integer},
                   {"ad_views", ColumnKind::Integer}},
                  std::move(title), "video", "videos"};
}

Layout creatorLayout() {
    return Layout{{{"creator_id", ColumnKind::Integer},
                   {"video_revenue", ColumnKind::Money},
                   {"ad_revenue", ColumnKind::Money},
                   {"payable", ColumnKind::Integer}},
                  "Settlement by creator, day 2026-11-18", "creator", "creators"};
}

db::ResultTable result(std::vector<std::string> columns, std::vector<db::Row> rows) {
    return db::ResultTable{std::move(columns), std::move(rows)};
}

db::ResultTable statsResult(std::vector<db::Row> rows) {
    return result({"video_id", "views", "watch_seconds", "ad_views"}, std::move(rows));
}

}  // namespace

TEST(ReportFormatter, JsonIsOneObjectPerLineWithNumbersAsNumbers) {
    auto r = statsResult({{"7", "120", "5400", "31"}, {"12", "0", "0", "4"}});
    EXPECT_EQ(Formatter(statsLayout()).json(r),
              "[\n"
              "  {\"video_id\": 7, \"views\": 120, \"watch_seconds\": 5400, \"ad_views\": 31},\n"
              "  {\"video_id\": 12, \"views\": 0, \"watch_seconds\": 0, \"ad_views\": 4}\n"
              "]\n");
}

TEST(ReportFormatter, JsonMoneyIsAStringWithTwoDecimalsAndParses) {
    // "132" and "5.5" are padded to two decimals; "-0.40" stays as it is.
    auto r = result({"creator_id", "video_revenue", "ad_revenue", "payable"},
                    {{"3", "132", "310.00", "442"}, {"4", "5.5", "-0.40", "5"}});
    std::string json = Formatter(creatorLayout()).json(r);
    EXPECT_EQ(json,
              "[\n"
              "  {\"creator_id\": 3, \"video_revenue\": \"132.00\", \"ad_revenue\": \"310.00\", \"payable\": 442},\n"
              "  {\"creator_id\": 4, \"video_revenue\": \"5.50\", \"ad_revenue\": \"-0.40\", \"payable\": 5}\n"
              "]\n");

    // A JSON parser sees numbers where numbers are meant and strings for money.
    auto parsed = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(parsed->size(), 2u);
    auto first = parsed->getObject(0);
    EXPECT_TRUE(first->get("creator_id").isInteger());
    EXPECT_TRUE(first->get("payable").isInteger());
    EXPECT_EQ(first->getValue<int>("payable"), 442);
    EXPECT_TRUE(first->get("video_revenue").isString());
    EXPECT_EQ(first->getValue<std::string>("video_revenue"), "132.00");
}

TEST(ReportFormatter, JsonEscapesTextAndKeepsUtf8) {
    Layout layout{{{"id", ColumnKind::Integer}, {"title", ColumnKind::Text}}, "", "video", "videos"};
    std::string title = "say \"hi\"\\ \n\t\x01 \xEC\xA0\x95\xEC\x82\xB0";  // ... 정산
    auto r = result({"id", "title"}, {{"1", title}, {"2", std::nullopt}});
    std::string json = Formatter(layout).json(r);
    EXPECT_EQ(json,
              "[\n"
              "  {\"id\": 1, \"title\": \"say \\\"hi\\\"\\\\ \\n\\t\\u0001 \xEC\xA0\x95\xEC\x82\xB0\"},\n"
              "  {\"id\": 2, \"title\": null}\n"
              "]\n");
    auto parsed = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
    EXPECT_EQ(parsed->getObject(0)->getValue<std::string>("title"), title);
    EXPECT_TRUE(parsed->getObject(1)->isNull("title"));
}

TEST(ReportFormatter, EmptyResultIsAnEmptyArrayAHeaderAndAZeroFooter) {
    auto empty = statsResult({});
    Formatter f(statsLayout());
    EXPECT_EQ(f.json(empty), "[]\n");
    EXPECT_EQ(f.csv(empty), "video_id,views,watch_seconds,ad_views\r\n");
    EXPECT_EQ(f.table(empty),
              "Statistics, day 2026-11-18\n"
              "video_id  views  watch_seconds  ad_views\n"
              "--------  -----  -------------  --------\n"
              "(0 videos)\n");
}

TEST(ReportFormatter, CsvQuotesOnlyWhatRfc4180Requires) {
    Layout layout{{{"id", ColumnKind::Integer}, {"title", ColumnKind::Text}, {"amount", ColumnKind::Money}},
                  "", "video", "videos"};
    auto r = result({"id", "title", "amount"},
                    {{"1", "plain", "1.5"},
                     {"2", "a, b", "2.00"},
                     {"3", "say \"hi\"", "3"},
                     {"4", "two\nlines", std::nullopt},
                     {"5", "cr\rhere", "0.01"}});
    EXPECT_EQ(Formatter(layout).csv(r),
              "id,title,amount\r\n"
              "1,plain,1.50\r\n"
              "2,\"a, b\",2.00\r\n"
              "3,\"say \"\"hi\"\"\",3.00\r\n"
              "4,\"two\nlines\",\r\n"
              "5,\"cr\rhere\",0.01\r\n");
}

TEST(ReportFormatter, TableRightAlignsNumbersAndMoneyAndLeftAlignsText) {
    // Widths: creator_id 11 (the value 12345678901 is wider than the header), video_revenue
    // 13 (header; "1234567.00" is 10), ad_revenue 10 (header), payable 7 (header = "1234567").
    // Columns are two spaces apart; money gets its two decimals ("0.5" -> "0.50").
    auto r = result({"creator_id", "video_revenue", "ad_revenue", "payable"},
                    {{"3", "132.00", "310.00", "442"}, {"12345678901", "1234567", "0.5", "1234567"}});
    EXPECT_EQ(Formatter(creatorLayout()).table(r),
              "Settlement by creator, day 2026-11-18\n"
              " creator_id  video_revenue  ad_revenue  payable\n"
              "-----------  -------------  ----------  -------\n"
              "          3         132.00      310.00      442\n"
              "12345678901     1234567.00        0.50  1234567\n"
              "(2 creators)\n");
}

TEST(ReportFormatter, TableCountsUtf8CharactersAndTrimsTrailingSpaces) {
    Layout layout{{{"id", ColumnKind::Integer}, {"title", ColumnKind::Text}}, "Videos", "video", "videos"};
    // "정산" is 2 characters (6 bytes); the title column is 5 wide ("title", "ab cd").
    auto r = result({"id", "title"}, {{"1", "\xEC\xA0\x95\xEC\x82\xB0"}, {"22", "ab cd"}});
    EXPECT_EQ(Formatter(layout).table(r),
              "Videos\n"
              "id  title\n"
              "--  -----\n"
              " 1  \xEC\xA0\x95\xEC\x82\xB0\n"
              "22  ab cd\n"
              "(2 videos)\n");
}

TEST(ReportFormatter, TableFooterIsSingularForOneRow) {
    auto r = statsResult({{"7", "120", "5400", "31"}});
    EXPECT_EQ(Formatter(statsLayout("Statistics of video 7, week 2026-11-16 .. 2026-11-22")).render(r, Format::Table),
              "Statistics of video 7, week 2026-11-16 .. 2026-11-22\n"
              "video_id  views  watch_seconds  ad_views\n"
              "--------  -----  -------------  --------\n"
              "       7    120           5400        31\n"
              "(1 video)\n");
}

TEST(ReportFormatter, RenderPicksTheFormat) {
    auto r = statsResult({{"7", "1", "2", "3"}});
    Formatter f(statsLayout());
    EXPECT_EQ(f.render(r, Format::Json), f.json(r));
    EXPECT_EQ(f.render(r, Format::Csv), "video_id,views,watch_seconds,ad_views\r\n7,1,2,3\r\n");
    EXPECT_EQ(f.render(r, Format::Table), f.table(r));
}

TEST(ReportFormatter, RefusesAResultOfAnotherShape) {
    auto wrongColumns = result({"video_id", "views", "ad_views", "watch_seconds"}, {});
    EXPECT_THROW(Formatter(statsLayout()).json(wrongColumns), app::JobFailed);
    auto missingColumn = result({"video_id", "views", "watch_seconds"}, {});
    EXPECT_THROW(Formatter(statsLayout()).csv(missingColumn), app::JobFailed);
}

TEST(ReportFormatter, RefusesValuesThatDoNotFitTheirColumn) {
    // A number column never prints something that is not a JSON number.
    EXPECT_THROW(Formatter(statsLayout()).json(statsResult({{"7", "12.5", "0", "0"}})), app::JobFailed);
    EXPECT_THROW(Formatter(statsLayout()).json(statsResult({{"7", "", "0", "0"}})), app::JobFailed);
    EXPECT_THROW(Formatter(statsLayout()).json(statsResult({{"7", "1e3", "0", "0"}})), app::JobFailed);
    // Money is never rounded: three decimals are an error.
    auto r = result({"creator_id", "video_revenue", "ad_revenue", "payable"}, {{"3", "1.005", "0", "1"}});
    EXPECT_THROW(Formatter(creatorLayout()).json(r), app::JobFailed);
    auto dotOnly = result({"creator_id", "video_revenue", "ad_revenue", "payable"}, {{"3", "1.", "0", "1"}});
    EXPECT_THROW(Formatter(creatorLayout()).csv(dotOnly), app::JobFailed);
    // Negative whole numbers are numbers.
    EXPECT_NO_THROW(Formatter(statsLayout()).json(statsResult({{"7", "-1", "0", "0"}})));
}

TEST(ReportFormatter, ParsesFormatNamesCaseInsensitively) {
    EXPECT_EQ(report::parseFormat("json"), Format::Json);
    EXPECT_EQ(report::parseFormat("CSV"), Format::Csv);
    EXPECT_EQ(report::parseFormat("Table"), Format::Table);
    EXPECT_FALSE(report::parseFormat("xml"));
    EXPECT_FALSE(report::parseFormat(""));
}

TEST(ReportFormatter, EscapesJsonStringsAndCsvFields) {
    EXPECT_EQ(report::jsonString("a\"b\\c\x7f"), "\"a\\\"b\\\\c\\u007f\"");
    EXPECT_EQ(report::jsonString(""), "\"\"");
    EXPECT_EQ(report::csvField(""), "");
    EXPECT_EQ(report::csvField(" padded "), " padded ");
    EXPECT_EQ(report::csvField("\""), "\"\"\"\"");
}

TEST(ReportFormatter, BooleansAreJsonTrueOrFalseFromZeroOrOne) {
    Layout layout{{{"date", ColumnKind::Text}, {"stale", ColumnKind::Boolean}}, "", "run", "runs"};
    auto r = result({"date", "stale"}, {{"2026-11-18", "1"}, {"2026-11-17", "0"}});
    EXPECT_EQ(Formatter(layout).json(r),
              "[\n  {\"date\": \"2026-11-18\", \"stale\": true},\n  {\"date\": \"2026-11-17\", \"stale\": false}\n]\n");
    EXPECT_EQ(Formatter(layout).csv(r), "date,stale\r\n2026-11-18,true\r\n2026-11-17,false\r\n");
    EXPECT_THROW(Formatter(layout).json(result({"date", "stale"}, {{"2026-11-18", "yes"}})), app::JobFailed);
}
