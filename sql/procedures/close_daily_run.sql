-- close_daily_run(in_date, in_stale_generation): a date's run finished: it is no longer
-- stale, unless events arrived while it ran.
--
-- Description: removes the date's stale_date row only when its generation is still the one
--   read before the run planned (in_stale_generation); a promote that marked the date again
--   since bumped it, so the date stays stale and the next run restates it. NULL (the date
--   was not stale) removes nothing.
-- Parameters: in_date              the business date the run computed
--             in_stale_generation  stale_date.generation read before the run planned, or NULL
-- Locking: deletes one row (autocommit or the caller's transaction).
-- Example: CALL close_daily_run('2026-11-20', 3);
CREATE PROCEDURE close_daily_run(IN in_date DATE, IN in_stale_generation BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Clears a date''s stale mark if no event arrived since its run planned. Example: CALL close_daily_run(''2026-11-20'', 3)'
BEGIN
  DELETE FROM stale_date WHERE business_date = in_date AND generation = in_stale_generation;
END
