-- add_line_outcomes(in_loaded, in_duplicates): a committed promote chunk's outcomes, added
-- to the session's tmp_promote_outcome (finish_promote_batch returns them).
--
-- Description: after the chunk's COMMIT (commit_event_lines), so an
--   attempt rolled back and made again is counted once: ('loaded', '', in_loaded),
--   ('duplicate', '', in_duplicates), and ('rejected', reason, n) per reason of the
--   chunk's tmp_line_reject and tmp_line_unparsed; then empties those two tables.
-- Parameters: in_loaded, in_duplicates  the chunk's counts
-- Locking: none (session temporary tables).
-- Example: (inside a promote) CALL add_line_outcomes(99800, 20);
CREATE PROCEDURE add_line_outcomes(IN in_loaded BIGINT, IN in_duplicates BIGINT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Adds a committed promote chunk''s outcomes to tmp_promote_outcome. Example: CALL add_line_outcomes(99800, 20)'
BEGIN
  INSERT INTO tmp_promote_outcome (outcome, reason, n, ord)
  VALUES ('loaded', '', in_loaded, 1), ('duplicate', '', in_duplicates, 2)
  ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  INSERT INTO tmp_promote_outcome (outcome, reason, n)
  SELECT 'rejected', r.reason, SUM(r.n)
    FROM (SELECT reason, COUNT(*) AS n FROM tmp_line_reject GROUP BY reason
          UNION ALL
          SELECT reason, n FROM tmp_line_unparsed) r
   GROUP BY r.reason
  ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  DELETE FROM tmp_line_reject;
  DELETE FROM tmp_line_unparsed;
END
