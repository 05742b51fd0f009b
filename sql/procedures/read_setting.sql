-- read_setting(in_name, out_value): a value from the setting table, or an error naming it.
--
-- Description: procedures read their tunables (business time zone, the 30-second repeat
--   gap, the Top-N size, ...) from the setting table, never from constants, so a DBA
--   changes them in one place.
-- Parameters: in_name    the setting's name, e.g. 'counting.repeat_gap_sec'
--             out_value  its value (VARCHAR)
--   A setting that does not exist raises SQLSTATE 45000 naming it.
-- Locking: a consistent read of one row.
-- Example: CALL read_setting('business.utc_offset', @v); SELECT @v;
CREATE PROCEDURE read_setting(IN in_name VARCHAR(64), OUT out_value VARCHAR(255))
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'A value of the setting table. Example: CALL read_setting(''business.utc_offset'', @v)'
BEGIN
  DECLARE v_message VARCHAR(128);
  SET out_value = NULL;
  SELECT value INTO out_value FROM setting WHERE name = in_name;
  IF out_value IS NULL THEN
    SET v_message = CONCAT('read_setting: no setting named ', COALESCE(in_name, 'NULL'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END
