-- lock_loaded_days(): locks the log_day rows of the days a promote chunk is about to load.
--
-- Description: reads the session's tmp_loaded_day (business_date: the chunk's days, filled
--   by check_view_lines or check_ad_view_lines) and creates or locks each day's row
--   of log_day, in ascending date order, until the chunk commits. The row is the fence
--   between loads and the two things that must not overlap a day's loading: a run that is
--   about to read the day (fence_daily_run) and retention closing the day
--   (drop_log_partitions). Whoever comes second waits for the other's commit. Then, under
--   those locks, notes in tmp_loaded_day which of the days retention closed (closed_action,
--   closed_at from closed_date): the chunk's rules refuse their lines.
-- Parameters: none (tmp_loaded_day of open_event_lines).
-- Locking: X row locks on log_day, held by the caller's transaction.
-- Example: (inside a promote) CALL lock_loaded_days();
CREATE PROCEDURE lock_loaded_days()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Locks the log_day rows of a promote chunk''s days (ascending), notes the closed ones. Example: CALL lock_loaded_days()'
BEGIN
  INSERT INTO log_day (business_date)
  SELECT business_date FROM tmp_loaded_day ORDER BY business_date
  ON DUPLICATE KEY UPDATE business_date = log_day.business_date;
  UPDATE tmp_loaded_day d
    JOIN closed_date c ON c.business_date = d.business_date
     SET d.closed_action = c.action, d.closed_at = c.closed_at;
END
