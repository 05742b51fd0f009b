-- find_line_members(in_kind): the members among the viewers a promote chunk names.
--
-- Description: adds to the session's tmp_line_member (open_event_lines) every viewer_id of
--   the chunk's lines (tmp_view_line for in_kind 'views', tmp_ad_view_line for 'ad_views')
--   that is a member, reading member once per id not found before, in key order. Members
--   are never deleted, so those found by the batch's earlier chunks stay found; the table
--   is emptied when it passes 2,000,000 ids (about 70 MB of the server's memory).
-- Parameters: in_kind  'views' or 'ad_views'
-- Locking: consistent reads of member.
-- Example: (inside a promote) CALL find_line_members('views');
CREATE PROCEDURE find_line_members(IN in_kind VARCHAR(16))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'The members among the viewers of a promote chunk, into tmp_line_member. Example: CALL find_line_members(''views'')'
BEGIN
  IF (SELECT COUNT(*) FROM tmp_line_member) > 2000000 THEN
    DELETE FROM tmp_line_member;
  END IF;
  IF in_kind = 'views' THEN
    INSERT INTO tmp_line_member (id)
    SELECT m.id
      FROM (SELECT DISTINCT l.viewer_id FROM tmp_view_line l
             WHERE NOT EXISTS (SELECT 1 FROM tmp_line_member k WHERE k.id = l.viewer_id)) d
      STRAIGHT_JOIN member m ON m.id = d.viewer_id
     ORDER BY d.viewer_id;
  ELSE
    INSERT INTO tmp_line_member (id)
    SELECT m.id
      FROM (SELECT DISTINCT l.viewer_id FROM tmp_ad_view_line l
             WHERE NOT EXISTS (SELECT 1 FROM tmp_line_member k WHERE k.id = l.viewer_id)) d
      STRAIGHT_JOIN member m ON m.id = d.viewer_id
     ORDER BY d.viewer_id;
  END IF;
END
