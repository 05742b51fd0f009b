-- commit_event_lines(in_kind, in_batch_id, in_from_line, in_to_line): the second half of
-- promoting one chunk of a batch of events, in one transaction: the load fence, the closed
-- days, the quarantine, event identity, the log insert, the days' counts and stale marks.
--
-- Description: after check_view_lines (check_ad_view_lines) of the same chunk on this
--   session (tmp_view_line, or tmp_ad_view_line, holds the chunk's lines that passed its
--   rules, tmp_line_reject those that did not, tmp_loaded_day the chunk's days inside the
--   window):
--     1. lock_loaded_days locks the days' log_day rows (the fence of runs and retention)
--        and notes which are closed; reject_closed_lines rejects the lines of a closed day
--        as date_out_of_range ("business date D is closed: its logs were dropped by
--        retention on ...");
--     2. quarantine_line_rejects: every rejected line, and every stage line of the range
--        that did not parse, goes to rejected_record once per (kind, reason, text);
--     3. claim_line_ids: the valid lines claim their event_ids in view_event_id (ad
--        events: ad_event_id, their own id space), in line order: an id already there
--        (loaded before, on any business date, with any other fields) or earlier in the
--        batch is a duplicate, counted and ignored; a rejected line claims nothing;
--     4. the lines that claimed their id go into view_log (ad_view_log), in its
--        primary-key order;
--     5. count_loaded_days adds the new events to their days in log_day and marks the
--        days already processed (a job_run row) stale;
--     6. close_line_chunk deletes the range's stage rows and adds the counts to
--        load_batch; COMMIT; then the outcomes go to tmp_promote_outcome
--        (add_line_outcomes) and the chunk's tables are emptied.
--   Chunks of a batch are committed in line order (so the first occurrence of an id wins).
-- Parameters: in_kind       'views' or 'ad_views'; anything else raises 45000
--             in_batch_id   a load_batch of that kind that this session began or joined
--             in_from_line, in_to_line  the chunk's line numbers, inclusive (as checked)
-- Locking: one transaction: the chunk days' log_day rows (ascending date), the new registry
--   and log rows, the stage rows of the range, the load_batch row. Call it at READ
--   COMMITTED.
-- Errors: the transaction is rolled back and the chunk's lines stay checked: call it again
--   (a deadlock or a lock wait timeout), or give the batch up.
-- Idempotency: the chunk's events, identities, quarantined lines, day counts, stale marks,
--   counts and the deletion of its stage rows commit together.
-- Example: CALL check_view_lines(42, 1, 100001); CALL commit_event_lines('views', 42, 1, 100001);
CREATE PROCEDURE commit_event_lines(IN in_kind VARCHAR(16), IN in_batch_id BIGINT UNSIGNED,
                                    IN in_from_line BIGINT UNSIGNED, IN in_to_line BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Second half of promoting a chunk of event lines: fence, quarantine, identity, log insert. Example: CALL commit_event_lines(''views'', 42, 1, 100001)'
BEGIN
  DECLARE v_lines VARCHAR(32) DEFAULT CASE in_kind WHEN 'views' THEN 'tmp_view_line' WHEN 'ad_views' THEN 'tmp_ad_view_line' END;
  DECLARE v_valid BIGINT DEFAULT 0;       -- lines that passed every rule
  DECLARE v_inserted BIGINT DEFAULT 0;    -- of which claimed a new id
  DECLARE v_unparsed BIGINT DEFAULT 0;    -- stage lines of the range that did not parse
  DECLARE v_saved_sort_buffer BIGINT UNSIGNED DEFAULT @@SESSION.sort_buffer_size;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET SESSION sort_buffer_size = v_saved_sort_buffer;
    RESIGNAL;
  END;
  IF v_lines IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'commit_event_lines: in_kind must be views or ad_views';
  END IF;
  -- The chunk is sorted in memory into the log's key order.
  SET SESSION sort_buffer_size = GREATEST(@@sort_buffer_size, 134217728);
  SET @commit_event_lines_sql = CONCAT('UPDATE ', v_lines, ' SET lost = FALSE WHERE lost');  -- an attempt before this one
  PREPARE commit_event_lines_stmt FROM @commit_event_lines_sql;
  EXECUTE commit_event_lines_stmt;
  DEALLOCATE PREPARE commit_event_lines_stmt;

  START TRANSACTION;
  -- 1. The fence, then the days retention closed.
  CALL lock_loaded_days();
  CALL reject_closed_lines(in_kind);

  -- 2. The quarantine.
  CALL quarantine_line_rejects(in_kind, in_batch_id, in_from_line, in_to_line, v_unparsed);

  -- 3. Event identity: the valid lines claim their ids, in line order.
  CALL claim_line_ids(in_kind, in_batch_id, v_valid, v_inserted);

  -- 4. The lines that claimed their id go into the log, in its key order.
  IF v_inserted > 0 THEN
    SET @commit_event_lines_sql = IF(in_kind = 'views',
      'INSERT INTO view_log (business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec)
       SELECT business_date, video_id, viewer_id, started_at, event_id, ip, watched_sec, last_position_sec
         FROM tmp_view_line WHERE NOT lost
        ORDER BY business_date, video_id, viewer_id, started_at, event_id',
      'INSERT INTO ad_view_log (business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip)
       SELECT business_date, video_id, viewer_id, ad_id, viewed_at, event_id, ip
         FROM tmp_ad_view_line WHERE NOT lost
        ORDER BY business_date, video_id, ad_id, viewer_id, viewed_at, event_id');
    PREPARE commit_event_lines_stmt FROM @commit_event_lines_sql;
    EXECUTE commit_event_lines_stmt;
    DEALLOCATE PREPARE commit_event_lines_stmt;

    -- 5. Their days: the new events per day, and stale marks for days already processed.
    CALL count_loaded_days(in_kind, v_inserted);
  END IF;

  -- 6. The chunk is done: its stage rows go, its counts are added, all in one commit.
  CALL close_line_chunk(in_kind, in_batch_id, in_from_line, in_to_line, v_inserted, v_valid - v_inserted, v_unparsed);
  COMMIT;
  CALL add_line_outcomes(v_inserted, v_valid - v_inserted);
  SET @commit_event_lines_sql = CONCAT('DELETE FROM ', v_lines);
  PREPARE commit_event_lines_stmt FROM @commit_event_lines_sql;
  EXECUTE commit_event_lines_stmt;
  DEALLOCATE PREPARE commit_event_lines_stmt;
  SET @commit_event_lines_sql = NULL;
  SET SESSION sort_buffer_size = v_saved_sort_buffer;
END
