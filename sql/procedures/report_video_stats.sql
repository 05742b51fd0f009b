-- report_video_stats(in_period, in_date, in_video_id): per-video figures of one period.
--
-- Description: SPEC 6 and 8 (`settlement report stats`). The figures of the DAY, WEEK,
--   MONTH or YEAR period containing in_date: DAY reads video_daily_stat of that date; the
--   longer periods read the rollup rows of video_period_stat at the period's start (period_bounds), which
--   hold the sum of their days. Only videos with some non-zero figure are listed (a
--   rollup row can fall back to all zeros after a restatement), sorted by video_id.
-- Parameters: in_period    'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive)
--             in_date      any date of the period
--             in_video_id  one video, or NULL for all videos
-- Result set: video_id, views, watch_seconds, ad_views (whole numbers).
--   Raises SQLSTATE 45000 for an unknown period or a NULL date.
-- Locking: consistent (non-locking) reads only; safe on a read replica.
-- Idempotency: read-only.
-- Example: CALL report_video_stats('WEEK', '2026-11-18', NULL);
CREATE PROCEDURE report_video_stats(IN in_period VARCHAR(8), IN in_date DATE,
                                    IN in_video_id BIGINT UNSIGNED)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Per-video views, watch_seconds, ad_views of the DAY/WEEK/MONTH/YEAR period containing a date; non-zero rows, by video_id. Parameters: in_period, in_date, in_video_id (NULL = all). Example: CALL report_video_stats(''WEEK'', ''2026-11-18'', NULL)'
BEGIN
  DECLARE v_period VARCHAR(8);
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  SET v_period = UPPER(in_period);
  IF v_period IS NULL OR v_period NOT IN ('DAY', 'WEEK', 'MONTH', 'YEAR') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_video_stats: in_period must be DAY, WEEK, MONTH or YEAR';
  END IF;
  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_video_stats: in_date must not be NULL';
  END IF;
  CALL period_bounds(v_period, in_date, v_start, v_end);

  -- One shape for every period: the branch that does not apply has a constant-false
  -- condition, so the optimizer skips it.
  SELECT s.video_id, s.views, s.watch_seconds, s.ad_views
    FROM (SELECT d.video_id, d.views, d.watch_seconds, d.ad_views
            FROM video_daily_stat d
           WHERE v_period = 'DAY' AND d.business_date = v_start
          UNION ALL
          SELECT p.video_id, p.views, p.watch_seconds, p.ad_views
            FROM video_period_stat p
           WHERE v_period <> 'DAY' AND p.period = v_period AND p.period_start = v_start) s
   WHERE (in_video_id IS NULL OR s.video_id = in_video_id)
     AND (s.views <> 0 OR s.watch_seconds <> 0 OR s.ad_views <> 0)
   ORDER BY s.video_id;
END
