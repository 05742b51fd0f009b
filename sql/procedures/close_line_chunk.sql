-- close_line_chunk(in_kind, in_batch_id, in_from_line, in_to_line, in_loaded, in_duplicates,
-- in_unparsed): the end of a promote chunk's transaction: its stage rows go, its counts
-- are added to its load_batch row.
--
-- Description: deletes the batch's rows of the kind's stage table (view_log_stage or
--   ad_view_log_stage) in the chunk's line range, and adds to load_batch: loaded and
--   duplicates as the chunk's claims found them; rejected = the chunk's lines in
--   tmp_line_reject (they broke a rule) plus in_unparsed (stage lines that did not parse).
--   Called by commit_event_lines just before their COMMIT, so a
--   batch's counts and stage always match what it committed.
-- Parameters: in_kind  'views' or 'ad_views'; anything else raises 45000
--             in_batch_id, in_from_line, in_to_line  the batch and the chunk's lines
--             in_loaded, in_duplicates, in_unparsed  the chunk's counts
-- Locking: deletes stage rows and updates the load_batch row in the caller's transaction.
-- Example: (inside a promote) CALL close_line_chunk('views', 42, 1, 100001, 99800, 20, 3);
CREATE PROCEDURE close_line_chunk(IN in_kind VARCHAR(16), IN in_batch_id BIGINT UNSIGNED,
                                  IN in_from_line BIGINT UNSIGNED, IN in_to_line BIGINT UNSIGNED,
                                  IN in_loaded BIGINT, IN in_duplicates BIGINT, IN in_unparsed BIGINT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Deletes a promote chunk''s stage rows and adds its counts to load_batch. Example: CALL close_line_chunk(''views'', 42, 1, 100001, 99800, 20, 3)'
BEGIN
  IF in_kind = 'views' THEN
    DELETE FROM view_log_stage WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line;
  ELSEIF in_kind = 'ad_views' THEN
    DELETE FROM ad_view_log_stage WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line;
  ELSE
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'close_line_chunk: in_kind must be views or ad_views';
  END IF;
  UPDATE load_batch
     SET loaded = loaded + in_loaded, duplicates = duplicates + in_duplicates,
         rejected = rejected + in_unparsed + (SELECT COUNT(*) FROM tmp_line_reject)
   WHERE id = in_batch_id;
END
