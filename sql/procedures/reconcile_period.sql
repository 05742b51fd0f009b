-- reconcile_period(in_period, in_period_start, in_with_stats): checks that every row of one
-- period is the sum of its parts; raises on a mismatch.
--
-- Description: part of reconcile_sums (SPEC 6-7: "a period's figure is the sum of the daily
--   figures of its days"). For a WEEK or MONTH, each row is compared with the sum of the
--   daily rows of the period's days; for a YEAR, with the sum of the MONTH rows of its
--   twelve months (each month having been compared with its days when one of its dates
--   was reconciled), which keeps the cost bounded by a month of daily rows instead of a
--   year. Every row of the period is compared (rows the parts lack included), in:
--   * video_period_stat        vs video_daily_stat         (views, watch_seconds, ad_views)
--                                 only when in_with_stats
--   * video_period_settlement  vs video_daily_settlement   (per video and creator)
--   * creator_statement        vs creator_statement DAY    (per creator)
--   Raises SQLSTATE 45000 naming the table, the period and the first key that is off.
-- Parameters: in_period        'WEEK', 'MONTH' or 'YEAR'
--             in_period_start  the period's first day (out_start of period_bounds)
--             in_with_stats    1 to check the statistics rollup too, 0 for settlement only
-- Locking: consistent reads only.
-- Cost: first a checksum per table: each side summed with a weight per key
--   (CRC32 of the key MOD 65521 + 1, so a key that is off changes the sum), one streaming pass
--   over the period's rows. For a WEEK or MONTH the days' side is first the sum of the
--   days' stored sums (stored_day_sums: reconcile_sums stores each day's when it reconciles
--   the day, so a month costs 31 rows, not 31 days of rows); only when that differs, or a
--   day of the period has rows but no stored sum, are the days' rows read (at most 31 days
--   of daily rows; a YEAR reads its 12 months of month rows). Only when a checksum still
--   differs is the comparison grouped by key, to name the first key that is off (a pass
--   that costs several times more, because it groups a month of rows in a temporary
--   table). A day's rows are checked against its stored sum when that day is reconciled
--   again (CALL reconcile_date on it).
-- Idempotency: read-only.
-- Example: CALL reconcile_period('WEEK', '2026-12-28', 1);
CREATE PROCEDURE reconcile_period(IN in_period VARCHAR(8), IN in_period_start DATE, IN in_with_stats BOOLEAN)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Raises 45000 when a WEEK/MONTH row is not the sum of its days or a YEAR row not the sum of its months (stats, settlement, statements). Example: CALL reconcile_period(''WEEK'', ''2026-12-28'', 1)'
BEGIN
  DECLARE v_period VARCHAR(8) DEFAULT UPPER(in_period);
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  DECLARE v_by_day BOOLEAN;
  DECLARE v_parts VARCHAR(8);
  DECLARE v_id BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_id2 BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_n1 BIGINT;
  DECLARE v_n2 BIGINT;
  DECLARE v_n3 BIGINT;
  DECLARE v_a DECIMAL(22,2);
  DECLARE v_b DECIMAL(22,2);
  DECLARE v_message VARCHAR(128);
  DECLARE v_rows_off BOOLEAN;
  DECLARE v_w1 DECIMAL(40,2);
  DECLARE v_w2 DECIMAL(40,2);
  DECLARE v_w3 DECIMAL(40,2);
  DECLARE v_w4 DECIMAL(40,2);
  DECLARE v_p1 DECIMAL(40,2);
  DECLARE v_p2 DECIMAL(40,2);
  DECLARE v_p3 DECIMAL(40,2);
  DECLARE v_p4 DECIMAL(40,2);
  DECLARE v_stored BOOLEAN DEFAULT FALSE;  -- every day of the period with rows has stored sums

  IF v_period IS NULL OR v_period NOT IN ('WEEK', 'MONTH', 'YEAR') OR in_period_start IS NULL THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'reconcile_period: need WEEK, MONTH or YEAR and the first day of that period';
  END IF;
  CALL period_bounds(v_period, in_period_start, v_start, v_end);
  IF in_period_start <> v_start THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'reconcile_period: need WEEK, MONTH or YEAR and the first day of that period';
  END IF;
  SET v_by_day = (v_period <> 'YEAR');
  SET v_parts = IF(v_by_day, 'days', 'months');

  -- Statistics. The part that does not apply has a constant-false condition.
  IF in_with_stats THEN
    SELECT COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * views), 0),
           COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * watch_seconds), 0),
           COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * ad_views), 0)
      INTO v_p1, v_p2, v_p3
      FROM video_period_stat WHERE period = v_period AND period_start = in_period_start;
    IF v_by_day THEN
      CALL stored_day_sums('stat', in_period_start, v_end, v_w1, v_w2, v_w3, v_w4, v_stored);
    END IF;
    IF v_by_day AND NOT (v_stored AND v_p1 = v_w1 AND v_p2 = v_w2 AND v_p3 = v_w3) THEN
      SELECT COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * views), 0),
             COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * watch_seconds), 0),
             COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * ad_views), 0)
        INTO v_w1, v_w2, v_w3
        FROM video_daily_stat WHERE business_date BETWEEN in_period_start AND v_end;
    ELSEIF NOT v_by_day THEN
      SELECT COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * views), 0),
             COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * watch_seconds), 0),
             COALESCE(SUM((CRC32(video_id) MOD 65521 + 1) * ad_views), 0)
        INTO v_w1, v_w2, v_w3
        FROM video_period_stat WHERE period = 'MONTH' AND period_start BETWEEN in_period_start AND v_end;
    END IF;
    SET v_rows_off = (v_p1 <> v_w1 OR v_p2 <> v_w2 OR v_p3 <> v_w3);
  END IF;
  IF in_with_stats AND v_rows_off THEN
    SELECT MAX(x.video_id), MAX(x.views), MAX(x.watch_seconds), MAX(x.ad_views) INTO v_id, v_n1, v_n2, v_n3
      FROM (SELECT c.video_id, SUM(c.views) AS views, SUM(c.watch_seconds) AS watch_seconds, SUM(c.ad_views) AS ad_views
              FROM (SELECT video_id, views, watch_seconds, ad_views FROM video_period_stat
                     WHERE period = v_period AND period_start = in_period_start
                    UNION ALL
                    SELECT video_id, -views, -watch_seconds, -ad_views FROM video_daily_stat
                     WHERE v_by_day AND business_date BETWEEN in_period_start AND v_end
                    UNION ALL
                    SELECT video_id, -views, -watch_seconds, -ad_views FROM video_period_stat
                     WHERE NOT v_by_day AND period = 'MONTH' AND period_start BETWEEN in_period_start AND v_end) c
             GROUP BY c.video_id
            HAVING SUM(c.views) <> 0 OR SUM(c.watch_seconds) <> 0 OR SUM(c.ad_views) <> 0
             ORDER BY c.video_id
             LIMIT 1) x;
    IF v_id IS NOT NULL THEN
      SET v_message = LEFT(CONCAT('reconcile: video_period_stat ', v_period, ' ', in_period_start, ' video ', v_id,
                                  ' minus its ', v_parts, ': views ', v_n1, ', watch ', v_n2, ', ad views ', v_n3), 128);
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
  END IF;

  -- Settlement of videos.
  SELECT COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * views), 0),
         COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_views), 0),
         COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * video_revenue), 0),
         COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_revenue), 0)
    INTO v_p1, v_p2, v_p3, v_p4
    FROM video_period_settlement WHERE period = v_period AND period_start = in_period_start;
  IF v_by_day THEN
    CALL stored_day_sums('settlement', in_period_start, v_end, v_w1, v_w2, v_w3, v_w4, v_stored);
  END IF;
  IF v_by_day AND NOT (v_stored AND v_p1 = v_w1 AND v_p2 = v_w2 AND v_p3 = v_w3 AND v_p4 = v_w4) THEN
    SELECT COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * views), 0),
           COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_views), 0),
           COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * video_revenue), 0),
           COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_revenue), 0)
      INTO v_w1, v_w2, v_w3, v_w4
      FROM video_daily_settlement WHERE business_date BETWEEN in_period_start AND v_end;
  ELSEIF NOT v_by_day THEN
    SELECT COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * views), 0),
           COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_views), 0),
           COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * video_revenue), 0),
           COALESCE(SUM((CRC32(CONCAT(video_id, ':', creator_id)) MOD 65521 + 1) * ad_revenue), 0)
      INTO v_w1, v_w2, v_w3, v_w4
      FROM video_period_settlement WHERE period = 'MONTH' AND period_start BETWEEN in_period_start AND v_end;
  END IF;
  SET v_id = NULL;
  IF v_p1 <> v_w1 OR v_p2 <> v_w2 OR v_p3 <> v_w3 OR v_p4 <> v_w4 THEN
  SELECT MAX(x.video_id), MAX(x.creator_id), MAX(x.views), MAX(x.ad_views), MAX(x.video_revenue), MAX(x.ad_revenue)
    INTO v_id, v_id2, v_n1, v_n2, v_a, v_b
    FROM (SELECT c.video_id, c.creator_id, SUM(c.views) AS views, SUM(c.ad_views) AS ad_views,
                 SUM(c.video_revenue) AS video_revenue, SUM(c.ad_revenue) AS ad_revenue
            FROM (SELECT video_id, creator_id, views, ad_views, video_revenue, ad_revenue FROM video_period_settlement
                   WHERE period = v_period AND period_start = in_period_start
                  UNION ALL
                  SELECT video_id, creator_id, -views, -ad_views, -video_revenue, -ad_revenue FROM video_daily_settlement
                   WHERE v_by_day AND business_date BETWEEN in_period_start AND v_end
                  UNION ALL
                  SELECT video_id, creator_id, -views, -ad_views, -video_revenue, -ad_revenue FROM video_period_settlement
                   WHERE NOT v_by_day AND period = 'MONTH' AND period_start BETWEEN in_period_start AND v_end) c
           GROUP BY c.video_id, c.creator_id
          HAVING SUM(c.views) <> 0 OR SUM(c.ad_views) <> 0 OR SUM(c.video_revenue) <> 0 OR SUM(c.ad_revenue) <> 0
           ORDER BY c.video_id, c.creator_id
           LIMIT 1) x;
  END IF;
  IF v_id IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('reconcile: video_period_settlement ', v_period, ' ', in_period_start, ' video ', v_id,
                                ' minus its ', v_parts, ': views ', v_n1, ', ad views ', v_n2,
                                ', revenue ', v_a, ' / ', v_b), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- Creator statements.
  SELECT COALESCE(SUM((CRC32(creator_id) MOD 65521 + 1) * video_revenue), 0),
         COALESCE(SUM((CRC32(creator_id) MOD 65521 + 1) * ad_revenue), 0)
    INTO v_p1, v_p2
    FROM creator_statement WHERE period = v_period AND period_start = in_period_start;
  IF v_by_day THEN
    CALL stored_day_sums('statement', in_period_start, v_end, v_w1, v_w2, v_w3, v_w4, v_stored);
  END IF;
  IF NOT v_by_day OR NOT (v_stored AND v_p1 = v_w1 AND v_p2 = v_w2) THEN
    SELECT COALESCE(SUM((CRC32(creator_id) MOD 65521 + 1) * video_revenue), 0),
           COALESCE(SUM((CRC32(creator_id) MOD 65521 + 1) * ad_revenue), 0)
      INTO v_w1, v_w2
      FROM creator_statement
     WHERE period = IF(v_by_day, 'DAY', 'MONTH') AND period_start BETWEEN in_period_start AND v_end;
  END IF;
  SET v_id = NULL;
  IF v_p1 <> v_w1 OR v_p2 <> v_w2 THEN
  SELECT MAX(x.creator_id), MAX(x.video_revenue), MAX(x.ad_revenue) INTO v_id, v_a, v_b
    FROM (SELECT c.creator_id, SUM(c.video_revenue) AS video_revenue, SUM(c.ad_revenue) AS ad_revenue
            FROM (SELECT creator_id, video_revenue, ad_revenue FROM creator_statement
                   WHERE period = v_period AND period_start = in_period_start
                  UNION ALL
                  SELECT creator_id, -video_revenue, -ad_revenue FROM creator_statement
                   WHERE v_by_day AND period = 'DAY' AND period_start BETWEEN in_period_start AND v_end
                  UNION ALL
                  SELECT creator_id, -video_revenue, -ad_revenue FROM creator_statement
                   WHERE NOT v_by_day AND period = 'MONTH' AND period_start BETWEEN in_period_start AND v_end) c
           GROUP BY c.creator_id
          HAVING SUM(c.video_revenue) <> 0 OR SUM(c.ad_revenue) <> 0
           ORDER BY c.creator_id
           LIMIT 1) x;
  END IF;
  IF v_id IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('reconcile: creator_statement ', v_period, ' ', in_period_start, ' creator ', v_id,
                                ' minus its ', v_parts, ': video ', v_a, ', ad ', v_b), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END
