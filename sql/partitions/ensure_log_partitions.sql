-- ensure_log_partitions(in_from, in_to): make sure view_log and ad_view_log have a daily
-- partition for every business date of [in_from, in_to].
--
-- Description: called by `settlement run` for (D, D + partitions.days_ahead), by the load
--   procedures for the date span of a batch before they insert it (backfills of past dates
--   included), by `settlement partitions ensure`, and by a DBA by hand. The work per table is
--   ensure_day_partitions (see its header): days already there are left alone, missing ones
--   are split out of the EMPTY catch-all p_before (below) or p_future (above), keeping the
--   daily partitions contiguous. A catch-all that holds rows is never reorganised: those days
--   are skipped without failing (rows for them keep landing in the catch-all and stay
--   readable), the reason is left in @ensure_log_partitions_notice (NULL when all is well)
--   and raised as a warning (SQLSTATE 01000, SHOW WARNINGS), and check_log_partitions
--   reports the catch-all until a DBA empties it.
-- Parameters: in_from  first business date (>= 1970-01-02)
--             in_to    last business date (>= in_from, at most 3660 days after it)
--             Bad arguments raise SQLSTATE 45000.
-- Locking: GET_LOCK('<database>.partitions', 60) for the whole call, so two sessions calling
--   it at once take turns (the second finds the days there and does nothing). When a day is
--   added, the ALTER TABLE commits the caller's open transaction (implicit commit): call it
--   BEFORE starting a transaction. When nothing is missing it only reads information_schema
--   and commits nothing.
-- Idempotency: yes; a repeated call changes nothing.
-- Example: CALL ensure_log_partitions('2026-01-01', '2026-01-08'); SELECT @ensure_log_partitions_notice;
CREATE PROCEDURE ensure_log_partitions(IN in_from DATE, IN in_to DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Daily partitions of view_log and ad_view_log for [in_from, in_to]. Example: CALL ensure_log_partitions(''2026-01-01'', ''2026-01-08'')'
BEGIN
  DECLARE v_lock VARCHAR(64) DEFAULT CONCAT(LEFT(DATABASE(), 50), '.partitions');
  DECLARE v_view_notice VARCHAR(1000);
  DECLARE v_ad_notice VARCHAR(1000);
  DECLARE v_message VARCHAR(255);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
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

  IF GET_LOCK(v_lock, 60) IS NOT TRUE THEN
    SET v_message = CONCAT('ensure_log_partitions: another session held lock ', v_lock, ' for 60 s; try again');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET v_locked = TRUE;

  CALL ensure_day_partitions('view_log', in_from, in_to, v_view_notice);
  CALL ensure_day_partitions('ad_view_log', in_from, in_to, v_ad_notice);

  SET v_locked = FALSE;
  DO RELEASE_LOCK(v_lock);
  SET @ensure_log_partitions_notice = CONCAT_WS('; ', v_view_notice, v_ad_notice);
  IF @ensure_log_partitions_notice = '' THEN SET @ensure_log_partitions_notice = NULL; END IF;
  IF @ensure_log_partitions_notice IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('ensure_log_partitions: some days not added, a catch-all holds rows; see CALL check_log_partitions(NULL, 7)'), 128);
    SIGNAL SQLSTATE '01000' SET MESSAGE_TEXT = v_message;
  END IF;
END
