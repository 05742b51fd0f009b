-- settle_date(in_date): a whole date, sequentially, for a DBA without the C++ program.
--
-- Description: runs the daily job's steps in order on this one connection, each over the
--   full video_id range: aggregate_daily_stats_range (statistics and their periods),
--   settle_videos_range (settlement, restating later processed dates), build_creator_statements
--   (statements of the date and of the restated dates) and reconcile_date (the checks).
--   Each step returns its result set as it goes (the statements step lists restated_date).
--   `settlement run` does the same with parallel ranges, retries and job status; this
--   procedure records no job status.
-- Parameters: in_date  the business date to process (its log partitions must exist; see
--   ensure_log_partitions)
-- Locking and transactions: each step commits its own work (statistics, settlement,
--   statements), so a failure leaves the earlier steps done: call it again. Do not run it
--   while `settlement run` processes any date, nor for two dates at once. The steps lock
--   less at READ COMMITTED (SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED first).
-- Idempotency: calling it again gives the same figures.
-- Example: CALL settle_date('2026-11-20');
CREATE PROCEDURE settle_date(IN in_date DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Statistics, settlement, creator statements and reconciliation of one date, sequentially. Example: CALL settle_date(''2026-11-20'')'
BEGIN
  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'settle_date: in_date must not be NULL';
  END IF;
  CALL aggregate_daily_stats_range(in_date, 0, 18446744073709551615);
  CALL settle_videos_range(in_date, 0, 18446744073709551615);
  CALL build_creator_statements(in_date);
  CALL reconcile_date(in_date);
END
