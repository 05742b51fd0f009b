-- reject_closed_lines(in_kind): the lines of a promote chunk whose business date retention
-- closed, rejected under the load fence.
--
-- Description: inside the chunk's transaction, after lock_loaded_days noted the closed days
--   in tmp_loaded_day (closed_action, closed_at): every line of the chunk (tmp_view_line
--   for in_kind 'views', tmp_ad_view_line for 'ad_views') on such a day moves to
--   tmp_line_reject as date_out_of_range ("business date D is closed: its logs were dropped
--   by retention on ...", the line's parsed values as its text). Nothing to do, and nothing
--   read, when no day of the chunk is closed.
-- Parameters: in_kind  'views' or 'ad_views'; anything else raises 45000
-- Locking: none beyond the caller's (session temporary tables).
-- Example: (inside a promote) CALL reject_closed_lines('views');
CREATE PROCEDURE reject_closed_lines(IN in_kind VARCHAR(16))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Rejects a promote chunk''s lines on days retention closed. Example: CALL reject_closed_lines(''views'')'
BEGIN
  DECLARE v_lines VARCHAR(32) DEFAULT CASE in_kind WHEN 'views' THEN 'tmp_view_line' WHEN 'ad_views' THEN 'tmp_ad_view_line' END;
  DECLARE v_text VARCHAR(255) DEFAULT CASE in_kind
    WHEN 'views' THEN 'l.event_id, l.viewer_id, l.video_id, l.ip, l.started_at, l.watched_sec, l.last_position_sec'
    WHEN 'ad_views' THEN 'l.event_id, l.viewer_id, l.video_id, l.ad_id, l.ip, l.viewed_at' END;
  IF v_lines IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'reject_closed_lines: in_kind must be views or ad_views';
  END IF;
  IF EXISTS (SELECT 1 FROM tmp_loaded_day WHERE closed_action IS NOT NULL) THEN
    SET @reject_closed_lines_sql = CONCAT(
      'INSERT INTO tmp_line_reject (line_no, event_id, reason, detail, record_text)',
      ' SELECT l.line_no, l.event_id, ''date_out_of_range'',',
      '        CONCAT(''business date '', d.business_date, '' is closed: its logs were '', LOWER(d.closed_action),',
      '               '' by retention on '', DATE(d.closed_at)),',
      '        CONCAT_WS('','', ', v_text, ')',
      '   FROM ', v_lines, ' l JOIN tmp_loaded_day d ON d.business_date = l.business_date',
      '  WHERE d.closed_action IS NOT NULL');
    PREPARE reject_closed_lines_stmt FROM @reject_closed_lines_sql;
    EXECUTE reject_closed_lines_stmt;
    DEALLOCATE PREPARE reject_closed_lines_stmt;
    SET @reject_closed_lines_sql = CONCAT(
      'DELETE l FROM ', v_lines, ' l JOIN tmp_loaded_day d ON d.business_date = l.business_date',
      ' WHERE d.closed_action IS NOT NULL');
    PREPARE reject_closed_lines_stmt FROM @reject_closed_lines_sql;
    EXECUTE reject_closed_lines_stmt;
    DEALLOCATE PREPARE reject_closed_lines_stmt;
    SET @reject_closed_lines_sql = NULL;
  END IF;
END
