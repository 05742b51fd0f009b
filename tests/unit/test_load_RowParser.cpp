#include <gtest/gtest.h>

#include "load/RowParser.h"

using namespace settlement::load;

namespace {

CsvRecord record(std::vector<std::string> fields, std::string raw = "the raw line", std::uint64_t line = 5) {
    CsvRecord r;
    r.fields = std::move(fields);
    r.raw = std::move(raw);
    r.line = line;
    return r;
}

StagedRow parse(Kind kind, std::vector<std::string> fields) {
    RowParser parser(kindInfo(kind));
    StagedRow row;
    parser.parse(record(std::move(fields)), row);
    return row;
}

using T = StageValue::Type;

}  // namespace

TEST(RowParser, ParsesAViewEvent) {
    auto row = parse(Kind::Views, {"18446744073709551615", "2", "007", "10.0.0.1", "2026-01-31 14:59:59.999Z", "-5", "0"});
    EXPECT_EQ(row.error, "");
    EXPECT_EQ(row.line, 5u);
    ASSERT_EQ(row.values.size(), 7u);
    EXPECT_EQ(row.values[0].text, "18446744073709551615");  // the largest unsigned 64-bit id
    EXPECT_EQ(row.values[2].text, "7");                     // canonical digits
    EXPECT_EQ(row.values[3].type, T::Text);
    EXPECT_EQ(row.values[3].text, "10.0.0.1");
    EXPECT_EQ(row.values[4].text, "2026-01-31 14:59:59.999");  // Z dropped, milliseconds kept
    EXPECT_EQ(row.values[5].type, T::Number);
    EXPECT_EQ(row.values[5].text, "-5");  // a negative reaches SQL, which rejects it by rule
    EXPECT_FALSE(row.keepRaw);           // valid events do not keep their line
}

TEST(RowParser, WrongFieldCountKeepsTheLeadingIdAndTheLine) {
    auto row = parse(Kind::Views, {"42", "2", "10"});
    EXPECT_EQ(row.error, "wrong_field_count");
    EXPECT_NE(row.detail.find("expected 7 fields"), std::string::npos) << row.detail;
    EXPECT_NE(row.detail.find("got 3"), std::string::npos) << row.detail;
    EXPECT_EQ(row.values[0].text, "42");  // record_id of the rejection
    EXPECT_EQ(row.values[1].type, T::Null);
    EXPECT_TRUE(row.keepRaw);
    EXPECT_EQ(row.raw, "the raw line");
}

TEST(RowParser, BadNumbersNameTheColumn) {
    auto watched = parse(Kind::Views, {"1", "2", "3", "ip", "2026-01-31 00:00:00", "sixty", "0"});
    EXPECT_EQ(watched.error, "bad_number");
    EXPECT_EQ(watched.detail.rfind("watched_sec:", 0), 0u) << watched.detail;
    EXPECT_EQ(watched.values[0].text, "1");  // the other fields are still parsed

    EXPECT_EQ(parse(Kind::Views, {"-1", "2", "3", "ip", "2026-01-31 00:00:00", "1", "0"}).error, "bad_number");
    EXPECT_EQ(parse(Kind::Views, {"18446744073709551616", "2", "3", "ip", "2026-01-31 00:00:00", "1", "0"}).error,
              "bad_number");  // one more than the largest id
    EXPECT_EQ(parse(Kind::Views, {"+1", "2", "3", "ip", "2026-01-31 00:00:00", "1", "0"}).error, "bad_number");
    EXPECT_EQ(parse(Kind::Views, {" 1", "2", "3", "ip", "2026-01-31 00:00:00", "1", "0"}).error, "bad_number");
    EXPECT_EQ(parse(Kind::Views, {"1", "2", "3", "ip", "2026-01-31 00:00:00", "1.5", "0"}).error, "bad_number");
    auto empty = parse(Kind::Views, {"1", "", "3", "ip", "2026-01-31 00:00:00", "1", "0"});
    EXPECT_EQ(empty.error, "bad_number");
    EXPECT_EQ(empty.detail, "viewer_id: is empty");
}

TEST(RowParser, BadOrMissingTimestampsNameTheColumn) {
    auto garbage = parse(Kind::AdViews, {"1", "2", "3", "4", "ip", "31/01/2026 10:00"});
    EXPECT_EQ(garbage.error, "bad_timestamp");
    EXPECT_EQ(garbage.detail.rfind("viewed_at:", 0), 0u) << garbage.detail;
    auto missing = parse(Kind::Views, {"1", "2", "3", "ip", "", "1", "0"});
    EXPECT_EQ(missing.error, "bad_timestamp");
    EXPECT_EQ(missing.detail, "started_at: is empty");
    // DATETIME cannot hold year 999; the whole supported range is 1000-01-02 .. 9999-12-30.
    EXPECT_EQ(parse(Kind::Views, {"1", "2", "3", "ip", "0999-12-31 00:00:00", "1", "0"}).error, "bad_timestamp");
    EXPECT_EQ(parse(Kind::Views, {"1", "2", "3", "ip", "9999-12-31 00:00:00", "1", "0"}).error, "bad_timestamp");
    EXPECT_EQ(parse(Kind::Views, {"1", "2", "3", "ip", "1999-12-31 00:00:00", "1", "0"}).error, "");  // old is fine
}

TEST(RowParser, TheFirstProblemOfALineIsItsReason) {
    auto row = parse(Kind::Views, {"x", "2", "3", "ip", "never", "1", "0"});
    EXPECT_EQ(row.error, "bad_number");  // event_id comes before started_at
}

TEST(RowParser, TextWiderThanItsColumnIsRejected) {
    std::string ip65(65, '1');
    auto row = parse(Kind::Views, {"1", "2", "3", ip65, "2026-01-31 00:00:00", "1", "0"});
    EXPECT_EQ(row.error, "text_too_long");
    EXPECT_EQ(row.detail, "ip: 65 characters, at most 64");
    // Widths are characters, not bytes: 255 Hangul syllables (765 bytes) fit member.name.
    std::string name;
    for (int i = 0; i < 255; ++i) name += "\xEA\xB0\x80";
    EXPECT_EQ(parse(Kind::Members, {"1", "VIEWER", name}).error, "");
    EXPECT_EQ(parse(Kind::Members, {"1", "VIEWER", name + "\xEA\xB0\x80"}).error, "text_too_long");
}

TEST(RowParser, MemberRolesBecomeTheirEnumIndex) {
    auto creator = parse(Kind::Members, {"3", "CREATOR", "Kim"});
    EXPECT_EQ(creator.error, "");
    EXPECT_EQ(creator.values[1].text, "2");  // VIEWER 1, CREATOR 2, ADVERTISER 3, ADMIN 4
    EXPECT_EQ(creator.values[2].text, "Kim");
    EXPECT_EQ(parse(Kind::Members, {"3", "ADMIN", ""}).values[1].text, "4");
    EXPECT_TRUE(creator.keepRaw);  // catalog lines keep their text for a later rejection
    auto lower = parse(Kind::Members, {"3", "creator", "Kim"});
    EXPECT_EQ(lower.error, "unknown_role");
    EXPECT_NE(lower.detail.find("'creator'"), std::string::npos) << lower.detail;
}

TEST(RowParser, CatalogNumbersMaySignButIdsMayNot) {
    auto video = parse(Kind::Videos, {"10", "1", "Title, with comma", "-5"});
    EXPECT_EQ(video.error, "");  // duration_sec <= 0 is SQL's bad_duration, not a parse error
    EXPECT_EQ(video.values[3].text, "-5");
    EXPECT_EQ(parse(Kind::VideoAds, {"10", "-100", "3"}).error, "bad_number");
}

TEST(RowParser, ChecksTheHeaderExactly) {
    RowParser views(kindInfo(Kind::Views));
    EXPECT_EQ(views.checkHeader(record({"event_id", "viewer_id", "video_id", "ip", "started_at", "watched_sec",
                                        "last_position_sec"})),
              "");
    auto swapped = views.checkHeader(record({"viewer_id", "event_id", "video_id", "ip", "started_at", "watched_sec",
                                             "last_position_sec"}, "viewer_id,event_id,..."));
    EXPECT_NE(swapped.find("event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec"), std::string::npos)
        << swapped;
    EXPECT_NE(swapped.find("got 'viewer_id,event_id,...'"), std::string::npos) << swapped;
    EXPECT_NE(RowParser(kindInfo(Kind::Members)).checkHeader(record({"ID", "role", "name"})), "");
    EXPECT_NE(RowParser(kindInfo(Kind::Members)).checkHeader(record({"id", "role", "name", ""})), "");
}

TEST(RowParser, TruncatesUtf8AtACharacterBoundary) {
    EXPECT_EQ(truncateUtf8("abc", 10), "abc");
    EXPECT_EQ(truncateUtf8("\xEC\xA0\x95\xEC\x82\xB0", 4), "\xEC\xA0\x95");  // not half of 산
}
