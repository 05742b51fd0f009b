-- open_line_days(): the day partitions of a promote chunk's days, before its transaction.
--
-- Description: tmp_loaded_day holds the business dates of a chunk's lines that lie in the
--   accepted window (check_view_lines, check_ad_view_lines fill it). The days among
--   them that retention has not closed (closed_date) and that this batch has not made sure
--   of yet (tmp_ensured_day) get their day partitions in both log tables
--   (ensure_log_partitions_for_days: only those days, however far apart). When a day could
--   not be added (the partition around it holds rows), ('notice', <text>, 0) goes to the
--   session's tmp_promote_outcome. Days closed meanwhile are refused under the lock later
--   (lock_loaded_days notes them).
-- Parameters: none (tmp_loaded_day, tmp_ensured_day of open_event_lines).
-- Locking: see ensure_log_partitions_for_days (DDL: call it outside a transaction); nothing
--   when every day was made sure of before.
-- Example: (inside a promote) CALL open_line_days();
CREATE PROCEDURE open_line_days()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Day partitions for the days of a promote chunk not made sure of yet. Example: CALL open_line_days()'
BEGIN
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_partition_day;
    RESIGNAL;
  END;
  DROP TEMPORARY TABLE IF EXISTS tmp_partition_day;
  CREATE TEMPORARY TABLE tmp_partition_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  INSERT INTO tmp_partition_day (business_date)
  SELECT d.business_date
    FROM tmp_loaded_day d
   WHERE NOT EXISTS (SELECT 1 FROM tmp_ensured_day e WHERE e.business_date = d.business_date)
     AND NOT EXISTS (SELECT 1 FROM closed_date c WHERE c.business_date = d.business_date);
  IF ROW_COUNT() > 0 THEN
    CALL ensure_log_partitions_for_days();
    INSERT INTO tmp_ensured_day (business_date) SELECT business_date FROM tmp_partition_day;
    IF @ensure_log_partitions_notice IS NOT NULL THEN
      INSERT INTO tmp_promote_outcome (outcome, reason, n, ord)
      VALUES ('notice', LEFT(@ensure_log_partitions_notice, 255), 0, 11)
      ON DUPLICATE KEY UPDATE n = n;
    END IF;
  END IF;
  DROP TEMPORARY TABLE tmp_partition_day;
END
