-- report_settlement(in_period, in_date, in_creator_id, in_by): settlement of one period.
--
-- Description: SPEC 7-8 (`settlement report settlement`). For the DAY, WEEK, MONTH or YEAR
--   period containing in_date:
--   * by 'creator': creator_id, video_revenue, ad_revenue, payable from creator_statement
--     (payable = floor of the creator's exact period total), sorted by creator_id;
--   * by 'video': video_id, creator_id, views, ad_views, video_revenue, ad_revenue from
--     video_daily_settlement (DAY) or video_period_settlement, sorted by video_id (a video
--     that changed creator within the period has one row per creator).
--   Money is DECIMAL with two places; only rows with a non-zero figure are listed.
-- Parameters: in_period      'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive)
--             in_date        any date of the period
--             in_creator_id  one creator, or NULL for all
--             in_by          'creator' or 'video' (case-insensitive; NULL means 'creator')
-- Result set: as above. Raises SQLSTATE 45000 for an unknown period or in_by, or a NULL date.
-- Locking: consistent (non-locking) reads only; safe on a read replica.
-- Idempotency: read-only.
-- Example: CALL report_settlement('MONTH', '2026-11-20', NULL, 'creator');
CREATE PROCEDURE report_settlement(IN in_period VARCHAR(8), IN in_date DATE,
                                   IN in_creator_id BIGINT UNSIGNED, IN in_by VARCHAR(16))
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Settlement of the DAY/WEEK/MONTH/YEAR period containing a date, by creator (with payable) or by video. Example: CALL report_settlement(''MONTH'', ''2026-11-20'', NULL, ''creator'')'
BEGIN
  DECLARE v_period VARCHAR(8) DEFAULT UPPER(in_period);
  DECLARE v_by VARCHAR(16) DEFAULT LOWER(COALESCE(in_by, 'creator'));
  DECLARE v_start DATE;
  DECLARE v_end DATE;

  IF v_period IS NULL OR v_period NOT IN ('DAY', 'WEEK', 'MONTH', 'YEAR') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_settlement: in_period must be DAY, WEEK, MONTH or YEAR';
  END IF;
  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_settlement: in_date must not be NULL';
  END IF;
  IF v_by NOT IN ('creator', 'video') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_settlement: in_by must be creator or video';
  END IF;
  CALL period_bounds(v_period, in_date, v_start, v_end);

  IF v_by = 'creator' THEN
    SELECT s.creator_id,
           CAST(s.video_revenue AS DECIMAL(20,2)) AS video_revenue,
           CAST(s.ad_revenue AS DECIMAL(20,2)) AS ad_revenue,
           s.payable
      FROM creator_statement s
     WHERE s.period = v_period AND s.period_start = v_start
       AND (in_creator_id IS NULL OR s.creator_id = in_creator_id)
       AND (s.video_revenue <> 0 OR s.ad_revenue <> 0)
     ORDER BY s.creator_id;
  ELSE
    -- One shape for every period: the branch that does not apply has a constant-false condition.
    SELECT s.video_id, s.creator_id, s.views, s.ad_views,
           CAST(s.video_revenue AS DECIMAL(20,2)) AS video_revenue,
           CAST(s.ad_revenue AS DECIMAL(20,2)) AS ad_revenue
      FROM (SELECT d.video_id, d.creator_id, d.views, d.ad_views, d.video_revenue, d.ad_revenue
              FROM video_daily_settlement d
             WHERE v_period = 'DAY' AND d.business_date = v_start
            UNION ALL
            SELECT p.video_id, p.creator_id, p.views, p.ad_views, p.video_revenue, p.ad_revenue
              FROM video_period_settlement p
             WHERE v_period <> 'DAY' AND p.period = v_period AND p.period_start = v_start) s
     WHERE (in_creator_id IS NULL OR s.creator_id = in_creator_id)
       AND (s.views <> 0 OR s.ad_views <> 0 OR s.video_revenue <> 0 OR s.ad_revenue <> 0)
     ORDER BY s.video_id, s.creator_id;
  END IF;
END
