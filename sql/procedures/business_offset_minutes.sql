-- business_offset_minutes(out_minutes): the business time zone as minutes east of UTC.
--
-- Description: parses setting business.utc_offset ('+09:00' -> 540, '-05:30' -> -330).
--   Set-based code reads it once and dates rows inline: DATE(utc + INTERVAL m MINUTE) is
--   the business date of a UTC instant (SPEC 3).
-- Parameters: out_minutes  INT
-- Locking: a consistent read of the setting row.
-- Example: CALL business_offset_minutes(@m); SELECT @m;  -- 540
CREATE PROCEDURE business_offset_minutes(OUT out_minutes INT)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Business time zone offset in minutes east of UTC. Example: CALL business_offset_minutes(@m)'
BEGIN
  DECLARE v_offset VARCHAR(255);
  CALL read_setting('business.utc_offset', v_offset);
  SET out_minutes = (CASE WHEN LEFT(v_offset, 1) = '-' THEN -1 ELSE 1 END)
                    * (CAST(SUBSTRING(v_offset, 2, 2) AS UNSIGNED) * 60 + CAST(SUBSTRING(v_offset, 5, 2) AS UNSIGNED));
END
