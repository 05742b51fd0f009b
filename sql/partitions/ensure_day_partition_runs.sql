-- ensure_day_partition_runs(in_table, out_notice): give one table a day partition for every
-- day of the runs listed in the session's temporary table tmp_partition_run.
--
-- Description: the building block of every ensure: ensure_log_partitions_for_runs calls it
--   for both log tables (for ensure_log_partitions' span and ensure_log_partitions_for_days'
--   scattered days of a load), ensure_day_partitions for one table's span (the archive
--   tables). The caller lists the runs of days, ascending and not overlapping, in
--     tmp_partition_run (first_day DATE PRIMARY KEY, last_day DATE NOT NULL)
--   The table is laid out as day_partition_range describes: p_before, day partitions
--   pYYYYMMDD and gap partitions gYYYYMMDD in date order, p_future MAXVALUE. Days that
--   already have their day partition are left alone (idempotent). Every other partition the
--   runs overlap (p_before, a gap, p_future, or an odd hand-made partition) is split by ONE
--   REORGANIZE PARTITION of that partition alone (split_log_partition), whatever the number
--   of runs inside it: their days become day partitions, what lies between and around them
--   becomes gaps (a day partition where one day remains) or stays p_before / p_future.
--   Nothing is filled in between: adding 2024-02-29 to a table whose days are in 2026 turns
--   p_before into
--     p_before<'2024-02-29' p20240229<'2024-03-01' g20240301<'<first 2026 day>'
--   (two partitions more, in well under a second), and a later day inside that gap splits
--   the gap the same way. A table with only the two catch-alls and no row (V001's p_before <
--   1970-01-02, p_future) has both rebuilt into (p_before < the first day, ..., p_future).
--   A partition is split ONLY while it is empty: REORGANIZE PARTITION copies every row of
--   the partition it rebuilds, so splitting one that holds rows would be a long blocking
--   rebuild. When a partition to split holds rows, the runs' days in it are not added, the
--   rows stay where they are (readable, just not pruned per day) and out_notice says so;
--   check_log_partitions reports it until a DBA moves the rows in a maintenance window
--   (repair_log_catch_alls).
--   Refuses (SQLSTATE 45000, nothing changed) days outside 1970-01-02 .. 9999-12-30, and
--   runs whose missing days alone would take the table past 8192 partitions, the limit of
--   both servers (ensure fewer days, or drop old ones); split_log_partition checks each
--   statement exactly.
-- Parameters: in_table    name of the table in the current database
--             out_notice  NULL when every day is there, else why some days were not added
--             tmp_partition_run as above (left as it was)
-- Locking: takes the partitions lock (lock_partitions: GET_LOCK of lock_name('partitions'), 60 s wait,
--   re-entrant, released at the end), so concurrent callers in one database take turns and
--   each re-reads the layout under the lock. Each split (only when a day is missing)
--   commits the caller's open transaction (implicit commit), waits for the table's
--   metadata lock at most setting partitions.ddl_lock_wait_sec seconds (30 without it), and
--   blocks the table's readers and writers only while it splits the empty partition. Rows
--   inserted meanwhile are never lost: an insert either finishes before the ALTER takes
--   the table or waits for it.
-- Idempotency: a second call with the same runs reads information_schema and changes nothing.
-- Example: CREATE TEMPORARY TABLE tmp_partition_run (first_day DATE PRIMARY KEY, last_day DATE NOT NULL);
--          INSERT INTO tmp_partition_run VALUES ('2024-02-29', '2024-02-29'), ('2025-01-01', '2025-01-07');
--          CALL ensure_day_partition_runs('view_log', @notice); SELECT @notice;
CREATE PROCEDURE ensure_day_partition_runs(IN in_table VARCHAR(64), OUT out_notice VARCHAR(1000))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions for the runs of days in tmp_partition_run, one REORGANIZE per empty partition split. Example: CALL ensure_day_partition_runs(''view_log'', @notice)'
BEGIN
  DECLARE v_max_partitions INT DEFAULT 8192;  -- both servers' limit per table
  DECLARE v_lock VARCHAR(64);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_count INT DEFAULT 0;
  DECLARE v_lo DATE;
  DECLARE v_hi DATE;
  DECLARE v_min DATE;
  DECLARE v_max DATE;
  DECLARE v_days INT;
  DECLARE v_have_days INT;
  DECLARE v_cursor DATE;                      -- the runs' days before it are done
  DECLARE v_name VARCHAR(64);
  DECLARE v_first DATE;                       -- the partition to split: its range [v_first, v_end)
  DECLARE v_end DATE;
  DECLARE v_split_from DATE;
  DECLARE v_split_to DATE;
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_split_run;
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  SET out_notice = NULL;
  SELECT MIN(first_day), MAX(last_day), SUM(DATEDIFF(last_day, first_day) + 1) INTO v_min, v_max, v_days
    FROM tmp_partition_run;
  IF in_table IS NULL OR v_min < '1970-01-02' OR v_max > '9999-12-30' OR v_days <= 0 THEN
    SET v_message = CONCAT('ensure_day_partition_runs: ', IFNULL(in_table, 'in_table NULL'),
                           ': days must lie in 1970-01-02 .. 9999-12-30 (first_day <= last_day), got ',
                           v_min, ' .. ', v_max);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  CALL lock_partitions('ensure_day_partition_runs', v_lock);
  SET v_locked = TRUE;

  -- The layout, read under the lock (another session may just have changed it).
  CALL day_partition_range(in_table, v_lo, v_hi, v_count);
  SELECT COUNT(*) INTO v_have_days
    FROM tmp_log_partition p
    JOIN tmp_partition_run r ON p.first_day BETWEEN r.first_day AND r.last_day
   WHERE p.table_name = in_table AND p.kind = 'day';
  IF v_count + v_days - v_have_days > v_max_partitions THEN
    SET v_message = CONCAT('ensure_day_partition_runs: ', in_table, ' has ', v_count, ' partitions and would need ',
                           v_days - v_have_days, ' more for days in ', v_min, ' .. ', v_max,
                           '; both servers allow ', v_max_partitions, ': ensure fewer days or drop old ones');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  DROP TEMPORARY TABLE IF EXISTS tmp_split_run;
  CREATE TEMPORARY TABLE tmp_split_run (first_day DATE NOT NULL PRIMARY KEY, last_day DATE NOT NULL) ENGINE=MEMORY;
  SET @ensure_day_partition_runs_busy = NULL;
  IF v_count = 2 AND v_have_days < v_days THEN
    SET @ensure_day_partition_runs_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '`) INTO @ensure_day_partition_runs_busy');
    PREPARE ensure_day_partition_runs_stmt FROM @ensure_day_partition_runs_sql;
    EXECUTE ensure_day_partition_runs_stmt;
    DEALLOCATE PREPARE ensure_day_partition_runs_stmt;
  END IF;

  IF v_count = 2 AND v_have_days < v_days AND NOT @ensure_day_partition_runs_busy THEN
    -- Only the catch-alls and no row: both become (p_before < the first day, the runs, p_future).
    INSERT INTO tmp_split_run (first_day, last_day) SELECT first_day, last_day FROM tmp_partition_run;
    CALL split_log_partition(in_table, 'p_before, p_future', NULL, NULL);
    SET v_cursor = NULL;
  ELSE
    SET v_cursor = IF(v_have_days < v_days, v_min, NULL);
  END IF;

  WHILE v_cursor IS NOT NULL DO
    -- The first partition that is not a day partition and ends after v_cursor (it holds
    -- v_cursor, or comes after it), and the runs' days inside it, from v_cursor on.
    SET v_name = NULL;
    SELECT name, first_day, end_day INTO v_name, v_first, v_end
      FROM tmp_log_partition
     WHERE table_name = in_table AND kind <> 'day' AND (end_day IS NULL OR end_day > v_cursor)
     ORDER BY pos LIMIT 1;
    IF v_name IS NULL THEN
      SET v_cursor = NULL;  -- every remaining day has its partition
    ELSE
      DELETE FROM tmp_split_run;
      INSERT INTO tmp_split_run (first_day, last_day)
      SELECT GREATEST(first_day, v_cursor, IFNULL(v_first, v_cursor)), LEAST(last_day, IFNULL(v_end - INTERVAL 1 DAY, last_day))
        FROM tmp_partition_run
       WHERE last_day >= GREATEST(v_cursor, IFNULL(v_first, v_cursor)) AND (v_end IS NULL OR first_day < v_end);
      SELECT MIN(first_day), MAX(last_day) INTO v_split_from, v_split_to FROM tmp_split_run;
      IF v_split_from IS NOT NULL THEN
        SET @ensure_day_partition_runs_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '` PARTITION (', v_name,
                                                ')) INTO @ensure_day_partition_runs_busy');
        PREPARE ensure_day_partition_runs_stmt FROM @ensure_day_partition_runs_sql;
        EXECUTE ensure_day_partition_runs_stmt;
        DEALLOCATE PREPARE ensure_day_partition_runs_stmt;
        IF @ensure_day_partition_runs_busy THEN
          SET out_notice = LEFT(CONCAT_WS('; ', out_notice,
                                CONCAT(in_table, ': ', v_name, ' holds rows (business_date ',
                                       CASE WHEN v_first IS NULL THEN CONCAT('< ', v_end)
                                            WHEN v_end IS NULL THEN CONCAT('>= ', v_first)
                                            ELSE CONCAT(v_first, ' .. ', v_end - INTERVAL 1 DAY) END,
                                       '); ', v_split_from, ' .. ', v_split_to,
                                       ' not added (their rows stay readable in ', v_name, ')')), 1000);
        ELSE
          CALL split_log_partition(in_table, v_name, v_first, v_end);
        END IF;
      END IF;
      -- On to the runs' first day after this partition.
      SET v_cursor = IF(v_end IS NULL, NULL,
                        (SELECT MIN(GREATEST(first_day, v_end)) FROM tmp_partition_run WHERE last_day >= v_end));
    END IF;
  END WHILE;

  DROP TEMPORARY TABLE tmp_split_run;
  SET @ensure_day_partition_runs_sql = NULL, @ensure_day_partition_runs_busy = NULL;
  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
END
