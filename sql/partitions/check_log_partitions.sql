-- check_log_partitions(in_today, in_days_ahead): what needs a DBA's attention in the
-- partitions of view_log and ad_view_log, as a result set (no row: all is well).
--
-- Description: the layout is the one day_partition_range describes: p_before, then day
--   partitions pYYYYMMDD and empty gap partitions gYYYYMMDD in date order, then p_future.
--   One row per problem, with columns
--     table_name, problem, first_day, last_day, partition_name, detail
--   problem is one of
--     MISSING_DAYS       days of [in_today, in_today + in_days_ahead] without a day partition of
--                        their own (first_day .. last_day, one row per stretch), whether they lie
--                        in p_before, p_future or a gap; ensure_log_partitions adds them
--     ROWS_IN_CATCH_ALL  p_before or p_future holds rows (their lowest and highest business
--                        date; detail gives the count, capped at 1,000,000). ensure never
--                        reorganises a partition with rows (a long blocking copy): a DBA runs
--                        CALL repair_log_catch_alls('<table>') in a maintenance window
--     NOT_DAILY          a partition between the catch-alls that is neither a day partition
--                        (exactly one day, named pYYYYMMDD after it) nor a gap named gYYYYMMDD
--                        after its first day (first_day .. last_day: the days it covers); or a
--                        gap that holds rows (detail: how many, dated when; repair_log_catch_alls
--                        gives them day partitions)
--     ARCHIVE_INTERRUPTED  <table>_exchange holds rows: an archiving drop was killed between its
--                        two EXCHANGE PARTITION swaps; the next drop_log_partitions finishes it
--     LAYOUT             the table is not (p_before, day and gap partitions, p_future MAXVALUE)
-- Parameters: in_today       the business date to look ahead from; NULL = today in the
--                            business time zone
--             in_days_ahead  how many days after in_today must exist (0 .. 3660); NULL = 7
-- Locking: reads information_schema and a few index-only, partition-pruned queries of the
--   catch-alls and gaps (one per gap, never one per day); no locks held, commits nothing.
--   Idempotent (read-only; uses session temporary tables).
-- Example: CALL check_log_partitions(NULL, 7);
CREATE PROCEDURE check_log_partitions(IN in_today DATE, IN in_days_ahead INT)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Problems of the log tables'' partitions (missing days, rows in catch-alls or gaps), one row each. Example: CALL check_log_partitions(NULL, 7)'
BEGIN
  DECLARE v_today DATE DEFAULT in_today;
  DECLARE v_ahead INT DEFAULT IFNULL(in_days_ahead, 7);
  DECLARE v_last DATE;
  DECLARE v_i INT DEFAULT 1;
  DECLARE v_table VARCHAR(64);
  DECLARE v_lo DATE;
  DECLARE v_hi DATE;
  DECLARE v_count INT;
  DECLARE v_pos INT;
  DECLARE v_gap VARCHAR(64);
  DECLARE v_gap_first DATE;
  DECLARE v_gap_end DATE;
  DECLARE v_layout_ok BOOLEAN;
  DECLARE v_message VARCHAR(255);

  IF v_today IS NULL THEN CALL business_today(v_today); END IF;
  IF v_ahead < 0 OR v_ahead > 3660 THEN
    SET v_message = CONCAT('check_log_partitions: in_days_ahead must be 0 .. 3660, got ', v_ahead);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET v_last = v_today + INTERVAL v_ahead DAY;

  DROP TEMPORARY TABLE IF EXISTS check_log_partitions_result;
  CREATE TEMPORARY TABLE check_log_partitions_result (
    table_name     VARCHAR(64)  NOT NULL,
    problem        VARCHAR(32)  NOT NULL,
    first_day      DATE         NULL,
    last_day       DATE         NULL,
    partition_name VARCHAR(64)  NULL,
    detail         VARCHAR(512) NOT NULL
  ) ENGINE=InnoDB;

  WHILE v_i <= 2 DO
    SET v_table = ELT(v_i, 'view_log', 'ad_view_log');
    SET v_layout_ok = TRUE;
    BEGIN
      DECLARE EXIT HANDLER FOR SQLSTATE '45000'
      BEGIN
        SET v_layout_ok = FALSE;
        INSERT INTO check_log_partitions_result (table_name, problem, detail)
        VALUES (v_table, 'LAYOUT', 'not laid out as (p_before, day and gap partitions pYYYYMMDD / gYYYYMMDD, p_future MAXVALUE)');
      END;
      CALL day_partition_range(v_table, v_lo, v_hi, v_count);
    END;

    IF v_layout_ok THEN
      -- Days ahead without their own partition: the stretches of consecutive partitions that
      -- are not day partitions (p_before, gaps, odd ones, p_future), cut to the window.
      INSERT INTO check_log_partitions_result (table_name, problem, first_day, last_day, detail)
      SELECT v_table, 'MISSING_DAYS', MIN(GREATEST(IFNULL(first_day, v_today), v_today)),
             MAX(LEAST(IFNULL(end_day - INTERVAL 1 DAY, v_last), v_last)),
             CONCAT('no daily partition; run CALL ensure_log_partitions(''', v_today, ''', ''', v_last, ''')')
        FROM (SELECT first_day, end_day, pos - ROW_NUMBER() OVER (ORDER BY pos) AS stretch
                FROM tmp_log_partition
               WHERE table_name = v_table AND kind <> 'day'
                 AND (first_day IS NULL OR first_day <= v_last) AND (end_day IS NULL OR end_day > v_today)) p
       GROUP BY stretch;

      -- Rows in the catch-alls (pruned to the catch-all; the key starts with business_date).
      SET @check_log_partitions_sql = CONCAT(
        'INSERT INTO check_log_partitions_result (table_name, problem, first_day, last_day, partition_name, detail) ',
        'SELECT ''', v_table, ''', ''ROWS_IN_CATCH_ALL'', MIN(business_date), MAX(business_date), ''p_before'', ',
        '  CONCAT((SELECT COUNT(*) FROM (SELECT 1 FROM `', v_table, '` WHERE business_date < ''', v_lo, ''' LIMIT 1000000) c), ',
        '         '' row(s) dated before the first daily partition'') ',
        'FROM `', v_table, '` WHERE business_date < ''', v_lo, ''' HAVING COUNT(*) > 0');
      PREPARE check_log_partitions_stmt FROM @check_log_partitions_sql;
      EXECUTE check_log_partitions_stmt;
      DEALLOCATE PREPARE check_log_partitions_stmt;
      SET @check_log_partitions_sql = CONCAT(
        'INSERT INTO check_log_partitions_result (table_name, problem, first_day, last_day, partition_name, detail) ',
        'SELECT ''', v_table, ''', ''ROWS_IN_CATCH_ALL'', MIN(business_date), MAX(business_date), ''p_future'', ',
        '  CONCAT((SELECT COUNT(*) FROM (SELECT 1 FROM `', v_table, '` WHERE business_date > ''', v_hi, ''' LIMIT 1000000) c), ',
        '         '' row(s) dated after the last daily partition'') ',
        'FROM `', v_table, '` WHERE business_date > ''', v_hi, ''' HAVING COUNT(*) > 0');
      PREPARE check_log_partitions_stmt FROM @check_log_partitions_sql;
      EXECUTE check_log_partitions_stmt;
      DEALLOCATE PREPARE check_log_partitions_stmt;

      -- Partitions between the catch-alls that follow neither naming rule.
      INSERT INTO check_log_partitions_result (table_name, problem, first_day, last_day, partition_name, detail)
      SELECT v_table, 'NOT_DAILY', first_day, end_day - INTERVAL 1 DAY, name,
             CONCAT('covers ', DATEDIFF(end_day, first_day), ' day(s) from ', first_day)
        FROM tmp_log_partition
       WHERE table_name = v_table AND kind = 'other';

      -- Gaps must be empty: one pruned query per gap (not per day).
      SET v_pos = 0;
      WHILE v_pos IS NOT NULL DO
        SET v_gap = NULL;
        SELECT pos, name, first_day, end_day INTO v_pos, v_gap, v_gap_first, v_gap_end
          FROM tmp_log_partition
         WHERE table_name = v_table AND kind = 'gap' AND pos > v_pos
         ORDER BY pos LIMIT 1;
        IF v_gap IS NULL THEN
          SET v_pos = NULL;
        ELSE
          SET @check_log_partitions_sql = CONCAT(
            'INSERT INTO check_log_partitions_result (table_name, problem, first_day, last_day, partition_name, detail) ',
            'SELECT ''', v_table, ''', ''NOT_DAILY'', ''', v_gap_first, ''', ''', v_gap_end - INTERVAL 1 DAY, ''', ''', v_gap, ''', ',
            '  CONCAT(''a gap holding '', (SELECT COUNT(*) FROM (SELECT 1 FROM `', v_table, '` PARTITION (', v_gap, ') LIMIT 1000000) c), ',
            '         '' row(s) dated '', MIN(business_date), '' .. '', MAX(business_date), ',
            '         ''; CALL repair_log_catch_alls(''''', v_table, ''''') gives them day partitions'') ',
            'FROM `', v_table, '` PARTITION (', v_gap, ') HAVING COUNT(*) > 0');
          PREPARE check_log_partitions_stmt FROM @check_log_partitions_sql;
          EXECUTE check_log_partitions_stmt;
          DEALLOCATE PREPARE check_log_partitions_stmt;
        END IF;
      END WHILE;
    END IF;

    -- An archiving drop killed between its two swaps leaves the day in <table>_exchange.
    IF EXISTS (SELECT 1 FROM information_schema.TABLES
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = CONCAT(v_table, '_exchange')) THEN
      SET @check_log_partitions_sql = CONCAT(
        'INSERT INTO check_log_partitions_result (table_name, problem, first_day, last_day, partition_name, detail) ',
        'SELECT ''', v_table, ''', ''ARCHIVE_INTERRUPTED'', MIN(business_date), MAX(business_date), NULL, ',
        '  CONCAT(COUNT(*), '' row(s) in ', v_table, '_exchange; CALL drop_log_partitions(...) finishes moving them to ',
        v_table, '_archive'') FROM `', v_table, '_exchange` HAVING COUNT(*) > 0');
      PREPARE check_log_partitions_stmt FROM @check_log_partitions_sql;
      EXECUTE check_log_partitions_stmt;
      DEALLOCATE PREPARE check_log_partitions_stmt;
    END IF;
    SET v_i = v_i + 1;
  END WHILE;
  SET @check_log_partitions_sql = NULL;

  SELECT table_name, problem, first_day, last_day, partition_name, detail
    FROM check_log_partitions_result
   ORDER BY table_name DESC, problem, first_day;
  DROP TEMPORARY TABLE check_log_partitions_result;
END
