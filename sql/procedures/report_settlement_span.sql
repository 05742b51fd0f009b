-- report_settlement_span(in_from, in_to, in_creator_id, in_by): settlement of a span of days.
--
-- Description: SPEC 7, 8 and 10 (`settlement report settlement`, GET /v1/settlement).
--   Summed over the days in_from .. in_to:
--   * by 'creator': creator_id, video_revenue, ad_revenue, payable, sorted by creator_id;
--     payable is the floor of the creator's exact total over the whole span (never a sum
--     of daily floors). A WEEK, MONTH or YEAR span reads that period's creator_statement
--     row (span_rollup), any other span sums the creator's DAY statements;
--   * by 'video': video_id, creator_id, views, ad_views, video_revenue, ad_revenue, from
--     video_period_settlement (a WEEK, MONTH or YEAR span) or the sum of
--     video_daily_settlement, sorted by video_id (a video that changed creator within the
--     span has one row per creator).
--   Money is DECIMAL with two places; only rows with a non-zero figure are listed.
-- Parameters: in_from        the span's first day
--             in_to          its last day (at most 366 days; see span_rollup)
--             in_creator_id  one creator (the creator a video was settled for), or NULL for all
--             in_by          'creator' or 'video' (case-insensitive; NULL means 'creator')
-- Result set: as above. Raises SQLSTATE 45000 for a bad span or an unknown in_by.
-- Locking: consistent (non-locking) reads only; safe on a read replica. A creator's row of
--   a period is one primary-key lookup.
-- Idempotency: read-only.
-- Example: CALL report_settlement_span('2026-11-01', '2026-11-30', 3, 'creator');
CREATE PROCEDURE report_settlement_span(IN in_from DATE, IN in_to DATE,
                                        IN in_creator_id BIGINT UNSIGNED, IN in_by VARCHAR(16))
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Settlement of a span of days, by creator (payable = floor of the span total) or by video. Example: CALL report_settlement_span(''2026-11-01'', ''2026-11-30'', NULL, ''creator'')'
BEGIN
  DECLARE v_by VARCHAR(16) DEFAULT LOWER(COALESCE(in_by, 'creator'));
  DECLARE v_rollup VARCHAR(8);
  CALL span_rollup(in_from, in_to, v_rollup);
  IF v_by NOT IN ('creator', 'video') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_settlement_span: in_by must be creator or video';
  END IF;

  IF v_by = 'creator' AND v_rollup <> 'DAY' THEN
    SELECT s.creator_id,
           CAST(s.video_revenue AS DECIMAL(20,2)) AS video_revenue,
           CAST(s.ad_revenue AS DECIMAL(20,2)) AS ad_revenue,
           s.payable
      FROM creator_statement s
     WHERE s.period = v_rollup AND s.period_start = in_from
       AND (in_creator_id IS NULL OR s.creator_id = in_creator_id)
       AND (s.video_revenue <> 0 OR s.ad_revenue <> 0)
     ORDER BY s.creator_id;
  ELSEIF v_by = 'creator' THEN
    SELECT s.creator_id,
           CAST(SUM(s.video_revenue) AS DECIMAL(20,2)) AS video_revenue,
           CAST(SUM(s.ad_revenue) AS DECIMAL(20,2)) AS ad_revenue,
           CAST(FLOOR(SUM(s.video_revenue) + SUM(s.ad_revenue)) AS SIGNED) AS payable
      FROM creator_statement s
     WHERE s.period = 'DAY' AND s.period_start BETWEEN in_from AND in_to
       AND (in_creator_id IS NULL OR s.creator_id = in_creator_id)
     GROUP BY s.creator_id
    HAVING SUM(s.video_revenue) <> 0 OR SUM(s.ad_revenue) <> 0
     ORDER BY s.creator_id;
  ELSEIF v_rollup <> 'DAY' THEN
    SELECT p.video_id, p.creator_id, p.views, p.ad_views,
           CAST(p.video_revenue AS DECIMAL(20,2)) AS video_revenue,
           CAST(p.ad_revenue AS DECIMAL(20,2)) AS ad_revenue
      FROM video_period_settlement p
     WHERE p.period = v_rollup AND p.period_start = in_from
       AND (in_creator_id IS NULL OR p.creator_id = in_creator_id)
       AND (p.views <> 0 OR p.ad_views <> 0 OR p.video_revenue <> 0 OR p.ad_revenue <> 0)
     ORDER BY p.video_id, p.creator_id;
  ELSE
    SELECT d.video_id, d.creator_id, SUM(d.views) AS views, SUM(d.ad_views) AS ad_views,
           CAST(SUM(d.video_revenue) AS DECIMAL(20,2)) AS video_revenue,
           CAST(SUM(d.ad_revenue) AS DECIMAL(20,2)) AS ad_revenue
      FROM video_daily_settlement d
     WHERE d.business_date BETWEEN in_from AND in_to
       AND (in_creator_id IS NULL OR d.creator_id = in_creator_id)
     GROUP BY d.video_id, d.creator_id
    HAVING SUM(d.views) <> 0 OR SUM(d.ad_views) <> 0 OR SUM(d.video_revenue) <> 0 OR SUM(d.ad_revenue) <> 0
     ORDER BY d.video_id, d.creator_id;
  END IF;
END
