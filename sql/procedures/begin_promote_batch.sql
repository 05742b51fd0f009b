-- begin_promote_batch(in_batch_id, in_kind, in_caller, out_lock): the common start of every
-- promote_<kind>_batch procedure.
--
-- Description: checks that load_batch in_batch_id exists, holds in_kind and is STAGING or
--   PROMOTING (an interrupted promotion carries on); takes the batch's named lock (one
--   session stages or promotes a batch at a time; the session that staged it may already
--   hold it), marks it PROMOTING (committed: a later load knows its staging was complete)
--   and opens the session's tables (open_promote_session): tmp_promote_outcome, where the
--   caller counts its outcomes, and for a batch of events the chunks' working tables.
-- Parameters: in_batch_id  the load_batch to promote
--             in_kind      the kind the caller promotes ('views', 'members', ...)
--             in_caller    the caller's name, for messages
--             out_lock     the lock taken; the caller releases it (finish_promote_batch
--                          does, or the caller's error handler)
--   An unknown batch, another kind, another state or a busy lock raise SQLSTATE 45000
--   naming the caller; the lock is not held then.
-- Locking: GET_LOCK(lock_name('load_batch.<id>'), 0); updates the load_batch row (autocommit).
-- Example: CALL begin_promote_batch(42, 'views', 'promote_views_batch', @lock);
CREATE PROCEDURE begin_promote_batch(IN in_batch_id BIGINT UNSIGNED, IN in_kind VARCHAR(16),
                                     IN in_caller VARCHAR(64), OUT out_lock VARCHAR(64))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Checks a staged load_batch, takes its lock, creates tmp_promote_outcome. Example: CALL begin_promote_batch(42, ''views'', ''promote_views_batch'', @lock)'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_kind VARCHAR(16);
  DECLARE v_state VARCHAR(16);
  DECLARE v_message VARCHAR(255);

  SELECT kind, state INTO v_kind, v_state FROM load_batch WHERE id = in_batch_id;
  IF v_kind IS NULL THEN
    SET v_message = CONCAT(in_caller, ': there is no load_batch ', COALESCE(in_batch_id, 'NULL'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  IF v_kind <> in_kind THEN
    SET v_message = CONCAT(in_caller, ': load_batch ', in_batch_id, ' holds ', v_kind, ', not ', in_kind);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  CALL lock_name(CONCAT('load_batch.', in_batch_id), v_lock);
  IF GET_LOCK(v_lock, 0) IS NOT TRUE THEN
    SET v_message = CONCAT(in_caller, ': another session is promoting load_batch ', in_batch_id);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SELECT state INTO v_state FROM load_batch WHERE id = in_batch_id;  -- again, under the lock
  IF v_state NOT IN ('STAGING', 'PROMOTING') THEN
    DO RELEASE_LOCK(v_lock);
    SET v_message = CONCAT(in_caller, ': load_batch ', in_batch_id, ' is ', v_state,
                           '; only a STAGING or PROMOTING batch can be promoted');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  UPDATE load_batch SET state = 'PROMOTING' WHERE id = in_batch_id;

  CALL open_promote_session(in_kind);
  SET out_lock = v_lock;
END
