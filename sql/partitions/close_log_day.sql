-- close_log_day(in_day, in_action, out_refusal): closes a processed day before retention
-- drops or archives its logs.
--
-- Description: after this commits, the day is in closed_date: promote rejects its events
--   (date_out_of_range) and check_run_date refuses to compute it, so its figures stay as
--   they are. Refused (out_refusal says why, nothing changed) when a run holds the day
--   (its lock, lock_name 'daily.<day>'), when it is stale (late events not yet counted), or
--   when it has no completed daily run. The day's log_day row is locked first, so a load
--   adding events to it finishes before (and makes it stale) or sees it closed after.
-- Parameters: in_day       the business date
--             in_action    'DROPPED' or 'ARCHIVED' (recorded)
--             out_refusal  NULL when closed, else the reason
-- Locking: GET_LOCK of the day's run lock (0 s wait) during the call; one transaction that
--   locks the day's log_day row and inserts the closed_date row. Call it outside a transaction.
-- Example: CALL close_log_day('2025-01-01', 'DROPPED', @why); SELECT @why;
CREATE PROCEDURE close_log_day(IN in_day DATE, IN in_action VARCHAR(16), OUT out_refusal VARCHAR(255))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Closes a processed day before its logs go (closed_date), unless a run holds it or it is stale. Example: CALL close_log_day(''2025-01-01'', ''DROPPED'', @why)'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_events BIGINT;
  DECLARE v_state VARCHAR(16);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    DO RELEASE_LOCK(v_lock);
    RESIGNAL;
  END;
  SET out_refusal = NULL;
  CALL lock_name(CONCAT('daily.', in_day), v_lock);
  IF GET_LOCK(v_lock, 0) IS NOT TRUE THEN
    SET out_refusal = 'a run of this day is in progress';
  ELSE
    START TRANSACTION;
    SELECT view_events INTO v_events FROM log_day WHERE business_date = in_day FOR UPDATE;
    SELECT state INTO v_state FROM job_run WHERE job = 'daily' AND business_date = in_day;
    IF EXISTS (SELECT 1 FROM stale_date WHERE business_date = in_day) THEN
      SET out_refusal = 'late events arrived after it was processed (stale): the next run restates it first';
    ELSEIF IFNULL(v_state, '') <> 'COMPLETED' THEN
      SET out_refusal = CONCAT('no completed daily run (', IFNULL(v_state, 'never run'), ')');
    ELSE
      INSERT INTO closed_date (business_date, action) VALUES (in_day, in_action)
      ON DUPLICATE KEY UPDATE action = VALUES(action), closed_at = NOW(3);
    END IF;
    COMMIT;
    DO RELEASE_LOCK(v_lock);
  END IF;
END
