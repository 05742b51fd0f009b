-- reconcile_date(in_date): the checks that close a date's run; raises on any mismatch.
--
-- Description: issue 4 "Reconciliation", run after build_creator_statements. Inside one
--   read snapshot (REPEATABLE READ, consistent snapshot, no locks) it raises SQLSTATE 45000
--   with a message naming what is off when
--   1. the day's counted views (sum of video_daily_stat) differ from an independent recount
--      over the day's view_log partition, or the counted ad views from a recount over
--      ad_view_log. The recount is formulated differently from aggregate_daily_stats_range
--      (which counts compact pairs by their span and numbers spread pairs with LAG):
--      counted = non-self events - quick repeats, a quick repeat being an event that has
--      an earlier event of the same (viewer, video[, ad]) on the date less than the repeat
--      gap before it (EXISTS: one short index range per event of the pairs with two or
--      more events). A self view leaves the whole pair out. Both read only the date's
--      partition (the date prunes the partitions);
--   2. a video's ad views differ from the sum of its per-ad rows (video_ad_daily_stat);
--   3. the date's settlement (reconcile_settlement_day): settled counts = statistics,
--      revenue = the tier formula, each creator's DAY statement = the sum of the creator's
--      video rows; the same for every later date this date's settlement restated
--      (settlement_restatement); and every row from the date on continues the cumulative
--      counts of its video's previous processed row (reconcile_cumulative_counts);
--   4. the periods (reconcile_period): the WEEK and MONTH containing the date, row by row
--      against their days, and its YEAR against its months, for statistics, video
--      settlement and creator statements; and the periods of the restated dates
--      (settlement and statements).
-- Parameters: in_date  the business date just processed
-- Returns: one row of the figures it checked: business_date, views, recounted_views,
--   ad_views, recounted_ad_views, video_revenue, ad_revenue, statement_revenue,
--   restated_dates_checked.
-- Cost at 10M events a day: check 1 is two ordered scans of the date's log partition (the
--   events, and a streaming GROUP BY of its pairs) plus one short index range per event of
--   a pair with repeats. Measured here (MariaDB 10.11, 2 shared cores): 2.2M view events
--   with 10% repeats in 5.3 s, so about 25 s for 10M, and as much again for as many ad
--   events, comparable to the statistics step. Checks 2-3 are a few passes over the date's
--   rows (and over the rows of the dates it restated, if any); check 4 groups at most a
--   month of daily rows (WEEK, MONTH) and a year of month rows (YEAR). Nothing reads the
--   history before the date.
-- Locking: consistent reads only; do not call it inside an open transaction (it starts and
--   ends its own read-only snapshot).
-- Idempotency: read-only.
-- Example: CALL reconcile_date('2026-11-20');
CREATE PROCEDURE reconcile_date(IN in_date DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Reconciles a processed date (log recount, settlement, statements, periods); raises 45000 on a mismatch. Example: CALL reconcile_date(''2026-11-20'')'
BEGIN
  DECLARE v_gap_sec INT DEFAULT CAST(setting_value('counting.repeat_gap_sec') AS UNSIGNED);
  DECLARE v_views BIGINT DEFAULT 0;
  DECLARE v_ad_views BIGINT DEFAULT 0;
  DECLARE v_log_views BIGINT DEFAULT 0;
  DECLARE v_log_ad_views BIGINT DEFAULT 0;
  DECLARE v_video_revenue DECIMAL(22,2) DEFAULT 0;
  DECLARE v_ad_revenue DECIMAL(22,2) DEFAULT 0;
  DECLARE v_statement_revenue DECIMAL(22,2) DEFAULT 0;
  DECLARE v_restated INT DEFAULT 0;
  DECLARE v_id BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_n1 BIGINT;
  DECLARE v_n2 BIGINT;
  DECLARE v_day DATE;
  DECLARE v_period VARCHAR(8);
  DECLARE v_with_stats BOOLEAN;
  DECLARE v_done BOOLEAN DEFAULT FALSE;
  DECLARE v_message VARCHAR(128);
  DECLARE c_days CURSOR FOR SELECT business_date FROM tmp_recon_day ORDER BY business_date;
  DECLARE c_periods CURSOR FOR
    SELECT period, period_start, with_stats FROM tmp_recon_period
     ORDER BY period = 'YEAR', period_start, period;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET v_done = TRUE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    DROP TEMPORARY TABLE IF EXISTS tmp_recon_day, tmp_recon_period;
    RESIGNAL;
  END;

  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'reconcile_date: in_date must not be NULL';
  END IF;

  DROP TEMPORARY TABLE IF EXISTS tmp_recon_day, tmp_recon_period;
  CREATE TEMPORARY TABLE tmp_recon_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_recon_period (
    period VARCHAR(8) NOT NULL, period_start DATE NOT NULL, with_stats BOOLEAN NOT NULL,
    PRIMARY KEY (period, period_start)) ENGINE=InnoDB;

  -- Every check reads one snapshot, whatever the session's isolation level.
  SET TRANSACTION ISOLATION LEVEL REPEATABLE READ;
  START TRANSACTION WITH CONSISTENT SNAPSHOT;

  -- 1. Counted views and ad views against independent recounts of the date's partitions.
  SELECT COALESCE(SUM(views), 0), COALESCE(SUM(ad_views), 0) INTO v_views, v_ad_views
    FROM video_daily_stat WHERE business_date = in_date;
  -- Counted = non-self events - quick repeats; a quick repeat is an event with an earlier
  -- event of the same pair (in (started_at, event_id) order) less than the gap before it.
  -- Only pairs with two or more events can hold one.
  SELECT COUNT(*) INTO v_log_views
    FROM view_log e
    JOIN video v ON v.id = e.video_id
   WHERE e.business_date = in_date AND e.viewer_id <> v.creator_id;
  SELECT v_log_views - COUNT(*) INTO v_log_views
    FROM (SELECT video_id, viewer_id FROM view_log
           WHERE business_date = in_date
           GROUP BY video_id, viewer_id
          HAVING COUNT(*) > 1) m
    STRAIGHT_JOIN video v ON v.id = m.video_id
    STRAIGHT_JOIN view_log e
      ON e.business_date = in_date AND e.video_id = m.video_id AND e.viewer_id = m.viewer_id
   WHERE m.viewer_id <> v.creator_id
     AND EXISTS (SELECT 1 FROM view_log p
                  WHERE p.business_date = in_date
                    AND p.video_id = e.video_id AND p.viewer_id = e.viewer_id
                    AND p.started_at > e.started_at - INTERVAL v_gap_sec SECOND
                    AND p.started_at <= e.started_at
                    AND (p.started_at < e.started_at OR p.event_id < e.event_id));
  IF v_log_views <> v_views THEN
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': video_daily_stat has ', v_views,
                                ' counted views but a recount of view_log gives ', v_log_views), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SELECT COUNT(*) INTO v_log_ad_views
    FROM ad_view_log e
    JOIN video v ON v.id = e.video_id
   WHERE e.business_date = in_date AND e.viewer_id <> v.creator_id;
  SELECT v_log_ad_views - COUNT(*) INTO v_log_ad_views
    FROM (SELECT video_id, ad_id, viewer_id FROM ad_view_log
           WHERE business_date = in_date
           GROUP BY video_id, ad_id, viewer_id
          HAVING COUNT(*) > 1) m
    STRAIGHT_JOIN video v ON v.id = m.video_id
    STRAIGHT_JOIN ad_view_log e
      ON e.business_date = in_date AND e.video_id = m.video_id AND e.ad_id = m.ad_id AND e.viewer_id = m.viewer_id
   WHERE m.viewer_id <> v.creator_id
     AND EXISTS (SELECT 1 FROM ad_view_log p
                  WHERE p.business_date = in_date
                    AND p.video_id = e.video_id AND p.ad_id = e.ad_id AND p.viewer_id = e.viewer_id
                    AND p.viewed_at > e.viewed_at - INTERVAL v_gap_sec SECOND
                    AND p.viewed_at <= e.viewed_at
                    AND (p.viewed_at < e.viewed_at OR p.event_id < e.event_id));
  IF v_log_ad_views <> v_ad_views THEN
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': video_daily_stat has ', v_ad_views,
                                ' counted ad views but a recount of ad_view_log gives ', v_log_ad_views), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- 2. A video's ad views are the sum of its per-ad rows.
  SELECT MAX(x.video_id), MAX(x.ad_views), MAX(x.per_ad) INTO v_id, v_n1, v_n2
    FROM (SELECT c.video_id, SUM(c.ad_views) AS ad_views, SUM(c.per_ad) AS per_ad
            FROM (SELECT video_id, ad_views, 0 AS per_ad FROM video_daily_stat WHERE business_date = in_date
                  UNION ALL
                  SELECT video_id, 0, ad_views FROM video_ad_daily_stat WHERE business_date = in_date) c
           GROUP BY c.video_id
          HAVING SUM(c.ad_views) <> SUM(c.per_ad)
           ORDER BY c.video_id
           LIMIT 1) x;
  IF v_id IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': video ', v_id, ' has ', v_n1,
                                ' ad views but its per-ad rows sum to ', v_n2), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- 3. The date's settlement, and that of the later dates it restated.
  INSERT INTO tmp_recon_day (business_date) VALUES (in_date);
  INSERT INTO tmp_recon_day (business_date)
  SELECT restated_date FROM settlement_restatement WHERE from_date = in_date AND restated_date <> in_date;
  SET v_restated = ROW_COUNT();
  SET v_done = FALSE;
  OPEN c_days;
  day_loop: LOOP
    FETCH c_days INTO v_day;
    IF v_done THEN LEAVE day_loop; END IF;
    CALL reconcile_settlement_day(v_day);
  END LOOP;
  CLOSE c_days;
  CALL reconcile_cumulative_counts(in_date);
  SELECT COALESCE(SUM(video_revenue), 0), COALESCE(SUM(ad_revenue), 0) INTO v_video_revenue, v_ad_revenue
    FROM video_daily_settlement WHERE business_date = in_date;
  SELECT COALESCE(SUM(video_revenue + ad_revenue), 0) INTO v_statement_revenue
    FROM creator_statement WHERE period = 'DAY' AND period_start = in_date;

  -- 4. Periods: the date's with statistics, the restated dates' for settlement.
  INSERT INTO tmp_recon_period (period, period_start, with_stats)
  SELECT p.period, period_start(p.period, d.business_date), d.business_date = in_date
    FROM tmp_recon_day d
   CROSS JOIN (SELECT 'WEEK' AS period UNION ALL SELECT 'MONTH' UNION ALL SELECT 'YEAR') p
   ORDER BY d.business_date = in_date DESC
  ON DUPLICATE KEY UPDATE tmp_recon_period.with_stats = tmp_recon_period.with_stats OR VALUES(with_stats);
  SET v_done = FALSE;
  OPEN c_periods;
  period_loop: LOOP
    FETCH c_periods INTO v_period, v_day, v_with_stats;
    IF v_done THEN LEAVE period_loop; END IF;
    CALL reconcile_period(v_period, v_day, v_with_stats);
  END LOOP;
  CLOSE c_periods;

  COMMIT;
  DROP TEMPORARY TABLE IF EXISTS tmp_recon_day, tmp_recon_period;
  SELECT in_date AS business_date, v_views AS views, v_log_views AS recounted_views,
         v_ad_views AS ad_views, v_log_ad_views AS recounted_ad_views,
         v_video_revenue AS video_revenue, v_ad_revenue AS ad_revenue,
         v_statement_revenue AS statement_revenue, v_restated AS restated_dates_checked;
END
