-- count_loaded_days(in_kind, in_inserted): a promote chunk's new events per day, then the
-- days' counts and stale marks (record_loaded_days).
--
-- Description: inside the chunk's transaction, after the lines that claimed their id went
--   into the log: tmp_loaded_day gets each day's new events (when the chunk has one open
--   day, they are all in_inserted; otherwise the chunk's lines not lost, grouped by
--   business date, from tmp_view_line or tmp_ad_view_line), then record_loaded_days
--   adds them to log_day and marks the days already processed stale.
-- Parameters: in_kind      'views' or 'ad_views'; anything else raises 45000
--             in_inserted  the chunk's new events (claim_line_ids)
-- Locking: see record_loaded_days (the log_day rows lock_loaded_days locked).
-- Example: (inside a promote) CALL count_loaded_days('views', 99800);
CREATE PROCEDURE count_loaded_days(IN in_kind VARCHAR(16), IN in_inserted BIGINT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'A promote chunk''s new events per day, into log_day with the stale marks. Example: CALL count_loaded_days(''views'', 99800)'
BEGIN
  DECLARE v_lines VARCHAR(32) DEFAULT CASE in_kind WHEN 'views' THEN 'tmp_view_line' WHEN 'ad_views' THEN 'tmp_ad_view_line' END;
  IF v_lines IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'count_loaded_days: in_kind must be views or ad_views';
  END IF;
  IF (SELECT COUNT(*) FROM tmp_loaded_day WHERE closed_action IS NULL) = 1 THEN
    UPDATE tmp_loaded_day SET events = in_inserted WHERE closed_action IS NULL;
  ELSE
    SET @count_loaded_days_sql = CONCAT('INSERT INTO tmp_loaded_day (business_date, events)',
                                        ' SELECT business_date, COUNT(*) FROM ', v_lines,
                                        ' WHERE NOT lost GROUP BY business_date',
                                        ' ON DUPLICATE KEY UPDATE events = VALUES(events)');
    PREPARE count_loaded_days_stmt FROM @count_loaded_days_sql;
    EXECUTE count_loaded_days_stmt;
    DEALLOCATE PREPARE count_loaded_days_stmt;
    SET @count_loaded_days_sql = NULL;
  END IF;
  CALL record_loaded_days(in_kind);
END
