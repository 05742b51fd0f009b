-- report_top_videos(in_period, in_date, in_by, in_limit): Top-N videos of one period.
--
-- Description: SPEC 6 and 8 (`settlement report top`). Ranks the videos of the DAY, WEEK,
--   MONTH or YEAR period containing in_date that have some non-zero figure (views,
--   watch_seconds or ad_views), by views or by watch_seconds, descending; ties go to the
--   lower video_id. Ranks are consecutive, 1..N (ROW_NUMBER), and fewer than N rows come
--   back when fewer videos qualify. Figures come from the same rows as report_video_stats.
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
  DECLARE v_period VARCHAR(8);
  DECLARE v_by VARCHAR(16);
  DECLARE v_limit INT;
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  DECLARE v_setting VARCHAR(255);
  SET v_period = UPPER(in_period);
  SET v_by = LOWER(in_by);
  IF v_period IS NULL OR v_period NOT IN ('DAY', 'WEEK', 'MONTH', 'YEAR') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_top_videos: in_period must be DAY, WEEK, MONTH or YEAR';
  END IF;
  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_top_videos: in_date must not be NULL';
  END IF;
  IF v_by IS NULL OR v_by NOT IN ('views', 'watch_time') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_top_videos: in_by must be views or watch_time';
  END IF;
  SET v_limit = in_limit;
  IF v_limit IS NULL THEN
    CALL read_setting('ranking.default_limit', v_setting);
    SET v_limit = CAST(v_setting AS SIGNED);
  END IF;
  IF v_limit IS NULL OR v_limit < 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_top_videos: in_limit must be at least 1';
  END IF;
  CALL period_bounds(v_period, in_date, v_start, v_end);

  -- The inner ORDER BY ... LIMIT keeps only N rows (a top-N sort); ROW_NUMBER then numbers
  -- them in the same order. The branch that does not apply is constant-false.
  SELECT ROW_NUMBER() OVER (ORDER BY t.sort_key DESC, t.video_id) AS `rank`,
         t.video_id, t.views, t.watch_seconds
    FROM (SELECT s.video_id, s.views, s.watch_seconds,
                 CASE WHEN v_by = 'views' THEN s.views ELSE s.watch_seconds END AS sort_key
            FROM (SELECT d.video_id, d.views, d.watch_seconds, d.ad_views
                    FROM video_daily_stat d
                   WHERE v_period = 'DAY' AND d.business_date = v_start
                  UNION ALL
                  SELECT p.video_id, p.views, p.watch_seconds, p.ad_views
                    FROM video_period_stat p
                   WHERE v_period <> 'DAY' AND p.period = v_period AND p.period_start = v_start) s
           WHERE s.views <> 0 OR s.watch_seconds <> 0 OR s.ad_views <> 0
           ORDER BY sort_key DESC, s.video_id
           LIMIT v_limit) t
   ORDER BY `rank`;
END
