-- period_end(in_period, in_date): the last day of the period that contains in_date.
--
-- Description: companion of period_start (SPEC 6): a period is the closed range
--   [period_start, period_end] of business dates.
-- Parameters: in_period  'DAY', 'WEEK', 'MONTH' or 'YEAR'
--             in_date    any date
-- Returns: DATE; raises SQLSTATE 45000 for an unknown period.
-- Locking: none (pure function).
-- Example: SELECT period_end('MONTH', '2024-02-10');  -- 2024-02-29
CREATE FUNCTION period_end(in_period VARCHAR(8), in_date DATE)
RETURNS DATE
DETERMINISTIC NO SQL SQL SECURITY INVOKER
COMMENT 'Last day of the DAY/WEEK/MONTH/YEAR period containing a date. Example: SELECT period_end(''MONTH'', ''2024-02-10'')'
BEGIN
  CASE UPPER(in_period)
    WHEN 'DAY'   THEN RETURN in_date;
    WHEN 'WEEK'  THEN RETURN period_start('WEEK', in_date) + INTERVAL 6 DAY;
    WHEN 'MONTH' THEN RETURN LAST_DAY(in_date);
    WHEN 'YEAR'  THEN RETURN MAKEDATE(YEAR(in_date), 1) + INTERVAL 1 YEAR - INTERVAL 1 DAY;
    ELSE SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'period_end: in_period must be DAY, WEEK, MONTH or YEAR';
  END CASE;
END
