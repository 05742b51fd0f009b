-- ensure_log_partitions(in_from, in_to): make sure view_log and ad_view_log have a day
-- partition for every business date of [in_from, in_to].
--
-- Description: called by `settlement run` for (D, D + partitions.days_ahead), by
--   settle_date, by `settlement partitions ensure`, and by a DBA by hand (loads ask for the
--   days they need instead: ensure_log_partitions_for_days). The span is one run for
--   ensure_log_partitions_for_runs (see its header, and day_partition_range's for the
--   layout): days already there are left alone; the span's days inside an EMPTY p_before,
--   gap or p_future are split out of it in one REORGANIZE per partition, the rest of that
--   partition staying a gap or catch-all, so a span far from the other days costs a few
--   partitions, not one per day in between. A partition that holds rows is never
--   reorganised: those days are skipped without failing, the reason is left in
--   @ensure_log_partitions_notice (NULL when all is well) and raised as a warning
--   (SQLSTATE 01000), and check_log_partitions reports the partition until a DBA empties it.
-- Parameters: in_from  first business date (>= 1970-01-02)
--             in_to    last business date (>= in_from, at most 3660 days after it: a longer
--                      span is more likely a typo than a need; call it in steps)
--             Bad arguments, or a table that would pass 8192 partitions, raise SQLSTATE 45000.
-- Locking: the partitions lock for the whole call; DDL (implicit commit) only when a day is
--   missing: call it BEFORE starting a transaction. See ensure_log_partitions_for_runs.
--   Fills the session's temporary table tmp_partition_run (left for the session).
-- Idempotency: yes; a repeated call changes nothing.
-- Example: CALL ensure_log_partitions('2026-01-01', '2026-01-08'); SELECT @ensure_log_partitions_notice;
CREATE PROCEDURE ensure_log_partitions(IN in_from DATE, IN in_to DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions of view_log and ad_view_log for [in_from, in_to]. Example: CALL ensure_log_partitions(''2026-01-01'', ''2026-01-08'')'
BEGIN
  DECLARE v_max_span INT DEFAULT 3660;
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
    RESIGNAL;
  END;

  SET @ensure_log_partitions_notice = NULL;
  IF in_from IS NULL OR in_to IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'ensure_log_partitions: in_from and in_to are required';
  END IF;
  IF in_from > in_to THEN
    SET v_message = CONCAT('ensure_log_partitions: in_from ', in_from, ' is after in_to ', in_to);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  IF DATEDIFF(in_to, in_from) >= v_max_span THEN
    SET v_message = CONCAT('ensure_log_partitions: ', in_from, ' .. ', in_to, ' spans more than ', v_max_span,
                           ' days; call it in steps');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
  CREATE TEMPORARY TABLE tmp_partition_run (first_day DATE NOT NULL PRIMARY KEY, last_day DATE NOT NULL) ENGINE=MEMORY;
  INSERT INTO tmp_partition_run (first_day, last_day) VALUES (in_from, in_to);
  -- Last: its warning (SQLSTATE 01000) must reach the caller.
  CALL ensure_log_partitions_for_runs();
END
