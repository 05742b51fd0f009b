-- record_loaded_days(in_kind): the days a promote chunk added events to: the load fence
-- and the stale marks (SPEC 7, late events).
--
-- Description: reads the session's tmp_loaded_day (business_date, events: the chunk's new
--   events per day, 0 for a day that only got duplicates or rejects, filled by
--   commit_event_lines) and
--   1. adds them to log_day (whose rows lock_loaded_days locked at the chunk's start: a run
--      reads its day's row FOR UPDATE after recording its job_run row, fence_daily_run);
--   2. then marks stale every one of those days that has a daily run (job_run, any state:
--      processed, failed or under way): stale_date gets the day, or its generation is
--      bumped and its late_events added. Only days with new events are marked: a
--      redelivered duplicate changes nothing and marks nothing.
--   Finding the processed days reads job_run by key, never a log partition.
-- Parameters: in_kind  'views' or 'ad_views' (which count of log_day grows)
-- Locking: inside the caller's chunk transaction; row locks on log_day and stale_date rows
--   of the chunk's days until the caller commits.
-- Example: (inside a promote) CALL record_loaded_days('views');
CREATE PROCEDURE record_loaded_days(IN in_kind VARCHAR(16))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Adds a promote chunk''s new events to log_day and marks processed days stale. Example: CALL record_loaded_days(''views'')'
BEGIN
  INSERT INTO log_day (business_date, view_events, ad_events, last_loaded_at)
  SELECT t.business_date, IF(in_kind = 'views', t.events, 0), IF(in_kind = 'views', 0, t.events), NOW(3)
    FROM tmp_loaded_day t
   ORDER BY t.business_date
  ON DUPLICATE KEY UPDATE view_events = view_events + VALUES(view_events),
                          ad_events = ad_events + VALUES(ad_events),
                          last_loaded_at = VALUES(last_loaded_at);

  INSERT INTO stale_date (business_date, late_events)
  SELECT t.business_date, t.events
    FROM tmp_loaded_day t
    JOIN job_run r ON r.job = 'daily' AND r.business_date = t.business_date
   WHERE t.events > 0
   ORDER BY t.business_date
  ON DUPLICATE KEY UPDATE generation = generation + 1,
                          late_events = late_events + VALUES(late_events),
                          last_marked_at = NOW(3);
END
