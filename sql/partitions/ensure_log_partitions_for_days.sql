-- ensure_log_partitions_for_days(): make sure view_log and ad_view_log have a day partition
-- for every business date listed in the session's temporary table tmp_partition_day.
--
-- Description: what a load calls (ensure_batch_partitions) with the accepted days of its
--   batch, which may be scattered over years (a backfill, one event of 2024-02-29, today's).
--   The caller creates and fills
--     CREATE TEMPORARY TABLE tmp_partition_day (business_date DATE PRIMARY KEY);
--   the days are grouped into runs of consecutive dates (tmp_partition_run), and
--   ensure_day_partition_runs (see its header) gives each table their day partitions: a day
--   already there costs nothing, missing ones are split out of the empty p_before, gap or
--   p_future around them (one REORGANIZE per partition split, whatever the number of runs
--   inside it), never filling the days between two runs. As in ensure_log_partitions, a partition holding
--   rows is never reorganised: its days are skipped, the reason is left in
--   @ensure_log_partitions_notice (NULL when all is well) and raised as a warning (01000).
--   An empty tmp_partition_day changes nothing.
-- Parameters: none; tmp_partition_day as above (days in 1970-01-02 .. 9999-12-30, else
--   SQLSTATE 45000; a table that would pass 8192 partitions raises 45000 too). The table is
--   left as it was (the caller drops it).
-- Locking: the partitions lock (CALL lock_name('partitions', ...), GET_LOCK 60 s) for the
--   whole call. A split commits the caller's open transaction (implicit commit): call it
--   before starting one. When every day is there it only reads information_schema.
-- Idempotency: yes.
-- Example: CREATE TEMPORARY TABLE tmp_partition_day (business_date DATE PRIMARY KEY);
--          INSERT INTO tmp_partition_day VALUES ('2000-01-01'), ('2024-02-29'), ('2026-11-20');
--          CALL ensure_log_partitions_for_days(); SELECT @ensure_log_partitions_notice;
CREATE PROCEDURE ensure_log_partitions_for_days()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions of view_log and ad_view_log for the days in tmp_partition_day. Example: CALL ensure_log_partitions_for_days()'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_min DATE;
  DECLARE v_view_notice VARCHAR(1000);
  DECLARE v_ad_notice VARCHAR(1000);
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  SET @ensure_log_partitions_notice = NULL;
  SELECT MIN(business_date) INTO v_min FROM tmp_partition_day;

  -- Runs of consecutive days: a day minus its rank is the same all along a run.
  DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
  CREATE TEMPORARY TABLE tmp_partition_run (first_day DATE NOT NULL PRIMARY KEY, last_day DATE NOT NULL) ENGINE=MEMORY;
  INSERT INTO tmp_partition_run (first_day, last_day)
  SELECT MIN(business_date), MAX(business_date)
    FROM (SELECT business_date,
                 business_date - INTERVAL ROW_NUMBER() OVER (ORDER BY business_date) DAY AS run_key
            FROM tmp_partition_day) d
   GROUP BY run_key;

  IF v_min IS NOT NULL THEN
    CALL lock_name('partitions', v_lock);
    IF GET_LOCK(v_lock, 60) IS NOT TRUE THEN
      SET v_message = CONCAT('ensure_log_partitions_for_days: another session held lock ', v_lock, ' for 60 s; try again');
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
    END IF;
    SET v_locked = TRUE;
    CALL ensure_day_partition_runs('view_log', v_view_notice);
    CALL ensure_day_partition_runs('ad_view_log', v_ad_notice);
    SET v_locked = FALSE;
    DO RELEASE_LOCK(v_lock);
  END IF;
  DROP TEMPORARY TABLE tmp_partition_run;

  SET @ensure_log_partitions_notice = NULLIF(CONCAT_WS('; ', v_view_notice, v_ad_notice), '');
  IF @ensure_log_partitions_notice IS NOT NULL THEN
    SIGNAL SQLSTATE '01000'
      SET MESSAGE_TEXT = 'ensure_log_partitions: some days not added, a partition holds rows; see CALL check_log_partitions(NULL, 7)';
  END IF;
END
