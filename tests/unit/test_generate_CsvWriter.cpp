#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/ExitCode.h"
#include "generate/CsvWriter.h"

using namespace settlement::generate;
namespace fs = std::filesystem;

namespace {

fs::path tempFile(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / "settlement-unit" / "CsvWriter";
    fs::create_directories(dir);
    return dir / name;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST(CsvWriter, EscapesOnlyFieldsThatNeedIt) {
    EXPECT_EQ(CsvWriter::escape("plain text"), "plain text");
    EXPECT_EQ(CsvWriter::escape(""), "");
    EXPECT_EQ(CsvWriter::escape("Kim, Minji"), "\"Kim, Minji\"");
    EXPECT_EQ(CsvWriter::escape("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvWriter::escape("\""), "\"\"\"\"");
    EXPECT_EQ(CsvWriter::escape("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(CsvWriter::escape("cr\r"), "\"cr\r\"");
    EXPECT_EQ(CsvWriter::escape("먹방 vlog"), "먹방 vlog");
}

TEST(CsvWriter, WritesHeaderFieldsAndRows) {
    auto path = tempFile("rows.csv");
    {
        CsvWriter out(path.string());
        out.header({"id", "name", "delta"});
        out.number(1).text("Kim, Minji").number(std::int64_t{-5});
        out.endRow();
        out.number(std::uint64_t{18446744073709551615ULL}).text("\"Galaxy\" review").raw("2026-01-31 15:00:00.000");
        out.endRow();
        out.rawLine("broken,line");
        EXPECT_EQ(out.rows(), 3u);
        out.close();
    }
    EXPECT_EQ(slurp(path),
              "id,name,delta\n"
              "1,\"Kim, Minji\",-5\n"
              "18446744073709551615,\"\"\"Galaxy\"\" review\",2026-01-31 15:00:00.000\n"
              "broken,line\n");
}

TEST(CsvWriter, FlushesASmallBufferManyTimesWithoutLosingBytes) {
    auto path = tempFile("many.csv");
    std::string expected = "n,text\n";
    std::uint64_t bytes = 0;
    {
        CsvWriter out(path.string(), 4096);  // the smallest buffer: 10,000 rows flush often
        out.header({"n", "text"});
        for (int i = 0; i < 10000; ++i) {
            out.number(i).text(i % 3 ? "a,b" : "c");
            out.endRow();
            expected += std::to_string(i) + (i % 3 ? ",\"a,b\"\n" : ",c\n");
        }
        out.close();
        bytes = out.bytes();
    }
    std::string written = slurp(path);
    EXPECT_EQ(written.size(), expected.size());
    EXPECT_EQ(bytes, expected.size());
    EXPECT_TRUE(written == expected);
}

TEST(CsvWriter, UnwritablePathIsAJobFailureNamingTheFile) {
    try {
        CsvWriter out("/nonexistent-dir-for-settlement-tests/x.csv");
        FAIL() << "expected an error";
    } catch (const settlement::app::JobFailed& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-dir-for-settlement-tests/x.csv"), std::string::npos);
    }
}
