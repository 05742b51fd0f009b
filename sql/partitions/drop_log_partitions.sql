-- drop_log_partitions(in_before, in_archive, in_dry_run): retention of the log tables:
-- remove (or archive) the day partitions of view_log and ad_view_log before a date.
--
-- Description: looks at every day D < in_before that has a day partition pYYYYMMDD in either
--   table (and at every day with rows sitting in a gap or odd partition below in_before,
--   found with one query per such partition, never one query per day of a gap):
--   - a day with logs and a COMPLETED daily run (job_run job='daily') is emptied: its
--     partitions are truncated, or with in_archive moved to view_log_archive /
--     ad_view_log_archive by EXCHANGE PARTITION (archive_log_day; no row copy);
--   - a day with logs but no completed run is REFUSED and kept (its statistics were never
--     made from them), as is a stale day (late events not yet counted: the next run
--     restates it first), a day a run holds, and a day whose rows share a partition with
--     other days (rows in a gap: see check_log_partitions);
--   - a day that goes is closed first (close_log_day: closed_date), so no event is accepted
--     for it afterwards and no run computes it again;
--   - a day without logs is simply merged away.
--   Then every partition below the retention line, from the bottom up to the first refused
--   day, is merged into p_before: the emptied day partitions and the (empty) gaps between
--   them, in one REORGANIZE of empty partitions per table (instant), so the layout stays
--   (p_before, day and gap partitions, p_future). A gap that straddles the line stays. The
--   highest partition before p_future is never merged away. Days above a refused day are
--   emptied but keep their (empty) partitions until a later call can merge them. Statistics
--   and settlement tables are never touched. An archive move interrupted earlier is
--   finished first (finish_log_archive).
-- Result set: one row per day looked at: business_date, has_logs, run_state, action, detail;
--   action is DROPPED, ARCHIVED, EMPTY, REFUSED, or with in_dry_run WOULD_DROP / WOULD_ARCHIVE
--   (nothing is changed then). A row with business_date NULL and action NOT_MERGED says the
--   emptied partitions could not be merged into p_before (it holds rows, or rows arrived).
-- Parameters: in_before   days before this business date go; at most today's business date
--             in_archive  TRUE: move to the archive tables; FALSE/NULL: delete
--             in_dry_run  TRUE: only report what would happen
-- Locking: the partitions lock (lock_partitions: GET_LOCK of lock_name('partitions'), 60 s) for the
--   whole call (ensure and drop never overlap). Each TRUNCATE / EXCHANGE / REORGANIZE takes
--   the table's metadata lock briefly (waits at most partitions.ddl_lock_wait_sec) and
--   commits. A late event that arrives for a day while it is being dropped lands in
--   p_before after the merge (check reports it).
-- Idempotency: yes; a second call finds nothing left to drop.
-- Example: CALL drop_log_partitions('2025-01-01', FALSE, TRUE);
CREATE PROCEDURE drop_log_partitions(IN in_before DATE, IN in_archive BOOLEAN, IN in_dry_run BOOLEAN)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Retention: drop or archive log partitions of processed days before in_before. Example: CALL drop_log_partitions(''2025-01-01'', FALSE, TRUE)'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_saved_lock_wait BIGINT DEFAULT @@SESSION.lock_wait_timeout;
  DECLARE v_saved_concat_len BIGINT DEFAULT @@SESSION.group_concat_max_len;
  DECLARE v_ddl_wait BIGINT DEFAULT 30;
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_archive BOOLEAN DEFAULT IFNULL(in_archive, FALSE);
  DECLARE v_dry_run BOOLEAN DEFAULT IFNULL(in_dry_run, FALSE);
  DECLARE v_today DATE;
  DECLARE v_view_hi DATE;
  DECLARE v_ad_hi DATE;
  DECLARE v_lo DATE;
  DECLARE v_count INT;
  DECLARE v_day DATE;
  DECLARE v_first_refused DATE;
  DECLARE v_partition VARCHAR(64);
  DECLARE v_view_own BOOLEAN;
  DECLARE v_ad_own BOOLEAN;
  DECLARE v_view_rows BOOLEAN;
  DECLARE v_ad_rows BOOLEAN;
  DECLARE v_state VARCHAR(16);
  DECLARE v_action VARCHAR(16);
  DECLARE v_detail VARCHAR(255);
  DECLARE v_i INT;
  DECLARE v_pos INT;
  DECLARE v_table VARCHAR(64);
  DECLARE v_hi DATE;
  DECLARE v_merge_end DATE;
  DECLARE v_names MEDIUMTEXT;
  DECLARE v_message VARCHAR(255);
  DECLARE v_refusal VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET SESSION lock_wait_timeout = v_saved_lock_wait;
    SET SESSION group_concat_max_len = v_saved_concat_len;
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  IF in_before IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'drop_log_partitions: in_before is required';
  END IF;
  CALL business_today(v_today);
  IF in_before > v_today THEN
    SET v_message = CONCAT('drop_log_partitions: in_before ', in_before, ' is after today (', v_today,
                           '); only past days can be dropped');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  CALL lock_partitions('drop_log_partitions', v_lock);
  SET v_locked = TRUE;
  SELECT COALESCE(MAX(CAST(value AS UNSIGNED)), 30) INTO v_ddl_wait
    FROM setting WHERE name = 'partitions.ddl_lock_wait_sec';

  IF NOT v_dry_run THEN
    CALL finish_log_archive('view_log');
    CALL finish_log_archive('ad_view_log');
  END IF;

  -- Both layouts into tmp_log_partition (archive_log_day below re-reads only the archive's).
  CALL day_partition_range('view_log', v_lo, v_view_hi, v_count);
  CALL day_partition_range('ad_view_log', v_lo, v_ad_hi, v_count);

  DROP TEMPORARY TABLE IF EXISTS drop_log_partitions_result;
  CREATE TEMPORARY TABLE drop_log_partitions_result (
    seq           INT          NOT NULL AUTO_INCREMENT PRIMARY KEY,
    business_date DATE         NULL,
    has_logs      BOOLEAN      NOT NULL,
    run_state     VARCHAR(16)  NULL,
    action        VARCHAR(16)  NOT NULL,
    detail        VARCHAR(255) NOT NULL
  ) ENGINE=InnoDB;

  -- The days to look at: those with a day partition in either table, and those with rows in
  -- a gap or odd partition (one DISTINCT query per such partition below the line).
  DROP TEMPORARY TABLE IF EXISTS drop_log_partitions_day;
  CREATE TEMPORARY TABLE drop_log_partitions_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  INSERT IGNORE INTO drop_log_partitions_day (business_date)
  SELECT first_day FROM tmp_log_partition
   WHERE table_name IN ('view_log', 'ad_view_log') AND kind = 'day' AND first_day < in_before;
  SET v_i = 1;
  WHILE v_i <= 2 DO
    SET v_table = ELT(v_i, 'view_log', 'ad_view_log');
    SET v_pos = 0;
    WHILE v_pos IS NOT NULL DO
      SET v_partition = NULL;
      SELECT pos, name INTO v_pos, v_partition
        FROM tmp_log_partition
       WHERE table_name = v_table AND kind IN ('gap', 'other') AND first_day < in_before AND pos > v_pos
       ORDER BY pos LIMIT 1;
      IF v_partition IS NULL THEN
        SET v_pos = NULL;
      ELSE
        SET @drop_log_partitions_sql = CONCAT('INSERT IGNORE INTO drop_log_partitions_day (business_date) ',
                                              'SELECT DISTINCT business_date FROM `', v_table, '` PARTITION (', v_partition,
                                              ') WHERE business_date < ''', in_before, '''');
        PREPARE drop_log_partitions_stmt FROM @drop_log_partitions_sql;
        EXECUTE drop_log_partitions_stmt;
        DEALLOCATE PREPARE drop_log_partitions_stmt;
      END IF;
    END WHILE;
    SET v_i = v_i + 1;
  END WHILE;

  SET v_day = (SELECT MIN(business_date) FROM drop_log_partitions_day);
  WHILE v_day IS NOT NULL DO
    SET v_partition = CONCAT('p', DATE_FORMAT(v_day, '%Y%m%d'));
    -- A day's "own" partition: a day partition (named after it, exactly that day).
    SET v_view_own = EXISTS (SELECT 1 FROM tmp_log_partition
                              WHERE table_name = 'view_log' AND kind = 'day' AND first_day = v_day);
    SET v_ad_own = EXISTS (SELECT 1 FROM tmp_log_partition
                            WHERE table_name = 'ad_view_log' AND kind = 'day' AND first_day = v_day);
    SET v_view_rows = EXISTS (SELECT 1 FROM view_log WHERE business_date = v_day);
    SET v_ad_rows = EXISTS (SELECT 1 FROM ad_view_log WHERE business_date = v_day);
    SET v_state = (SELECT state FROM job_run WHERE job = 'daily' AND business_date = v_day);

    IF (v_view_rows AND NOT v_view_own) OR (v_ad_rows AND NOT v_ad_own) THEN
      SET v_action = 'REFUSED',
          v_detail = 'its rows share a partition with other days (see check_log_partitions)';
    ELSEIF (v_view_rows OR v_ad_rows) AND IFNULL(v_state, '') <> 'COMPLETED' THEN
      SET v_action = 'REFUSED',
          v_detail = CONCAT('has logs but no completed daily run (', IFNULL(v_state, 'never run'), ')');
    ELSEIF (v_view_rows OR v_ad_rows) AND EXISTS (SELECT 1 FROM stale_date WHERE business_date = v_day) THEN
      SET v_action = 'REFUSED',
          v_detail = 'late events arrived after it was processed (stale): the next run restates it first';
    ELSEIF NOT (v_view_rows OR v_ad_rows) THEN
      SET v_action = 'EMPTY', v_detail = 'no logs';
    ELSEIF v_dry_run THEN
      SET v_action = IF(v_archive, 'WOULD_ARCHIVE', 'WOULD_DROP'),
          v_detail = CONCAT_WS(' and ', IF(v_view_rows, 'view_log', NULL), IF(v_ad_rows, 'ad_view_log', NULL));
    ELSE
      SET v_action = IF(v_archive, 'ARCHIVED', 'DROPPED'),
          v_detail = CONCAT_WS(' and ', IF(v_view_rows, 'view_log', NULL), IF(v_ad_rows, 'ad_view_log', NULL));
      CALL close_log_day(v_day, v_action, v_refusal);
      IF v_refusal IS NOT NULL THEN
        SET v_action = 'REFUSED', v_detail = v_refusal;
      END IF;
      SET v_i = IF(v_refusal IS NULL, 1, 3);
      WHILE v_i <= 2 DO
        SET v_table = ELT(v_i, 'view_log', 'ad_view_log');
        IF IF(v_i = 1, v_view_rows, v_ad_rows) THEN
          IF v_archive THEN
            CALL archive_log_day(v_table, v_day);
          ELSE
            SET @drop_log_partitions_sql = CONCAT('ALTER TABLE `', v_table, '` TRUNCATE PARTITION ', v_partition);
            SET SESSION lock_wait_timeout = v_ddl_wait;
            PREPARE drop_log_partitions_stmt FROM @drop_log_partitions_sql;
            EXECUTE drop_log_partitions_stmt;
            DEALLOCATE PREPARE drop_log_partitions_stmt;
            SET SESSION lock_wait_timeout = v_saved_lock_wait;
          END IF;
        END IF;
        SET v_i = v_i + 1;
      END WHILE;
    END IF;
    IF v_action = 'REFUSED' AND v_first_refused IS NULL THEN
      SET v_first_refused = v_day;
    END IF;
    INSERT INTO drop_log_partitions_result (business_date, has_logs, run_state, action, detail)
    VALUES (v_day, v_view_rows OR v_ad_rows, v_state, v_action, v_detail);
    SET v_day = (SELECT MIN(business_date) FROM drop_log_partitions_day WHERE business_date > v_day);
  END WHILE;
  DROP TEMPORARY TABLE drop_log_partitions_day;

  -- Merge the emptied bottom partitions (days and gaps) into p_before: no row is copied.
  SET v_i = 1;
  WHILE v_i <= 2 AND NOT v_dry_run DO
    SET v_table = ELT(v_i, 'view_log', 'ad_view_log');
    SET v_hi = IF(v_i = 1, v_view_hi, v_ad_hi);
    SET v_merge_end = LEAST(in_before - INTERVAL 1 DAY, v_hi - INTERVAL 1 DAY,
                            IFNULL(v_first_refused - INTERVAL 1 DAY, in_before - INTERVAL 1 DAY));
    -- Only whole partitions: their upper bounds must not pass v_merge_end + 1.
    SET SESSION group_concat_max_len = 16777216;
    SELECT GROUP_CONCAT(name ORDER BY pos SEPARATOR ', '), MAX(end_day) - INTERVAL 1 DAY
      INTO v_names, v_merge_end
      FROM tmp_log_partition
     WHERE table_name = v_table AND pos > 1 AND end_day <= v_merge_end + INTERVAL 1 DAY;
    SET SESSION group_concat_max_len = v_saved_concat_len;
    IF v_names IS NOT NULL THEN
      SET @drop_log_partitions_busy = NULL;
      SET @drop_log_partitions_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', v_table, '` WHERE business_date <= ''',
                                            v_merge_end, ''') INTO @drop_log_partitions_busy');
      PREPARE drop_log_partitions_stmt FROM @drop_log_partitions_sql;
      EXECUTE drop_log_partitions_stmt;
      DEALLOCATE PREPARE drop_log_partitions_stmt;
      IF @drop_log_partitions_busy THEN
        INSERT INTO drop_log_partitions_result (business_date, has_logs, run_state, action, detail)
        VALUES (NULL, TRUE, NULL, 'NOT_MERGED',
                CONCAT(v_table, ': rows dated up to ', v_merge_end, ' remain (p_before or late events); ',
                       'its emptied partitions stay until a later drop'));
      ELSE
        SET @drop_log_partitions_sql = CONCAT('ALTER TABLE `', v_table, '` REORGANIZE PARTITION p_before, ', v_names,
                                              ' INTO (PARTITION p_before VALUES LESS THAN (''', v_merge_end + INTERVAL 1 DAY, '''))');
        SET SESSION lock_wait_timeout = v_ddl_wait;
        PREPARE drop_log_partitions_stmt FROM @drop_log_partitions_sql;
        EXECUTE drop_log_partitions_stmt;
        DEALLOCATE PREPARE drop_log_partitions_stmt;
        SET SESSION lock_wait_timeout = v_saved_lock_wait;
      END IF;
    END IF;
    SET v_i = v_i + 1;
  END WHILE;

  SET @drop_log_partitions_sql = NULL;
  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
  SELECT business_date, has_logs, run_state, action, detail
    FROM drop_log_partitions_result ORDER BY seq;
  DROP TEMPORARY TABLE drop_log_partitions_result;
END
