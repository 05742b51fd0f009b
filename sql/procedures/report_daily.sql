-- report_daily(in_from, in_to, in_video_id, in_creator_id): one row per day of a span.
--
-- Description: SPEC 10 (GET /v1/daily, `settlement report daily`). One row for EVERY
--   business date of in_from .. in_to, in date order (a day without figures has zeros, so
--   a chart or a sum needs no gap filling): the counted views,
--   watch_seconds and counted ad_views (video_daily_stat) and the video and ad revenue
--   (video_daily_settlement) of all videos, of one video, or of one creator's videos. The
--   statistics of a creator are those of the videos the catalog gives them today; the
--   revenue is what was settled for them (the creator a video had when its date was
--   settled), as report_video_stats_span and report_settlement_span count them.
-- Parameters: in_from        the span's first day
--             in_to          its last day (at most 366 days; see span_rollup)
--             in_video_id    one video, or NULL
--             in_creator_id  one creator's videos, or NULL
-- Result set: date, views, watch_seconds, ad_views (whole numbers), video_revenue,
--   ad_revenue (DECIMAL with two places), by date. Raises SQLSTATE 45000 for a bad span.
-- Locking: consistent (non-locking) reads only; safe on a read replica. Reads the span's
--   daily rows by primary key range (a creator's revenue by ix_video_daily_settlement_creator).
-- Idempotency: read-only.
-- Example: CALL report_daily('2026-11-01', '2026-11-30', NULL, 3);
CREATE PROCEDURE report_daily(IN in_from DATE, IN in_to DATE,
                              IN in_video_id BIGINT UNSIGNED, IN in_creator_id BIGINT UNSIGNED)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Per-day views, watch_seconds, ad_views and revenue of a span, for all videos, one video or one creator. Example: CALL report_daily(''2026-11-01'', ''2026-11-30'', NULL, 3)'
BEGIN
  DECLARE v_rollup VARCHAR(8);
  CALL span_rollup(in_from, in_to, v_rollup);

  -- The span's days (at most 366): 0 .. 999 from three digits, cut at the span's length.
  SELECT in_from + INTERVAL n.i DAY AS `date`,
         COALESCE(g.views, 0) AS views, COALESCE(g.watch_seconds, 0) AS watch_seconds,
         COALESCE(g.ad_views, 0) AS ad_views,
         CAST(COALESCE(g.video_revenue, 0) AS DECIMAL(20,2)) AS video_revenue,
         CAST(COALESCE(g.ad_revenue, 0) AS DECIMAL(20,2)) AS ad_revenue
    FROM (SELECT a.d + 10 * b.d + 100 * c.d AS i
            FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a
           CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
                  UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b
           CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) c) n
    LEFT JOIN
         (SELECT x.business_date, SUM(x.views) AS views, SUM(x.watch_seconds) AS watch_seconds,
                 SUM(x.ad_views) AS ad_views, SUM(x.video_revenue) AS video_revenue, SUM(x.ad_revenue) AS ad_revenue
            FROM (SELECT d.business_date, d.views, d.watch_seconds, d.ad_views,
                         CAST(0 AS DECIMAL(20,2)) AS video_revenue, CAST(0 AS DECIMAL(20,2)) AS ad_revenue
                    FROM video_daily_stat d
                   WHERE d.business_date BETWEEN in_from AND in_to
                     AND (in_video_id IS NULL OR d.video_id = in_video_id)
                     AND (in_creator_id IS NULL OR d.video_id IN (SELECT v.id FROM video v WHERE v.creator_id = in_creator_id))
                  UNION ALL
                  SELECT s.business_date, 0, 0, 0, s.video_revenue, s.ad_revenue
                    FROM video_daily_settlement s
                   WHERE s.business_date BETWEEN in_from AND in_to
                     AND (in_video_id IS NULL OR s.video_id = in_video_id)
                     AND (in_creator_id IS NULL OR s.creator_id = in_creator_id)) x
           GROUP BY x.business_date) g
      ON g.business_date = in_from + INTERVAL n.i DAY
   WHERE n.i <= DATEDIFF(in_to, in_from)
   ORDER BY n.i;
END
