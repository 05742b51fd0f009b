-- ensure_day_partitions(in_table, in_from, in_to, out_notice): give one table a day
-- partition for every day of [in_from, in_to].
--
-- Description: the building block of ensure_log_partitions and
--   ensure_log_partitions_for_days (and of the archive tables, for archive_log_day). The
--   table is laid out as day_partition_range describes: p_before, day partitions pYYYYMMDD
--   and gap partitions gYYYYMMDD in date order, p_future MAXVALUE. Days that already have
--   their day partition are left alone (idempotent). Every other partition the span
--   overlaps (p_before, a gap, p_future, or an odd hand-made partition) is split by ONE
--   REORGANIZE PARTITION of that partition alone (split_log_partition): the span's days in
--   it become day partitions, what remains of it on either side becomes a gap (a day
--   partition when one day remains) or stays p_before / p_future. Nothing is filled in
--   between: adding 2024-02-29 to a table whose days are in 2026 turns p_before into
--     p_before<'2024-02-29' p20240229<'2024-03-01' g20240301<'<first 2026 day>'
--   (two partitions more, in well under a second), and a later day inside that gap splits
--   the gap the same way. The first call on a table with only the two catch-alls and no
--   row (V001's p_before < 1970-01-02, p_future) rebuilds both into
--   (p_before < in_from, the days, p_future).
--   A partition is split ONLY while it is empty: REORGANIZE PARTITION copies every row of
--   the partition it rebuilds, so splitting one that holds rows would be a long blocking
--   rebuild. When a partition to split holds rows, the span's days in it are not added, the
--   rows stay where they are (readable, just not pruned per day) and out_notice says so;
--   check_log_partitions reports it until a DBA moves the rows in a maintenance window
--   (repair_log_catch_alls).
--   Refuses (SQLSTATE 45000, nothing changed) when the table would get more than 8192
--   partitions, the limit of both servers: ensure fewer days, or drop old ones.
-- Parameters: in_table    name of the table in the current database
--             in_from     first day wanted (>= 1970-01-02)
--             in_to       last day wanted (in_from .. 9999-12-30)
--             out_notice  NULL when every day is there, else why some days were not added
-- Locking: takes the partitions lock (CALL lock_name('partitions', ...); GET_LOCK, 60 s wait,
--   re-entrant, released at the end), so concurrent callers in one database take turns and
--   each re-reads the layout under the lock. Each split (only when a day is missing)
--   commits the caller's open transaction (implicit commit), waits for the table's
--   metadata lock at most setting partitions.ddl_lock_wait_sec seconds (30 without it), and
--   blocks the table's readers and writers only while it splits the empty partition. Rows
--   inserted meanwhile are never lost: an insert either finishes before the ALTER takes
--   the table or waits for it.
-- Idempotency: a second call with the same days reads information_schema and changes nothing.
-- Example: CALL ensure_day_partitions('view_log', '2024-02-29', '2024-02-29', @notice); SELECT @notice;
CREATE PROCEDURE ensure_day_partitions(IN in_table VARCHAR(64), IN in_from DATE, IN in_to DATE,
                                       OUT out_notice VARCHAR(1000))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions for [in_from, in_to] in one table, splitting only empty partitions (catch-alls, gaps). Example: CALL ensure_day_partitions(''view_log'', ''2024-02-29'', ''2024-02-29'', @notice)'
BEGIN
  DECLARE v_max_partitions INT DEFAULT 8192;  -- both servers' limit per table
  DECLARE v_lock VARCHAR(64);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_count INT DEFAULT 0;
  DECLARE v_lo DATE;
  DECLARE v_hi DATE;
  DECLARE v_have_days INT;
  DECLARE v_cursor DATE;                      -- the days before it are done
  DECLARE v_name VARCHAR(64);
  DECLARE v_first DATE;                       -- the partition to split: its range [v_first, v_end)
  DECLARE v_end DATE;
  DECLARE v_kind VARCHAR(8);
  DECLARE v_split_from DATE;
  DECLARE v_split_to DATE;
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  SET out_notice = NULL;
  IF in_table IS NULL OR in_from IS NULL OR in_to IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ensure_day_partitions: in_table, in_from and in_to are required';
  END IF;
  IF in_from > in_to THEN
    SET v_message = CONCAT('ensure_day_partitions: in_from ', in_from, ' is after in_to ', in_to);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  IF in_from < '1970-01-02' OR in_to > '9999-12-30' THEN
    SET v_message = CONCAT('ensure_day_partitions: days must lie in 1970-01-02 .. 9999-12-30, got ', in_from, ' .. ', in_to);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  CALL lock_name('partitions', v_lock);
  IF GET_LOCK(v_lock, 60) IS NOT TRUE THEN
    SET v_message = CONCAT('ensure_day_partitions: another session held lock ', v_lock, ' for 60 s; try again');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET v_locked = TRUE;

  -- The layout, read under the lock (another session may just have changed it).
  CALL day_partition_range(in_table, v_lo, v_hi, v_count);
  SELECT COUNT(*) INTO v_have_days
    FROM tmp_log_partition
   WHERE table_name = in_table AND kind = 'day' AND first_day BETWEEN in_from AND in_to;
  IF v_count + DATEDIFF(in_to, in_from) + 1 - v_have_days > v_max_partitions THEN
    SET v_message = CONCAT('ensure_day_partitions: ', in_table, ' has ', v_count, ' partitions and would need ',
                           DATEDIFF(in_to, in_from) + 1 - v_have_days, ' more for ', in_from, ' .. ', in_to,
                           '; both servers allow ', v_max_partitions, ': ensure fewer days or drop old ones');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  DROP TEMPORARY TABLE IF EXISTS tmp_split_run;
  CREATE TEMPORARY TABLE tmp_split_run (first_day DATE NOT NULL PRIMARY KEY, last_day DATE NOT NULL) ENGINE=MEMORY;
  SET v_cursor = in_from;
  WHILE v_cursor IS NOT NULL AND v_cursor <= in_to DO
    -- The first partition from v_cursor on that overlaps the span and is not a day partition.
    SET v_name = NULL;
    SELECT name, first_day, end_day, kind INTO v_name, v_first, v_end, v_kind
      FROM tmp_log_partition
     WHERE table_name = in_table AND kind <> 'day'
       AND (first_day IS NULL OR first_day <= in_to) AND (end_day IS NULL OR end_day > v_cursor)
     ORDER BY pos LIMIT 1;
    IF v_name IS NULL THEN
      SET v_cursor = NULL;  -- every remaining day has its partition
    ELSE
      SET v_split_from = GREATEST(v_cursor, IFNULL(v_first, v_cursor));
      SET v_split_to = LEAST(in_to, IFNULL(v_end - INTERVAL 1 DAY, in_to));
      SET @ensure_day_partitions_busy = NULL;
      SET @ensure_day_partitions_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '` PARTITION (',
                                              IF(v_count = 2, 'p_before, p_future', v_name),
                                              ')) INTO @ensure_day_partitions_busy');
      PREPARE ensure_day_partitions_stmt FROM @ensure_day_partitions_sql;
      EXECUTE ensure_day_partitions_stmt;
      DEALLOCATE PREPARE ensure_day_partitions_stmt;
      IF v_count = 2 AND NOT @ensure_day_partitions_busy THEN
        -- Only the catch-alls and no row: both become (p_before < in_from, the days, p_future).
        INSERT INTO tmp_split_run (first_day, last_day) VALUES (in_from, in_to);
        CALL split_log_partition(in_table, 'p_before, p_future', NULL, NULL);
        SET v_cursor = NULL;
      ELSE
        IF v_count = 2 THEN
          -- Some catch-all holds rows: the partition to split must be empty by itself.
          SET @ensure_day_partitions_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '` PARTITION (', v_name,
                                                  ')) INTO @ensure_day_partitions_busy');
          PREPARE ensure_day_partitions_stmt FROM @ensure_day_partitions_sql;
          EXECUTE ensure_day_partitions_stmt;
          DEALLOCATE PREPARE ensure_day_partitions_stmt;
        END IF;
        IF @ensure_day_partitions_busy THEN
          SET out_notice = LEFT(CONCAT_WS('; ', out_notice,
                                CONCAT(in_table, ': ', v_name, ' holds rows (business_date ',
                                       CASE WHEN v_first IS NULL THEN CONCAT('< ', v_end)
                                            WHEN v_end IS NULL THEN CONCAT('>= ', v_first)
                                            ELSE CONCAT(v_first, ' .. ', v_end - INTERVAL 1 DAY) END,
                                       '); ', v_split_from, ' .. ', v_split_to,
                                       ' not added (their rows stay readable in ', v_name, ')')), 1000);
        ELSE
          DELETE FROM tmp_split_run;
          INSERT INTO tmp_split_run (first_day, last_day) VALUES (v_split_from, v_split_to);
          CALL split_log_partition(in_table, v_name, v_first, v_end);
        END IF;
        SET v_cursor = v_split_to + INTERVAL 1 DAY;
      END IF;
    END IF;
  END WHILE;

  DROP TEMPORARY TABLE tmp_split_run;
  SET @ensure_day_partitions_sql = NULL;
  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
END
