-- check_run_date(in_date): refuses a business date that no run may compute.
--
-- Description: the guard that `settlement run` and settle_date both pass before they
--   touch a date (SPEC 4, 7, 9):
--   * a date outside the accepted window (accepted_date_window: load.earliest_date to
--     load.max_days_ahead days after today) is refused;
--   * a date whose logs retention dropped or archived (closed_date) is refused: computing
--     it again from no logs would zero its figures and re-price every later date;
--   * so is a processed date whose loaded events are gone from the logs without
--     `partitions drop` (log_day counted events for it, a daily run computed it, and
--     neither log table holds a row of it now: a partition dropped by hand).
--   Refusals raise SQLSTATE 45000 with MYSQL_ERRNO 30001 (the program exits 2 on it) and a
--   message that names the date and the reason.
-- Parameters: in_date  the business date
-- Locking: consistent reads of setting and closed_date.
-- Example: CALL check_run_date('2026-11-20');
CREATE PROCEDURE check_run_date(IN in_date DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Refuses (errno 30001) a date outside the accepted window or closed by retention. Example: CALL check_run_date(''2026-11-20'')'
BEGIN
  DECLARE v_earliest DATE;
  DECLARE v_latest DATE;
  DECLARE v_action VARCHAR(16);
  DECLARE v_closed_at DATETIME(3);
  DECLARE v_message VARCHAR(255);
  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30001, MESSAGE_TEXT = 'check_run_date: the date must not be NULL';
  END IF;
  CALL accepted_date_window(v_earliest, v_latest);
  IF in_date NOT BETWEEN v_earliest AND v_latest THEN
    SET v_message = CONCAT('business date ', in_date, ' is outside the accepted window ', v_earliest, ' .. ',
                           v_latest, ' (settings load.earliest_date, load.max_days_ahead)');
    SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30001, MESSAGE_TEXT = v_message;
  END IF;
  SELECT action, closed_at INTO v_action, v_closed_at FROM closed_date WHERE business_date = in_date;
  IF v_action IS NOT NULL THEN
    SET v_message = CONCAT(in_date, ' is closed: its logs were ', LOWER(v_action), ' by retention on ',
                           DATE(v_closed_at), '; its statistics and settlement stay as they are');
    SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30001, MESSAGE_TEXT = v_message;
  END IF;
  IF EXISTS (SELECT 1 FROM job_run WHERE job = 'daily' AND business_date = in_date)
     AND EXISTS (SELECT 1 FROM log_day WHERE business_date = in_date AND view_events + ad_events > 0)
     AND NOT EXISTS (SELECT 1 FROM view_log WHERE business_date = in_date)
     AND NOT EXISTS (SELECT 1 FROM ad_view_log WHERE business_date = in_date) THEN
    SET v_message = CONCAT(in_date, ' was processed but its loaded events are gone from the logs (a partition ',
                           'dropped by hand?); its statistics and settlement stay as they are');
    SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30001, MESSAGE_TEXT = v_message;
  END IF;
END
