-- reconcile_settlement_day(in_date): checks one date's settlement; raises on a mismatch.
--
-- Description: part of reconcile_sums (SPEC 7, issue 4 "Reconciliation"). Raises
--   SQLSTATE 45000 naming the first video or creator that is off when
--   * a video's views or ad views in video_daily_settlement differ from video_daily_stat
--     (a missing or extra settlement row included);
--   * a row's revenue differs from F(C(D)) - F(C(D-1)), F(n) being the price of ordinals
--     1..n under the date's rates: a different formulation of the tier arithmetic of
--     settle_videos_range;
--   * a creator's DAY statement differs from the sum of the creator's rows of the date.
-- Parameters: in_date  a settled business date
-- Locking: consistent reads only (reconcile_date calls it inside one read snapshot).
-- Cost: O(rows of the date): a few grouped passes over the date's rows. (Cumulative
--   counts are checked by reconcile_cumulative_counts.)
-- Idempotency: read-only.
-- Example: CALL reconcile_settlement_day('2026-11-20');
CREATE PROCEDURE reconcile_settlement_day(IN in_date DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Raises 45000 when a date''s settlement disagrees with its statistics, its neighbours'' cumulative counts, its rates or its creator statements. Example: CALL reconcile_settlement_day(''2026-11-20'')'
BEGIN
  DECLARE v_id BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_n1 BIGINT;
  DECLARE v_n2 BIGINT;
  DECLARE v_a DECIMAL(22,2);
  DECLARE v_b DECIMAL(22,2);
  DECLARE v_c DECIMAL(22,2);
  DECLARE v_d DECIMAL(22,2);
  DECLARE v_message VARCHAR(128);

  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'reconcile_settlement_day: in_date must not be NULL';
  END IF;

  -- 1. The settled counts are the day's statistics, video by video.
  SELECT MAX(x.video_id), MAX(x.views), MAX(x.ad_views) INTO v_id, v_n1, v_n2
    FROM (SELECT c.video_id, SUM(c.views) AS views, SUM(c.ad_views) AS ad_views
            FROM (SELECT video_id, views, ad_views FROM video_daily_stat
                   WHERE business_date = in_date AND (views <> 0 OR ad_views <> 0)
                  UNION ALL
                  SELECT video_id, -views, -ad_views FROM video_daily_settlement
                   WHERE business_date = in_date) c
           GROUP BY c.video_id
          HAVING SUM(c.views) <> 0 OR SUM(c.ad_views) <> 0
           ORDER BY c.video_id
           LIMIT 1) x;
  IF v_id IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': video ', v_id, ' statistics minus settlement: views ',
                                v_n1, ', ad views ', v_n2, '; settle the date again'), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- 2. Revenue = F(C(D)) - F(C(D-1)), F(n) the price of ordinals 1..n: per tier, the
  --    ordinals 1..n that fall in it (max(0, min(n, max_ordinal) - max(min_ordinal, 1) + 1)).
  SELECT MIN(r.video_id) INTO v_id
    FROM video_daily_settlement r
   WHERE r.business_date = in_date
     AND (r.video_revenue <> COALESCE(
            (SELECT SUM(b.unit_price * (
                      GREATEST(0, LEAST(r.cum_views, COALESCE(b.max_ordinal, r.cum_views)) - GREATEST(b.min_ordinal, 1) + 1)
                    - GREATEST(0, LEAST(r.cum_views - r.views, COALESCE(b.max_ordinal, r.cum_views)) - GREATEST(b.min_ordinal, 1) + 1)))
               FROM rate_band b
              WHERE b.kind = 'VIEW' AND b.effective_from <= in_date
                AND (b.effective_to IS NULL OR in_date < b.effective_to)), -1)
          OR r.ad_revenue <> COALESCE(
            (SELECT SUM(b.unit_price * (
                      GREATEST(0, LEAST(r.cum_ad_views, COALESCE(b.max_ordinal, r.cum_ad_views)) - GREATEST(b.min_ordinal, 1) + 1)
                    - GREATEST(0, LEAST(r.cum_ad_views - r.ad_views, COALESCE(b.max_ordinal, r.cum_ad_views)) - GREATEST(b.min_ordinal, 1) + 1)))
               FROM rate_band b
              WHERE b.kind = 'AD' AND b.effective_from <= in_date
                AND (b.effective_to IS NULL OR in_date < b.effective_to)), -1));
  IF v_id IS NOT NULL THEN
    SELECT r.video_revenue, r.ad_revenue,
           (SELECT SUM(b.unit_price * (
                     GREATEST(0, LEAST(r.cum_views, COALESCE(b.max_ordinal, r.cum_views)) - GREATEST(b.min_ordinal, 1) + 1)
                   - GREATEST(0, LEAST(r.cum_views - r.views, COALESCE(b.max_ordinal, r.cum_views)) - GREATEST(b.min_ordinal, 1) + 1)))
              FROM rate_band b
             WHERE b.kind = 'VIEW' AND b.effective_from <= in_date
               AND (b.effective_to IS NULL OR in_date < b.effective_to)),
           (SELECT SUM(b.unit_price * (
                     GREATEST(0, LEAST(r.cum_ad_views, COALESCE(b.max_ordinal, r.cum_ad_views)) - GREATEST(b.min_ordinal, 1) + 1)
                   - GREATEST(0, LEAST(r.cum_ad_views - r.ad_views, COALESCE(b.max_ordinal, r.cum_ad_views)) - GREATEST(b.min_ordinal, 1) + 1)))
              FROM rate_band b
             WHERE b.kind = 'AD' AND b.effective_from <= in_date
               AND (b.effective_to IS NULL OR in_date < b.effective_to))
      INTO v_a, v_c, v_b, v_d
      FROM video_daily_settlement r
     WHERE r.business_date = in_date AND r.video_id = v_id;
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': video ', v_id, ' revenue (video/ad) ', v_a, ' / ', v_c,
                                ' but its tiers give ', v_b, ' / ', v_d), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- 3. Each creator's DAY statement is the sum of the creator's rows of the date.
  SELECT MAX(x.creator_id), MAX(x.video_revenue), MAX(x.ad_revenue) INTO v_id, v_a, v_b
    FROM (SELECT c.creator_id, SUM(c.video_revenue) AS video_revenue, SUM(c.ad_revenue) AS ad_revenue
            FROM (SELECT creator_id, video_revenue, ad_revenue FROM video_daily_settlement
                   WHERE business_date = in_date
                  UNION ALL
                  SELECT creator_id, -video_revenue, -ad_revenue FROM creator_statement
                   WHERE period = 'DAY' AND period_start = in_date) c
           GROUP BY c.creator_id
          HAVING SUM(c.video_revenue) <> 0 OR SUM(c.ad_revenue) <> 0
           ORDER BY c.creator_id
           LIMIT 1) x;
  IF v_id IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': creator ', v_id, ' videos minus DAY statement: video ',
                                v_a, ', ad ', v_b), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END
