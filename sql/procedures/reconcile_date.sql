-- reconcile_date(in_date): every reconciliation check of a processed date, for a DBA;
-- raises on any mismatch.
--
-- Description: issue 4 "Reconciliation" in one call and one read snapshot (REPEATABLE
--   READ, consistent snapshot, no locks):
--   1. reconcile_counts over all the date's videos: the day's counted views and ad views
--      (sums of video_daily_stat) against an independent recount of the date's log
--      partitions (LAG over every pair, a formulation different from the statistics
--      step's);
--   2-4. reconcile_sums: per-ad rows, settlement, statements, cumulative counts, periods.
--   The run does the same in two steps: reconcile_counts_range per range, in parallel,
--   then reconcile_date_sums.
-- Parameters: in_date  the business date just processed
-- Returns: one row of the figures it checked: business_date, views, recounted_views,
--   ad_views, recounted_ad_views, video_revenue, ad_revenue, statement_revenue,
--   restated_dates_checked.
-- Cost: the recount reads and sorts the date's log events on one connection (the run
--   spreads it over its ranges); the rest reads the date's rows and its periods' rows.
-- Locking: consistent reads, and the checked days' sums stored for the period checks
--   (reconciled_day_sum, store_day_sums); do not call it inside an open transaction (it
--   starts and ends its own snapshot).
-- Idempotency: writes only those sums; reconciling a day again re-reads its rows (a row
--   changed by hand since is found then).
-- Example: CALL reconcile_date('2026-11-20');
CREATE PROCEDURE reconcile_date(IN in_date DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Reconciles a processed date (log recount, settlement, statements, periods); raises 45000 on a mismatch. Example: CALL reconcile_date(''2026-11-20'')'
BEGIN
  DECLARE v_views BIGINT;
  DECLARE v_recounted BIGINT;
  DECLARE v_ad_views BIGINT;
  DECLARE v_recounted_ad BIGINT;
  DECLARE v_video_revenue DECIMAL(22,2);
  DECLARE v_ad_revenue DECIMAL(22,2);
  DECLARE v_statement_revenue DECIMAL(22,2);
  DECLARE v_restated INT;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'reconcile_date: in_date must not be NULL';
  END IF;
  SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
  START TRANSACTION WITH CONSISTENT SNAPSHOT;
  CALL reconcile_counts(in_date, 0, 18446744073709551615, v_views, v_recounted, v_ad_views, v_recounted_ad);
  CALL reconcile_sums(in_date, v_video_revenue, v_ad_revenue, v_statement_revenue, v_restated);
  COMMIT;
  SELECT in_date AS business_date, v_views AS views, v_recounted AS recounted_views,
         v_ad_views AS ad_views, v_recounted_ad AS recounted_ad_views,
         v_video_revenue AS video_revenue, v_ad_revenue AS ad_revenue,
         v_statement_revenue AS statement_revenue, v_restated AS restated_dates_checked;
END
