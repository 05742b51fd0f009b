-- stored_day_sums(in_part, in_from, in_to, out_w1, out_w2, out_w3, out_w4, out_complete): the
-- sum of the stored day sums of one part over a span of days, for reconcile_period.
--
-- Description: adds up reconciled_day_sum over in_from .. in_to for in_part ('stat',
--   'settlement' or 'statement'). out_complete is FALSE when a day of the span has daily
--   rows of that part but no stored sum (a day reconciled before V022): the caller then
--   reads the days' rows instead. Finding the days with rows is one index dive per day
--   (the daily tables' primary keys start with the date).
-- Parameters: in_part  the part; in_from, in_to  the span, inclusive
--             out_w1 .. out_w4  the sums; out_complete  whether every day with rows had one
-- Locking: consistent reads.
-- Example: CALL stored_day_sums('stat', '2026-11-01', '2026-11-30', @a, @b, @c, @d, @ok);
CREATE PROCEDURE stored_day_sums(IN in_part VARCHAR(16), IN in_from DATE, IN in_to DATE,
                                 OUT out_w1 DECIMAL(40,2), OUT out_w2 DECIMAL(40,2),
                                 OUT out_w3 DECIMAL(40,2), OUT out_w4 DECIMAL(40,2), OUT out_complete BOOLEAN)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Sum of the stored day sums of a part over a span of days. Example: CALL stored_day_sums(''stat'', ''2026-11-01'', ''2026-11-30'', @a, @b, @c, @d, @ok)'
BEGIN
  SELECT COALESCE(SUM(w1), 0), COALESCE(SUM(w2), 0), COALESCE(SUM(w3), 0), COALESCE(SUM(w4), 0)
    INTO out_w1, out_w2, out_w3, out_w4
    FROM reconciled_day_sum WHERE part = in_part AND business_date BETWEEN in_from AND in_to;
  IF in_part = 'stat' THEN
    SET out_complete = NOT EXISTS (
      SELECT 1 FROM (SELECT DISTINCT business_date FROM video_daily_stat WHERE business_date BETWEEN in_from AND in_to) d
       WHERE NOT EXISTS (SELECT 1 FROM reconciled_day_sum s WHERE s.business_date = d.business_date AND s.part = 'stat'));
  ELSEIF in_part = 'settlement' THEN
    SET out_complete = NOT EXISTS (
      SELECT 1 FROM (SELECT DISTINCT business_date FROM video_daily_settlement
                      WHERE business_date BETWEEN in_from AND in_to) d
       WHERE NOT EXISTS (SELECT 1 FROM reconciled_day_sum s WHERE s.business_date = d.business_date
                            AND s.part = 'settlement'));
  ELSE
    SET out_complete = NOT EXISTS (
      SELECT 1 FROM (SELECT DISTINCT period_start FROM creator_statement
                      WHERE period = 'DAY' AND period_start BETWEEN in_from AND in_to) d
       WHERE NOT EXISTS (SELECT 1 FROM reconciled_day_sum s WHERE s.business_date = d.period_start
                            AND s.part = 'statement'));
  END IF;
END
