-- fence_daily_run(in_date): waits for the loads that are adding events to a date.
--
-- Description: call it after the date's job_run row is committed and before the first
--   step reads the logs. It reads the date's log_day row FOR UPDATE and commits: a promote
--   chunk that counted events for the date holds that row until it commits, so its events
--   are in the log when this returns; a promote that counts events later sees the job_run
--   row and marks the date stale (record_loaded_days). No event is ever missed by both.
-- Parameters: in_date  the business date about to be computed
-- Locking: a row lock on log_day (in_date), released at once (its own transaction).
-- Example: CALL fence_daily_run('2026-11-20');
CREATE PROCEDURE fence_daily_run(IN in_date DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Waits for promotes adding events to a date (the log_day fence). Example: CALL fence_daily_run(''2026-11-20'')'
BEGIN
  DECLARE v_events BIGINT;
  START TRANSACTION;
  SELECT view_events INTO v_events FROM log_day WHERE business_date = in_date FOR UPDATE;
  COMMIT;
END
