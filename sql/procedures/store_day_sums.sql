-- store_day_sums(in_day): the weighted sums of one day's daily rows, stored for the period
-- checks (reconciled_day_sum).
--
-- Description: reconcile_sums calls it for the date it reconciles and for every later date
--   that date's settlement restated, after their rows were checked and before the period
--   checks. Per part, with the weights of reconcile_period:
--     stat        video_daily_stat: views, watch_seconds, ad_views weighted by video;
--     settlement  video_daily_settlement: views, ad_views, video_revenue, ad_revenue
--                 weighted by (video, creator);
--     statement   creator_statement DAY: video_revenue, ad_revenue weighted by creator.
--   Stored in the caller's transaction: a reconciliation that fails stores nothing.
-- Parameters: in_day  the business date
-- Locking: reads the day's rows (consistent read); upserts three rows of reconciled_day_sum.
-- Example: CALL store_day_sums('2026-11-20');
CREATE PROCEDURE store_day_sums(IN in_day DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Stores the weighted sums of a day''s daily rows for the period checks. Example: CALL store_day_sums(''2026-11-20'')'
BEGIN
  INSERT INTO reconciled_day_sum (business_date, part, w1, w2, w3, w4)
  SELECT in_day, 'stat',
         COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * views), 0),
         COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * watch_seconds), 0),
         COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * ad_views), 0), 0
    FROM video_daily_stat WHERE business_date = in_day
  ON DUPLICATE KEY UPDATE w1 = VALUES(w1), w2 = VALUES(w2), w3 = VALUES(w3), w4 = VALUES(w4),
                          reconciled_at = CURRENT_TIMESTAMP(3);
  INSERT INTO reconciled_day_sum (business_date, part, w1, w2, w3, w4)
  SELECT in_day, 'settlement',
         COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * views), 0),
         COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_views), 0),
         COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * video_revenue), 0),
         COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_revenue), 0)
    FROM video_daily_settlement WHERE business_date = in_day
  ON DUPLICATE KEY UPDATE w1 = VALUES(w1), w2 = VALUES(w2), w3 = VALUES(w3), w4 = VALUES(w4),
                          reconciled_at = CURRENT_TIMESTAMP(3);
  INSERT INTO reconciled_day_sum (business_date, part, w1, w2, w3, w4)
  SELECT in_day, 'statement',
         COALESCE(SUM((CRC32(creator_id) MOD 65521 + 1) * video_revenue), 0),
         COALESCE(SUM((CRC32(creator_id) MOD 65521 + 1) * ad_revenue), 0), 0, 0
    FROM creator_statement WHERE period = 'DAY' AND period_start = in_day
  ON DUPLICATE KEY UPDATE w1 = VALUES(w1), w2 = VALUES(w2), w3 = VALUES(w3), w4 = VALUES(w4),
                          reconciled_at = CURRENT_TIMESTAMP(3);
END
