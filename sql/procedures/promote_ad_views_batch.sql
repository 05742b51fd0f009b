-- promote_ad_views_batch(in_batch_id): validate one staged batch of ad events and insert
-- the new ones into ad_view_log: the one gate of SPEC 2 and 4 for ad events.
--
-- Description: a batch is an ad_views CSV file that `settlement load` staged into
--   ad_view_log_stage, or what stage_event_inbox moved out of ad_event_inbox (lines that did
--   not parse included, parse_error: wrong_field_count, bad_number, bad_timestamp,
--   text_too_long). First the day partitions of the batch's accepted business dates, and
--   of no day between them, are made sure of (ensure_batch_partitions, before any
--   transaction: DDL commits). Then, chunk
--   by chunk of line numbers, in one transaction each:
--     1. marks the lines that break a rule; the first that applies is the reason:
--        date_out_of_range (business date outside the accepted window of
--        accepted_date_window, or a day whose logs retention dropped: closed_date),
--        unknown_video (not in video), unknown_viewer (not a member), unknown_ad (not in
--        ad), not_a_placement (the (video, ad) pair is not in video_ad);
--     2. copies every rejected line into rejected_record (record_id = event_id, record_text
--        = the line as read or its parsed values), once per (kind, reason, text);
--     3. claims the valid lines' event_ids in ad_event_id (ad events are their own id space), in line order: an id already
--        there (loaded before, on any business date, with any other fields) or earlier in
--        the batch is a duplicate, counted and ignored; a rejected line claims nothing;
--     4. inserts the lines that claimed their id into ad_view_log with business_date =
--        DATE(viewed_at + business offset);
--     0. (first) lock_loaded_days locks the chunk's days in log_day (the fence of runs and
--        of retention), so the closed days rule 1 reads cannot change under the chunk;
--     5. record_loaded_days: adds the new events to their days in log_day and marks the
--        days that were already processed (a job_run row) stale;
--     6. deletes the chunk's stage rows and adds its counts to load_batch.
--   Ends with the batch LOADED and returns ONE result set of (outcome, reason, n):
--   ('loaded', '', n), ('duplicate', '', n), ('rejected', <reason>, n) per reason, most
--   frequent first, ('notice', <text>, 0) when a day's partition could not be added.
-- Parameters: in_batch_id  a load_batch of kind 'ad_views', STAGING (or PROMOTING: a promotion
--   that was interrupted carries on). Another kind or state, or an unknown id, raise 45000.
-- Locking: the batch's named lock (begin_promote_batch); chunks of 200,000 lines, each its
--   own transaction; the log_day rows of the chunk's days are locked (ascending date) until
--   its commit. Call it at READ COMMITTED (no gap locks on the stage rows or the catalog).
-- Idempotency and recovery: a chunk's events, identities, quarantined lines, day counts,
--   stale marks, counts and the deletion of its stage rows commit together. After a crash,
--   CALL it again for the same batch (it carries on with the lines still staged), or load
--   the same file again: its events are then duplicates.
-- Example: CALL promote_ad_views_batch(43);
CREATE PROCEDURE promote_ad_views_batch(IN in_batch_id BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Validate one staged batch of ad events; insert the new ones into ad_view_log, mark late days stale. Example: CALL promote_ad_views_batch(43)'
BEGIN
  DECLARE v_chunk_lines BIGINT UNSIGNED DEFAULT 200000;  -- lines per chunk transaction
  DECLARE v_lock VARCHAR(64);
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_from BIGINT UNSIGNED;
  DECLARE v_to BIGINT UNSIGNED;
  DECLARE v_lines BIGINT DEFAULT 0;     -- stage rows of the chunk
  DECLARE v_valid BIGINT DEFAULT 0;     -- of which passed every rule
  DECLARE v_inserted BIGINT DEFAULT 0;  -- of which claimed a new event_id
  DECLARE v_loaded BIGINT DEFAULT 0;
  DECLARE v_duplicates BIGINT DEFAULT 0;
  DECLARE v_offset INT;
  DECLARE v_earliest DATE;
  DECLARE v_latest DATE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;  -- the failing chunk only; chunks committed before it stand
    DROP TEMPORARY TABLE IF EXISTS tmp_loaded_day;
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  CALL begin_promote_batch(in_batch_id, 'ad_views', 'promote_ad_views_batch', v_lock);
  SET v_locked = TRUE;
  CALL business_offset_minutes(v_offset);
  CALL accepted_date_window(v_earliest, v_latest);

  -- The day partitions of the batch's accepted days (only those), before any transaction.
  CALL ensure_batch_partitions(in_batch_id, 'ad_views', v_offset, v_earliest, v_latest);

  CREATE TEMPORARY TABLE tmp_loaded_day (
    business_date DATE NOT NULL PRIMARY KEY,
    events        BIGINT UNSIGNED NOT NULL
  ) ENGINE=MEMORY;

  SELECT MIN(line_no) INTO v_from FROM ad_view_log_stage WHERE batch_id = in_batch_id;
  WHILE v_from IS NOT NULL DO
    SET v_to = v_from + v_chunk_lines - 1;
    START TRANSACTION;
    -- 0. Lock the chunk's days in log_day first (the fence of runs and retention), so the
    --    closed days the rules below read cannot change under the chunk.
    DELETE FROM tmp_loaded_day;
    INSERT INTO tmp_loaded_day (business_date, events)
    SELECT DATE(s.viewed_at + INTERVAL v_offset MINUTE), 0
      FROM ad_view_log_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL
     GROUP BY 1;
    CALL lock_loaded_days();

    -- 1. Mark the lines that break a rule (both CASEs list the rules in the same order).
    UPDATE ad_view_log_stage s
      LEFT JOIN closed_date c ON c.business_date = DATE(s.viewed_at + INTERVAL v_offset MINUTE)
      LEFT JOIN video v ON v.id = s.video_id
      LEFT JOIN member m ON m.id = s.viewer_id
      LEFT JOIN ad a ON a.id = s.ad_id
      LEFT JOIN video_ad va ON va.video_id = s.video_id AND va.ad_id = s.ad_id
       SET s.parse_error = CASE
             WHEN DATE(s.viewed_at + INTERVAL v_offset MINUTE) NOT BETWEEN v_earliest AND v_latest
               OR c.business_date IS NOT NULL THEN 'date_out_of_range'
             WHEN v.id IS NULL THEN 'unknown_video'
             WHEN m.id IS NULL THEN 'unknown_viewer'
             WHEN a.id IS NULL THEN 'unknown_ad'
             ELSE 'not_a_placement' END,
           s.parse_detail = CASE
             WHEN c.business_date IS NOT NULL
               THEN CONCAT('business date ', c.business_date, ' is closed: its logs were ', LOWER(c.action),
                           ' by retention on ', DATE(c.closed_at))
             WHEN DATE(s.viewed_at + INTERVAL v_offset MINUTE) NOT BETWEEN v_earliest AND v_latest
               THEN CONCAT('business date ', DATE(s.viewed_at + INTERVAL v_offset MINUTE),
                           ' is outside the accepted window ', v_earliest, ' .. ', v_latest)
             WHEN v.id IS NULL THEN CONCAT('video_id ', s.video_id, ' is not in video')
             WHEN m.id IS NULL THEN CONCAT('viewer_id ', s.viewer_id, ' is not a member')
             WHEN a.id IS NULL THEN CONCAT('ad_id ', s.ad_id, ' is not in ad')
             ELSE CONCAT('ad ', s.ad_id, ' is not placed in video ', s.video_id, ' (video_ad)') END
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL
       AND (DATE(s.viewed_at + INTERVAL v_offset MINUTE) NOT BETWEEN v_earliest AND v_latest
            OR c.business_date IS NOT NULL
            OR v.id IS NULL OR m.id IS NULL OR a.id IS NULL OR va.video_id IS NULL);

    -- 2. Quarantine every rejected line of the chunk, once per (kind, reason, text), and
    --    count them by reason (two scans saved when the chunk has none).
    SELECT COUNT(*), COALESCE(SUM(s.parse_error IS NULL), 0) INTO v_lines, v_valid
      FROM ad_view_log_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to;
    IF v_lines > v_valid THEN
      INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
      SELECT 'ad_views', r.batch_id, r.line_no, r.record_id, r.parse_error, COALESCE(r.parse_detail, ''), r.record_text,
             UNHEX(SHA1(CONCAT('ad_views', r.parse_error, r.record_text)))
        FROM (SELECT s.batch_id, s.line_no, s.event_id AS record_id, s.parse_error, s.parse_detail,
                     COALESCE(s.raw_line, CONCAT_WS(',', s.event_id, s.viewer_id, s.video_id, s.ad_id, s.ip, s.viewed_at)) AS record_text
                FROM ad_view_log_stage s
               WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NOT NULL) r;
      INSERT INTO tmp_promote_outcome (outcome, reason, n)
      SELECT 'rejected', s.parse_error, COUNT(*)
        FROM ad_view_log_stage s
       WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NOT NULL
       GROUP BY s.parse_error
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
    END IF;

    -- 3. Claim the event_ids, first line first; ROW_COUNT() counts the new ones.
    INSERT IGNORE INTO ad_event_id (event_id, business_date, batch_id, line_no)
    SELECT s.event_id, DATE(s.viewed_at + INTERVAL v_offset MINUTE), s.batch_id, s.line_no
      FROM ad_view_log_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL
     ORDER BY s.line_no;
    SET v_inserted = ROW_COUNT();

    -- 4. The lines that claimed their id go into the log.
    INSERT INTO ad_view_log (business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip)
    SELECT e.business_date, s.video_id, s.viewer_id, s.ad_id, s.viewed_at, s.event_id, s.ip
      FROM ad_view_log_stage s
      JOIN ad_event_id e ON e.event_id = s.event_id AND e.batch_id = s.batch_id AND e.line_no = s.line_no
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL;

    -- 5. Their days: the new events per day, and stale marks for days already processed.
    IF v_inserted > 0 THEN
      INSERT INTO tmp_loaded_day (business_date, events)
      SELECT e.business_date, COUNT(*)
        FROM ad_view_log_stage s
        JOIN ad_event_id e ON e.event_id = s.event_id AND e.batch_id = s.batch_id AND e.line_no = s.line_no
       WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL
       GROUP BY e.business_date
      ON DUPLICATE KEY UPDATE events = VALUES(events);
      CALL record_loaded_days('ad_views');
    END IF;

    -- 6. The chunk is done: its stage rows go, its counts are added, all in one commit.
    DELETE FROM ad_view_log_stage WHERE batch_id = in_batch_id AND line_no BETWEEN v_from AND v_to;
    UPDATE load_batch
       SET loaded = loaded + v_inserted, duplicates = duplicates + (v_valid - v_inserted),
           rejected = rejected + (v_lines - v_valid)
     WHERE id = in_batch_id;
    COMMIT;
    SET v_loaded = v_loaded + v_inserted, v_duplicates = v_duplicates + (v_valid - v_inserted);
    SELECT MIN(line_no) INTO v_from FROM ad_view_log_stage WHERE batch_id = in_batch_id AND line_no > v_to;
  END WHILE;

  DROP TEMPORARY TABLE tmp_loaded_day;
  INSERT INTO tmp_promote_outcome (outcome, reason, n, ord) VALUES
    ('loaded', '', v_loaded, 1),
    ('duplicate', '', v_duplicates, 2);
  SET v_locked = FALSE;
  CALL finish_promote_batch(in_batch_id, v_lock);
END
