// What `load` does with inputs that are not ordinary files (issue 11): a FIFO and
// /dev/stdin are read once and load; an endless line (/dev/zero, a 1 GB line), a line
// longer than load.max_line_bytes and a stray quote early in a long stream are malformed
// at their line (exit 2), and the process stays under 100 MB of memory for all of them.
// Peak memory is read with /usr/bin/time (Debian's `time`, in scripts/install-deps.sh).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

const std::string kHeader = "event_id,viewer_id,video_id,ip,started_at,watched_sec,last_position_sec";
constexpr long kMaxRssKb = 100 * 1024;

std::unique_ptr<TestDatabase> withCatalog(const std::string& name) {
    auto db = std::make_unique<TestDatabase>(name);
    db->migrate();
    auto members = writeTempFile("members.csv", "id,role,name\n1,CREATOR,C\n2,VIEWER,V\n");
    auto videos = writeTempFile("videos.csv", "id,creator_id,title,duration_sec\n10,1,Ten,600\n");
    auto r = db->settlement({"load", "--members", members, "--videos", videos});
    if (r.exitCode != 0) throw std::runtime_error("catalog load failed: " + r.err);
    return db;
}

struct Measured {
    CommandResult result;
    long peakRssKb = -1;
};

// Runs `shell` (a pipeline ending in the settlement binary, "$SETTLEMENT") under
// /usr/bin/time and reads the settlement process's peak resident memory.
Measured measured(TestDatabase& db, const std::string& shell) {
    if (!std::filesystem::exists("/usr/bin/time"))
        throw std::runtime_error("/usr/bin/time is missing: run scripts/install-deps.sh (Debian package `time`)");
    std::string rssFile = writeTempFile("rss.txt", "");
    std::string pipeline = std::regex_replace(shell, std::regex("\\$SETTLEMENT"),
                                              "/usr/bin/time -f %M -o " + rssFile + " " + SETTLEMENT_BINARY);
    auto env = db.env(Account::Batch);
    Measured m;
    m.result = runProgram("/bin/sh", {"-c", pipeline}, env);
    std::ifstream in(rssFile);
    std::string line, last;
    while (std::getline(in, line))
        if (!line.empty()) last = line;  // time writes "Command exited with ..." first on failure
    m.peakRssKb = last.empty() ? -1 : std::stol(last);
    return m;
}

}  // namespace

TEST(LoadInput, AFifoIsReadOnceAndLoads) {
    auto db = withCatalog("t_input_fifo");
    std::string fifo = std::filesystem::path(writeTempFile("x", "")).parent_path() / "views.fifo";
    std::filesystem::remove(fifo);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // The writer opens, writes and closes once, like `zcat views.csv.gz > fifo`.
    std::thread writer([&] {
        std::ofstream out(fifo);
        out << kHeader << "\n1,2,10,10.0.0.1,2026-03-10 01:00:00,60,60\n2,2,10,10.0.0.1,2026-03-10 02:00:00,60,60\n";
    });
    auto r = db->settlement({"load", "--views", fifo});
    writer.join();
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("2 read, 2 loaded"), std::string::npos) << r.out;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_log"), 2);
}

TEST(LoadInput, StandardInputLoads) {
    auto db = withCatalog("t_input_stdin");
    std::string file = writeTempFile("views.csv", kHeader + "\n1,2,10,10.0.0.1,2026-03-10 01:00:00,60,60\n");
    auto m = measured(*db, "cat " + file + " | $SETTLEMENT load --views /dev/stdin");
    EXPECT_EQ(m.result.exitCode, 0) << m.result.err;
    EXPECT_NE(m.result.out.find("1 read, 1 loaded"), std::string::npos) << m.result.out;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_log"), 1);
}

TEST(LoadInput, DevZeroIsMalformedAtLine1InBoundedMemory) {
    auto db = withCatalog("t_input_zero");
    auto m = measured(*db, "$SETTLEMENT load --views /dev/zero");
    EXPECT_EQ(m.result.exitCode, 2) << m.result.err;
    EXPECT_NE(m.result.err.find("/dev/zero:1: the line is longer than 1048576 bytes (load.max_line_bytes)"),
              std::string::npos) << m.result.err;
    EXPECT_GT(m.peakRssKb, 0);
    EXPECT_LT(m.peakRssKb, kMaxRssKb);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM load_batch WHERE kind = 'views' AND state <> 'ABANDONED'"), 0);
}

TEST(LoadInput, AOneGigabyteLineIsMalformedInBoundedMemory) {
    auto db = withCatalog("t_input_gigaline");
    // Streamed: the reader gives up after load.max_line_bytes, so the test takes no time.
    auto m = measured(*db, "(echo " + kHeader + "; head -c 1073741824 /dev/zero | tr '\\0' 7) | "
                           "$SETTLEMENT load --views /dev/stdin");
    EXPECT_EQ(m.result.exitCode, 2) << m.result.err;
    EXPECT_NE(m.result.err.find("/dev/stdin:2: the line is longer than 1048576 bytes"), std::string::npos)
        << m.result.err;
    EXPECT_GT(m.peakRssKb, 0);
    EXPECT_LT(m.peakRssKb, kMaxRssKb);
}

TEST(LoadInput, AStrayQuoteEarlyInALongStreamIsMalformedAtItsLineInBoundedMemory) {
    auto db = withCatalog("t_input_stray_quote");
    // Line 3 opens a quote that nothing closes; millions of good lines follow.
    auto m = measured(*db, "(echo " + kHeader + "; echo 1,2,10,10.0.0.1,2026-03-10 01:00:00,60,60;"
                           " echo '2,2,10,\"10.0.0.1,2026-03-10 01:00:00,60,60';"
                           " yes '3,2,10,10.0.0.1,2026-03-10 01:00:00,60,60' | head -n 5000000) | "
                           "$SETTLEMENT load --views /dev/stdin");
    EXPECT_EQ(m.result.exitCode, 2) << m.result.err;
    EXPECT_NE(m.result.err.find("/dev/stdin:3: the quoted field opened on line 3 is still open after 1048576 bytes"),
              std::string::npos) << m.result.err;
    EXPECT_GT(m.peakRssKb, 0);
    EXPECT_LT(m.peakRssKb, kMaxRssKb);
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_log"), 0);
}

TEST(LoadInput, ALineLongerThanTheConfiguredMaximumIsMalformedAtThatLine) {
    auto db = withCatalog("t_input_max_line");
    std::string config = writeTempFile("small.properties", "load.max_line_bytes = 100\n");
    std::string file = writeTempFile("views.csv", kHeader + "\n1,2,10,10.0.0.1,2026-03-10 01:00:00,60,60\n" +
                                                      "2,2,10," + std::string(90, '1') + ",2026-03-10 01:00:00,60,60\n");
    auto r = db->settlement({"--config", config, "load", "--views", file});
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_NE(r.err.find(file + ":3: the line is longer than 100 bytes (load.max_line_bytes)"), std::string::npos)
        << r.err;
    EXPECT_EQ(db->count("SELECT COUNT(*) FROM view_log"), 0);
}

TEST(LoadInput, ALineOfAMillionFieldsIsOneRejectNotAMillionStrings) {
    auto db = withCatalog("t_input_many_fields");
    // Three lines of just under 1 MiB of commas: about a million empty fields each. Kept as
    // strings they took ~50 MB; the reader keeps a thousand and counts the rest.
    auto m = measured(*db, "(echo " + kHeader + "; for n in 1 2 3; do printf $n; head -c 1048000 /dev/zero |"
                           " tr '\\0' ,; echo; done) | $SETTLEMENT load --views /dev/stdin");
    EXPECT_EQ(m.result.exitCode, 0) << m.result.err;
    EXPECT_NE(m.result.out.find("3 rejected (wrong_field_count 3)"), std::string::npos) << m.result.out;
    EXPECT_EQ(db->rows("SELECT record_id, RIGHT(detail, 11) FROM rejected_record WHERE reason = 'wrong_field_count'"
                       " ORDER BY line_no"),
              (std::vector<std::string>{"1|got 1048001", "2|got 1048001", "3|got 1048001"}));
    EXPECT_GT(m.peakRssKb, 0);
    EXPECT_LT(m.peakRssKb, 40 * 1024);
}
