-- archive_log_day(in_table, in_day): move one day of a log table into its archive table by
-- swapping partitions (EXCHANGE PARTITION), without copying rows.
--
-- Description: two swaps through the empty, unpartitioned <table>_exchange (V005):
--     <table>.pYYYYMMDD          <->  <table>_exchange   (the day leaves the log; the partition stays, empty)
--     <table>_archive.pYYYYMMDD  <->  <table>_exchange   (the day lands in the archive's partition)
--   The archive tables follow the log's layout rules (day_partition_range: p_before, day
--   partitions and gaps, p_future): the archive gets the day's partition from
--   ensure_day_partitions, split out of its empty p_before, gap or p_future, so archived days
--   far apart cost a gap between them, not a partition per day. A move interrupted between
--   the swaps is finished first (finish_log_archive). Refuses (SQLSTATE 45000) when the day
--   has no day partition of its own in the log (a day in a gap), or the archive already
--   holds rows of it. It does not look at job status: drop_log_partitions decides which
--   days may go.
-- Parameters: in_table  'view_log' or 'ad_view_log'
--             in_day    the business date to move
-- Locking: the partitions lock (lock_partitions: GET_LOCK of lock_name('partitions'), 60 s, re-entrant).
--   Each swap takes the tables' metadata locks briefly (waits at most
--   partitions.ddl_lock_wait_sec) and commits; the second swap reads the moved rows once to
--   validate them against the archive partition (no copy).
-- Idempotency: a day whose log partition is empty is left alone, so a repeated call does
--   nothing (it refuses only if both the log and the archive hold rows of the day).
-- Example: CALL archive_log_day('view_log', '2025-01-01');
CREATE PROCEDURE archive_log_day(IN in_table VARCHAR(64), IN in_day DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Move one day of view_log or ad_view_log into its _archive table by EXCHANGE PARTITION. Example: CALL archive_log_day(''view_log'', ''2025-01-01'')'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_saved_lock_wait BIGINT DEFAULT @@SESSION.lock_wait_timeout;
  DECLARE v_ddl_wait BIGINT DEFAULT 30;
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_partition VARCHAR(64);
  DECLARE v_lo DATE;
  DECLARE v_hi DATE;
  DECLARE v_count INT;
  DECLARE v_notice VARCHAR(1000);
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET SESSION lock_wait_timeout = v_saved_lock_wait;
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  IF in_table IS NULL OR in_table NOT IN ('view_log', 'ad_view_log') THEN
    SET v_message = CONCAT('archive_log_day: in_table must be view_log or ad_view_log, got ', IFNULL(in_table, 'NULL'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  IF in_day IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'archive_log_day: in_day is required';
  END IF;
  CALL lock_partitions('archive_log_day', v_lock);
  SET v_locked = TRUE;
  SELECT COALESCE(MAX(CAST(value AS UNSIGNED)), 30) INTO v_ddl_wait
    FROM setting WHERE name = 'partitions.ddl_lock_wait_sec';
  SET v_partition = CONCAT('p', DATE_FORMAT(in_day, '%Y%m%d'));

  CALL finish_log_archive(in_table);

  CALL day_partition_range(in_table, v_lo, v_hi, v_count);
  IF NOT EXISTS (SELECT 1 FROM tmp_log_partition WHERE table_name = in_table AND kind = 'day' AND first_day = in_day) THEN
    SET v_message = CONCAT('archive_log_day: ', in_table, ' has no day partition ', v_partition, ' for ', in_day);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  SET @archive_log_day_log_rows = NULL, @archive_log_day_archive_rows = NULL;
  SET @archive_log_day_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '` WHERE business_date = ''', in_day,
                                    '''), EXISTS (SELECT 1 FROM `', in_table, '_archive` WHERE business_date = ''', in_day,
                                    ''') INTO @archive_log_day_log_rows, @archive_log_day_archive_rows');
  PREPARE archive_log_day_stmt FROM @archive_log_day_sql;
  EXECUTE archive_log_day_stmt;
  DEALLOCATE PREPARE archive_log_day_stmt;
  IF @archive_log_day_log_rows AND @archive_log_day_archive_rows THEN
    SET v_message = CONCAT('archive_log_day: ', in_table, '_archive already holds rows of ', in_day,
                           ' and so does ', in_table, '; merge them by hand');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  IF @archive_log_day_log_rows THEN
    CALL ensure_day_partitions(CONCAT(in_table, '_archive'), in_day, in_day, v_notice);
    IF v_notice IS NOT NULL THEN
      SET v_message = LEFT(CONCAT('archive_log_day: ', v_notice), 255);
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET SESSION lock_wait_timeout = v_ddl_wait;
    SET @archive_log_day_sql = CONCAT('ALTER TABLE `', in_table, '` EXCHANGE PARTITION ', v_partition,
                                      ' WITH TABLE `', in_table, '_exchange`');
    PREPARE archive_log_day_stmt FROM @archive_log_day_sql;
    EXECUTE archive_log_day_stmt;
    DEALLOCATE PREPARE archive_log_day_stmt;
    SET @archive_log_day_sql = CONCAT('ALTER TABLE `', in_table, '_archive` EXCHANGE PARTITION ', v_partition,
                                      ' WITH TABLE `', in_table, '_exchange`');
    PREPARE archive_log_day_stmt FROM @archive_log_day_sql;
    EXECUTE archive_log_day_stmt;
    DEALLOCATE PREPARE archive_log_day_stmt;
    SET SESSION lock_wait_timeout = v_saved_lock_wait;
  END IF;

  SET @archive_log_day_sql = NULL;
  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
END
