-- day_partition_range(in_table, out_lo, out_hi, out_partitions): the layout of a log table's
-- partitions, read from information_schema, checked, and listed for the caller.
--
-- Description: the log tables (view_log, ad_view_log, their _archive tables) are
--   RANGE COLUMNS (business_date)-partitioned as
--     p_before   VALUES LESS THAN (lo)          everything before the first day, kept empty
--     ... between the two catch-alls, in date order, each partition is either
--       pYYYYMMDD  a DAY partition: exactly that business date (LESS THAN the next day)
--       gYYYYMMDD  a GAP partition: from that date up to the next partition's lower bound
--                  (two days or more; it holds days nobody asked for yet and is kept
--                  empty: an event is stored only after its day got its pYYYYMMDD)
--     p_future   VALUES LESS THAN (MAXVALUE)   everything after the last day, kept empty
--   e.g. p_before<'2024-02-29' p20240229<'2024-03-01' g20240301<'2026-11-20'
--        p20261120<'2026-11-21' p20261121<'2026-11-22' p_future<MAXVALUE
--   so a day far from the others costs a day partition and a gap, not a partition for every
--   day in between. out_lo is p_before's bound and out_hi the last day before p_future:
--   [out_lo, out_hi] are the days between the catch-alls (each in a day or a gap partition);
--   with only the two catch-alls, out_hi = out_lo - 1 (an empty range). out_partitions counts
--   all partitions, catch-alls included.
--   The partitions are also left, one row each, in the session's temporary table
--     tmp_log_partition (table_name, pos, name, first_day, end_day, kind)
--   (rows of in_table replaced; rows of other tables kept): first_day is the partition's
--   lower bound (NULL for p_before), end_day its VALUES LESS THAN (NULL for MAXVALUE), and
--   kind is 'before', 'day', 'gap', 'future', or 'other' for a partition between the
--   catch-alls that follows neither naming rule (check_log_partitions reports it NOT_DAILY).
-- Parameters: in_table        name of a table in the current database
--             out_lo, out_hi  DATE, see above
--             out_partitions  INT
--             A table whose first partition is not p_before or whose last is not p_future
--             MAXVALUE raises SQLSTATE 45000 naming it.
-- Locking: reads information_schema only (the table's metadata, no row locks); writes only
--   the session's temporary table. Callers that change the layout hold the partitions lock.
-- Example: CALL day_partition_range('view_log', @lo, @hi, @n);
--          SELECT @lo, @hi, @n; SELECT * FROM tmp_log_partition WHERE kind <> 'day';
CREATE PROCEDURE day_partition_range(IN in_table VARCHAR(64), OUT out_lo DATE, OUT out_hi DATE,
                                     OUT out_partitions INT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Days between a log table''s catch-alls; its partitions into tmp_log_partition. Example: CALL day_partition_range(''view_log'', @lo, @hi, @n)'
BEGIN
  DECLARE v_first_name VARCHAR(64);
  DECLARE v_last_name VARCHAR(64);
  DECLARE v_last_kind VARCHAR(8);
  DECLARE v_last_end DATE;
  DECLARE v_message VARCHAR(255);

  CREATE TEMPORARY TABLE IF NOT EXISTS tmp_log_partition (
    table_name VARCHAR(64) NOT NULL,
    pos        INT         NOT NULL,
    name       VARCHAR(64) NOT NULL,
    first_day  DATE        NULL COMMENT 'lower bound; NULL for p_before',
    end_day    DATE        NULL COMMENT 'VALUES LESS THAN; NULL for MAXVALUE',
    kind       VARCHAR(8)  NOT NULL COMMENT 'before, day, gap, future, other',
    PRIMARY KEY (table_name, pos),
    KEY ix_tmp_log_partition_day USING BTREE (table_name, kind, first_day)
  ) ENGINE=MEMORY;
  DELETE FROM tmp_log_partition WHERE table_name = in_table;
  INSERT INTO tmp_log_partition (table_name, pos, name, first_day, end_day, kind)
  SELECT in_table, p.pos, p.name, p.first_day, p.end_day,
         CASE WHEN p.pos = 1 THEN 'before'
              WHEN p.description = 'MAXVALUE' THEN 'future'
              WHEN p.name = CONCAT('p', DATE_FORMAT(p.first_day, '%Y%m%d'))
                   AND p.end_day = p.first_day + INTERVAL 1 DAY THEN 'day'
              WHEN p.name = CONCAT('g', DATE_FORMAT(p.first_day, '%Y%m%d')) AND p.end_day > p.first_day THEN 'gap'
              ELSE 'other' END
    FROM (SELECT b.pos, b.name, b.description, b.end_day,
                 LAG(b.end_day) OVER (ORDER BY b.pos) AS first_day
            FROM (SELECT PARTITION_ORDINAL_POSITION AS pos, PARTITION_NAME AS name,
                         PARTITION_DESCRIPTION AS description,
                         CASE WHEN PARTITION_DESCRIPTION <> 'MAXVALUE'
                              THEN CAST(REPLACE(PARTITION_DESCRIPTION, '''', '') AS DATE) END AS end_day
                    FROM information_schema.PARTITIONS
                   WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = in_table
                     AND PARTITION_NAME IS NOT NULL) b) p;

  SELECT COUNT(*),
         MAX(CASE WHEN pos = 1 THEN name END),
         MAX(CASE WHEN pos = 1 THEN end_day END)
    INTO out_partitions, v_first_name, out_lo
    FROM tmp_log_partition WHERE table_name = in_table;
  SELECT MAX(CASE WHEN pos = out_partitions THEN name END),
         MAX(CASE WHEN pos = out_partitions THEN kind END),
         MAX(CASE WHEN pos = out_partitions - 1 THEN end_day END)
    INTO v_last_name, v_last_kind, v_last_end
    FROM tmp_log_partition WHERE table_name = in_table;
  IF out_partitions < 2 OR v_first_name IS NULL OR v_first_name <> 'p_before' OR out_lo IS NULL
     OR v_last_name <> 'p_future' OR v_last_kind <> 'future' THEN
    SET v_message = CONCAT('day_partition_range: ', IFNULL(in_table, 'NULL'),
                           ' is not laid out as (p_before, day and gap partitions, p_future MAXVALUE)');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET out_hi = v_last_end - INTERVAL 1 DAY;
END
