-- close_event_lines(): drops the working tables open_event_lines created.
--
-- Description: finish_promote_batch calls it, and so does every event promote's error
--   path; a table that does not exist is skipped.
-- Parameters: none.
-- Locking: none (session temporary tables).
-- Example: CALL close_event_lines();
CREATE PROCEDURE close_event_lines()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Drops the MEMORY working tables of an event promote. Example: CALL close_event_lines()'
BEGIN
  DROP TEMPORARY TABLE IF EXISTS tmp_view_line, tmp_ad_view_line, tmp_line_ad, tmp_line_placement, tmp_loaded_day,
    tmp_ensured_day, tmp_line_video, tmp_line_member, tmp_line_viewer, tmp_line_reject, tmp_line_unparsed;
END
