-- finish_log_archive(in_table): complete an archiving move that was interrupted between its
-- two EXCHANGE PARTITION swaps.
--
-- Description: archive_log_day moves a day in two swaps (log partition -> <table>_exchange ->
--   <table>_archive partition). When a session dies between them, the day's rows wait in
--   <table>_exchange (still readable there; check_log_partitions reports ARCHIVE_INTERRUPTED).
--   This procedure swaps them into the archive's partition of that day, creating it if needed
--   (ensure_day_partitions: the archive follows the log's layout of day and gap partitions).
--   It refuses (SQLSTATE 45000) when the exchange table holds several days or the archive
--   already has rows for the day: a DBA must sort those out by hand. No-op when empty.
-- Parameters: in_table  'view_log' or 'ad_view_log'
-- Locking: the partitions lock (lock_partitions: GET_LOCK of lock_name('partitions'), 60 s), re-entrant. EXCHANGE PARTITION takes the
--   archive table's metadata lock briefly (waits at most partitions.ddl_lock_wait_sec) and
--   scans the moved rows once to validate them against the partition (no copy).
-- Idempotency: yes; a second call finds the exchange table empty.
-- Example: CALL finish_log_archive('view_log');
CREATE PROCEDURE finish_log_archive(IN in_table VARCHAR(64))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Finish moving <table>_exchange into <table>_archive after an interrupted archive. Example: CALL finish_log_archive(''view_log'')'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_saved_lock_wait BIGINT DEFAULT @@SESSION.lock_wait_timeout;
  DECLARE v_ddl_wait BIGINT DEFAULT 30;
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_notice VARCHAR(1000);
  DECLARE v_message VARCHAR(255);
  DECLARE v_day DATE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET SESSION lock_wait_timeout = v_saved_lock_wait;
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  IF in_table IS NULL OR in_table NOT IN ('view_log', 'ad_view_log') THEN
    SET v_message = CONCAT('finish_log_archive: in_table must be view_log or ad_view_log, got ', IFNULL(in_table, 'NULL'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  CALL lock_partitions('finish_log_archive', v_lock);
  SET v_locked = TRUE;
  SELECT COALESCE(MAX(CAST(value AS UNSIGNED)), 30) INTO v_ddl_wait
    FROM setting WHERE name = 'partitions.ddl_lock_wait_sec';

  SET @finish_log_archive_first = NULL, @finish_log_archive_last = NULL;
  SET @finish_log_archive_sql = CONCAT('SELECT MIN(business_date), MAX(business_date) INTO @finish_log_archive_first, ',
                                       '@finish_log_archive_last FROM `', in_table, '_exchange`');
  PREPARE finish_log_archive_stmt FROM @finish_log_archive_sql;
  EXECUTE finish_log_archive_stmt;
  DEALLOCATE PREPARE finish_log_archive_stmt;
  SET v_day = @finish_log_archive_first;

  IF v_day IS NOT NULL THEN
    IF @finish_log_archive_last <> v_day THEN
      SET v_message = CONCAT('finish_log_archive: ', in_table, '_exchange holds several days (', v_day, ' .. ',
                             @finish_log_archive_last, '); move them by hand');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    CALL ensure_day_partitions(CONCAT(in_table, '_archive'), v_day, v_day, v_notice);
    IF v_notice IS NOT NULL THEN
      SET v_message = LEFT(CONCAT('finish_log_archive: ', v_notice), 255);
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET @finish_log_archive_busy = NULL;
    SET @finish_log_archive_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '_archive` WHERE business_date = ''',
                                         v_day, ''') INTO @finish_log_archive_busy');
    PREPARE finish_log_archive_stmt FROM @finish_log_archive_sql;
    EXECUTE finish_log_archive_stmt;
    DEALLOCATE PREPARE finish_log_archive_stmt;
    IF @finish_log_archive_busy THEN
      SET v_message = CONCAT('finish_log_archive: ', in_table, '_archive already holds rows of ', v_day,
                             ' and so does ', in_table, '_exchange; merge them by hand');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET @finish_log_archive_sql = CONCAT('ALTER TABLE `', in_table, '_archive` EXCHANGE PARTITION p', DATE_FORMAT(v_day, '%Y%m%d'),
                                         ' WITH TABLE `', in_table, '_exchange`');
    SET SESSION lock_wait_timeout = v_ddl_wait;
    PREPARE finish_log_archive_stmt FROM @finish_log_archive_sql;
    EXECUTE finish_log_archive_stmt;
    DEALLOCATE PREPARE finish_log_archive_stmt;
    SET SESSION lock_wait_timeout = v_saved_lock_wait;
  END IF;

  SET @finish_log_archive_sql = NULL;
  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
END
