-- business_today(out_date): today's date in the business time zone (SPEC 3).
--
-- Description: the business date of UTC_TIMESTAMP() (setting business.utc_offset).
-- Parameters: out_date  DATE
-- Locking: a consistent read of the setting row.
-- Example: CALL business_today(@d); SELECT @d;
CREATE PROCEDURE business_today(OUT out_date DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Today in the business time zone. Example: CALL business_today(@d)'
BEGIN
  DECLARE v_offset INT;
  CALL business_offset_minutes(v_offset);
  SET out_date = DATE(UTC_TIMESTAMP() + INTERVAL v_offset MINUTE);
END
