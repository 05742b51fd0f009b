-- join_promote_batch(in_batch_id, in_kind): a second session working on chunks of an event
-- batch that another session of the same load began (begin_promote_batch).
--
-- Description: `settlement load` promotes an event file on two sessions: while one commits
--   a chunk (commit_event_lines), the other checks the next (check_view_lines); chunks are
--   committed in line order. This opens the joining session's tables
--   (open_promote_session); its outcomes are added to the first session's before
--   finish_promote_batch. The batch must be PROMOTING, of in_kind, and its lock held by
--   another session.
-- Parameters: in_batch_id  the batch; in_kind  'views' or 'ad_views'
--   Anything else raises SQLSTATE 45000.
-- Locking: none taken (the beginning session holds the batch's lock).
-- Example: CALL join_promote_batch(42, 'views');
CREATE PROCEDURE join_promote_batch(IN in_batch_id BIGINT UNSIGNED, IN in_kind VARCHAR(16))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Opens a second session''s tables for chunks of an event batch being promoted. Example: CALL join_promote_batch(42, ''views'')'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_kind VARCHAR(16);
  DECLARE v_state VARCHAR(16);
  DECLARE v_message VARCHAR(255);
  SELECT kind, state INTO v_kind, v_state FROM load_batch WHERE id = in_batch_id;
  CALL lock_name(CONCAT('load_batch.', in_batch_id), v_lock);
  IF v_kind IS NULL OR v_kind <> in_kind OR in_kind NOT IN ('views', 'ad_views') OR v_state <> 'PROMOTING'
     OR COALESCE(IS_USED_LOCK(v_lock), CONNECTION_ID()) = CONNECTION_ID() THEN
    SET v_message = CONCAT('join_promote_batch: load_batch ', COALESCE(in_batch_id, 'NULL'),
                           ' is not a batch of ', COALESCE(in_kind, 'NULL'), ' another session is promoting');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  CALL open_promote_session(in_kind);
END
