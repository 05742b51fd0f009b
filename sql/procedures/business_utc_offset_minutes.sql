-- business_utc_offset_minutes(): the business time zone as minutes east of UTC.
--
-- Description: parses setting business.utc_offset ('+09:00' -> 540, '-05:30' -> -330).
-- Parameters: none
-- Returns: INT
-- Locking: a consistent read of the setting row.
-- Example: SELECT business_utc_offset_minutes();  -- 540
CREATE FUNCTION business_utc_offset_minutes()
RETURNS INT
NOT DETERMINISTIC READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Business time zone offset in minutes. Example: SELECT business_utc_offset_minutes()'
BEGIN
  DECLARE v_offset VARCHAR(255) DEFAULT setting_value('business.utc_offset');
  RETURN (CASE WHEN LEFT(v_offset, 1) = '-' THEN -1 ELSE 1 END)
         * (CAST(SUBSTRING(v_offset, 2, 2) AS UNSIGNED) * 60 + CAST(SUBSTRING(v_offset, 5, 2) AS UNSIGNED));
END
