-- report_daily(in_from, in_to, in_video_id, in_creator_id): one row per day of a span.
--
-- Description: SPEC 10 (GET /v1/daily, `settlement report daily`). For each business date
--   of in_from .. in_to with some non-zero figure, in date order: the counted views,
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

  SELECT x.business_date AS `date`,
         SUM(x.views) AS views, SUM(x.watch_seconds) AS watch_seconds, SUM(x.ad_views) AS ad_views,
         CAST(SUM(x.video_revenue) AS DECIMAL(20,2)) AS video_revenue,
         CAST(SUM(x.ad_revenue) AS DECIMAL(20,2)) AS ad_revenue
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
   GROUP BY x.business_date
  HAVING SUM(x.views) <> 0 OR SUM(x.watch_seconds) <> 0 OR SUM(x.ad_views) <> 0
      OR SUM(x.video_revenue) <> 0 OR SUM(x.ad_revenue) <> 0
   ORDER BY x.business_date;
END
