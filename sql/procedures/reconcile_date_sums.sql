-- reconcile_date_sums(in_date): the run's last step, reconcile_sums in one read snapshot.
--
-- Description: the checks of a processed date that sum stored rows (per-ad rows,
--   settlement, statements, periods: see reconcile_sums). The log recount ran before it,
--   per range (reconcile_counts_range). A DBA reconciling a date by hand calls
--   reconcile_date, which does both.
-- Parameters: in_date  the business date just processed
-- Locking: consistent reads (REPEATABLE READ, its own snapshot), and the checked days' sums
--   stored for the period checks (reconciled_day_sum) in the same transaction; do not call
--   it inside an open transaction.
-- Idempotency: writes only those sums.
-- Returns: nothing; raises SQLSTATE 45000 naming what is off.
-- Example: CALL reconcile_date_sums('2026-11-20');
CREATE PROCEDURE reconcile_date_sums(IN in_date DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'The run''s reconciliation of summed rows (settlement, statements, periods). Example: CALL reconcile_date_sums(''2026-11-20'')'
BEGIN
  DECLARE v_video_revenue DECIMAL(22,2);
  DECLARE v_ad_revenue DECIMAL(22,2);
  DECLARE v_statement_revenue DECIMAL(22,2);
  DECLARE v_restated INT;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    RESIGNAL;
  END;

  SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
  START TRANSACTION WITH CONSISTENT SNAPSHOT;
  CALL reconcile_sums(in_date, v_video_revenue, v_ad_revenue, v_statement_revenue, v_restated);
  COMMIT;
END
