-- reconcile_sums(in_date, OUT ...): the reconciliation checks of a processed date that sum
-- stored rows (everything but the log recount); raises on a mismatch.
--
-- Description: checks 2-4 of the reconciliation (issue 4), in the caller's snapshot:
--   2. a video's ad views equal the sum of its per-ad rows (video_ad_daily_stat);
--   3. the date's settlement (reconcile_settlement_day): settled counts = statistics,
--      revenue = the tier formula, each creator's DAY statement = the sum of the creator's
--      video rows; the same for every later date this date's settlement restated
--      (settlement_restatement); and every row from the date on continues the cumulative
--      counts of its video's previous processed row (reconcile_cumulative_counts);
--   4. the periods (reconcile_period): the WEEK and MONTH containing the date against
--      their days and its YEAR against its months, for statistics, video settlement and
--      creator statements; and the periods of the restated dates (settlement and
--      statements). The weighted sums of every day checked in 3 are stored first
--      (store_day_sums), which the WEEK and MONTH checks add up instead of reading every
--      day of the period again.
-- Parameters: in_date  the business date just processed
--             o_video_revenue, o_ad_revenue  the date's settled revenue
--             o_statement_revenue            the sum of the date's DAY statements
--             o_restated                     later dates checked because this one restated them
-- Locking: consistent reads; the caller opens the snapshot (reconcile_date_sums,
--   reconcile_date) and commits the stored day sums (reconciled_day_sum) with it.
-- Cost: a few passes over the date's rows (and those of the dates it restated); the period
--   checks add up the days' stored sums, or read the period's days (a month at most) or
--   months, see reconcile_period.
-- Idempotency: writes only the checked days' rows of reconciled_day_sum.
-- Example: CALL reconcile_sums('2026-11-20', @video, @ad, @statements, @restated);
CREATE PROCEDURE reconcile_sums(
  IN in_date DATE, OUT o_video_revenue DECIMAL(22,2), OUT o_ad_revenue DECIMAL(22,2),
  OUT o_statement_revenue DECIMAL(22,2), OUT o_restated INT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Per-ad sums, settlement, statements and periods of a processed date; raises 45000 on a mismatch. Example: CALL reconcile_sums(''2026-11-20'', @v, @a, @s, @r)'
BEGIN
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
    DROP TEMPORARY TABLE IF EXISTS tmp_recon_day, tmp_recon_period, tmp_period_day, tmp_period_start;
    RESIGNAL;
  END;

  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'reconcile_sums: in_date must not be NULL';
  END IF;

  DROP TEMPORARY TABLE IF EXISTS tmp_recon_day, tmp_recon_period, tmp_period_day, tmp_period_start;
  CREATE TEMPORARY TABLE tmp_recon_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_period_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_recon_period (
    period VARCHAR(8) NOT NULL, period_start DATE NOT NULL, with_stats BOOLEAN NOT NULL,
    PRIMARY KEY (period, period_start)) ENGINE=InnoDB;

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
  SET o_restated = ROW_COUNT();
  SET v_done = FALSE;
  OPEN c_days;
  day_loop: LOOP
    FETCH c_days INTO v_day;
    IF v_done THEN LEAVE day_loop; END IF;
    CALL reconcile_settlement_day(v_day);
    CALL store_day_sums(v_day);  -- the day's sums, which the period checks below add up
  END LOOP;
  CLOSE c_days;
  CALL reconcile_cumulative_counts(in_date);
  SELECT COALESCE(SUM(video_revenue), 0), COALESCE(SUM(ad_revenue), 0) INTO o_video_revenue, o_ad_revenue
    FROM video_daily_settlement WHERE business_date = in_date;
  SELECT COALESCE(SUM(video_revenue + ad_revenue), 0) INTO o_statement_revenue
    FROM creator_statement WHERE period = 'DAY' AND period_start = in_date;

  -- 4. Periods: the date's with statistics, the restated dates' for settlement.
  INSERT INTO tmp_period_day (business_date) SELECT business_date FROM tmp_recon_day;
  CALL period_starts_of_days();
  INSERT INTO tmp_recon_period (period, period_start, with_stats)
  SELECT p.period, p.start_date, d.business_date = in_date
    FROM tmp_recon_day d
    JOIN tmp_period_start p ON p.business_date = d.business_date
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

  DROP TEMPORARY TABLE IF EXISTS tmp_recon_day, tmp_recon_period, tmp_period_day, tmp_period_start;
END
