-- report_video_stats_span(in_from, in_to, in_video_id, in_creator_id): per-video figures
-- of a span of days.
--
-- Description: SPEC 6, 8 and 10 (`settlement report stats`, GET /v1/stats). The views,
--   watch_seconds and ad_views of each video summed over the days in_from .. in_to. A span
--   that is exactly a WEEK, MONTH or YEAR reads that period's rollup rows in
--   video_period_stat (span_rollup), any other span sums video_daily_stat. Only videos
--   with some non-zero figure are listed (a rollup row can fall back to all zeros after a
--   restatement), sorted by video_id.
-- Parameters: in_from        the span's first day
--             in_to          its last day (at most 366 days; see span_rollup)
--             in_video_id    one video, or NULL for all videos
--             in_creator_id  only the videos the catalog gives this creator, or NULL
-- Result set: video_id, views, watch_seconds, ad_views (whole numbers).
--   Raises SQLSTATE 45000 for a span that span_rollup refuses.
-- Locking: consistent (non-locking) reads only; safe on a read replica.
-- Idempotency: read-only.
-- Example: CALL report_video_stats_span('2026-11-01', '2026-11-10', NULL, NULL);
CREATE PROCEDURE report_video_stats_span(IN in_from DATE, IN in_to DATE,
                                         IN in_video_id BIGINT UNSIGNED, IN in_creator_id BIGINT UNSIGNED)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Per-video views, watch_seconds, ad_views summed over a span of days; non-zero rows, by video_id. Parameters: in_from, in_to, in_video_id, in_creator_id (NULL = all). Example: CALL report_video_stats_span(''2026-11-01'', ''2026-11-10'', NULL, NULL)'
BEGIN
  DECLARE v_rollup VARCHAR(8);
  CALL span_rollup(in_from, in_to, v_rollup);

  IF v_rollup = 'DAY' THEN
    SELECT d.video_id, SUM(d.views) AS views, SUM(d.watch_seconds) AS watch_seconds,
           SUM(d.ad_views) AS ad_views
      FROM video_daily_stat d
     WHERE d.business_date BETWEEN in_from AND in_to
       AND (in_video_id IS NULL OR d.video_id = in_video_id)
       AND (in_creator_id IS NULL OR d.video_id IN (SELECT v.id FROM video v WHERE v.creator_id = in_creator_id))
     GROUP BY d.video_id
    HAVING SUM(d.views) <> 0 OR SUM(d.watch_seconds) <> 0 OR SUM(d.ad_views) <> 0
     ORDER BY d.video_id;
  ELSE
    SELECT p.video_id, p.views, p.watch_seconds, p.ad_views
      FROM video_period_stat p
     WHERE p.period = v_rollup AND p.period_start = in_from
       AND (in_video_id IS NULL OR p.video_id = in_video_id)
       AND (in_creator_id IS NULL OR p.video_id IN (SELECT v.id FROM video v WHERE v.creator_id = in_creator_id))
       AND (p.views <> 0 OR p.watch_seconds <> 0 OR p.ad_views <> 0)
     ORDER BY p.video_id;
  END IF;
END
