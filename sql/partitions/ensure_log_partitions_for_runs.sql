-- ensure_log_partitions_for_runs(): make sure view_log and ad_view_log have a day partition
-- for every day of the runs listed in the session's temporary table tmp_partition_run.
--
-- Description: the common part of ensure_log_partitions (one span) and
--   ensure_log_partitions_for_days (the scattered days of a load): under the partitions lock,
--   ensure_day_partition_runs for view_log, then for ad_view_log (see its header: missing
--   days are split out of the EMPTY p_before, gap or p_future around them, one REORGANIZE
--   per partition, never filling the days between runs). A partition holding rows is never
--   reorganised: its days are skipped without failing (rows for them keep landing there
--   and stay readable), the reason is left in @ensure_log_partitions_notice (NULL when all
--   is well) and raised as a warning (SQLSTATE 01000, SHOW WARNINGS), and
--   check_log_partitions reports the partition until a DBA empties it.
-- Parameters: none; the caller fills
--     tmp_partition_run (first_day DATE PRIMARY KEY, last_day DATE NOT NULL)
--   with runs of days, ascending and not overlapping, in 1970-01-02 .. 9999-12-30 (left as
--   it was). A table that would pass 8192 partitions raises SQLSTATE 45000.
-- Locking: the partitions lock (lock_partitions: GET_LOCK of lock_name('partitions'), 60 s)
--   for the whole call, so two sessions calling it at once take turns (the second finds the
--   days there and does nothing). When a day is added, the ALTER TABLE commits the caller's
--   open transaction (implicit commit): call it BEFORE starting a transaction. When nothing
--   is missing it only reads information_schema and commits nothing.
-- Idempotency: yes; a repeated call changes nothing.
-- Example: CREATE TEMPORARY TABLE tmp_partition_run (first_day DATE PRIMARY KEY, last_day DATE NOT NULL);
--          INSERT INTO tmp_partition_run VALUES ('2024-02-29', '2024-02-29'), ('2026-11-20', '2026-11-27');
--          CALL ensure_log_partitions_for_runs(); SELECT @ensure_log_partitions_notice;
CREATE PROCEDURE ensure_log_partitions_for_runs()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions of view_log and ad_view_log for the runs of days in tmp_partition_run. Example: CALL ensure_log_partitions_for_runs()'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_view_notice VARCHAR(1000);
  DECLARE v_ad_notice VARCHAR(1000);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  SET @ensure_log_partitions_notice = NULL;
  IF EXISTS (SELECT 1 FROM tmp_partition_run) THEN
    CALL lock_partitions('ensure_log_partitions', v_lock);
    SET v_locked = TRUE;
    CALL ensure_day_partition_runs('view_log', v_view_notice);
    CALL ensure_day_partition_runs('ad_view_log', v_ad_notice);
    SET v_locked = FALSE;
    DO RELEASE_LOCK(v_lock);
  END IF;

  SET @ensure_log_partitions_notice = NULLIF(CONCAT_WS('; ', v_view_notice, v_ad_notice), '');
  IF @ensure_log_partitions_notice IS NOT NULL THEN
    SIGNAL SQLSTATE '01000'
      SET MESSAGE_TEXT = 'ensure_log_partitions: some days not added, a partition holds rows; see CALL check_log_partitions(NULL, 7)';
  END IF;
END
