-- period_starts_of_days(): the WEEK, MONTH and YEAR start of every day of a set, for
-- set-based code (period_bounds, the one place periods are defined, per day).
--
-- Description: reads the session's temporary table tmp_period_day (business_date DATE,
--   the days) and (re)creates tmp_period_start (business_date, period, start_date): three
--   rows per day. Callers join it where they add a day's change to its periods.
-- Parameters: none (the temporary tables above).
-- Locking: none (temporary tables only).
-- Example: CREATE TEMPORARY TABLE tmp_period_day (business_date DATE PRIMARY KEY);
--          INSERT INTO tmp_period_day VALUES ('2027-01-01'); CALL period_starts_of_days();
--          SELECT * FROM tmp_period_start;
CREATE PROCEDURE period_starts_of_days()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'WEEK/MONTH/YEAR starts of the days in tmp_period_day, into tmp_period_start. Example: CALL period_starts_of_days()'
BEGIN
  DECLARE v_day DATE;
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  DROP TEMPORARY TABLE IF EXISTS tmp_period_start;
  CREATE TEMPORARY TABLE tmp_period_start (
    business_date DATE       NOT NULL,
    period        VARCHAR(8) NOT NULL,
    start_date    DATE       NOT NULL,
    PRIMARY KEY (business_date, period)
  ) ENGINE=MEMORY;
  SELECT MIN(business_date) INTO v_day FROM tmp_period_day;
  WHILE v_day IS NOT NULL DO
    CALL period_bounds('WEEK', v_day, v_start, v_end);
    INSERT INTO tmp_period_start VALUES (v_day, 'WEEK', v_start);
    CALL period_bounds('MONTH', v_day, v_start, v_end);
    INSERT INTO tmp_period_start VALUES (v_day, 'MONTH', v_start);
    CALL period_bounds('YEAR', v_day, v_start, v_end);
    INSERT INTO tmp_period_start VALUES (v_day, 'YEAR', v_start);
    SELECT MIN(business_date) INTO v_day FROM tmp_period_day WHERE business_date > v_day;
  END WHILE;
END
