-- report_video_stats(in_period, in_date, in_video_id): per-video figures of one period.
--
-- Description: SPEC 6 and 8, for a DBA's call by period: the figures of the DAY, WEEK,
--   MONTH or YEAR period containing in_date, as report_video_stats_span gives them for the
--   period's days (period_bounds). The program calls report_span and then the _span
--   procedure; this is the same result in one call.
-- Parameters: in_period    'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive)
--             in_date      any date of the period
--             in_video_id  one video, or NULL for all videos
-- Result set: video_id, views, watch_seconds, ad_views (whole numbers), by video_id.
--   Raises SQLSTATE 45000 for an unknown period or a NULL date.
-- Locking: consistent (non-locking) reads only; safe on a read replica.
-- Idempotency: read-only.
-- Example: CALL report_video_stats('WEEK', '2026-11-18', NULL);
CREATE PROCEDURE report_video_stats(IN in_period VARCHAR(8), IN in_date DATE,
                                    IN in_video_id BIGINT UNSIGNED)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Per-video views, watch_seconds, ad_views of the DAY/WEEK/MONTH/YEAR period containing a date; non-zero rows, by video_id. Parameters: in_period, in_date, in_video_id (NULL = all). Example: CALL report_video_stats(''WEEK'', ''2026-11-18'', NULL)'
BEGIN
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  CALL period_bounds(in_period, in_date, v_start, v_end);
  CALL report_video_stats_span(v_start, v_end, in_video_id, NULL);
END
