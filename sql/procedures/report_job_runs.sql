-- report_job_runs(in_date, in_limit): the daily job's runs, most recent date first.
--
-- Description: SPEC 8 `status` and SPEC 10 GET /v1/jobs: one row per business date that
--   has a daily run (job_run), with its ranges done and planned (job_task), its duration
--   so far, its owner, whether the date is stale (stale_date: events arrived after the
--   run), and the run's message. `state` is as recorded: a RUNNING run whose owner died
--   still says RUNNING here, and its heartbeat_at stops moving (run.heartbeat_sec).
-- Parameters: in_date   one business date, or NULL for the most recent ones
--             in_limit  at most this many rows (>= 1; NULL means 30)
-- Result set: date, state, attempt, tasks_done, tasks_total, duration_ms, started_at,
--   heartbeat_at, finished_at (UTC, NULL while running), owner, stale (0 or 1), message.
--   Raises SQLSTATE 45000 for in_limit < 1.
-- Locking: consistent (non-locking) reads only.
-- Idempotency: read-only.
-- Example: CALL report_job_runs(NULL, 10);
CREATE PROCEDURE report_job_runs(IN in_date DATE, IN in_limit INT)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'The daily job''s runs (state, tasks, duration, owner, stale), most recent date first. Example: CALL report_job_runs(NULL, 10)'
BEGIN
  DECLARE v_limit INT DEFAULT COALESCE(in_limit, 30);
  IF v_limit < 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_job_runs: in_limit must be at least 1';
  END IF;
  SELECT r.business_date AS `date`, r.state, r.attempt,
         (SELECT COUNT(*) FROM job_task t WHERE t.run_id = r.id AND t.state = 'DONE') AS tasks_done,
         (SELECT COUNT(*) FROM job_task t WHERE t.run_id = r.id) AS tasks_total,
         TIMESTAMPDIFF(MICROSECOND, r.started_at, COALESCE(r.finished_at, NOW(3))) DIV 1000 AS duration_ms,
         r.started_at, r.heartbeat_at, r.finished_at,
         CONCAT(r.owner_host, ' pid ', r.owner_pid) AS owner,
         EXISTS (SELECT 1 FROM stale_date s WHERE s.business_date = r.business_date) AS stale,
         r.message
    FROM job_run r
   WHERE r.job = 'daily' AND (in_date IS NULL OR r.business_date = in_date)
   ORDER BY r.business_date DESC
   LIMIT v_limit;
END
