-- day_partition_range(in_table, out_lo, out_hi, out_partitions): the days a table's daily
-- partitions cover, read from information_schema.
--
-- Description: for a table laid out as V001 lays out view_log (p_before, daily partitions,
--   p_future MAXVALUE), out_lo is the bound of p_before (the lowest daily day) and out_hi the
--   highest daily day (the bound of the partition before p_future, minus a day), so the
--   daily partitions cover [out_lo, out_hi]. With no daily partition (only the two
--   catch-alls), out_lo is p_before's bound and out_hi the day before: an empty range at the
--   point where the catch-alls meet. out_partitions counts all partitions, catch-alls
--   included: it is out_hi - out_lo + 3 exactly when every partition in between covers one
--   day (check_log_partitions reports any that does not).
-- Parameters: in_table        name of a table in the current database
--             out_lo, out_hi  DATE, see above
--             out_partitions  INT
--             A table not laid out that way raises SQLSTATE 45000 naming it.
-- Locking: reads information_schema only (the table's metadata, no row locks).
-- Example: CALL day_partition_range('view_log', @lo, @hi, @n); SELECT @lo, @hi, @n;
CREATE PROCEDURE day_partition_range(IN in_table VARCHAR(64), OUT out_lo DATE, OUT out_hi DATE,
                                     OUT out_partitions INT)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Lowest and highest day of a table''s daily partitions. Example: CALL day_partition_range(''view_log'', @lo, @hi, @n)'
BEGIN
  DECLARE v_first_name VARCHAR(64);
  DECLARE v_first_bound VARCHAR(255);
  DECLARE v_last_name VARCHAR(64);
  DECLARE v_last_bound VARCHAR(255);
  DECLARE v_high_bound VARCHAR(255);
  DECLARE v_message VARCHAR(255);

  SELECT COUNT(*),
         MAX(CASE WHEN PARTITION_ORDINAL_POSITION = 1 THEN PARTITION_NAME END),
         MAX(CASE WHEN PARTITION_ORDINAL_POSITION = 1 THEN PARTITION_DESCRIPTION END)
    INTO out_partitions, v_first_name, v_first_bound
    FROM information_schema.PARTITIONS
   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = in_table;
  SELECT MAX(CASE WHEN PARTITION_ORDINAL_POSITION = out_partitions THEN PARTITION_NAME END),
         MAX(CASE WHEN PARTITION_ORDINAL_POSITION = out_partitions THEN PARTITION_DESCRIPTION END),
         MAX(CASE WHEN PARTITION_ORDINAL_POSITION = out_partitions - 1 THEN PARTITION_DESCRIPTION END)
    INTO v_last_name, v_last_bound, v_high_bound
    FROM information_schema.PARTITIONS
   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = in_table;
  IF out_partitions < 2 OR v_first_name IS NULL OR v_first_name <> 'p_before'
     OR v_last_name <> 'p_future' OR v_last_bound <> 'MAXVALUE' THEN
    SET v_message = CONCAT('day_partition_range: ', IFNULL(in_table, 'NULL'),
                           ' is not laid out as (p_before, daily partitions, p_future MAXVALUE)');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET out_lo = CAST(REPLACE(v_first_bound, '''', '') AS DATE);
  IF out_partitions = 2 THEN
    SET out_hi = out_lo - INTERVAL 1 DAY;
  ELSE
    SET out_hi = CAST(REPLACE(v_high_bound, '''', '') AS DATE) - INTERVAL 1 DAY;
  END IF;
END
