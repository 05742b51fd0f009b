-- repair_log_catch_alls(in_table): give the rows sitting in a log table's catch-alls
-- (p_before, p_future) daily partitions of their own. A DBA tool for a maintenance window.
--
-- Description: ensure_log_partitions never splits a catch-all that holds rows, because
--   REORGANIZE PARTITION copies every row of the partitions it rebuilds and blocks the table
--   meanwhile. check_log_partitions reports such rows (ROWS_IN_CATCH_ALL); this procedure is
--   the deliberate repair: it rebuilds p_before into (p_before, one partition per day from
--   its lowest row's day up to the first daily partition) and p_future into (one partition
--   per day from the last daily partition up to its highest row's day, p_future), so the
--   daily layout stays contiguous and both catch-alls end up empty. A table with no daily
--   partition at all gets days from its lowest to its highest row. Refuses (SQLSTATE 45000)
--   when that would add more than 3660 days: a stray date (a device clock in 2099) must be
--   fixed or deleted by hand first.
--   Returns one row: table_name, days_added, rows_moved (the rows the rebuild copied).
-- Parameters: in_table  'view_log' or 'ad_view_log'
-- Locking: GET_LOCK('<database>.partitions', 60); the ALTER TABLE holds the table's metadata
--   lock while it copies the catch-alls' rows: readers and writers of the table wait. The
--   ALTER waits at most partitions.ddl_lock_wait_sec for running statements to finish.
--   Commits (implicit commit of the ALTER).
-- Idempotency: yes; with empty catch-alls it changes nothing (days_added 0).
-- Example: CALL repair_log_catch_alls('view_log');
CREATE PROCEDURE repair_log_catch_alls(IN in_table VARCHAR(64))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Daily partitions for the rows in a log table''s catch-alls (copies them; maintenance window). Example: CALL repair_log_catch_alls(''view_log'')'
BEGIN
  DECLARE v_max_days INT DEFAULT 3660;
  DECLARE v_lock VARCHAR(64) DEFAULT CONCAT(LEFT(DATABASE(), 50), '.partitions');
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_lo DATE;
  DECLARE v_hi DATE;
  DECLARE v_count INT;
  DECLARE v_low_day DATE;    -- lowest day in p_before (or in the whole table without daily partitions)
  DECLARE v_high_day DATE;   -- highest day in p_future (idem)
  DECLARE v_low_rows BIGINT DEFAULT 0;
  DECLARE v_high_rows BIGINT DEFAULT 0;
  DECLARE v_days INT DEFAULT 0;
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  IF in_table IS NULL OR in_table NOT IN ('view_log', 'ad_view_log') THEN
    SET v_message = CONCAT('repair_log_catch_alls: in_table must be view_log or ad_view_log, got ', IFNULL(in_table, 'NULL'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  IF GET_LOCK(v_lock, 60) IS NOT TRUE THEN
    SET v_message = CONCAT('repair_log_catch_alls: another session held lock ', v_lock, ' for 60 s; try again');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET v_locked = TRUE;
  CALL day_partition_range(in_table, v_lo, v_hi, v_count);

  IF v_count = 2 THEN
    -- No daily partition: the whole table's days, both catch-alls rebuilt at once.
    SET @repair_log_catch_alls_sql = CONCAT('SELECT MIN(business_date), MAX(business_date), COUNT(*) INTO ',
                                            '@repair_low, @repair_high, @repair_rows FROM `', in_table, '`');
    PREPARE repair_log_catch_alls_stmt FROM @repair_log_catch_alls_sql;
    EXECUTE repair_log_catch_alls_stmt;
    DEALLOCATE PREPARE repair_log_catch_alls_stmt;
    SET v_low_day = @repair_low, v_high_day = @repair_high, v_low_rows = @repair_rows;
    IF v_low_day IS NOT NULL THEN
      SET v_days = DATEDIFF(v_high_day, v_low_day) + 1;
      IF v_days > v_max_days OR v_low_day < '1970-01-02' THEN
        SET v_message = CONCAT('repair_log_catch_alls: ', in_table, ' rows span ', v_low_day, ' .. ', v_high_day,
                               '; fix or delete stray dates first');
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
      END IF;
      CALL split_log_catch_all(in_table, 'p_before, p_future', v_low_day, v_high_day);
    END IF;
  ELSE
    SET @repair_log_catch_alls_sql = CONCAT('SELECT MIN(business_date), COUNT(*) INTO @repair_low, @repair_rows FROM `',
                                            in_table, '` WHERE business_date < ''', v_lo, '''');
    PREPARE repair_log_catch_alls_stmt FROM @repair_log_catch_alls_sql;
    EXECUTE repair_log_catch_alls_stmt;
    SET v_low_day = @repair_low, v_low_rows = @repair_rows;
    SET @repair_log_catch_alls_sql = CONCAT('SELECT MAX(business_date), COUNT(*) INTO @repair_high, @repair_rows FROM `',
                                            in_table, '` WHERE business_date > ''', v_hi, '''');
    DEALLOCATE PREPARE repair_log_catch_alls_stmt;
    PREPARE repair_log_catch_alls_stmt FROM @repair_log_catch_alls_sql;
    EXECUTE repair_log_catch_alls_stmt;
    DEALLOCATE PREPARE repair_log_catch_alls_stmt;
    SET v_high_day = @repair_high, v_high_rows = @repair_rows;
    SET v_days = IFNULL(DATEDIFF(v_lo, v_low_day), 0) + IFNULL(DATEDIFF(v_high_day, v_hi), 0);
    IF v_days > v_max_days OR v_low_day < '1970-01-02' OR v_count + v_days > 8000 THEN
      SET v_message = CONCAT('repair_log_catch_alls: ', in_table, ' catch-all rows span ', IFNULL(v_low_day, v_lo), ' .. ',
                             IFNULL(v_high_day, v_hi), '; fix or delete stray dates first');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    IF v_low_day IS NOT NULL THEN
      CALL split_log_catch_all(in_table, 'p_before', v_low_day, v_lo - INTERVAL 1 DAY);
    END IF;
    IF v_high_day IS NOT NULL THEN
      CALL split_log_catch_all(in_table, 'p_future', v_hi + INTERVAL 1 DAY, v_high_day);
    END IF;
  END IF;

  SET @repair_log_catch_alls_sql = NULL;
  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
  SELECT in_table AS table_name, v_days AS days_added, v_low_rows + v_high_rows AS rows_moved;
END
