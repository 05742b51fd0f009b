-- report_top_videos(in_period, in_date, in_by, in_limit): Top-N videos of one period.
--
-- Description: SPEC 6 and 8, for a DBA's call by period: the ranking of the DAY, WEEK,
--   MONTH or YEAR period containing in_date, as report_top_videos_span gives it for the
--   period's days (period_bounds).
-- Parameters: in_period  'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive)
--             in_date    any date of the period
--             in_by      'views' or 'watch_time' (case-insensitive)
--             in_limit   N >= 1, or NULL for the setting ranking.default_limit
-- Result set: rank, video_id, views, watch_seconds (whole numbers), by rank.
--   Raises SQLSTATE 45000 for an unknown period or in_by, a NULL date, or in_limit < 1.
-- Locking: consistent (non-locking) reads only; safe on a read replica.
-- Idempotency: read-only.
-- Example: CALL report_top_videos('MONTH', '2026-11-18', 'watch_time', 10);
CREATE PROCEDURE report_top_videos(IN in_period VARCHAR(8), IN in_date DATE,
                                   IN in_by VARCHAR(16), IN in_limit INT)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Top-N videos of the DAY/WEEK/MONTH/YEAR period containing a date, by views or watch_time; ties to the lower video_id. Parameters: in_period, in_date, in_by, in_limit (NULL = setting ranking.default_limit). Example: CALL report_top_videos(''MONTH'', ''2026-11-18'', ''watch_time'', 10)'
BEGIN
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  CALL period_bounds(in_period, in_date, v_start, v_end);
  CALL report_top_videos_span(v_start, v_end, in_by, in_limit);
END
