-- ensure_batch_partitions(in_first_day, in_last_day): the log partitions a promote needs,
-- with its notice counted in the promote's outcome.
--
-- Description: calls ensure_log_partitions for the accepted business dates of a batch
--   (nothing when the batch has none, in_first_day NULL) and, when a day could not be
--   added (a catch-all holds rows), adds ('notice', <text>, 0) to the session's
--   tmp_promote_outcome (created by begin_promote_batch).
-- Parameters: in_first_day, in_last_day  the batch's first and last accepted business date
-- Locking: see ensure_log_partitions (DDL: call it outside a transaction).
-- Example: (inside a promote) CALL ensure_batch_partitions('2026-11-20', '2026-11-21');
CREATE PROCEDURE ensure_batch_partitions(IN in_first_day DATE, IN in_last_day DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Log partitions for a promote''s business dates, notice into tmp_promote_outcome. Example: CALL ensure_batch_partitions(''2026-11-20'', ''2026-11-21'')'
BEGIN
  IF in_first_day IS NOT NULL THEN
    CALL ensure_log_partitions(in_first_day, in_last_day);
    IF @ensure_log_partitions_notice IS NOT NULL THEN
      INSERT INTO tmp_promote_outcome (outcome, reason, n, ord)
      VALUES ('notice', LEFT(@ensure_log_partitions_notice, 255), 0, 11)
      ON DUPLICATE KEY UPDATE n = n;
    END IF;
  END IF;
END
