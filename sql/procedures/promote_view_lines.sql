-- promote_view_lines(in_batch_id, in_from_line, in_to_line): validate one chunk of a batch of
-- view events and insert its new events into view_log: the one gate of SPEC 2 and 4 for
-- view events, whatever brought the lines (a file, the inbox, a DBA).
--
-- Description: the chunk is the lines in_from_line .. in_to_line of load_batch in_batch_id:
--   those the loading client sent into the session's MEMORY table tmp_view_line (created by
--   begin_promote_batch; `settlement load` streams a file's parsed lines there with LOAD DATA
--   LOCAL INFILE), plus those view_log_stage holds in that range (an inbox batch, a batch a
--   DBA staged, the lines of a file that did not parse). In that order:
--     0. the stage's parsed lines join tmp_view_line; the chunk's business dates
--        (DATE(started_at + business offset)) inside the accepted window
--        (accepted_date_window) get their day partitions, and only those
--        (open_line_days; DDL, before the transaction);
--     then one transaction:
--     1. lock_loaded_days locks the days' log_day rows (the fence of runs and retention)
--        and notes which are closed, before any rule is read;
--     2. the rules; the first that applies is a line's reason: date_out_of_range (outside
--        the window, or a day whose logs retention dropped: closed_date), unknown_video
--        (not in video), unknown_viewer (not a member), watched_sec_out_of_range (< 0 or
--        > 86,400), last_position_out_of_range (< 0 or > the video's duration_sec). The
--        catalog rows the chunk names are read once each, in key order;
--     3. every rejected line, and every stage line that did not parse (wrong_field_count,
--        bad_number, bad_timestamp, text_too_long), goes to rejected_record
--        (record_id = event_id, record_text = the line as read or its parsed values), once
--        per (kind, reason, text), counted by reason;
--     4. the valid lines claim their event_ids in view_event_id, in line order: an id
--        already there (loaded before, on any business date, with any other fields) or
--        earlier in the batch is a duplicate, counted and ignored; a rejected line claims
--        nothing;
--     5. the lines that claimed their id go into view_log (business_date = the line's
--        business date), in the log's primary-key order;
--     6. record_loaded_days adds the new events to their days in log_day and marks the
--        days already processed (a job_run row) stale;
--     7. the chunk's stage rows are deleted and its counts added to load_batch; commit.
--   Then tmp_view_line is emptied for the next chunk. Outcomes are added to the session's
--   tmp_promote_outcome (finish_promote_batch returns them).
-- Parameters: in_batch_id   a load_batch of kind 'views' that this session began
--                           (begin_promote_batch: its lock held, PROMOTING)
--             in_from_line, in_to_line  the chunk's line numbers, inclusive; the lines of
--                           tmp_view_line must lie inside them
-- Locking: DDL first when a day has no partition yet (ensure_log_partitions_for_days: call
--   it outside a transaction); then one transaction holding the chunk days' log_day rows
--   (ascending date), the new registry and log rows. Call it at READ COMMITTED.
-- Errors: the transaction is rolled back and tmp_view_line emptied; call it again with the
--   same lines (what the chunk committed is all or nothing).
-- Idempotency: a chunk's events, identities, quarantined lines, day counts, stale marks,
--   counts and the deletion of its stage rows commit together; sending the same lines again
--   makes them duplicates.
-- Example: CALL begin_promote_batch(42, 'views', 'by hand', @lock);
--          CALL promote_view_lines(42, 0, 18446744073709551615);  -- everything staged
--          CALL finish_promote_batch(42, @lock);
CREATE PROCEDURE promote_view_lines(IN in_batch_id BIGINT UNSIGNED, IN in_from_line BIGINT UNSIGNED,
                                    IN in_to_line BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Validate one chunk of view event lines; insert the new events into view_log, mark late days stale. Example: CALL promote_view_lines(42, 0, 18446744073709551615)'
BEGIN
  DECLARE v_offset INT;
  DECLARE v_earliest DATE;
  DECLARE v_latest DATE;
  DECLARE v_parsed BIGINT DEFAULT 0;      -- lines of the chunk that parsed
  DECLARE v_broken BIGINT DEFAULT 0;      -- of which broke a rule
  DECLARE v_unparsed BIGINT DEFAULT 0;    -- stage lines of the chunk that did not parse
  DECLARE v_inserted BIGINT DEFAULT 0;    -- of the valid lines, those that claimed a new id
  DECLARE v_max_before BIGINT UNSIGNED;   -- the greatest id claimed before this chunk
  DECLARE v_saved_sort_buffer BIGINT UNSIGNED DEFAULT @@SESSION.sort_buffer_size;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    DELETE FROM tmp_view_line;
    SET SESSION sort_buffer_size = v_saved_sort_buffer;
    RESIGNAL;
  END;

  CALL business_offset_minutes(v_offset);
  CALL accepted_date_window(v_earliest, v_latest);
  -- The chunk is sorted in memory for the log's key order.
  SET SESSION sort_buffer_size = GREATEST(@@sort_buffer_size, 134217728);

  -- 0. The stage's parsed lines of the range, the chunk's days and their partitions.
  INSERT INTO tmp_view_line (line_no, event_id, viewer_id, video_id, ip, started_at, watched_sec, last_position_sec)
  SELECT line_no, event_id, viewer_id, video_id, ip, started_at, watched_sec, last_position_sec
    FROM view_log_stage
   WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line AND parse_error IS NULL;
  UPDATE tmp_view_line SET business_date = DATE(started_at + INTERVAL v_offset MINUTE);
  DELETE FROM tmp_loaded_day;
  INSERT INTO tmp_loaded_day (business_date, events)
  SELECT business_date, 0 FROM tmp_view_line WHERE business_date BETWEEN v_earliest AND v_latest GROUP BY business_date;
  CALL open_line_days();

  START TRANSACTION;
  -- 1. The fence first: the closed days the rules read cannot change under the chunk.
  CALL lock_loaded_days();

  -- 2. The rules. The catalog rows the chunk names, each read once, in key order.
  DELETE FROM tmp_line_video;
  INSERT INTO tmp_line_video (id, duration_sec)
  SELECT v.id, v.duration_sec
    FROM (SELECT DISTINCT video_id FROM tmp_view_line) d
    STRAIGHT_JOIN video v ON v.id = d.video_id
   ORDER BY d.video_id;
  DELETE FROM tmp_line_member;
  INSERT INTO tmp_line_member (id)
  SELECT m.id
    FROM (SELECT DISTINCT viewer_id FROM tmp_view_line) d
    STRAIGHT_JOIN member m ON m.id = d.viewer_id
   ORDER BY d.viewer_id;
  DELETE FROM tmp_line_reject;
  INSERT INTO tmp_line_reject (line_no, reason, detail)
  SELECT l.line_no,
         CASE WHEN d.business_date IS NULL OR d.closed_action IS NOT NULL THEN 'date_out_of_range'
              WHEN v.id IS NULL THEN 'unknown_video'
              WHEN m.id IS NULL THEN 'unknown_viewer'
              WHEN l.watched_sec < 0 OR l.watched_sec > 86400 THEN 'watched_sec_out_of_range'
              ELSE 'last_position_out_of_range' END,
         CASE WHEN d.closed_action IS NOT NULL
                THEN CONCAT('business date ', d.business_date, ' is closed: its logs were ', LOWER(d.closed_action),
                            ' by retention on ', DATE(d.closed_at))
              WHEN d.business_date IS NULL
                THEN CONCAT('business date ', l.business_date, ' is outside the accepted window ', v_earliest,
                            ' .. ', v_latest)
              WHEN v.id IS NULL THEN CONCAT('video_id ', l.video_id, ' is not in video')
              WHEN m.id IS NULL THEN CONCAT('viewer_id ', l.viewer_id, ' is not a member')
              WHEN l.watched_sec < 0 OR l.watched_sec > 86400
                THEN CONCAT('watched_sec ', l.watched_sec, ' is outside 0 .. 86400')
              ELSE CONCAT('last_position_sec ', l.last_position_sec, ' is outside 0 .. ', v.duration_sec,
                          ' (duration_sec of video ', v.id, ')') END
    FROM tmp_view_line l
    LEFT JOIN tmp_loaded_day d ON d.business_date = l.business_date
    LEFT JOIN tmp_line_video v ON v.id = l.video_id
    LEFT JOIN tmp_line_member m ON m.id = l.viewer_id
   WHERE d.business_date IS NULL OR d.closed_action IS NOT NULL OR v.id IS NULL OR m.id IS NULL
      OR l.watched_sec < 0 OR l.watched_sec > 86400
      OR l.last_position_sec < 0 OR l.last_position_sec > v.duration_sec
      OR l.last_position_sec > 2147483647;  -- view_log.last_position_sec is an INT

  -- 3. Quarantine, once per (kind, reason, text): the lines that broke a rule, then the
  --    stage lines that did not parse; counted by reason.
  SELECT COUNT(*) INTO v_parsed FROM tmp_view_line;
  SELECT COUNT(*) INTO v_broken FROM tmp_line_reject;
  IF v_broken > 0 THEN
    INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
    SELECT 'views', in_batch_id, q.line_no, q.event_id, q.reason, q.detail, q.record_text,
           UNHEX(SHA1(CONCAT('views', q.reason, q.record_text)))
      FROM (SELECT l.line_no, l.event_id, r.reason, r.detail,
                   CONCAT_WS(',', l.event_id, l.viewer_id, l.video_id, l.ip, l.started_at, l.watched_sec,
                             l.last_position_sec) AS record_text
              FROM tmp_line_reject r JOIN tmp_view_line l ON l.line_no = r.line_no) q;
    INSERT INTO tmp_promote_outcome (outcome, reason, n)
    SELECT 'rejected', reason, COUNT(*) FROM tmp_line_reject GROUP BY reason
    ON DUPLICATE KEY UPDATE n = n + VALUES(n);
    DELETE l FROM tmp_line_reject r JOIN tmp_view_line l ON l.line_no = r.line_no;
  END IF;
  SELECT COUNT(*) INTO v_unparsed FROM view_log_stage
   WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line AND parse_error IS NOT NULL;
  IF v_unparsed > 0 THEN
    INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
    SELECT 'views', q.batch_id, q.line_no, q.event_id, q.parse_error, q.detail, q.record_text,
           UNHEX(SHA1(CONCAT('views', q.parse_error, q.record_text)))
      FROM (SELECT s.batch_id, s.line_no, s.event_id, s.parse_error, COALESCE(s.parse_detail, '') AS detail,
                   COALESCE(s.raw_line, CONCAT_WS(',', s.event_id, s.viewer_id, s.video_id, s.ip, s.started_at,
                                                  s.watched_sec, s.last_position_sec)) AS record_text
              FROM view_log_stage s
             WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN in_from_line AND in_to_line
               AND s.parse_error IS NOT NULL) q;
    INSERT INTO tmp_promote_outcome (outcome, reason, n)
    SELECT 'rejected', s.parse_error, COUNT(*)
      FROM view_log_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN in_from_line AND in_to_line AND s.parse_error IS NOT NULL
     GROUP BY s.parse_error
    ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  END IF;

  -- 4. Claim the event_ids, first line first; ROW_COUNT() counts the new ones. The lines
  --    whose claim failed are found among the likely ones (ids claimed before the chunk,
  --    ids twice in the chunk), then among all only if some are still missing.
  SELECT MAX(event_id) INTO v_max_before FROM view_event_id;
  INSERT IGNORE INTO view_event_id (event_id, business_date, batch_id, line_no)
  SELECT event_id, business_date, in_batch_id, line_no FROM tmp_view_line ORDER BY line_no;
  SET v_inserted = ROW_COUNT();
  IF v_inserted < v_parsed - v_broken THEN
    DELETE FROM tmp_line_reject;
    INSERT INTO tmp_line_reject (line_no, reason, detail)
    SELECT l.line_no, 'duplicate', ''
      FROM tmp_view_line l
      LEFT JOIN (SELECT event_id FROM tmp_view_line GROUP BY event_id HAVING COUNT(*) > 1) twice
             ON twice.event_id = l.event_id
     WHERE l.event_id <= v_max_before OR twice.event_id IS NOT NULL;
    DELETE l FROM tmp_line_reject c
      STRAIGHT_JOIN tmp_view_line l ON l.line_no = c.line_no
      STRAIGHT_JOIN view_event_id e ON e.event_id = l.event_id
     WHERE e.batch_id <> in_batch_id OR e.line_no <> l.line_no;
    IF (SELECT COUNT(*) FROM tmp_view_line) > v_inserted THEN
      DELETE l FROM tmp_view_line l
        STRAIGHT_JOIN view_event_id e ON e.event_id = l.event_id
       WHERE e.batch_id <> in_batch_id OR e.line_no <> l.line_no;
    END IF;
  END IF;

  -- 5. The lines that claimed their id go into the log, in its key order.
  IF v_inserted > 0 THEN
    INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec)
    SELECT business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec
      FROM tmp_view_line
     ORDER BY business_date, video_id, viewer_id, started_at, event_id;

    -- 6. Their days: the new events per day, and stale marks for days already processed.
    IF (SELECT COUNT(*) FROM tmp_loaded_day WHERE closed_action IS NULL) = 1 THEN
      UPDATE tmp_loaded_day SET events = v_inserted WHERE closed_action IS NULL;
    ELSE
      INSERT INTO tmp_loaded_day (business_date, events)
      SELECT business_date, COUNT(*) FROM tmp_view_line GROUP BY business_date
      ON DUPLICATE KEY UPDATE events = VALUES(events);
    END IF;
    CALL record_loaded_days('views');
  END IF;

  -- 7. The chunk is done: its stage rows go, its counts are added, all in one commit.
  DELETE FROM view_log_stage WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line;
  UPDATE load_batch
     SET loaded = loaded + v_inserted, duplicates = duplicates + (v_parsed - v_broken - v_inserted),
         rejected = rejected + v_broken + v_unparsed
   WHERE id = in_batch_id;
  COMMIT;
  INSERT INTO tmp_promote_outcome (outcome, reason, n, ord) VALUES
    ('loaded', '', v_inserted, 1), ('duplicate', '', v_parsed - v_broken - v_inserted, 2)
  ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  DELETE FROM tmp_view_line;
  SET SESSION sort_buffer_size = v_saved_sort_buffer;
END
