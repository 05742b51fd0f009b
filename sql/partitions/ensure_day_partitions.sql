-- ensure_day_partitions(in_table, in_from, in_to, out_notice): give one table a day
-- partition for every day of [in_from, in_to].
--
-- Description: one span of days for ensure_day_partition_runs (see its header, and
--   day_partition_range's for the layout): days already there are left alone; the span's
--   days inside an EMPTY p_before, gap or p_future are split out of it in one REORGANIZE
--   per partition, the rest of that partition staying a gap or catch-all, so a span far
--   from the other days costs a few partitions, never one per day in between. A partition
--   holding rows is not split: out_notice says which days were not added and why. Used by
--   ensure_log_partitions (both log tables) and for the archive tables (archive_log_day,
--   finish_log_archive).
-- Parameters: in_table    name of the table in the current database
--             in_from     first day wanted (>= 1970-01-02)
--             in_to       last day wanted (in_from .. 9999-12-30)
--             out_notice  NULL when every day is there, else why some days were not added
--             Bad arguments, or a table that would pass 8192 partitions, raise SQLSTATE 45000.
-- Locking: the partitions lock, and DDL only when a day is missing (implicit commit; waits
--   at most partitions.ddl_lock_wait_sec for the table's metadata lock): see
--   ensure_day_partition_runs. Uses (and drops) the session's tmp_partition_run.
-- Idempotency: a second call with the same days reads information_schema and changes nothing.
-- Example: CALL ensure_day_partitions('view_log', '2024-02-29', '2024-02-29', @notice); SELECT @notice;
CREATE PROCEDURE ensure_day_partitions(IN in_table VARCHAR(64), IN in_from DATE, IN in_to DATE,
                                       OUT out_notice VARCHAR(1000))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions for [in_from, in_to] in one table, splitting only empty partitions (catch-alls, gaps). Example: CALL ensure_day_partitions(''view_log'', ''2024-02-29'', ''2024-02-29'', @notice)'
BEGIN
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
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
  DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
  CREATE TEMPORARY TABLE tmp_partition_run (first_day DATE NOT NULL PRIMARY KEY, last_day DATE NOT NULL) ENGINE=MEMORY;
  INSERT INTO tmp_partition_run (first_day, last_day) VALUES (in_from, in_to);
  CALL ensure_day_partition_runs(in_table, out_notice);
  DROP TEMPORARY TABLE tmp_partition_run;
END
