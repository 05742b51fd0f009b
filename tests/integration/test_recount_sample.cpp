// The run's independent recount checks a rotating sample of ranges (issue 15, product
// decision): sample_range is the one rule, deterministic from the date; every range is
// recounted within reconcile.recount_every consecutive dates; a mismatch in a sampled range
// still fails the run; `run --verify` recounts every range; a DBA recounts everything with
// one CALL (reconcile_date).
#include <gtest/gtest.h>

#include <set>

#include "support/Seed.h"
#include "support/TestDatabase.h"

using namespace settlement::test;

namespace {

const std::string kDate = "2026-03-10";

bool due(TestDatabase& db, const std::string& date, int range, bool verify = false) {
    db.sql().execute("CALL sample_range('" + date + "', " + std::to_string(range) + ", " +
                     (verify ? "TRUE" : "FALSE") + ", @due)");
    return db.count("SELECT @due") == 1;
}

std::string plusDays(TestDatabase& db, const std::string& date, int days) {
    return db.rows("SELECT DATE('" + date + "') + INTERVAL " + std::to_string(days) + " DAY").at(0);
}

// A step between the statistics and the recount that adds a view to the first video of
// each range it is called for (only the ranges sampled for the date when `sampledOnly`,
// only the others otherwise): a flaw of the statistics that only the recount can see.
void addCorruptingStep(TestDatabase& db, bool sampledOnly) {
    db.sql().execute("UPDATE job_step SET step_no = step_no * 10 WHERE job = 'daily' ORDER BY step_no DESC");
    db.sql().execute(
        "CREATE PROCEDURE test_corrupt_range(IN in_date DATE, IN in_from BIGINT UNSIGNED, IN in_to BIGINT UNSIGNED) "
        "BEGIN "
        "  DECLARE v_range INT; DECLARE v_due BOOLEAN; "
        "  DECLARE v_video BIGINT UNSIGNED; "
        "  SELECT t.range_no INTO v_range FROM job_task t JOIN job_run r ON r.id = t.run_id "
        "   WHERE r.job = 'daily' AND r.business_date = in_date AND t.step = 'corrupt' AND t.video_from = in_from; "
        "  CALL sample_range(in_date, v_range, FALSE, v_due); "
        "  IF v_due = " + std::string(sampledOnly ? "TRUE" : "FALSE") + " THEN "
        "    SELECT MIN(video_id) INTO v_video FROM video_daily_stat "
        "     WHERE business_date = in_date AND video_id BETWEEN in_from AND in_to AND views > 0; "
        "    UPDATE video_daily_stat SET views = views + 1 WHERE business_date = in_date AND video_id = v_video; "
        // The periods follow, so only the recount can tell.
        "    UPDATE video_period_stat SET views = views + 1 WHERE video_id = v_video AND ("
        "      (period = 'WEEK' AND period_start = in_date - INTERVAL WEEKDAY(in_date) DAY) OR"
        "      (period = 'MONTH' AND period_start = in_date - INTERVAL DAYOFMONTH(in_date) - 1 DAY) OR"
        "      (period = 'YEAR' AND period_start = MAKEDATE(YEAR(in_date), 1))); "
        "  END IF; "
        "END");
    db.sql().execute("INSERT INTO job_step (job, step_no, step, procedure_name, ranged, description) "
                     "VALUES ('daily', 5, 'corrupt', 'test_corrupt_range', TRUE, 'test only')");
}

std::string manyRanges() {
    return writeTempFile("sample.properties", "run.rows_per_range = 5000\nrun.max_ranges = 64\n");
}

}  // namespace

TEST(RecountSample, TheRotationRecountsEveryRangeWithinTheBoundDeterministically) {
    TestDatabase db("t_sample_rotation");
    db.migrate();
    EXPECT_EQ(db.rows("SELECT value FROM setting WHERE name = 'reconcile.recount_every'"),
              (std::vector<std::string>{"8"}));
    const int ranges = 20;
    for (int every : {8, 3, 1}) {
        db.sql().execute("UPDATE setting SET value = '" + std::to_string(every) +
                         "' WHERE name = 'reconcile.recount_every'");
        // Any `every` consecutive dates recount each range exactly once.
        for (int start : {0, 5}) {
            std::vector<int> times(ranges, 0);
            for (int d = 0; d < every; ++d) {
                std::string date = plusDays(db, kDate, start + d);
                int dueToday = 0;
                for (int r = 0; r < ranges; ++r)
                    if (due(db, date, r)) ++times[r], ++dueToday;
                // About one range in `every` each date.
                EXPECT_GE(dueToday, ranges / every) << date;
                EXPECT_LE(dueToday, ranges / every + 1) << date;
            }
            for (int r = 0; r < ranges; ++r) EXPECT_EQ(times[r], 1) << "range " << r << ", every " << every;
        }
    }
    // The same answer for the same date, whenever asked; --verify: every range.
    db.sql().execute("UPDATE setting SET value = '8' WHERE name = 'reconcile.recount_every'");
    for (int r = 0; r < 16; ++r) {
        EXPECT_EQ(due(db, kDate, r), due(db, kDate, r));
        EXPECT_TRUE(due(db, kDate, r, true));
    }
    db.sql().execute("UPDATE setting SET value = '0' WHERE name = 'reconcile.recount_every'");
    EXPECT_THROW(due(db, kDate, 0), std::exception);
}

TEST(RecountSample, ARunRecountsTheSampleAndVerifyRecountsEveryRange) {
    auto db = seededDatabase("t_sample_run", kDate);
    auto r = db->settlement({"--config", manyRanges(), "run", "--date", kDate, "--threads", "2"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    long long ranges = db->count("SELECT COUNT(*) FROM job_task WHERE step = 'stats'");
    ASSERT_GT(ranges, 16);
    // The recount ran for exactly the due ranges, and the run says how many.
    std::set<std::string> expected;
    for (int i = 0; i < ranges; ++i)
        if (due(*db, kDate, i)) expected.insert(std::to_string(i));
    auto recounted = db->rows("SELECT range_no FROM job_task WHERE step = 'recount' ORDER BY range_no");
    EXPECT_EQ(std::set<std::string>(recounted.begin(), recounted.end()), expected);
    EXPECT_FALSE(expected.empty());
    EXPECT_LT(expected.size(), std::size_t(ranges));
    EXPECT_NE(r.out.find("recount: " + std::to_string(expected.size()) + " of " + std::to_string(ranges) +
                         " range(s) (sample)"),
              std::string::npos)
        << r.out;

    auto v = db->settlement({"--config", manyRanges(), "run", "--date", kDate, "--rerun", "--verify"});
    ASSERT_EQ(v.exitCode, 0) << v.out << v.err;
    EXPECT_EQ(db->rows("SELECT range_no, video_from, video_to FROM job_task WHERE step = 'recount' ORDER BY range_no"),
              db->rows("SELECT range_no, video_from, video_to FROM job_task WHERE step = 'stats' ORDER BY range_no"));
    EXPECT_NE(v.out.find("(--verify)"), std::string::npos) << v.out;
}

TEST(RecountSample, AMismatchInASampledRangeFailsTheRun) {
    auto db = seededDatabase("t_sample_mismatch", kDate);
    addCorruptingStep(*db, true);
    auto r = db->settlement({"--config", manyRanges(), "run", "--date", kDate, "--threads", "2"});
    EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("a recount of view_log gives"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("FAILED"), std::string::npos) << r.out;
}

TEST(RecountSample, AMismatchOutsideTheSampleIsFoundByVerifyAndByReconcileDate) {
    auto db = seededDatabase("t_sample_verify", kDate);
    addCorruptingStep(*db, false);
    // The sample does not look there: this run passes (the product decision's trade-off).
    auto r = db->settlement({"--config", manyRanges(), "run", "--date", kDate, "--threads", "2"});
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    // A DBA's one call recounts the whole date.
    try {
        db->sql().execute("CALL reconcile_date('" + kDate + "')");
        ADD_FAILURE() << "reconcile_date found no mismatch";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("a recount of view_log gives"), std::string::npos) << e.what();
    }
    // --verify recounts every range: the run fails.
    auto v = db->settlement({"--config", manyRanges(), "run", "--date", kDate, "--rerun", "--verify"});
    EXPECT_EQ(v.exitCode, 1) << v.out << v.err;
    EXPECT_NE(v.out.find("a recount of view_log gives"), std::string::npos) << v.out;
}
