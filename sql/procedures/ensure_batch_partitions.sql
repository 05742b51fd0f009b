-- ensure_batch_partitions(in_batch_id, in_kind, in_offset_minutes, in_earliest, in_latest):
-- the log partitions a promote needs, with its notice counted in the promote's outcome.
--
-- Description: lists the business dates of the batch's lines that parsed and fall inside
--   the accepted window [in_earliest, in_latest] (the days the promote may insert; a day
--   closed by retention is left out: its events are rejected) in the session's temporary
--   table tmp_partition_day, and calls ensure_log_partitions_for_days: only those days get
--   day partitions, however far apart they are (one event of 2024-02-29 in a file of today's
--   adds 2024-02-29 and two gaps' worth of partitions, not a partition per day in between).
--   Nothing happens when the batch has no such line. When a day could not be added (the
--   partition around it holds rows), adds ('notice', <text>, 0) to the session's
--   tmp_promote_outcome (created by begin_promote_batch).
-- Parameters: in_batch_id        the load_batch being promoted
--             in_kind            'views' (view_log_stage.started_at) or 'ad_views'
--                                (ad_view_log_stage.viewed_at); anything else raises 45000
--             in_offset_minutes  the business time zone's offset (business_offset_minutes)
--             in_earliest, in_latest  the accepted window (accepted_date_window)
-- Locking: see ensure_log_partitions_for_days (DDL: call it outside a transaction). Reads the
--   batch's stage rows once.
-- Example: (inside a promote) CALL ensure_batch_partitions(42, 'views', 540, '2000-01-01', '2027-11-20');
CREATE PROCEDURE ensure_batch_partitions(IN in_batch_id BIGINT UNSIGNED, IN in_kind VARCHAR(16),
                                         IN in_offset_minutes INT, IN in_earliest DATE, IN in_latest DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Log partitions for the accepted days of a batch being promoted, notice into tmp_promote_outcome. Example: CALL ensure_batch_partitions(42, ''views'', 540, ''2000-01-01'', ''2027-11-20'')'
BEGIN
  DECLARE v_stage VARCHAR(64) DEFAULT CASE in_kind WHEN 'views' THEN 'view_log_stage' WHEN 'ad_views' THEN 'ad_view_log_stage' END;
  DECLARE v_column VARCHAR(16) DEFAULT CASE in_kind WHEN 'views' THEN 'started_at' WHEN 'ad_views' THEN 'viewed_at' END;
  DECLARE v_message VARCHAR(255);
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DROP TEMPORARY TABLE IF EXISTS tmp_partition_day;
    RESIGNAL;
  END;

  IF v_column IS NULL THEN
    SET v_message = CONCAT('ensure_batch_partitions: in_kind must be views or ad_views, got ', IFNULL(in_kind, 'NULL'));
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  DROP TEMPORARY TABLE IF EXISTS tmp_partition_day;
  CREATE TEMPORARY TABLE tmp_partition_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  -- The window on the UTC timestamp, as the promote's rules read it; one scan of the batch.
  SET @ensure_batch_partitions_sql = CONCAT(
    'INSERT INTO tmp_partition_day (business_date) ',
    'SELECT d.business_date FROM (',
    '  SELECT DATE(', v_column, ' + INTERVAL ', in_offset_minutes, ' MINUTE) AS business_date',
    '    FROM ', v_stage,
    '   WHERE batch_id = ', in_batch_id, ' AND parse_error IS NULL',
    '     AND ', v_column, ' >= TIMESTAMP(''', in_earliest, ''') - INTERVAL ', in_offset_minutes, ' MINUTE',
    '     AND ', v_column, ' < TIMESTAMP(''', in_latest, ''') + INTERVAL 1 DAY - INTERVAL ', in_offset_minutes, ' MINUTE',
    '   GROUP BY 1) d',
    ' WHERE NOT EXISTS (SELECT 1 FROM closed_date c WHERE c.business_date = d.business_date)');
  PREPARE ensure_batch_partitions_stmt FROM @ensure_batch_partitions_sql;
  EXECUTE ensure_batch_partitions_stmt;
  DEALLOCATE PREPARE ensure_batch_partitions_stmt;
  SET @ensure_batch_partitions_sql = NULL;

  CALL ensure_log_partitions_for_days();
  DROP TEMPORARY TABLE tmp_partition_day;
  IF @ensure_log_partitions_notice IS NOT NULL THEN
    INSERT INTO tmp_promote_outcome (outcome, reason, n, ord)
    VALUES ('notice', LEFT(@ensure_log_partitions_notice, 255), 0, 11)
    ON DUPLICATE KEY UPDATE n = n;
  END IF;
END
