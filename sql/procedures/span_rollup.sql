-- span_rollup(in_from, in_to, out_rollup): checks a span of business dates and names the
-- rows that hold its sums.
--
-- Description: SPEC 10 spans. A report covers the closed range [in_from, in_to] of business
--   dates, at most 366 days. When the span is exactly one WEEK (ISO, Monday to Sunday),
--   MONTH or YEAR, that period's rollup rows hold its sums (video_period_stat,
--   video_period_settlement, creator_statement) and out_rollup names the period; any other
--   span (one day included) is summed from the daily rows and out_rollup is 'DAY'. Both
--   give the same figures: a rollup row is the sum of its days (reconcile_date checks it).
--   Every *_span report procedure calls this first, so a DBA's call is checked like the
--   program's.
-- Parameters: in_from     the first day
--             in_to       the last day (>= in_from, at most 365 days after it)
--             out_rollup  'WEEK', 'MONTH' or 'YEAR' (read that rollup) or 'DAY' (sum the days)
--   A NULL day, in_to before in_from or a span longer than 366 days raise SQLSTATE 45000.
-- Locking: none (computes only).
-- Example: CALL span_rollup('2026-11-01', '2026-11-30', @r); SELECT @r;  -- MONTH
CREATE PROCEDURE span_rollup(IN in_from DATE, IN in_to DATE, OUT out_rollup VARCHAR(8))
DETERMINISTIC NO SQL SQL SECURITY INVOKER
COMMENT 'Checks a span of at most 366 days and names the rollup (WEEK/MONTH/YEAR) that holds its sums, or DAY. Example: CALL span_rollup(''2026-11-01'', ''2026-11-30'', @r)'
BEGIN
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  IF in_from IS NULL OR in_to IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'span_rollup: in_from and in_to must not be NULL';
  END IF;
  IF in_to < in_from THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'span_rollup: in_to must not be before in_from';
  END IF;
  IF DATEDIFF(in_to, in_from) >= 366 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'span_rollup: a span has at most 366 days';
  END IF;
  -- Only a span of a period's length can be that period (7 days, 28 to 31, 365 or 366):
  -- period_bounds, which knows where periods start, is asked about that one alone.
  SET out_rollup = CASE WHEN DATEDIFF(in_to, in_from) = 6 THEN 'WEEK'
                        WHEN DATEDIFF(in_to, in_from) BETWEEN 27 AND 30 THEN 'MONTH'
                        WHEN DATEDIFF(in_to, in_from) >= 364 THEN 'YEAR'
                        ELSE 'DAY' END;
  IF out_rollup <> 'DAY' THEN
    CALL period_bounds(out_rollup, in_from, v_start, v_end);
    IF v_start <> in_from OR v_end <> in_to THEN SET out_rollup = 'DAY'; END IF;
  END IF;
END
