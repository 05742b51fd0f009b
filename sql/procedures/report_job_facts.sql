-- report_job_facts(): the daily job's state in one row, for monitoring.
--
-- Description: SPEC 10 GET /metrics: the latest business date with a COMPLETED daily run,
--   how many processed dates are stale (stale_date: events arrived after their run), and
--   the duration and state of the run that finished last.
-- Parameters: none
-- Result set: one row: last_completed_date (NULL before the first run), stale_dates,
--   last_run_ms and last_run_state (NULL before the first finished run).
-- Locking: consistent (non-locking) reads of job_run and stale_date.
-- Idempotency: read-only.
-- Example: CALL report_job_facts();
CREATE PROCEDURE report_job_facts()
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Latest completed date, number of stale dates, duration and state of the last finished run. Example: CALL report_job_facts()'
BEGIN
  SELECT (SELECT MAX(c.business_date) FROM job_run c WHERE c.job = 'daily' AND c.state = 'COMPLETED') AS last_completed_date,
         (SELECT COUNT(*) FROM stale_date) AS stale_dates,
         l.duration_ms AS last_run_ms, l.state AS last_run_state
    FROM (SELECT 1 AS one) o
    LEFT JOIN (SELECT TIMESTAMPDIFF(MICROSECOND, r.started_at, r.finished_at) DIV 1000 AS duration_ms, r.state
                 FROM job_run r
                WHERE r.job = 'daily' AND r.finished_at IS NOT NULL
                ORDER BY r.finished_at DESC
                LIMIT 1) l ON 1 = 1;
END
