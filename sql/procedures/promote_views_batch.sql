-- promote_views_batch(in_batch_id): validate one staged file of view events and insert it into view_log.
--
-- Description: `settlement load` stages every line of a views CSV file into view_log_stage
--   under one load_batch, lines that did not parse included (parse_error: wrong_field_count,
--   bad_number, bad_timestamp, text_too_long). This procedure first makes sure view_log
--   (and the other log table) has the daily partitions of the batch's business-date span
--   (CALL ensure_log_partitions; an event is never rejected for its date, SPEC 4). Then,
--   chunk by chunk of line numbers:
--     1. marks the lines that break a rule; the first that applies is the reason:
--        unknown_video (not in video), unknown_viewer (not a member),
--        watched_sec_out_of_range (< 0 or > 86,400),
--        last_position_out_of_range (< 0 or > the video's duration_sec);
--     2. copies every rejected line into rejected_record: record_id = event_id, record_text
--        = the line as read (parse errors) or its parsed values, once per (kind, reason, text);
--     3. inserts the valid lines into view_log with business_date = DATE(started_at + business
--        offset) (setting business.utc_offset, read once). An event already there (same
--        event_id and business date) is a duplicate: ignored and counted, never updated;
--     4. deletes the chunk's stage rows and adds its counts to load_batch.
--   A span ensure_log_partitions refuses (a clock in 1969 or 2999: more than 3660 days of
--   daily partitions) fails the call before any line is loaded, with its message.
--   Ends with the batch LOADED (rows_read, loaded, duplicates, rejected filled in) and
--   returns ONE result set of (outcome, reason, n) rows: ('loaded', '', n) newly inserted,
--   ('duplicate', '', n),
--   then ('rejected', <reason code>, n) for each reason that occurred, most frequent first,
--   ('notice', <text>, 0) when ensure_log_partitions could not add a day (see its header).
-- Parameters: in_batch_id  a load_batch of kind 'views' in state STAGING, staged by
--               `settlement load` (or by hand: parse_error NULL and the typed columns set).
--             Another kind, another state or an unknown id raise SQLSTATE 45000.
-- Locking: begin_promote_batch takes GET_LOCK('<database>.load_batch.<id>', 0): one session
--   promotes a batch at a time; finish_promote_batch releases it.
--   Each chunk of 200,000 line numbers is its own transaction, so a file of 10M lines never
--   becomes one giant transaction. Call it at READ COMMITTED (settlement load does), so
--   reading the stage rows and the catalog takes no gap locks.
-- Idempotency and recovery: a chunk's events, its quarantined lines, its counts in
--   load_batch and the deletion of its stage rows commit together. When a load dies
--   midway, CALL this procedure again for the same batch (it carries on with the chunks
--   still staged), or re-run the same `settlement load`: events already loaded are then
--   duplicates, so no event is lost or counted twice;
--   rejected lines already quarantined are not recorded twice (uk_rejected_line).
-- Example: CALL promote_views_batch(42);
CREATE PROCEDURE promote_views_batch(IN in_batch_id BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Validate one staged file of view events and insert it into view_log. Example: CALL promote_views_batch(42)'
BEGIN
  DECLARE v_chunk_lines BIGINT UNSIGNED DEFAULT 200000;  -- lines per chunk transaction
  DECLARE v_lock VARCHAR(64);
  DECLARE v_from BIGINT UNSIGNED;
  DECLARE v_to BIGINT UNSIGNED;
  DECLARE v_lines BIGINT DEFAULT 0;     -- stage rows of the chunk
  DECLARE v_valid BIGINT DEFAULT 0;     -- of which passed every rule
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_offset INT;
  DECLARE v_min_at DATETIME(3);
  DECLARE v_max_at DATETIME(3);
  DECLARE v_inserted BIGINT DEFAULT 0;
  DECLARE v_loaded BIGINT DEFAULT 0;
  DECLARE v_duplicates BIGINT DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;  -- the failing chunk only; chunks committed before it stand
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  CALL begin_promote_batch(in_batch_id, 'views', 'promote_views_batch', v_lock);
  SET v_locked = TRUE;

  -- The daily partitions of the batch's business dates, before any transaction (DDL commits).
  SET v_offset = business_utc_offset_minutes();
  SELECT MIN(started_at), MAX(started_at) INTO v_min_at, v_max_at
    FROM view_log_stage WHERE batch_id = in_batch_id AND parse_error IS NULL;
  IF v_min_at IS NOT NULL THEN
    CALL ensure_log_partitions(DATE(v_min_at + INTERVAL v_offset MINUTE), DATE(v_max_at + INTERVAL v_offset MINUTE));
    IF @ensure_log_partitions_notice IS NOT NULL THEN
      INSERT INTO tmp_promote_outcome (outcome, reason, n, ord) VALUES ('notice', LEFT(@ensure_log_partitions_notice, 255), 0, 11);
    END IF;
  END IF;

  SELECT MIN(line_no) INTO v_from FROM view_log_stage WHERE batch_id = in_batch_id;
  WHILE v_from IS NOT NULL DO
    SET v_to = v_from + v_chunk_lines - 1;
    START TRANSACTION;
    -- 1. Mark the lines that break a rule (both CASEs list the rules in the same order).
    UPDATE view_log_stage s
      LEFT JOIN video v ON v.id = s.video_id
      LEFT JOIN member m ON m.id = s.viewer_id
       SET s.parse_error = CASE
             WHEN v.id IS NULL THEN 'unknown_video'
             WHEN m.id IS NULL THEN 'unknown_viewer'
             WHEN s.watched_sec < 0 OR s.watched_sec > 86400 THEN 'watched_sec_out_of_range'
             ELSE 'last_position_out_of_range' END,
           s.parse_detail = CASE
             WHEN v.id IS NULL THEN CONCAT('video_id ', s.video_id, ' is not in video')
             WHEN m.id IS NULL THEN CONCAT('viewer_id ', s.viewer_id, ' is not a member')
             WHEN s.watched_sec < 0 OR s.watched_sec > 86400
               THEN CONCAT('watched_sec ', s.watched_sec, ' is outside 0 .. 86400')
             ELSE CONCAT('last_position_sec ', s.last_position_sec, ' is outside 0 .. ', v.duration_sec,
                         ' (duration_sec of video ', v.id, ')') END
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL
       AND (v.id IS NULL OR m.id IS NULL OR s.watched_sec < 0 OR s.watched_sec > 86400
            OR s.last_position_sec < 0 OR s.last_position_sec > v.duration_sec
            OR s.last_position_sec > 2147483647);  -- view_log.last_position_sec is an INT

    -- 2. Quarantine every rejected line of the chunk, once per (kind, reason, text), and
    --    count them by reason (two scans saved when the chunk has none).
    SELECT COUNT(*), COALESCE(SUM(s.parse_error IS NULL), 0) INTO v_lines, v_valid
      FROM view_log_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to;
    IF v_lines > v_valid THEN
      INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
      SELECT 'views', r.batch_id, r.line_no, r.record_id, r.parse_error, COALESCE(r.parse_detail, ''), r.record_text,
             UNHEX(SHA1(CONCAT('views', r.parse_error, r.record_text)))
        FROM (SELECT s.batch_id, s.line_no, s.event_id AS record_id, s.parse_error, s.parse_detail,
                     COALESCE(s.raw_line, CONCAT_WS(',', s.event_id, s.viewer_id, s.video_id, s.ip, s.started_at, s.watched_sec, s.last_position_sec)) AS record_text
                FROM view_log_stage s
               WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NOT NULL) r;
      INSERT INTO tmp_promote_outcome (outcome, reason, n)
      SELECT 'rejected', s.parse_error, COUNT(*)
        FROM view_log_stage s
       WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NOT NULL
       GROUP BY s.parse_error
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
    END IF;

    -- 3. Insert the valid lines; a duplicate changes nothing (ROW_COUNT() counts only inserts).
    INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec)
    SELECT DATE(s.started_at + INTERVAL v_offset MINUTE), s.video_id, s.viewer_id, s.started_at, s.event_id,
           s.ip, s.watched_sec, s.last_position_sec
      FROM view_log_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL
    ON DUPLICATE KEY UPDATE view_log.event_id = view_log.event_id;
    SET v_inserted = ROW_COUNT();

    -- 4. The chunk is done: its stage rows go, its counts are added, all in one commit.
    DELETE FROM view_log_stage WHERE batch_id = in_batch_id AND line_no BETWEEN v_from AND v_to;
    UPDATE load_batch
       SET loaded = loaded + v_inserted, duplicates = duplicates + (v_valid - v_inserted),
           rejected = rejected + (v_lines - v_valid)
     WHERE id = in_batch_id;
    COMMIT;
    SET v_loaded = v_loaded + v_inserted, v_duplicates = v_duplicates + (v_valid - v_inserted);
    SELECT MIN(line_no) INTO v_from FROM view_log_stage WHERE batch_id = in_batch_id AND line_no > v_to;
  END WHILE;

  INSERT INTO tmp_promote_outcome (outcome, reason, n, ord) VALUES
    ('loaded', '', v_loaded, 1),
    ('duplicate', '', v_duplicates, 2);
  SET v_locked = FALSE;
  CALL finish_promote_batch(in_batch_id, v_lock);
END
