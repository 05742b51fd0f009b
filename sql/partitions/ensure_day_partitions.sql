-- ensure_day_partitions(in_table, in_from, in_to, out_notice): give one table a daily
-- partition for every day of [in_from, in_to].
--
-- Description: the building block of ensure_log_partitions (and of the archive tables of
--   drop_log_partitions). The table must be RANGE COLUMNS(business_date)-partitioned as
--   V001 lays out view_log: `p_before` (LESS THAN the first daily day), contiguous daily
--   partitions `pYYYYMMDD` (LESS THAN the next day), `p_future` (MAXVALUE). Days already
--   covered by daily partitions are left alone (idempotent). Missing days below the lowest
--   daily partition are split out of p_before, missing days above the highest out of
--   p_future, filling any hole up to the existing days so the daily partitions stay
--   contiguous. The first call on a table without daily partitions and without rows (V001's
--   p_before < 1970-01-02, p_future) turns it into (p_before < in_from, daily partitions,
--   p_future).
--   A catch-all is split ONLY while it is empty: REORGANIZE PARTITION copies every row of
--   the partitions it rebuilds, so splitting a catch-all that holds rows would be a long
--   blocking rebuild. When the catch-all to split holds rows, those days are not added, the
--   rows stay where they are (readable, just not pruned per day) and out_notice says so;
--   check_log_partitions reports it until a DBA moves the rows in a maintenance window
--   (repair_log_catch_alls).
-- Parameters: in_table    name of the table in the current database
--             in_from     first day wanted (>= 1970-01-02)
--             in_to       last day wanted (>= in_from; at most 3660 days after in_from)
--             out_notice  NULL when every day is there, else why some days were not added
-- Locking: takes GET_LOCK('<database>.partitions', 60) (re-entrant, released at the end), so
--   concurrent callers in one database take turns and each re-reads the layout under the
--   lock. An ALTER (split_log_catch_all, only when a day is added) commits the caller's open transaction
--   (implicit commit), waits for the table's metadata lock at most setting
--   partitions.ddl_lock_wait_sec seconds (30 without it), and blocks the table's readers
--   and writers only while it splits the empty catch-all. Rows inserted meanwhile are never lost: an insert
--   either finishes before the ALTER takes the table or waits for it.
-- Idempotency: a second call with the same days reads information_schema and changes nothing.
-- Example: CALL ensure_day_partitions('view_log', '2026-01-01', '2026-01-08', @notice); SELECT @notice;
CREATE PROCEDURE ensure_day_partitions(IN in_table VARCHAR(64), IN in_from DATE, IN in_to DATE,
                                       OUT out_notice VARCHAR(1000))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Daily partitions for [in_from, in_to] in one table, splitting only empty catch-alls. Example: CALL ensure_day_partitions(''view_log'', ''2026-01-01'', ''2026-01-08'', @notice)'
BEGIN
  DECLARE v_max_span INT DEFAULT 3660;       -- days per call
  DECLARE v_max_partitions INT DEFAULT 8000; -- both servers stop at 8192
  DECLARE v_lock VARCHAR(64) DEFAULT CONCAT(LEFT(DATABASE(), 50), '.partitions');
  DECLARE v_count INT DEFAULT 0;
  DECLARE v_lo DATE;                         -- lowest daily day (= bound of p_before)
  DECLARE v_hi DATE;                         -- highest daily day
  DECLARE v_below_from DATE;                 -- days to split out of p_before
  DECLARE v_above_to DATE;                   -- last day to split out of p_future
  DECLARE v_new_days INT DEFAULT 0;
  DECLARE v_message VARCHAR(255);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
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
  IF DATEDIFF(in_to, in_from) >= v_max_span THEN
    SET v_message = CONCAT('ensure_day_partitions: ', in_from, ' .. ', in_to, ' spans more than ', v_max_span, ' days; call it in steps');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  IF GET_LOCK(v_lock, 60) IS NOT TRUE THEN
    SET v_message = CONCAT('ensure_day_partitions: another session held lock ', v_lock, ' for 60 s; try again');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET v_locked = TRUE;

  -- The layout, read under the lock (another session may just have changed it).
  CALL day_partition_range(in_table, v_lo, v_hi, v_count);

  SET @ensure_day_partitions_busy = NULL;
  IF v_count = 2 THEN
    SET @ensure_day_partitions_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '`) INTO @ensure_day_partitions_busy');
    PREPARE ensure_day_partitions_stmt FROM @ensure_day_partitions_sql;
    EXECUTE ensure_day_partitions_stmt;
    DEALLOCATE PREPARE ensure_day_partitions_stmt;
  END IF;

  IF v_count = 2 AND NOT @ensure_day_partitions_busy THEN
    -- No daily partition and no row: both catch-alls become (p_before < in_from, days, p_future).
    CALL split_log_catch_all(in_table, 'p_before, p_future', in_from, in_to);
  ELSE
    -- Days to add: below v_lo (in_from .. v_lo - 1) and above v_hi (v_hi + 1 .. in_to),
    -- holes up to the existing days filled so the daily partitions stay contiguous.
    IF in_from < v_lo THEN
      SET @ensure_day_partitions_busy = NULL;
      SET @ensure_day_partitions_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '` WHERE business_date < ''', v_lo,
                                              ''') INTO @ensure_day_partitions_busy');
      PREPARE ensure_day_partitions_stmt FROM @ensure_day_partitions_sql;
      EXECUTE ensure_day_partitions_stmt;
      DEALLOCATE PREPARE ensure_day_partitions_stmt;
      IF @ensure_day_partitions_busy THEN
        SET out_notice = CONCAT(in_table, ': p_before holds rows (business_date < ', v_lo, '); ',
                                in_from, ' .. ', LEAST(in_to, v_lo - INTERVAL 1 DAY), ' not added (their rows stay readable in p_before)');
      ELSE
        SET v_below_from = in_from;
      END IF;
    END IF;
    IF in_to > v_hi THEN
      SET @ensure_day_partitions_busy = NULL;
      SET @ensure_day_partitions_sql = CONCAT('SELECT EXISTS (SELECT 1 FROM `', in_table, '` WHERE business_date >= ''',
                                              v_hi + INTERVAL 1 DAY, ''') INTO @ensure_day_partitions_busy');
      PREPARE ensure_day_partitions_stmt FROM @ensure_day_partitions_sql;
      EXECUTE ensure_day_partitions_stmt;
      DEALLOCATE PREPARE ensure_day_partitions_stmt;
      IF @ensure_day_partitions_busy THEN
        SET out_notice = CONCAT_WS('; ', out_notice,
                                   CONCAT(in_table, ': p_future holds rows (business_date >= ', v_hi + INTERVAL 1 DAY, '); ',
                                          GREATEST(in_from, v_hi + INTERVAL 1 DAY), ' .. ', in_to, ' not added (their rows stay readable in p_future)'));
      ELSE
        SET v_above_to = in_to;
      END IF;
    END IF;

    SET v_new_days = IFNULL(DATEDIFF(v_lo, v_below_from), 0) + IFNULL(DATEDIFF(v_above_to, v_hi), 0);
    IF v_new_days > v_max_span OR v_count + v_new_days > v_max_partitions THEN
      SET v_message = CONCAT('ensure_day_partitions: ', in_table, ' would get ', v_new_days, ' new partitions to reach ',
                             in_from, ' .. ', in_to, ' from ', v_lo, ' .. ', v_hi, '; too many');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;

    IF v_below_from IS NOT NULL THEN
      CALL split_log_catch_all(in_table, 'p_before', v_below_from, v_lo - INTERVAL 1 DAY);
    END IF;

    IF v_above_to IS NOT NULL THEN
      CALL split_log_catch_all(in_table, 'p_future', v_hi + INTERVAL 1 DAY, v_above_to);
    END IF;
  END IF;

  SET @ensure_day_partitions_sql = NULL;
  DO RELEASE_LOCK(v_lock);
END
