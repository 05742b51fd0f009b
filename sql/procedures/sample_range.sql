-- sample_range(in_date, in_range_no, in_verify, out_due): whether a sampled step runs for one
-- range of a date's plan: the one place of the recount's sampling rule (issue 15).
--
-- Description: a ranged step marked job_step.sampled (the daily job's recount,
--   reconcile_counts_range) runs for range in_range_no (0-based, ascending video_id) of
--   date in_date's plan only when it is due:
--     (in_range_no + TO_DAYS(in_date)) MOD k = 0,  k = setting reconcile.recount_every;
--   deterministic from the date, and with the same number of ranges any k consecutive
--   dates recount every range exactly once (k = 1: every range of every run). With
--   in_verify TRUE (`settlement run --verify`) every range is due. `settlement run` asks
--   it per range when it plans a date; settle_date and reconcile_date do not sample (they
--   recount the whole date).
-- Parameters: in_date      the business date being planned
--             in_range_no  the range's number in the plan, 0-based
--             in_verify    TRUE: every range is due
--             out_due      TRUE when the step runs for that range
--   A NULL date or range, or a setting below 1, raises SQLSTATE 45000.
-- Locking: reads one setting row.
-- Example: CALL sample_range('2026-11-20', 3, FALSE, @due); SELECT @due;
CREATE PROCEDURE sample_range(IN in_date DATE, IN in_range_no INT, IN in_verify BOOLEAN, OUT out_due BOOLEAN)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Whether a sampled step (the recount) runs for a range of a date''s plan. Example: CALL sample_range(''2026-11-20'', 3, FALSE, @due)'
BEGIN
  DECLARE v_setting VARCHAR(255);
  DECLARE v_every INT;
  IF in_date IS NULL OR in_range_no IS NULL OR in_range_no < 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sample_range: need a date and a range number >= 0';
  END IF;
  CALL read_setting('reconcile.recount_every', v_setting);
  SET v_every = CAST(v_setting AS SIGNED);
  IF v_every IS NULL OR v_every < 1 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'sample_range: setting reconcile.recount_every must be a whole number >= 1';
  END IF;
  SET out_due = COALESCE(in_verify, FALSE) OR (in_range_no + TO_DAYS(in_date)) MOD v_every = 0;
END
