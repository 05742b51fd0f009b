-- find_line_catalog(in_kind): the catalog rows a promote chunk names, each read once, in
-- key order, for check_view_lines and check_ad_view_lines.
--
-- Description: from the chunk's lines (tmp_view_line for in_kind 'views',
--   tmp_ad_view_line for 'ad_views'), fills the session's tables (open_event_lines):
--   tmp_line_video (id, duration_sec) with the videos that exist; tmp_line_member with
--   the viewers that are members (members are never deleted, so those found by the
--   batch's earlier chunks stay found and are not read again; the table is emptied when it
--   passes 2,000,000 ids, about 70 MB); for ad events also tmp_line_ad with the ads that
--   exist and tmp_line_placement with the (video, ad) pairs that are placements. Each
--   distinct id is read once, in key order (sorted reads of the catalog's primary keys).
-- Parameters: in_kind  'views' or 'ad_views'; anything else raises 45000
-- Locking: consistent reads of video, member, ad and video_ad.
-- Example: (inside a promote) CALL find_line_catalog('views');
CREATE PROCEDURE find_line_catalog(IN in_kind VARCHAR(16))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'The catalog rows a promote chunk names (videos, members, ads, placements), read once each. Example: CALL find_line_catalog(''views'')'
BEGIN
  DECLARE v_lines VARCHAR(32) DEFAULT CASE in_kind WHEN 'views' THEN 'tmp_view_line' WHEN 'ad_views' THEN 'tmp_ad_view_line' END;
  IF v_lines IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'find_line_catalog: in_kind must be views or ad_views';
  END IF;
  IF (SELECT COUNT(*) FROM tmp_line_member) > 2000000 THEN
    DELETE FROM tmp_line_member;
  END IF;
  DELETE FROM tmp_line_video;
  SET @find_line_catalog_sql = CONCAT(
    'INSERT INTO tmp_line_video (id, duration_sec) SELECT v.id, v.duration_sec',
    '  FROM (SELECT DISTINCT video_id FROM ', v_lines, ') d STRAIGHT_JOIN video v ON v.id = d.video_id',
    ' ORDER BY d.video_id');
  PREPARE find_line_catalog_stmt FROM @find_line_catalog_sql;
  EXECUTE find_line_catalog_stmt;
  DEALLOCATE PREPARE find_line_catalog_stmt;
  -- The viewers not found before, then those of them that are members (two statements:
  -- MySQL cannot name a temporary table twice in one).
  DELETE FROM tmp_line_viewer;
  SET @find_line_catalog_sql = CONCAT(
    'INSERT INTO tmp_line_viewer (id) SELECT DISTINCT l.viewer_id FROM ', v_lines, ' l',
    '  LEFT JOIN tmp_line_member k ON k.id = l.viewer_id WHERE k.id IS NULL');
  PREPARE find_line_catalog_stmt FROM @find_line_catalog_sql;
  EXECUTE find_line_catalog_stmt;
  DEALLOCATE PREPARE find_line_catalog_stmt;
  SET @find_line_catalog_sql = NULL;
  INSERT INTO tmp_line_member (id)
  SELECT m.id FROM tmp_line_viewer d STRAIGHT_JOIN member m ON m.id = d.id ORDER BY d.id;
  IF in_kind = 'ad_views' THEN
    DELETE FROM tmp_line_ad;
    INSERT INTO tmp_line_ad (id)
    SELECT a.id
      FROM (SELECT DISTINCT ad_id FROM tmp_ad_view_line) d
      STRAIGHT_JOIN ad a ON a.id = d.ad_id
     ORDER BY d.ad_id;
    DELETE FROM tmp_line_placement;
    INSERT INTO tmp_line_placement (video_id, ad_id)
    SELECT p.video_id, p.ad_id
      FROM (SELECT DISTINCT video_id, ad_id FROM tmp_ad_view_line) d
      STRAIGHT_JOIN video_ad p ON p.video_id = d.video_id AND p.ad_id = d.ad_id
     ORDER BY d.video_id, d.ad_id;
  END IF;
END
