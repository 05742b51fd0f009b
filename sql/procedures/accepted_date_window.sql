-- accepted_date_window(out_earliest, out_latest): the business dates events and runs are
-- accepted for (SPEC 4).
--
-- Description: from setting load.earliest_date (default 2000-01-01) to setting
--   load.max_days_ahead (default 366) days after today in the business time zone. An event
--   outside it is rejected as date_out_of_range; `run` refuses a date outside it (exit 2).
--   A day whose logs retention dropped (closed_date) is refused as well, inside the window.
-- Parameters: out_earliest, out_latest  DATE, both inclusive
-- Locking: consistent reads of the setting rows.
-- Example: CALL accepted_date_window(@from, @to); SELECT @from, @to;
CREATE PROCEDURE accepted_date_window(OUT out_earliest DATE, OUT out_latest DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'First and last business date an event or a run is accepted for. Example: CALL accepted_date_window(@from, @to)'
BEGIN
  DECLARE v_earliest VARCHAR(255);
  DECLARE v_days_ahead VARCHAR(255);
  DECLARE v_today DATE;
  CALL read_setting('load.earliest_date', v_earliest);
  CALL read_setting('load.max_days_ahead', v_days_ahead);
  CALL business_today(v_today);
  SET out_earliest = CAST(v_earliest AS DATE);
  SET out_latest = v_today + INTERVAL CAST(v_days_ahead AS UNSIGNED) DAY;
END
