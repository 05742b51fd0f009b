-- repair_log_catch_alls(in_table): give the rows sitting in a log table's catch-alls
-- (p_before, p_future) or gaps day partitions of their own. A DBA tool for a maintenance window.
--
-- Description: ensure never splits a partition that holds rows, because REORGANIZE PARTITION
--   copies every row of the partitions it rebuilds and blocks the table meanwhile.
--   check_log_partitions reports such rows (ROWS_IN_CATCH_ALL; NOT_DAILY for a gap or an odd
--   partition); this procedure is the deliberate repair. Each partition that is not a day
--   partition and holds rows is rebuilt by ONE REORGANIZE (split_log_partition): every day
--   that has rows gets its day partition pYYYYMMDD, the days between them become gaps
--   (a day partition when one day), and p_before / p_future keep what lies below / above the
--   rows. E.g. p_future (from 2025-03-03) with rows of 2025-03-04 and 2099-01-01 becomes
--     p20250303 p20250304 g20250305<'2099-01-01' p20990101 p_future
--   so a stray far date costs a gap, not a partition per day in between. A table with only
--   the two catch-alls gets (p_before < its lowest row's day, ..., p_future). Refuses
--   (SQLSTATE 45000, nothing changed) rows dated before 1970-01-02, and a result of more than
--   8192 partitions (both servers' limit): fix or delete those rows by hand first.
--   Returns one row: table_name, days_added (day partitions gained), rows_moved (the rows
--   the rebuilds copied).
-- Parameters: in_table  'view_log' or 'ad_view_log'
-- Locking: the partitions lock (lock_partitions: GET_LOCK of lock_name('partitions'), 60 s); each ALTER
--   TABLE holds the table's metadata lock while it copies that partition's rows: readers and
--   writers of the table wait. The ALTER waits at most partitions.ddl_lock_wait_sec for
--   running statements to finish. Commits (implicit commit of the ALTER).
-- Idempotency: yes; with no rows outside day partitions it changes nothing (days_added 0).
-- Example: CALL repair_log_catch_alls('view_log');
CREATE PROCEDURE repair_log_catch_alls(IN in_table VARCHAR(64))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions for the rows in a log table''s catch-alls and gaps (copies them; maintenance window). Example: CALL repair_log_catch_alls(''view_log'')'
BEGIN
  DECLARE v_max_partitions INT DEFAULT 8192;  -- both servers' limit per table
  DECLARE v_lock VARCHAR(64);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_lo DATE;
  DECLARE v_hi DATE;
  DECLARE v_count INT;
  DECLARE v_days_before INT;
  DECLARE v_days_after INT;
  DECLARE v_rows BIGINT DEFAULT 0;
  DECLARE v_pos INT DEFAULT 0;
  DECLARE v_name VARCHAR(64);
  DECLARE v_first DATE;
  DECLARE v_end DATE;
  DECLARE v_lowest DATE;
  DECLARE v_new_days INT;
  DECLARE v_runs INT;
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS repair_log_catch_alls_run;
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  IF in_table IS NULL OR in_table NOT IN ('view_log', 'ad_view_log') THEN
    SET v_message = CONCAT('repair_log_catch_alls: in_table must be view_log or ad_view_log, got ', IFNULL(in_table, 'NULL'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  CALL lock_partitions('repair_log_catch_alls', v_lock);
  SET v_locked = TRUE;
  CALL day_partition_range(in_table, v_lo, v_hi, v_count);
  SELECT COUNT(*) INTO v_days_before FROM tmp_log_partition WHERE table_name = in_table AND kind = 'day';

  -- 1. The runs of days with rows in each partition that is not a day partition (with only
  --    the two catch-alls, in the whole table), read before anything changes.
  DROP TEMPORARY TABLE IF EXISTS repair_log_catch_alls_run;
  CREATE TEMPORARY TABLE repair_log_catch_alls_run (
    pos       INT         NOT NULL,
    name      VARCHAR(64) NOT NULL,
    lower_day DATE        NULL,
    upper_day DATE        NULL,
    first_day DATE        NOT NULL,
    last_day  DATE        NOT NULL,
    PRIMARY KEY (pos, first_day)
  ) ENGINE=MEMORY;
  WHILE v_pos IS NOT NULL DO
    SET v_name = NULL;
    SELECT pos, name, first_day, end_day INTO v_pos, v_name, v_first, v_end
      FROM tmp_log_partition
     WHERE table_name = in_table AND kind <> 'day' AND pos > v_pos
     ORDER BY pos LIMIT 1;
    IF v_name IS NULL THEN
      SET v_pos = NULL;
    ELSE
      IF v_count = 2 THEN
        SET v_name = 'p_before, p_future', v_first = NULL, v_end = NULL, v_pos = NULL;
      END IF;
      SET @repair_log_catch_alls_rows = 0;
      SET @repair_log_catch_alls_sql = CONCAT(
        'SELECT COUNT(*) INTO @repair_log_catch_alls_rows FROM `', in_table, '` PARTITION (', v_name, ')');
      PREPARE repair_log_catch_alls_stmt FROM @repair_log_catch_alls_sql;
      EXECUTE repair_log_catch_alls_stmt;
      DEALLOCATE PREPARE repair_log_catch_alls_stmt;
      IF @repair_log_catch_alls_rows > 0 THEN
        SET v_rows = v_rows + @repair_log_catch_alls_rows;
        -- Runs of consecutive days: a day minus its rank is the same all along a run.
        SET @repair_log_catch_alls_sql = CONCAT(
          'INSERT INTO repair_log_catch_alls_run (pos, name, lower_day, upper_day, first_day, last_day) ',
          'SELECT ', IFNULL(v_pos, 0), ', ''', v_name, ''', ', IFNULL(CONCAT('''', v_first, ''''), 'NULL'), ', ',
          IFNULL(CONCAT('''', v_end, ''''), 'NULL'), ', MIN(business_date), MAX(business_date) ',
          'FROM (SELECT business_date, business_date - INTERVAL ROW_NUMBER() OVER (ORDER BY business_date) DAY AS run_key ',
          '        FROM (SELECT DISTINCT business_date FROM `', in_table, '` PARTITION (', v_name, ')) d) r ',
          'GROUP BY run_key');
        PREPARE repair_log_catch_alls_stmt FROM @repair_log_catch_alls_sql;
        EXECUTE repair_log_catch_alls_stmt;
        DEALLOCATE PREPARE repair_log_catch_alls_stmt;
      END IF;
    END IF;
  END WHILE;
  SET @repair_log_catch_alls_sql = NULL;

  -- A rebuilt partition becomes at most its days, a gap before each run and one remainder.
  SELECT MIN(first_day), SUM(DATEDIFF(last_day, first_day) + 1), COUNT(*) INTO v_lowest, v_new_days, v_runs
    FROM repair_log_catch_alls_run;
  IF v_lowest < '1970-01-02' OR v_count + v_new_days + v_runs > v_max_partitions THEN
    SET v_message = CONCAT('repair_log_catch_alls: ', in_table, ' rows outside day partitions need ', v_new_days,
                           ' day(s) from ', v_lowest, ' (at most ', v_max_partitions,
                           ' partitions, none before 1970-01-02); fix or delete stray dates first');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- 2. One rebuild per partition that holds rows.
  SET v_pos = (SELECT MIN(pos) FROM repair_log_catch_alls_run);
  WHILE v_pos IS NOT NULL DO
    SELECT MIN(name), MIN(lower_day), MIN(upper_day) INTO v_name, v_first, v_end
      FROM repair_log_catch_alls_run WHERE pos = v_pos;
    DROP TEMPORARY TABLE IF EXISTS tmp_split_run;
    CREATE TEMPORARY TABLE tmp_split_run (first_day DATE NOT NULL PRIMARY KEY, last_day DATE NOT NULL) ENGINE=MEMORY;
    INSERT INTO tmp_split_run (first_day, last_day)
    SELECT first_day, last_day FROM repair_log_catch_alls_run WHERE pos = v_pos;
    CALL split_log_partition(in_table, v_name, v_first, v_end);
    SET v_pos = (SELECT MIN(pos) FROM repair_log_catch_alls_run WHERE pos > v_pos);
  END WHILE;
  DROP TEMPORARY TABLE IF EXISTS tmp_split_run;
  DROP TEMPORARY TABLE repair_log_catch_alls_run;

  CALL day_partition_range(in_table, v_lo, v_hi, v_count);
  SELECT COUNT(*) INTO v_days_after FROM tmp_log_partition WHERE table_name = in_table AND kind = 'day';
  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
  SELECT in_table AS table_name, v_days_after - v_days_before AS days_added, v_rows AS rows_moved;
END
