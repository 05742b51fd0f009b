-- setting_value(in_name): a value from the setting table, or an error naming the setting.
--
-- Description: procedures read their tunables (business time zone, the 30-second repeat
--   gap, ...) from the setting table, never from constants, so a DBA changes them in one place.
-- Parameters: in_name  the setting's name, e.g. 'counting.repeat_gap_sec'
-- Returns: VARCHAR(255); raises SQLSTATE 45000 when the setting does not exist.
-- Locking: a consistent read of one row.
-- Example: SELECT setting_value('business.utc_offset');
CREATE FUNCTION setting_value(in_name VARCHAR(64))
RETURNS VARCHAR(255)
NOT DETERMINISTIC READS SQL DATA SQL SECURITY INVOKER
COMMENT 'A value of the setting table. Example: SELECT setting_value(''business.utc_offset'')'
BEGIN
  DECLARE v_value VARCHAR(255) DEFAULT NULL;
  DECLARE v_message VARCHAR(128);
  SELECT value INTO v_value FROM setting WHERE name = in_name;
  IF v_value IS NULL THEN
    SET v_message = CONCAT('setting_value: no setting named ', in_name);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  RETURN v_value;
END
