-- quarantine_line_rejects(in_kind, in_batch_id, in_from_line, in_to_line, out_unparsed): the
-- quarantine of one promote chunk (SPEC 4: kept with its reason, never counted).
--
-- Description: inside the chunk's transaction (commit_event_lines):
--   every line of the session's tmp_line_reject (the chunk's lines that broke a rule, with
--   their reason, detail and parsed values as record_text) and every line of the kind's
--   stage table in the range that did not parse (record_text: the line as read) goes to
--   rejected_record, once per (kind, reason, text) (record_hash). The stage lines are
--   counted by reason in tmp_line_unparsed (for add_line_outcomes) and in out_unparsed.
-- Parameters: in_kind       'views' (view_log_stage) or 'ad_views' (ad_view_log_stage)
--             in_batch_id   the batch being promoted
--             in_from_line, in_to_line  the chunk's line numbers, inclusive
--             out_unparsed  the number of stage lines of the range that did not parse
-- Locking: inserts into rejected_record in the caller's transaction; reads the range of
--   the stage table's primary key.
-- Example: (inside a promote) CALL quarantine_line_rejects('views', 42, 1, 100001, @n);
CREATE PROCEDURE quarantine_line_rejects(IN in_kind VARCHAR(16), IN in_batch_id BIGINT UNSIGNED,
                                         IN in_from_line BIGINT UNSIGNED, IN in_to_line BIGINT UNSIGNED,
                                         OUT out_unparsed BIGINT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Quarantines a promote chunk''s rejected and unparsed lines into rejected_record. Example: CALL quarantine_line_rejects(''views'', 42, 1, 100001, @n)'
BEGIN
  INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
  SELECT in_kind, in_batch_id, line_no, event_id, reason, detail, record_text,
         UNHEX(SHA1(CONCAT(in_kind, reason, record_text)))
    FROM tmp_line_reject;

  DELETE FROM tmp_line_unparsed;
  IF in_kind = 'views' THEN
    INSERT INTO tmp_line_unparsed (reason, n)
    SELECT parse_error, COUNT(*) FROM view_log_stage
     WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line AND parse_error IS NOT NULL
     GROUP BY parse_error;
  ELSE
    INSERT INTO tmp_line_unparsed (reason, n)
    SELECT parse_error, COUNT(*) FROM ad_view_log_stage
     WHERE batch_id = in_batch_id AND line_no BETWEEN in_from_line AND in_to_line AND parse_error IS NOT NULL
     GROUP BY parse_error;
  END IF;
  SELECT COALESCE(SUM(n), 0) INTO out_unparsed FROM tmp_line_unparsed;
  IF out_unparsed > 0 AND in_kind = 'views' THEN
    INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
    SELECT 'views', q.batch_id, q.line_no, q.event_id, q.parse_error, q.detail, q.record_text,
           UNHEX(SHA1(CONCAT('views', q.parse_error, q.record_text)))
      FROM (SELECT s.batch_id, s.line_no, s.event_id, s.parse_error, COALESCE(s.parse_detail, '') AS detail,
                   COALESCE(s.raw_line, CONCAT_WS(',', s.event_id, s.viewer_id, s.video_id, s.ip, s.started_at,
                                                  s.watched_sec, s.last_position_sec)) AS record_text
              FROM view_log_stage s
             WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN in_from_line AND in_to_line
               AND s.parse_error IS NOT NULL) q;
  ELSEIF out_unparsed > 0 THEN
    INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
    SELECT 'ad_views', q.batch_id, q.line_no, q.event_id, q.parse_error, q.detail, q.record_text,
           UNHEX(SHA1(CONCAT('ad_views', q.parse_error, q.record_text)))
      FROM (SELECT s.batch_id, s.line_no, s.event_id, s.parse_error, COALESCE(s.parse_detail, '') AS detail,
                   COALESCE(s.raw_line, CONCAT_WS(',', s.event_id, s.viewer_id, s.video_id, s.ad_id, s.ip,
                                                  s.viewed_at)) AS record_text
              FROM ad_view_log_stage s
             WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN in_from_line AND in_to_line
               AND s.parse_error IS NOT NULL) q;
  END IF;
END
