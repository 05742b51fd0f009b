-- check_view_lines(in_batch_id, in_from_line, in_to_line): the first half of promoting one
-- chunk of a batch of view events: its lines, their days' partitions and the rules that
-- read the catalog, before any transaction. commit_event_lines is the second half.
--
-- Description: the chunk is the lines in_from_line .. in_to_line of load_batch in_batch_id:
--   those the loading client sent into the session's MEMORY table tmp_view_line (created by
--   begin_promote_batch or join_promote_batch; `settlement load` streams a file's parsed
--   lines there with LOAD DATA LOCAL INFILE), plus those view_log_stage holds in that range
--   with no parse error (an inbox batch, a batch a DBA staged). It
--     1. adds the stage's lines to tmp_view_line and gives every line its business date,
--        DATE(started_at + business offset); lists the chunk's dates inside the accepted
--        window (accepted_date_window) in tmp_loaded_day, and gives those days, and only
--        those, their day partitions (open_line_days; DDL);
--     2. applies the rules that do not depend on the load fence; the first that applies is
--        a line's reason: date_out_of_range (outside the accepted window), unknown_video
--        (not in video), unknown_viewer (not a member), watched_sec_out_of_range (< 0 or
--        > 86,400), last_position_out_of_range (< 0 or > the video's duration_sec). The
--        catalog rows the chunk names are read once each, in key order (find_line_catalog:
--        a member found by an earlier chunk of the batch is not read again). A line that
--        breaks one moves to tmp_line_reject with its reason, detail and text.
--   The rule on days closed by retention is commit_event_lines', under the load fence.
-- Parameters: in_batch_id   a load_batch of kind 'views' that this session began or joined
--             in_from_line, in_to_line  the chunk's line numbers, inclusive; the lines of
--                           tmp_view_line must lie inside them
-- Locking: no transaction; consistent reads of the catalog; DDL when a day has no partition
--   yet (ensure_log_partitions_for_days: call it outside a transaction). Another session
--   may check the next chunk while this one commits the previous (`settlement load` does).
-- Errors: tmp_view_line is emptied; send the lines again.
-- Example: CALL check_view_lines(42, 1, 100001); CALL commit_event_lines('views', 42, 1, 100001);
CREATE PROCEDURE check_view_lines(IN in_batch_id BIGINT UNSIGNED, IN in_from_line BIGINT UNSIGNED,
                                  IN in_to_line BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'First half of promoting a chunk of view event lines: days, partitions, catalog rules. Example: CALL check_view_lines(42, 1, 100001)'
BEGIN
  DECLARE v_offset INT;
  DECLARE v_earliest DATE;
  DECLARE v_latest DATE;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    DELETE FROM tmp_view_line;
    DELETE FROM tmp_line_reject;
    RESIGNAL;
  END;

  CALL business_offset_minutes(v_offset);
  CALL accepted_date_window(v_earliest, v_latest);

  -- 1. The stage's lines of the range, every line's business date, the chunk's days.
  INSERT INTO tmp_view_line (line_no, event_id, viewer_id, video_id, ip, started_at, watched_sec, last_position_sec)
  SELECT line_no, event_id, viewer_id, video_id, ip, started_at, watched_sec, last_position_sec
    FROM view_log_stage
   WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line AND parse_error IS NULL;
  UPDATE tmp_view_line SET business_date = DATE(started_at + INTERVAL v_offset MINUTE);
  DELETE FROM tmp_loaded_day;
  INSERT INTO tmp_loaded_day (business_date, events)
  SELECT business_date, 0 FROM tmp_view_line WHERE business_date BETWEEN v_earliest AND v_latest GROUP BY business_date;
  CALL open_line_days();

  -- 2. The rules. The catalog rows the chunk names, each read once, in key order.
  CALL find_line_catalog('views');
  DELETE FROM tmp_line_reject;
  INSERT INTO tmp_line_reject (line_no, event_id, reason, detail, record_text)
  SELECT l.line_no, l.event_id,
         CASE WHEN d.business_date IS NULL THEN 'date_out_of_range'
              WHEN v.id IS NULL THEN 'unknown_video'
              WHEN m.id IS NULL THEN 'unknown_viewer'
              WHEN l.watched_sec < 0 OR l.watched_sec > 86400 THEN 'watched_sec_out_of_range'
              ELSE 'last_position_out_of_range' END,
         CASE WHEN d.business_date IS NULL
                THEN CONCAT('business date ', l.business_date, ' is outside the accepted window ', v_earliest,
                            ' .. ', v_latest)
              WHEN v.id IS NULL THEN CONCAT('video_id ', l.video_id, ' is not in video')
              WHEN m.id IS NULL THEN CONCAT('viewer_id ', l.viewer_id, ' is not a member')
              WHEN l.watched_sec < 0 OR l.watched_sec > 86400
                THEN CONCAT('watched_sec ', l.watched_sec, ' is outside 0 .. 86400')
              ELSE CONCAT('last_position_sec ', l.last_position_sec, ' is outside 0 .. ', v.duration_sec,
                          ' (duration_sec of video ', v.id, ')') END,
         CONCAT_WS(',', l.event_id, l.viewer_id, l.video_id, l.ip, l.started_at, l.watched_sec, l.last_position_sec)
    FROM tmp_view_line l
    LEFT JOIN tmp_loaded_day d ON d.business_date = l.business_date
    LEFT JOIN tmp_line_video v ON v.id = l.video_id
    LEFT JOIN tmp_line_member m ON m.id = l.viewer_id
   WHERE d.business_date IS NULL OR v.id IS NULL OR m.id IS NULL
      OR l.watched_sec < 0 OR l.watched_sec > 86400
      OR l.last_position_sec < 0 OR l.last_position_sec > v.duration_sec
      OR l.last_position_sec > 2147483647;  -- view_log.last_position_sec is an INT
  IF ROW_COUNT() > 0 THEN
    DELETE l FROM tmp_line_reject r JOIN tmp_view_line l ON l.line_no = r.line_no;
  END IF;
END
