-- promote_ad_views_batch(in_batch_id): validate one staged batch of ad events and insert
-- the new ones into ad_view_log.
--
-- Description: a batch staged in ad_view_log_stage: what stage_event_inbox moved out of
--   ad_event_inbox, a batch a DBA staged by hand, or what a load that died left (lines
--   that did not parse included, parse_error: wrong_field_count, bad_number, bad_timestamp,
--   text_too_long). `settlement load` promotes a file the same way, chunk by chunk, from
--   the lines it streams (see check_ad_view_lines). Chunk by chunk of 100,000 line
--   numbers, each its own transaction, check_ad_view_lines and commit_event_lines apply
--   SPEC 4: the rules (reasons date_out_of_range, unknown_video, unknown_viewer, unknown_ad,
--   not_a_placement), the quarantine (rejected_record), event identity (an ad event_id,
--   their own id space, loaded before, on any business date, or earlier in the batch is a
--   duplicate; a rejected line claims nothing), the log insert, the days' counts and stale
--   marks.
--   Ends with the batch LOADED and returns ONE result set of (outcome, reason, n):
--   ('loaded', '', n), ('duplicate', '', n), ('rejected', <reason>, n) per reason, most
--   frequent first, ('notice', <text>, 0) when a day's partition could not be added.
-- Parameters: in_batch_id  a load_batch of kind 'ad_views', STAGING (or PROMOTING: a promotion
--   that was interrupted carries on). Another kind or state, or an unknown id, raise 45000.
-- Locking: the batch's named lock (begin_promote_batch); each chunk's transaction locks the
--   log_day rows of its days (ascending date) until its commit. Call it at READ COMMITTED.
-- Idempotency and recovery: a chunk's events, identities, quarantined lines, day counts,
--   stale marks, counts and the deletion of its stage rows commit together. After a crash,
--   CALL it again for the same batch (it carries on with the lines still staged).
-- Example: CALL promote_ad_views_batch(43);
CREATE PROCEDURE promote_ad_views_batch(IN in_batch_id BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Validate one staged batch of ad events; insert the new ones into ad_view_log, mark late days stale. Example: CALL promote_ad_views_batch(43)'
BEGIN
  DECLARE v_chunk_lines BIGINT UNSIGNED DEFAULT 100000;  -- line numbers per chunk transaction
  DECLARE v_lock VARCHAR(64);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_from BIGINT UNSIGNED;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;  -- the failing chunk only; chunks committed before it stand
    CALL close_event_lines();
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  CALL begin_promote_batch(in_batch_id, 'ad_views', 'promote_ad_views_batch', v_lock);
  SET v_locked = TRUE;
  SELECT MIN(line_no) INTO v_from FROM ad_view_log_stage WHERE batch_id = in_batch_id;
  WHILE v_from IS NOT NULL DO
    CALL check_ad_view_lines(in_batch_id, v_from, v_from + v_chunk_lines - 1);
    CALL commit_event_lines('ad_views', in_batch_id, v_from, v_from + v_chunk_lines - 1);
    SELECT MIN(line_no) INTO v_from FROM ad_view_log_stage WHERE batch_id = in_batch_id AND line_no > v_from;
  END WHILE;
  SET v_locked = FALSE;
  CALL finish_promote_batch(in_batch_id, v_lock);
END
