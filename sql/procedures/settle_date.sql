-- settle_date(in_date): a whole date, sequentially, for a DBA without the C++ program.
--
-- Description: the DBA's one call (SPEC 7): the same guard, locks, step list and stale
--   handling as `settlement run --date D --rerun`, on this one connection, each step over
--   the whole video_id range, so it gives the same figures:
--   1. check_run_date refuses a date outside the accepted window or closed by retention
--      (errno 30001), before anything is changed;
--   2. the date's lock, then the job-wide lock (lock_name 'daily.<date>', 'daily.job': the
--      ones `run` takes, in the same order); a date or job held by another run or call
--      raises errno 30002 and changes nothing;
--   3. the date's job_run row (owner 'sql', this connection), its old task plan removed,
--      committed; then fence_daily_run waits for loads adding events to the date;
--   4. every step of job_step (job 'daily') in step_no order: CALL procedure(date, 0,
--      18446744073709551615) for a ranged step, CALL procedure(date) otherwise;
--   5. close_daily_run clears the stale mark read before step 3 (unless events arrived
--      since), and the job_run row becomes COMPLETED.
--   Each step returns its result set as it goes (the statements step lists restated_date).
--   On an error the job_run row becomes FAILED with the message, the locks are released,
--   and the error is raised again; calling it again redoes the date.
-- Parameters: in_date  the business date to process (its log partitions are made sure of)
-- Locking and transactions: each step commits its own work. The job-wide lock is waited
--   for up to setting settle_date.job_lock_wait_sec. The steps lock less at READ COMMITTED
--   (SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED first, as `run` does).
-- Idempotency: calling it again gives the same figures.
-- Example: CALL settle_date('2026-11-20');
CREATE PROCEDURE settle_date(IN in_date DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'The daily job for one date on this connection: guard, locks, every job_step, stale mark. Example: CALL settle_date(''2026-11-20'')'
BEGIN
  DECLARE v_date_lock VARCHAR(64);
  DECLARE v_job_lock VARCHAR(64);
  DECLARE v_date_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_job_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_wait VARCHAR(255);
  DECLARE v_generation BIGINT UNSIGNED;
  DECLARE v_run_id BIGINT UNSIGNED;
  DECLARE v_step_no INT DEFAULT -1;
  DECLARE v_procedure VARCHAR(64);
  DECLARE v_ranged BOOLEAN;
  DECLARE v_message VARCHAR(255);
  DECLARE v_error TEXT;
  DECLARE v_acquired BOOLEAN;
  DECLARE v_owner VARCHAR(255) DEFAULT CONCAT('sql:', CURRENT_USER());
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    GET DIAGNOSTICS CONDITION 1 v_error = MESSAGE_TEXT;
    ROLLBACK;
    IF v_run_id IS NOT NULL THEN
      UPDATE job_run SET state = 'FAILED', finished_at = NOW(3), heartbeat_at = NOW(3),
                         message = CONCAT('settle_date failed: ', LEFT(v_error, 3000))
       WHERE id = v_run_id;
    END IF;
    IF v_job_locked THEN DO RELEASE_LOCK(v_job_lock); END IF;
    IF v_date_locked THEN DO RELEASE_LOCK(v_date_lock); END IF;
    RESIGNAL;
  END;

  CALL check_run_date(in_date);

  CALL lock_name(CONCAT('daily.', in_date), v_date_lock);
  CALL take_run_lock(CONCAT('daily.', in_date), 0, v_owner, 0, v_acquired);
  IF NOT v_acquired THEN
    SET v_message = CONCAT('settle_date: another run holds ', in_date, ' (server connection ',
                           COALESCE(IS_USED_LOCK(v_date_lock), '?'), '); try again later');
    SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30002, MESSAGE_TEXT = v_message;
  END IF;
  SET v_date_locked = TRUE;
  CALL read_setting('settle_date.job_lock_wait_sec', v_wait);
  CALL lock_name('daily.job', v_job_lock);
  IF GET_LOCK(v_job_lock, CAST(v_wait AS UNSIGNED)) IS NOT TRUE THEN
    SET v_message = CONCAT('settle_date: another date''s run held the daily job for more than ', v_wait,
                           ' s (server connection ', COALESCE(IS_USED_LOCK(v_job_lock), '?'), '); try again later');
    SIGNAL SQLSTATE '45000' SET MYSQL_ERRNO = 30002, MESSAGE_TEXT = v_message;
  END IF;
  SET v_job_locked = TRUE;

  CALL ensure_log_partitions(in_date, in_date);
  SELECT generation INTO v_generation FROM stale_date WHERE business_date = in_date;

  START TRANSACTION;
  INSERT INTO job_run (job, business_date, state, attempt, owner_host, owner_pid, threads, started_at, heartbeat_at)
  VALUES ('daily', in_date, 'RUNNING', 1, v_owner, 0, 1, NOW(3), NOW(3))
  ON DUPLICATE KEY UPDATE state = 'RUNNING', attempt = attempt + 1, owner_host = VALUES(owner_host),
                          owner_pid = VALUES(owner_pid), threads = 1, started_at = NOW(3), heartbeat_at = NOW(3), finished_at = NULL, message = NULL;
  SELECT id INTO v_run_id FROM job_run WHERE job = 'daily' AND business_date = in_date;
  DELETE FROM job_task WHERE run_id = v_run_id;  -- a plan of `run` would be stale after this call
  COMMIT;
  CALL fence_daily_run(in_date);

  SET @settle_date_day = in_date;
  SELECT MIN(step_no) INTO v_step_no FROM job_step WHERE job = 'daily' AND step_no > v_step_no;
  WHILE v_step_no IS NOT NULL DO
    SELECT procedure_name, ranged INTO v_procedure, v_ranged FROM job_step WHERE job = 'daily' AND step_no = v_step_no;
    SET @settle_date_call = CONCAT('CALL `', v_procedure, '`(?', IF(v_ranged, ', 0, 18446744073709551615)', ')'));
    PREPARE settle_date_step FROM @settle_date_call;
    EXECUTE settle_date_step USING @settle_date_day;
    DEALLOCATE PREPARE settle_date_step;
    SELECT MIN(step_no) INTO v_step_no FROM job_step WHERE job = 'daily' AND step_no > v_step_no;
  END WHILE;

  CALL close_daily_run(in_date, v_generation);
  UPDATE job_run SET state = 'COMPLETED', finished_at = NOW(3), heartbeat_at = NOW(3),
                     message = 'settle_date: every step over the whole video_id range'
   WHERE id = v_run_id;
  SET v_job_locked = FALSE;
  DO RELEASE_LOCK(v_job_lock);
  SET v_date_locked = FALSE;
  DO RELEASE_LOCK(v_date_lock);
END
