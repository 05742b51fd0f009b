-- finish_promote_batch(in_batch_id, in_lock): the common end of every promote_<kind>_batch.
--
-- Description: marks load_batch in_batch_id LOADED (rows_read at least the sum of its
--   counts), returns the outcomes the caller counted in tmp_promote_outcome as ONE result
--   set (outcome, reason, n), ordered by ord, then the most frequent reason first, drops
--   the table (and an event promote's working tables, close_event_lines) and releases the
--   batch's lock taken by begin_promote_batch.
-- Parameters: in_batch_id  the promoted load_batch
--             in_lock      the lock begin_promote_batch returned
-- Locking: updates the load_batch row (autocommit or the caller's transaction).
-- Example: CALL finish_promote_batch(42, @lock);
CREATE PROCEDURE finish_promote_batch(IN in_batch_id BIGINT UNSIGNED, IN in_lock VARCHAR(64))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Marks a promoted load_batch LOADED, returns its outcomes, releases its lock. Example: CALL finish_promote_batch(42, @lock)'
BEGIN
  UPDATE load_batch
     SET state = 'LOADED', finished_at = NOW(3), rows_read = GREATEST(rows_read, loaded + duplicates + rejected)
   WHERE id = in_batch_id;
  SELECT outcome, reason, n FROM tmp_promote_outcome ORDER BY ord, n DESC, reason;
  DROP TEMPORARY TABLE tmp_promote_outcome;
  CALL close_event_lines();
  DO RELEASE_LOCK(in_lock);
END
