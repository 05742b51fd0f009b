-- ensure_log_partitions_for_days(): make sure view_log and ad_view_log have a day partition
-- for every business date listed in the session's temporary table tmp_partition_day.
--
-- Description: what a load calls (open_line_days) with the accepted days of its
--   batch, which may be scattered over years (a backfill, one event of 2024-02-29, today's).
--   The caller creates and fills
--     CREATE TEMPORARY TABLE tmp_partition_day (business_date DATE PRIMARY KEY);
--   the days are grouped into runs of consecutive dates (tmp_partition_run) and
--   ensure_log_partitions_for_runs (see its header) gives both tables their day partitions:
--   a day already there costs nothing, missing ones are split out of the empty p_before,
--   gap or p_future around them (one REORGANIZE per partition split, whatever the number of
--   runs inside it), never filling the days between two runs. A partition holding rows is
--   never reorganised: its days are skipped, the reason is left in
--   @ensure_log_partitions_notice (NULL when all is well) and raised as a warning (01000).
--   An empty tmp_partition_day changes nothing.
-- Parameters: none; tmp_partition_day as above, days in 1970-01-02 .. 9999-12-30 (else
--   SQLSTATE 45000; a table that would pass 8192 partitions raises 45000 too, before any
--   change). The table is left as it was (the caller drops it).
-- Locking: the partitions lock for the whole call; DDL (implicit commit) only when a day is
--   missing: call it before starting a transaction. See ensure_log_partitions_for_runs.
--   Fills the session's temporary table tmp_partition_run (left for the session).
-- Idempotency: yes.
-- Example: CREATE TEMPORARY TABLE tmp_partition_day (business_date DATE PRIMARY KEY);
--          INSERT INTO tmp_partition_day VALUES ('2000-01-01'), ('2024-02-29'), ('2026-11-20');
--          CALL ensure_log_partitions_for_days(); SELECT @ensure_log_partitions_notice;
CREATE PROCEDURE ensure_log_partitions_for_days()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions of view_log and ad_view_log for the days in tmp_partition_day. Example: CALL ensure_log_partitions_for_days()'
BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
    RESIGNAL;
  END;

  -- Runs of consecutive days: a day minus its rank is the same all along a run.
  DROP TEMPORARY TABLE IF EXISTS tmp_partition_run;
  CREATE TEMPORARY TABLE tmp_partition_run (first_day DATE NOT NULL PRIMARY KEY, last_day DATE NOT NULL) ENGINE=MEMORY;
  INSERT INTO tmp_partition_run (first_day, last_day)
  SELECT MIN(business_date), MAX(business_date)
    FROM (SELECT business_date,
                 business_date - INTERVAL ROW_NUMBER() OVER (ORDER BY business_date) DAY AS run_key
            FROM tmp_partition_day) d
   GROUP BY run_key;
  -- Last: its warning (SQLSTATE 01000) must reach the caller.
  CALL ensure_log_partitions_for_runs();
END
