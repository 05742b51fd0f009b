-- period_bounds(in_period, in_date, out_start, out_end): the first and last day of the
-- DAY, WEEK, MONTH or YEAR period that contains in_date.
--
-- Description: SPEC 6 periods, written once: DAY is the date itself; WEEK is the ISO
--   week, Monday to Sunday, named by its Monday (a week that spans 31 December is one
--   week); MONTH is named by its first day; YEAR by 1 January. A period is the closed
--   range [out_start, out_end] of business dates. Every routine that needs a period's
--   bounds calls this procedure (there are no stored functions: a binlogged primary
--   would need SUPER to create them).
-- Parameters: in_period  'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive)
--             in_date    any date
--             out_start  the period's first day
--             out_end    the period's last day
--   An unknown period or a NULL date raise SQLSTATE 45000.
-- Locking: none (computes only).
-- Example: CALL period_bounds('WEEK', '2027-01-01', @s, @e); SELECT @s, @e;  -- 2026-12-28, 2027-01-03
CREATE PROCEDURE period_bounds(IN in_period VARCHAR(8), IN in_date DATE, OUT out_start DATE, OUT out_end DATE)
DETERMINISTIC NO SQL SQL SECURITY INVOKER
COMMENT 'First and last day of the DAY/WEEK/MONTH/YEAR period containing a date. Example: CALL period_bounds(''WEEK'', ''2027-01-01'', @s, @e)'
BEGIN
  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'period_bounds: in_date must not be NULL';
  END IF;
  CASE UPPER(COALESCE(in_period, ''))
    WHEN 'DAY' THEN
      SET out_start = in_date, out_end = in_date;
    WHEN 'WEEK' THEN
      SET out_start = in_date - INTERVAL WEEKDAY(in_date) DAY, out_end = out_start + INTERVAL 6 DAY;
    WHEN 'MONTH' THEN
      SET out_start = in_date - INTERVAL (DAYOFMONTH(in_date) - 1) DAY, out_end = LAST_DAY(in_date);
    WHEN 'YEAR' THEN
      SET out_start = MAKEDATE(YEAR(in_date), 1), out_end = out_start + INTERVAL 1 YEAR - INTERVAL 1 DAY;
    ELSE
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'period_bounds: in_period must be DAY, WEEK, MONTH or YEAR';
  END CASE;
END
