-- report_span(in_period, in_from, in_to): the first and last day of a report's span, and
-- whether its figures are complete.
--
-- Description: SPEC 10. The span is the DAY, WEEK, MONTH or YEAR period containing in_from
--   (in_period given, in_to NULL), or the days in_from .. in_to (in_period NULL; checked by
--   span_rollup: at most 366 days). `complete` is 1 when every day of the span up to
--   yesterday in the business time zone (setting business.utc_offset) has a COMPLETED
--   daily run (job_run) and is not stale (stale_date: events arrived after the run);
--   days after yesterday are not counted, so a span that starts today is complete.
--   `settlement report` and `settlement serve` call this first, then a *_span procedure
--   with from and to.
-- Parameters: in_period  'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive), or NULL
--             in_from    any date of the period, or the span's first day
--             in_to      NULL with a period, else the span's last day
-- Result set: one row: from, to (DATE), complete (0 or 1).
--   Raises SQLSTATE 45000 for an unknown period, a NULL date, in_period with in_to, or a
--   span that span_rollup refuses.
-- Locking: consistent (non-locking) reads of job_run and stale_date; one index range each.
-- Idempotency: read-only.
-- Example: CALL report_span('WEEK', '2026-11-18', NULL);
--          CALL report_span(NULL, '2026-11-01', '2026-11-10');
CREATE PROCEDURE report_span(IN in_period VARCHAR(8), IN in_from DATE, IN in_to DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'First and last day of a period or from/to span, and whether every day up to yesterday has a completed, non-stale daily run. Example: CALL report_span(''WEEK'', ''2026-11-18'', NULL)'
BEGIN
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  DECLARE v_rollup VARCHAR(8);
  DECLARE v_today DATE;
  DECLARE v_last DATE;
  DECLARE v_days INT DEFAULT 0;
  DECLARE v_done INT DEFAULT 0;

  IF in_period IS NOT NULL THEN
    IF in_to IS NOT NULL THEN
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'report_span: give in_period or in_to, not both';
    END IF;
    CALL period_bounds(in_period, in_from, v_start, v_end);
  ELSE
    CALL span_rollup(in_from, in_to, v_rollup);
    SET v_start = in_from, v_end = in_to;
  END IF;

  -- Up to yesterday in the business time zone.
  CALL business_today(v_today);
  SET v_last = LEAST(v_end, v_today - INTERVAL 1 DAY);
  IF v_last >= v_start THEN
    SET v_days = DATEDIFF(v_last, v_start) + 1;
    SELECT COUNT(*) INTO v_done
      FROM job_run r
     WHERE r.job = 'daily' AND r.business_date BETWEEN v_start AND v_last AND r.state = 'COMPLETED'
       AND NOT EXISTS (SELECT 1 FROM stale_date s WHERE s.business_date = r.business_date);
  END IF;
  SELECT v_start AS `from`, v_end AS `to`, v_done = v_days AS complete;
END
