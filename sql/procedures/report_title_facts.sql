-- report_title_facts(in_period, in_date, in_limit): what a report's title says: the
-- period's first and last day and the Top-N size in effect.
--
-- Description: one row (period_start, period_end, top_limit): the bounds of the DAY, WEEK,
--   MONTH or YEAR period containing in_date (period_bounds), and in_limit, or setting
--   ranking.default_limit when in_limit is NULL and in_want_limit is TRUE (else NULL).
-- Parameters: in_period  'DAY', 'WEEK', 'MONTH' or 'YEAR'
--             in_date    any date of the period
--             in_limit   the ranking's --limit, or NULL
--             in_want_limit  TRUE for a ranking (its default size is read), FALSE otherwise
-- Locking: consistent reads only; safe on a read replica.
-- Example: CALL report_title_facts('MONTH', '2026-11-18', NULL, TRUE);
CREATE PROCEDURE report_title_facts(IN in_period VARCHAR(8), IN in_date DATE, IN in_limit INT,
                                    IN in_want_limit BOOLEAN)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'A report title''s period bounds and Top-N size. Example: CALL report_title_facts(''MONTH'', ''2026-11-18'', NULL, TRUE)'
BEGIN
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  DECLARE v_limit VARCHAR(255) DEFAULT in_limit;
  CALL period_bounds(in_period, in_date, v_start, v_end);
  IF in_want_limit AND v_limit IS NULL THEN
    CALL read_setting('ranking.default_limit', v_limit);
  END IF;
  SELECT v_start AS period_start, v_end AS period_end, v_limit AS top_limit;
END
