-- count_line_chunk(in_batch_id, in_loaded, in_duplicates, in_unparsed): adds a promote
-- chunk's counts to its load_batch row, in the chunk's transaction.
--
-- Description: loaded and duplicates as the chunk's claims found them; rejected = the
--   chunk's lines in tmp_line_reject (they broke a rule) plus in_unparsed (stage lines
--   that did not parse). Called by commit_view_lines and commit_ad_view_lines just before
--   their COMMIT, so a batch's counts always match what it committed.
-- Parameters: in_batch_id  the batch; in_loaded, in_duplicates, in_unparsed  the chunk's
--   counts
-- Locking: updates the load_batch row in the caller's transaction.
-- Example: (inside a promote) CALL count_line_chunk(42, 99800, 20, 3);
CREATE PROCEDURE count_line_chunk(IN in_batch_id BIGINT UNSIGNED, IN in_loaded BIGINT, IN in_duplicates BIGINT,
                                  IN in_unparsed BIGINT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Adds a promote chunk''s counts to its load_batch row. Example: CALL count_line_chunk(42, 99800, 20, 3)'
BEGIN
  UPDATE load_batch
     SET loaded = loaded + in_loaded, duplicates = duplicates + in_duplicates,
         rejected = rejected + in_unparsed + (SELECT COUNT(*) FROM tmp_line_reject)
   WHERE id = in_batch_id;
END
