-- reconcile_cumulative_counts(in_date): checks that cumulative counts chain from a date on;
-- raises on a mismatch.
--
-- Description: part of reconcile_sums (SPEC 7: C(v, D) is the cumulative count through D
--   over the dates processed so far). For every video_daily_settlement row on or after
--   in_date, cum_views - views must equal the cum_views of the video's previous processed
--   row (0 for its first), and the same for ad views. Rows after in_date are included
--   because a (re)settlement of in_date restates them. Raises SQLSTATE 45000 naming the
--   first video and date that do not chain.
-- Parameters: in_date  the first business date to check
-- Locking: consistent reads only.
-- Cost: one pass over the rows on and after in_date (on a nightly run: the date's rows),
--   numbered per video with LAG; the first row of each video looks up its predecessor
--   with one backward index read from the video's latest row (ORDER BY ... DESC LIMIT 1),
--   so the history before in_date is never scanned.
-- Idempotency: read-only.
-- Example: CALL reconcile_cumulative_counts('2026-11-20');
CREATE PROCEDURE reconcile_cumulative_counts(IN in_date DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Raises 45000 when a settlement row on or after a date does not continue the cumulative counts of the video''s previous processed row. Example: CALL reconcile_cumulative_counts(''2026-11-20'')'
BEGIN
  DECLARE v_id BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_day DATE DEFAULT NULL;
  DECLARE v_message VARCHAR(128);

  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'reconcile_cumulative_counts: in_date must not be NULL';
  END IF;

  SELECT MAX(y.video_id), MAX(y.business_date) INTO v_id, v_day
    FROM (SELECT x.video_id, x.business_date
            FROM (SELECT s.video_id, s.business_date, s.views, s.ad_views, s.cum_views, s.cum_ad_views,
                         LAG(s.cum_views) OVER (PARTITION BY s.video_id ORDER BY s.business_date) AS prev_cum_views,
                         LAG(s.cum_ad_views) OVER (PARTITION BY s.video_id ORDER BY s.business_date) AS prev_cum_ad_views
                    FROM video_daily_settlement s
                   WHERE s.business_date >= in_date) x
           WHERE x.cum_views - x.views <> COALESCE(x.prev_cum_views,
                   (SELECT q.cum_views FROM video_daily_settlement q
                     WHERE q.video_id = x.video_id AND q.business_date < in_date
                     ORDER BY q.business_date DESC LIMIT 1), 0)
              OR x.cum_ad_views - x.ad_views <> COALESCE(x.prev_cum_ad_views,
                   (SELECT q.cum_ad_views FROM video_daily_settlement q
                     WHERE q.video_id = x.video_id AND q.business_date < in_date
                     ORDER BY q.business_date DESC LIMIT 1), 0)
           ORDER BY x.business_date, x.video_id
           LIMIT 1) y;
  IF v_id IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('reconcile: cumulative counts of video ', v_id, ' on ', v_day,
                                ' do not continue its previous processed day'), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END
