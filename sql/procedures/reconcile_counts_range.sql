-- reconcile_counts_range(in_date, in_video_from, in_video_to): the run's reconciliation of
-- counted views, one video_id range at a time; raises on a mismatch.
--
-- Description: reconcile_counts (the independent LAG recount of the range's log events
--   against its video_daily_stat rows) inside one read snapshot. The run calls it per
--   range of the date's plan, in parallel, after the statistics and settlement steps;
--   reconcile_date_sums then checks what is summed from those rows.
-- Parameters: in_date        business date
--             in_video_from  first video_id, inclusive
--             in_video_to    last video_id, inclusive
-- Locking: consistent reads only (REPEATABLE READ, its own snapshot); do not call it inside
--   an open transaction.
-- Idempotency: read-only.
-- Returns: nothing (the run counts the range's planned events as its progress).
-- Example: CALL reconcile_counts_range('2026-11-20', 0, 18446744073709551615);
CREATE PROCEDURE reconcile_counts_range(
  IN in_date DATE, IN in_video_from BIGINT UNSIGNED, IN in_video_to BIGINT UNSIGNED)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'The run''s per-range reconciliation of counted views against a recount of the logs. Example: CALL reconcile_counts_range(''2026-11-20'', 0, 18446744073709551615)'
BEGIN
  DECLARE v_views BIGINT;
  DECLARE v_recounted BIGINT;
  DECLARE v_ad_views BIGINT;
  DECLARE v_recounted_ad BIGINT;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
  START TRANSACTION WITH CONSISTENT SNAPSHOT;
  CALL reconcile_counts(in_date, in_video_from, in_video_to, v_views, v_recounted, v_ad_views, v_recounted_ad);
  COMMIT;
END
