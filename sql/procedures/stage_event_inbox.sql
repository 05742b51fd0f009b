-- stage_event_inbox(in_kind, out_batch_id): move what an inbox holds into a new load batch.
--
-- Description: the streaming service INSERTs events into view_event_inbox and
--   ad_event_inbox (SPEC 2). This procedure moves every row an inbox holds now into a new
--   load_batch (source 'inbox', kind in_kind) of the kind's stage table, in one
--   transaction: the rows are copied (line_no = inbox_id) and deleted from the inbox
--   together, so a row is in exactly one place at any time. A missing value becomes a
--   parse error, as a bad field of a file would (bad_number: an id or number is NULL;
--   bad_timestamp: the timestamp is NULL). Then promote the batch like a file's:
--   CALL promote_views_batch(out_batch_id) or promote_ad_views_batch(out_batch_id) -
--   `settlement load` and `settlement run` do both steps first thing.
--   Rows the service inserts while this runs stay in the inbox for the next call (only the
--   copied rows are deleted), whatever order their ids commit in.
-- Parameters: in_kind       'views' or 'ad_views'
--             out_batch_id  the new batch, or NULL when the inbox was empty
-- Locking: one transaction; reads the inbox at READ COMMITTED (call it at that level) and
--   deletes exactly the rows it copied. The new batch's lock (lock_name 'load_batch.<id>')
--   stays held by this session: release it after promoting (RELEASE_LOCK).
-- Idempotency: a second call moves only rows that arrived since; a batch that was staged
--   but never promoted (the caller died) is complete and is promoted by the next load or run.
-- Example: CALL stage_event_inbox('views', @b); CALL promote_views_batch(@b);
CREATE PROCEDURE stage_event_inbox(IN in_kind VARCHAR(16), OUT out_batch_id BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Moves an event inbox into a new STAGING load batch (then promote it). Example: CALL stage_event_inbox(''views'', @b)'
body: BEGIN
  DECLARE v_rows BIGINT DEFAULT 0;
  DECLARE v_lock VARCHAR(64);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    IF v_lock IS NOT NULL THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;
  IF in_kind IS NULL OR in_kind NOT IN ('views', 'ad_views') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'stage_event_inbox: in_kind must be views or ad_views';
  END IF;
  SET out_batch_id = NULL;
  IF (in_kind = 'views' AND NOT EXISTS (SELECT 1 FROM view_event_inbox))
     OR (in_kind = 'ad_views' AND NOT EXISTS (SELECT 1 FROM ad_event_inbox)) THEN
    LEAVE body;  -- nothing waits: no batch (and no batch id used up)
  END IF;

  START TRANSACTION;
  INSERT INTO load_batch (kind, source, file_name, owner_host, owner_pid)
  VALUES (in_kind, 'inbox', IF(in_kind = 'views', 'view_event_inbox', 'ad_event_inbox'), @@hostname, NULL);
  SET out_batch_id = LAST_INSERT_ID();
  -- Held until the caller has promoted it (RELEASE_LOCK): find_load_leftovers leaves it alone.
  CALL lock_name(CONCAT('load_batch.', out_batch_id), v_lock);
  DO GET_LOCK(v_lock, 0);

  IF in_kind = 'views' THEN
    INSERT INTO view_log_stage (batch_id, line_no, event_id, viewer_id, video_id, ip, started_at,
                                watched_sec, last_position_sec, parse_error, parse_detail)
    SELECT out_batch_id, i.inbox_id, i.event_id, i.viewer_id, i.video_id, COALESCE(i.ip, ''), i.started_at,
           i.watched_sec, i.last_position_sec,
           CASE WHEN i.event_id IS NULL OR i.viewer_id IS NULL OR i.video_id IS NULL
                  OR i.watched_sec IS NULL OR i.last_position_sec IS NULL THEN 'bad_number'
                WHEN i.started_at IS NULL THEN 'bad_timestamp' END,
           CASE WHEN i.event_id IS NULL THEN 'event_id is missing'
                WHEN i.viewer_id IS NULL THEN 'viewer_id is missing'
                WHEN i.video_id IS NULL THEN 'video_id is missing'
                WHEN i.watched_sec IS NULL THEN 'watched_sec is missing'
                WHEN i.last_position_sec IS NULL THEN 'last_position_sec is missing'
                WHEN i.started_at IS NULL THEN 'started_at is missing' END
      FROM view_event_inbox i
     ORDER BY i.inbox_id;
    SET v_rows = ROW_COUNT();
    DELETE i FROM view_event_inbox i
      JOIN view_log_stage s ON s.batch_id = out_batch_id AND s.line_no = i.inbox_id;
  ELSE
    INSERT INTO ad_view_log_stage (batch_id, line_no, event_id, viewer_id, video_id, ad_id, ip, viewed_at,
                                   parse_error, parse_detail)
    SELECT out_batch_id, i.inbox_id, i.event_id, i.viewer_id, i.video_id, i.ad_id, COALESCE(i.ip, ''), i.viewed_at,
           CASE WHEN i.event_id IS NULL OR i.viewer_id IS NULL OR i.video_id IS NULL OR i.ad_id IS NULL
                THEN 'bad_number'
                WHEN i.viewed_at IS NULL THEN 'bad_timestamp' END,
           CASE WHEN i.event_id IS NULL THEN 'event_id is missing'
                WHEN i.viewer_id IS NULL THEN 'viewer_id is missing'
                WHEN i.video_id IS NULL THEN 'video_id is missing'
                WHEN i.ad_id IS NULL THEN 'ad_id is missing'
                WHEN i.viewed_at IS NULL THEN 'viewed_at is missing' END
      FROM ad_event_inbox i
     ORDER BY i.inbox_id;
    SET v_rows = ROW_COUNT();
    DELETE i FROM ad_event_inbox i
      JOIN ad_view_log_stage s ON s.batch_id = out_batch_id AND s.line_no = i.inbox_id;
  END IF;

  IF v_rows = 0 THEN
    ROLLBACK;  -- the rows went meanwhile: no batch
    DO RELEASE_LOCK(v_lock);
    SET out_batch_id = NULL;
  ELSE
    UPDATE load_batch SET rows_read = v_rows WHERE id = out_batch_id;
    COMMIT;
  END IF;
END body
