-- split_log_catch_all(in_table, in_source, in_from, in_to): daily partitions for the days
-- [in_from, in_to] split out of a log table's catch-all partition(s).
--
-- Description: the one REORGANIZE PARTITION statement of the layout V001 sets up (p_before,
--   contiguous daily pYYYYMMDD partitions, p_future). in_source names what is split:
--     'p_before'           -> p_before < in_from, then the days (adding days below);
--     'p_future'           -> the days, then p_future MAXVALUE (adding days above);
--     'p_before, p_future' -> p_before < in_from, the days, p_future (a table without days).
--   Callers check that the split part is empty, so the statement moves no rows and is cheap
--   (ensure_day_partitions), or mean to move them (repair_log_catch_alls).
-- Parameters: in_table   view_log or ad_view_log (any table laid out like them)
--             in_source  see above; anything else raises SQLSTATE 45000
--             in_from, in_to  the days, in_from <= in_to
-- Locking: ALTER TABLE takes the table's metadata lock; it waits at most setting
--   partitions.ddl_lock_wait_sec (30 s) for it, then fails with 1205.
-- Example: CALL split_log_catch_all('view_log', 'p_future', '2026-11-21', '2026-11-28');
CREATE PROCEDURE split_log_catch_all(IN in_table VARCHAR(64), IN in_source VARCHAR(32),
                                     IN in_from DATE, IN in_to DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Splits daily partitions for [in_from, in_to] out of p_before and/or p_future. Example: CALL split_log_catch_all(''view_log'', ''p_future'', ''2026-11-21'', ''2026-11-28'')'
BEGIN
  DECLARE v_saved_lock_wait BIGINT DEFAULT @@SESSION.lock_wait_timeout;
  DECLARE v_ddl_wait BIGINT DEFAULT 30;
  DECLARE v_day DATE DEFAULT in_from;
  DECLARE v_parts MEDIUMTEXT DEFAULT '';
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET SESSION lock_wait_timeout = v_saved_lock_wait;
    RESIGNAL;
  END;

  IF in_source NOT IN ('p_before', 'p_future', 'p_before, p_future') OR in_from IS NULL OR in_to IS NULL
     OR in_from > in_to THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'split_log_catch_all: in_source must be p_before, p_future or both, and in_from <= in_to';
  END IF;
  SELECT COALESCE(MAX(CAST(value AS UNSIGNED)), 30) INTO v_ddl_wait
    FROM setting WHERE name = 'partitions.ddl_lock_wait_sec';

  IF in_source <> 'p_future' THEN
    SET v_parts = CONCAT('PARTITION p_before VALUES LESS THAN (''', in_from, '''), ');
  END IF;
  WHILE v_day <= in_to DO
    SET v_parts = CONCAT(v_parts, 'PARTITION p', DATE_FORMAT(v_day, '%Y%m%d'),
                         ' VALUES LESS THAN (''', v_day + INTERVAL 1 DAY, '''), ');
    SET v_day = v_day + INTERVAL 1 DAY;
  END WHILE;
  IF in_source <> 'p_before' THEN
    SET v_parts = CONCAT(v_parts, 'PARTITION p_future VALUES LESS THAN (MAXVALUE), ');
  END IF;
  SET @split_log_catch_all_sql = CONCAT('ALTER TABLE `', in_table, '` REORGANIZE PARTITION ', in_source,
                                        ' INTO (', LEFT(v_parts, CHAR_LENGTH(v_parts) - 2), ')');
  SET SESSION lock_wait_timeout = v_ddl_wait;
  PREPARE split_log_catch_all_stmt FROM @split_log_catch_all_sql;
  EXECUTE split_log_catch_all_stmt;
  DEALLOCATE PREPARE split_log_catch_all_stmt;
  SET SESSION lock_wait_timeout = v_saved_lock_wait;
  SET @split_log_catch_all_sql = NULL;
END
