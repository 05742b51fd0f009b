-- split_log_partition(in_table, in_partitions, in_lower, in_upper): one REORGANIZE PARTITION
-- that gives the runs of days in tmp_split_run day partitions of their own, the rest of the
-- reorganised range becoming gap partitions (or staying p_before / p_future).
--
-- Description: the one statement that changes the layout described in day_partition_range.
--   The caller lists the runs (first_day .. last_day, ascending, not overlapping, all inside
--   [in_lower, in_upper)) in the session's temporary table
--     tmp_split_run (first_day DATE PRIMARY KEY, last_day DATE NOT NULL)
--   and names what is rebuilt: in_partitions is one partition (p_before, a gap, p_future, or
--   any partition between them) or 'p_before, p_future' (a table with only the catch-alls).
--   The new partitions, in order:
--     in_lower NULL (p_before is rebuilt): p_before VALUES LESS THAN (the first run's first day);
--     for each run: what lies before it (from in_lower, or from the previous run's next day)
--       as a gap gYYYYMMDD (two days or more) or a day partition (one day), then pYYYYMMDD
--       for each of its days;
--     in_upper NULL (p_future is rebuilt): p_future VALUES LESS THAN (MAXVALUE); otherwise
--       what is left up to in_upper, as a gap or a day partition.
--   e.g. g20240301 (2024-03-01 .. 2026-11-19) with the run 2025-01-01 .. 2025-01-01 becomes
--   g20240301<'2025-01-01' p20250101<'2025-01-02' g20250102<'2026-11-20'.
--   REORGANIZE copies the rows of the rebuilt partitions: ensure_day_partition_runs only calls
--   this for an empty partition (instant), repair_log_catch_alls for one whose rows it means
--   to move. Refuses (SQLSTATE 45000) a run outside [in_lower, in_upper), and a result of more
--   than 8192 partitions (both servers' limit), before changing anything.
-- Parameters: in_table       a log table (or its archive) laid out as above
--             in_partitions  the partition(s) to rebuild, see above
--             in_lower       first day of the rebuilt range; NULL when it starts with p_before
--             in_upper       VALUES LESS THAN of the rebuilt range; NULL when it ends with p_future
-- Locking: the caller holds the partitions lock (lock_partitions). ALTER TABLE takes
--   the table's metadata lock; it waits at most setting partitions.ddl_lock_wait_sec (30 s)
--   for it, then fails with 1205. Commits (implicit commit of the ALTER).
-- Example: CREATE TEMPORARY TABLE tmp_split_run (first_day DATE PRIMARY KEY, last_day DATE NOT NULL);
--          INSERT INTO tmp_split_run VALUES ('2025-01-01', '2025-01-01');
--          CALL split_log_partition('view_log', 'g20240301', '2024-03-01', '2026-11-20');
CREATE PROCEDURE split_log_partition(IN in_table VARCHAR(64), IN in_partitions VARCHAR(64),
                                     IN in_lower DATE, IN in_upper DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'One REORGANIZE PARTITION: day partitions for the runs in tmp_split_run, gaps around them. Example: CALL split_log_partition(''view_log'', ''p_future'', ''2026-11-21'', NULL)'
BEGIN
  DECLARE v_max_partitions INT DEFAULT 8192;  -- both servers' limit per table
  DECLARE v_saved_lock_wait BIGINT DEFAULT @@SESSION.lock_wait_timeout;
  DECLARE v_ddl_wait BIGINT DEFAULT 30;
  DECLARE v_runs INT;
  DECLARE v_min DATE;
  DECLARE v_max DATE;
  DECLARE v_run_first DATE;
  DECLARE v_run_last DATE;
  DECLARE v_next DATE;     -- first day not yet laid out
  DECLARE v_day DATE;
  DECLARE v_stop BOOLEAN DEFAULT FALSE;
  DECLARE v_rebuilt INT;
  DECLARE v_have INT;
  DECLARE v_new INT DEFAULT 0;
  DECLARE v_parts MEDIUMTEXT DEFAULT '';
  DECLARE v_chunk TEXT DEFAULT '';
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET SESSION lock_wait_timeout = v_saved_lock_wait;
    RESIGNAL;
  END;

  SELECT COUNT(*), MIN(first_day), MAX(last_day), SUM(last_day < first_day)
    INTO v_runs, v_min, v_max, v_rebuilt
    FROM tmp_split_run;
  IF in_table IS NULL OR in_partitions IS NULL OR v_runs = 0 OR v_rebuilt > 0
     OR (in_lower IS NOT NULL AND v_min < in_lower) OR (in_upper IS NOT NULL AND v_max >= in_upper)
     OR v_min < '1970-01-02' OR v_max > '9999-12-30' THEN
    SET v_message = CONCAT('split_log_partition: ', IFNULL(in_table, 'NULL'), ' ', IFNULL(in_partitions, 'NULL'),
                           ': the runs of tmp_split_run (', IFNULL(v_min, 'none'), ' .. ', IFNULL(v_max, 'none'),
                           ') must lie in ', IFNULL(in_lower, 'p_before'), ' .. ', IFNULL(in_upper, 'p_future'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SELECT COALESCE(MAX(CAST(value AS UNSIGNED)), 30) INTO v_ddl_wait
    FROM setting WHERE name = 'partitions.ddl_lock_wait_sec';

  -- The new partitions, run by run (days appended through a small chunk: one long string
  -- grown by every day would be copied once per day).
  IF in_lower IS NULL THEN
    SET v_parts = CONCAT('PARTITION p_before VALUES LESS THAN (''', v_min, '''), '), v_new = 1;
    SET v_next = v_min;
  ELSE
    SET v_next = in_lower;
  END IF;
  SET v_run_first = v_min;
  WHILE NOT v_stop DO
    IF v_run_first IS NULL THEN
      -- After the last run: p_future, or what is left up to in_upper.
      SET v_stop = TRUE, v_run_first = in_upper;
    ELSE
      SELECT last_day INTO v_run_last FROM tmp_split_run WHERE first_day = v_run_first;
    END IF;
    IF v_run_first IS NOT NULL AND v_run_first > v_next THEN
      SET v_parts = CONCAT(v_parts, 'PARTITION ', IF(DATEDIFF(v_run_first, v_next) = 1, 'p', 'g'),
                           DATE_FORMAT(v_next, '%Y%m%d'), ' VALUES LESS THAN (''', v_run_first, '''), '),
          v_new = v_new + 1;
    END IF;
    IF NOT v_stop THEN
      SET v_day = v_run_first, v_chunk = '';
      WHILE v_day <= v_run_last DO
        SET v_chunk = CONCAT(v_chunk, 'PARTITION p', DATE_FORMAT(v_day, '%Y%m%d'),
                             ' VALUES LESS THAN (''', v_day + INTERVAL 1 DAY, '''), '),
            v_day = v_day + INTERVAL 1 DAY, v_new = v_new + 1;
        IF CHAR_LENGTH(v_chunk) > 8000 THEN
          SET v_parts = CONCAT(v_parts, v_chunk), v_chunk = '';
        END IF;
      END WHILE;
      SET v_parts = CONCAT(v_parts, v_chunk), v_next = v_run_last + INTERVAL 1 DAY;
      SET v_run_first = (SELECT MIN(first_day) FROM tmp_split_run WHERE first_day > v_run_last);
    END IF;
  END WHILE;
  IF in_upper IS NULL THEN
    SET v_parts = CONCAT(v_parts, 'PARTITION p_future VALUES LESS THAN (MAXVALUE), '), v_new = v_new + 1;
  END IF;

  SELECT COUNT(*), SUM(FIND_IN_SET(PARTITION_NAME, REPLACE(in_partitions, ' ', '')) > 0)
    INTO v_have, v_rebuilt
    FROM information_schema.PARTITIONS
   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = in_table;
  IF v_have - v_rebuilt + v_new > v_max_partitions THEN
    SET v_message = CONCAT('split_log_partition: ', in_table, ' would have ', v_have - v_rebuilt + v_new,
                           ' partitions (days ', v_min, ' .. ', v_max, '); both servers allow ', v_max_partitions);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  SET @split_log_partition_sql = CONCAT('ALTER TABLE `', in_table, '` REORGANIZE PARTITION ', in_partitions,
                                        ' INTO (', LEFT(v_parts, CHAR_LENGTH(v_parts) - 2), ')');
  SET SESSION lock_wait_timeout = v_ddl_wait;
  PREPARE split_log_partition_stmt FROM @split_log_partition_sql;
  EXECUTE split_log_partition_stmt;
  DEALLOCATE PREPARE split_log_partition_stmt;
  SET SESSION lock_wait_timeout = v_saved_lock_wait;
  SET @split_log_partition_sql = NULL;
END
