-- report_top_videos_span(in_from, in_to, in_by, in_limit): Top-N videos of a span of days.
--
-- Description: SPEC 6, 8 and 10 (`settlement report top`, GET /v1/top). Ranks the videos
--   with some non-zero figure (views, watch_seconds or ad_views) summed over the days
--   in_from .. in_to, by views or by watch_seconds, descending; ties go to the lower
--   video_id. Ranks are consecutive, 1..N (ROW_NUMBER), and fewer than N rows come back
--   when fewer videos qualify. Figures come from the same rows as report_video_stats_span
--   (a WEEK, MONTH or YEAR span reads its rollup, any other span sums the days).
-- Parameters: in_from   the span's first day
--             in_to     its last day (at most 366 days; see span_rollup)
--             in_by     'views' or 'watch_time' (case-insensitive)
--             in_limit  N >= 1, or NULL for the setting ranking.default_limit
-- Result set: rank, video_id, views, watch_seconds (whole numbers), by rank.
--   Raises SQLSTATE 45000 for a bad span, an unknown in_by, or in_limit < 1.
-- Locking: consistent (non-locking) reads only; safe on a read replica.
-- Idempotency: read-only.
-- Example: CALL report_top_videos_span('2026-11-01', '2026-11-30', 'watch_time', 10);
CREATE PROCEDURE report_top_videos_span(IN in_from DATE, IN in_to DATE,
                                        IN in_by VARCHAR(16), IN in_limit INT)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Top-N videos of a span of days by views or watch_time; ties to the lower video_id. Parameters: in_from, in_to, in_by, in_limit (NULL = setting ranking.default_limit). Example: CALL report_top_videos_span(''2026-11-01'', ''2026-11-30'', ''watch_time'', 10)'
BEGIN
  DECLARE v_by VARCHAR(16) DEFAULT LOWER(in_by);
  DECLARE v_setting VARCHAR(255);
  DECLARE v_limit INT;
  DECLARE v_rollup VARCHAR(8);
  CALL span_rollup(in_from, in_to, v_rollup);
  IF v_by IS NULL OR v_by NOT IN ('views', 'watch_time') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_top_videos_span: in_by must be views or watch_time';
  END IF;
  SET v_limit = in_limit;
  IF v_limit IS NULL THEN
    CALL read_setting('ranking.default_limit', v_setting);
    SET v_limit = CAST(v_setting AS SIGNED);
  END IF;
  IF v_limit IS NULL OR v_limit < 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_top_videos_span: in_limit must be at least 1';
  END IF;

  -- The inner ORDER BY ... LIMIT keeps only N rows (a top-N sort); ROW_NUMBER then numbers
  -- them in the same order. Each branch reads one table as a plain single-table query: a
  -- union of the three with constant-false branches would materialise every row of the
  -- day first (twice the time, measured with bench/api.sh).
  IF v_rollup = 'DAY' AND in_to = in_from THEN
    SELECT ROW_NUMBER() OVER (ORDER BY t.sort_key DESC, t.video_id) AS `rank`,
           t.video_id, t.views, t.watch_seconds
      FROM (SELECT d.video_id, d.views, d.watch_seconds,
                   CASE WHEN v_by = 'views' THEN d.views ELSE d.watch_seconds END AS sort_key
              FROM video_daily_stat d
             WHERE d.business_date = in_from AND (d.views <> 0 OR d.watch_seconds <> 0 OR d.ad_views <> 0)
             ORDER BY sort_key DESC, d.video_id
             LIMIT v_limit) t
     ORDER BY `rank`;
  ELSEIF v_rollup = 'DAY' THEN
    SELECT ROW_NUMBER() OVER (ORDER BY t.sort_key DESC, t.video_id) AS `rank`,
           t.video_id, t.views, t.watch_seconds
      FROM (SELECT d.video_id, SUM(d.views) AS views, SUM(d.watch_seconds) AS watch_seconds,
                   CASE WHEN v_by = 'views' THEN SUM(d.views) ELSE SUM(d.watch_seconds) END AS sort_key
              FROM video_daily_stat d
             WHERE d.business_date BETWEEN in_from AND in_to
             GROUP BY d.video_id
            HAVING SUM(d.views) <> 0 OR SUM(d.watch_seconds) <> 0 OR SUM(d.ad_views) <> 0
             ORDER BY sort_key DESC, d.video_id
             LIMIT v_limit) t
     ORDER BY `rank`;
  ELSE
    SELECT ROW_NUMBER() OVER (ORDER BY t.sort_key DESC, t.video_id) AS `rank`,
           t.video_id, t.views, t.watch_seconds
      FROM (SELECT p.video_id, p.views, p.watch_seconds,
                   CASE WHEN v_by = 'views' THEN p.views ELSE p.watch_seconds END AS sort_key
              FROM video_period_stat p
             WHERE p.period = v_rollup AND p.period_start = in_from
               AND (p.views <> 0 OR p.watch_seconds <> 0 OR p.ad_views <> 0)
             ORDER BY sort_key DESC, p.video_id
             LIMIT v_limit) t
     ORDER BY `rank`;
  END IF;
END
