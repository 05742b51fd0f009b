#include <gtest/gtest.h>

#include <sstream>

#include "load/CsvReader.h"

using namespace settlement::load;

namespace {

// All records of `text`, read with a small buffer so that records cross buffer refills.
std::vector<CsvRecord> readAll(const std::string& text, std::size_t buffer = 16) {
    std::istringstream in(text);
    CsvReader reader(in, CsvReader::kDefaultMaxRecordBytes, buffer);
    std::vector<CsvRecord> out;
    CsvRecord r;
    while (reader.next(r)) out.push_back(r);
    return out;
}

std::uint64_t errorLine(const std::string& text) {
    try {
        readAll(text);
    } catch (const CsvError& e) {
        return e.line();
    }
    return 0;
}

}  // namespace

TEST(CsvReader, ReadsPlainRecordsWithTheirLineNumbers) {
    auto r = readAll("a,b,c\n1,2,3\n");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(r[1].fields, (std::vector<std::string>{"1", "2", "3"}));
    EXPECT_EQ(r[0].line, 1u);
    EXPECT_EQ(r[1].line, 2u);
    EXPECT_EQ(r[1].raw, "1,2,3");
}

TEST(CsvReader, LastRecordNeedsNoLineEnd) {
    auto r = readAll("a,b\n1,2");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[1].fields, (std::vector<std::string>{"1", "2"}));
}

TEST(CsvReader, KeepsEmptyFields) {
    auto r = readAll("a,,b\n,\n\"\"\n");
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "", "b"}));
    EXPECT_EQ(r[1].fields, (std::vector<std::string>{"", ""}));
    EXPECT_EQ(r[2].fields, (std::vector<std::string>{""}));  // a quoted empty field is not a blank line
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
    // Record 2 starts on line 2 and spans lines 2-3; record 3 starts on line 4.
    auto r = readAll("id,title\n7,\"Kim, \"\"the\"\" creator\nsecond line\"\n8,plain\n");
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[1].fields[1], "Kim, \"the\" creator\nsecond line");
    EXPECT_EQ(r[1].line, 2u);
    EXPECT_EQ(r[1].raw, "7,\"Kim, \"\"the\"\" creator\nsecond line\"");
    EXPECT_EQ(r[2].line, 4u);
    EXPECT_EQ(r[2].fields[1], "plain");
}

TEST(CsvReader, AcceptsCrlfAndKeepsCrlfInsideQuotes) {
    auto r = readAll("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n");
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(r[1].fields[1], "x\r\ny");
    EXPECT_EQ(r[2].fields, (std::vector<std::string>{"2", "z"}));
    EXPECT_EQ(r[2].line, 4u);  // the CRLF inside the quotes was line 2's end
}

TEST(CsvReader, SkipsBlankLinesButCountsThem) {
    auto r = readAll("a\n\n1\n\r\n2\n\n");
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[1].fields[0], "1");
    EXPECT_EQ(r[1].line, 3u);
    EXPECT_EQ(r[2].line, 5u);
}

TEST(CsvReader, DropsAByteOrderMark) {
    auto r = readAll("\xEF\xBB\xBFid,name\n1,x\n");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0].fields[0], "id");
    // Two bytes of what looks like a BOM at the start are data, and not UTF-8.
    EXPECT_EQ(errorLine("\xEF\xBB,x\n"), 1u);
}

TEST(CsvReader, LenientWithStrayQuotes) {
    auto r = readAll("ab\"c,\"de\"f\n");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].fields, (std::vector<std::string>{"ab\"c", "def"}));
}

TEST(CsvReader, UnclosedQuoteAtTheEndIsAnErrorNamingTheLineItOpened) {
    // The quote opens on line 3 and swallows lines 4-5.
    EXPECT_EQ(errorLine("h\nok\n\"open,\nmore\nlast\n"), 3u);
    EXPECT_EQ(errorLine("\"x"), 1u);
}

TEST(CsvReader, InvalidUtf8IsAnErrorNamingItsLine) {
    EXPECT_EQ(errorLine("h\nfine\nbad \xFF byte\n"), 3u);
    // Inside a quoted field spanning lines 2-3, the bad byte is on line 3.
    EXPECT_EQ(errorLine("h\n\"a\nb\xC3\x28\"\n"), 3u);
    EXPECT_EQ(errorLine("h\n\xEF\xBB\n"), 2u);  // a truncated sequence, not a BOM (not first)
    // Valid multibyte text is fine.
    auto r = readAll("h\n\xEC\xA0\x95\xEC\x82\xB0,\xF0\x9F\x8E\xAC\n");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[1].fields[0], "\xEC\xA0\x95\xEC\x82\xB0");  // "정산"
}

TEST(CsvReader, EmptyInputHasNoRecord) {
    EXPECT_TRUE(readAll("").empty());
    EXPECT_TRUE(readAll("\n\n").empty());
}

TEST(CsvReader, ReadsAFieldLongerThanTheBuffer) {
    std::string big(1000, 'x');
    auto r = readAll("h\n\"" + big + "\"," + big + "\n", 16);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[1].fields[0], big);
    EXPECT_EQ(r[1].fields[1], big);
}

TEST(Utf8, FindsTheFirstInvalidByte) {
    EXPECT_EQ(invalidUtf8Offset("plain"), std::string::npos);
    EXPECT_EQ(invalidUtf8Offset("\xC3\xA9"), std::string::npos);           // é
    EXPECT_EQ(invalidUtf8Offset("ab\xC0\xAF"), 2u);                        // overlong '/'
    EXPECT_EQ(invalidUtf8Offset("\xED\xA0\x80"), 0u);                      // a surrogate
    EXPECT_EQ(invalidUtf8Offset("\xF4\x90\x80\x80"), 0u);                  // above U+10FFFF
    EXPECT_EQ(invalidUtf8Offset("\xF0\x9F\x8E\xAC"), std::string::npos);  // 🎬
    EXPECT_EQ(invalidUtf8Offset("x\xE2\x82"), 1u);                         // cut short
    EXPECT_EQ(utf8Length("\xEC\xA0\x95\xEC\x82\xB0 ok"), 5u);
}

namespace {

// The error of reading `text` with records of at most `max` bytes.
std::pair<std::uint64_t, std::string> limitError(const std::string& text, std::size_t max) {
    std::istringstream in(text);
    CsvReader reader(in, max, 16);
    CsvRecord r;
    try {
        while (reader.next(r)) {
        }
    } catch (const CsvError& e) {
        return {e.line(), e.what()};
    }
    return {0, ""};
}

}  // namespace

TEST(CsvReader, ARecordUpToTheLimitIsRead) {
    auto [line, what] = limitError("a,b\n" + std::string(10, 'x') + "\n", 10);
    EXPECT_EQ(line, 0u) << what;
}

TEST(CsvReader, ALineLongerThanTheLimitIsAnErrorAtThatLine) {
    auto [line, what] = limitError("a,b\n1,2\n" + std::string(11, 'x') + "\n3,4\n", 10);
    EXPECT_EQ(line, 3u);
    EXPECT_EQ(what, "the line is longer than 10 bytes (load.max_line_bytes)");
    // A file without any line break (like /dev/zero) stops at the limit too.
    EXPECT_EQ(limitError(std::string(1000, '\0'), 64).first, 1u);
}

TEST(CsvReader, AnUnclosedQuoteIsAnErrorAtTheQuoteOnceTheLimitIsPassed) {
    std::string text = "a,b\n1,2\n3,\"stray\n";
    for (int i = 0; i < 100; ++i) text += "5,6\n";
    auto [line, what] = limitError(text, 64);
    EXPECT_EQ(line, 3u);
    EXPECT_EQ(what, "the quoted field opened on line 3 is still open after 64 bytes (load.max_line_bytes): a stray or "
                    "unclosed quote?");
}

TEST(CsvReader, ALineOfManyFieldsKeepsAFewAndCountsAll) {
    std::istringstream in("a,b\n" + std::string(5000, ',') + "\n1,2\n");
    CsvReader reader(in);
    CsvRecord r;
    ASSERT_TRUE(reader.next(r));
    ASSERT_TRUE(reader.next(r));
    EXPECT_EQ(r.fieldCount(), 5001u);
    EXPECT_LT(r.fields.size(), CsvReader::kMaxStoredFields);
    ASSERT_TRUE(reader.next(r));  // the storage is reused: the next record is whole
    EXPECT_EQ(r.fields, (std::vector<std::string>{"1", "2"}));
    EXPECT_EQ(r.fieldCount(), 2u);
}
