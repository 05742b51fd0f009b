-- period_start(in_period, in_date): the first day of the period that contains in_date.
--
-- Description: SPEC 6 periods: DAY is the date itself; WEEK is the ISO week, Monday to
--   Sunday, named by its Monday (a week that spans 31 December belongs to one week);
--   MONTH is named by its first day; YEAR by 1 January.
-- Parameters: in_period  'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive)
--             in_date    any date
-- Returns: DATE; raises SQLSTATE 45000 for an unknown period.
-- Locking: none (pure function).
-- Example: SELECT period_start('WEEK', '2027-01-01');  -- 2026-12-28
CREATE FUNCTION period_start(in_period VARCHAR(8), in_date DATE)
RETURNS DATE
DETERMINISTIC NO SQL SQL SECURITY INVOKER
COMMENT 'First day of the DAY/WEEK/MONTH/YEAR period containing a date. Example: SELECT period_start(''WEEK'', ''2027-01-01'')'
BEGIN
  CASE UPPER(in_period)
    WHEN 'DAY'   THEN RETURN in_date;
    WHEN 'WEEK'  THEN RETURN in_date - INTERVAL WEEKDAY(in_date) DAY;
    WHEN 'MONTH' THEN RETURN in_date - INTERVAL (DAYOFMONTH(in_date) - 1) DAY;
    WHEN 'YEAR'  THEN RETURN MAKEDATE(YEAR(in_date), 1);
    ELSE SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'period_start: in_period must be DAY, WEEK, MONTH or YEAR';
  END CASE;
END
