#include <gtest/gtest.h>

#include "load/LoadReport.h"

using namespace settlement::load;

TEST(LoadReport, GroupsThousands) {
    EXPECT_EQ(withThousands(0), "0");
    EXPECT_EQ(withThousands(999), "999");
    EXPECT_EQ(withThousands(1000), "1,000");
    EXPECT_EQ(withThousands(311526), "311,526");
    EXPECT_EQ(withThousands(1234567), "1,234,567");
}

TEST(LoadReport, SummarisesAnEventFile) {
    FileResult r;
    r.kind = &kindInfo(Kind::Views);
    r.path = "/data/views.csv";
    r.rowsRead = 1000000;
    r.outcomes = {{"loaded", "", 999000},
                  {"duplicate", "", 800},
                  {"rejected", "bad_timestamp", 50},
                  {"rejected", "unknown_video", 150},
                  {"notice", "view_log: p_future holds rows", 0}};
    r.stageSeconds = 1.21;
    r.promoteSeconds = 2.0;
    // 1,000,000 rows / 3.21 s = 311,526.48 rows/s
    EXPECT_EQ(formatSummary(r),
              "views /data/views.csv: 1000000 read, 999000 loaded, 800 duplicate, 200 rejected "
              "(unknown_video 150, bad_timestamp 50) in 3.21 s, 311,526 rows/s");
}

TEST(LoadReport, SummarisesACatalogFileWithoutRejects) {
    FileResult r;
    r.kind = &kindInfo(Kind::VideoAds);
    r.path = "va.csv";
    r.rowsRead = 4;
    r.outcomes = {{"new", "", 2}, {"updated", "", 1}, {"unchanged", "", 1}};
    r.stageSeconds = 0.5;
    // 4 rows / 0.5 s = 8 rows/s
    EXPECT_EQ(formatSummary(r), "video_ads va.csv: 4 read, 2 new, 1 updated, 1 unchanged, 0 rejected in 0.50 s, 8 rows/s");
}
