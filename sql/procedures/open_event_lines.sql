-- open_event_lines(in_kind): the session's working tables of an event promote.
--
-- Description: begin_promote_batch calls it for a batch of view or ad events. It creates
--   the MEMORY temporary tables the chunks go through (check_view_lines or
--   check_ad_view_lines, then commit_event_lines): the chunk's lines (tmp_view_line or
--   tmp_ad_view_line, in the stage table's columns plus business_date; `settlement load`
--   streams a file's parsed lines into it with LOAD DATA LOCAL INFILE, marking seen_before
--   the lines whose id is on an earlier line of the chunk), the chunk's days (tmp_loaded_day, read by
--   lock_loaded_days and record_loaded_days), the days whose partitions this batch made
--   sure of (tmp_ensured_day), the catalog rows a chunk names (tmp_line_video,
--   tmp_line_member and the viewers to look for, tmp_line_viewer; tmp_line_ad,
--   tmp_line_placement), its rejected lines
--   (tmp_line_reject) and its stage lines that did not parse, by reason
--   (tmp_line_unparsed). A chunk of 100,000 lines takes about 35 MB of the server's memory;
--   the session's cap on MEMORY tables is raised for these tables only (a table keeps the
--   cap it was created with) and given back. close_event_lines drops them.
-- Parameters: in_kind  'views' or 'ad_views'; anything else raises 45000
-- Locking: none (session temporary tables).
-- Example: CALL open_event_lines('views');
CREATE PROCEDURE open_event_lines(IN in_kind VARCHAR(16))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Creates the MEMORY working tables of an event promote (tmp_view_line, ...). Example: CALL open_event_lines(''views'')'
BEGIN
  DECLARE v_saved_heap_size BIGINT UNSIGNED DEFAULT @@SESSION.max_heap_table_size;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET SESSION max_heap_table_size = v_saved_heap_size;
    CALL close_event_lines();
    RESIGNAL;
  END;
  IF in_kind IS NULL OR in_kind NOT IN ('views', 'ad_views') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'open_event_lines: in_kind must be views or ad_views';
  END IF;
  CALL close_event_lines();
  SET SESSION max_heap_table_size = GREATEST(@@max_heap_table_size, 1073741824);
  IF in_kind = 'views' THEN
    CREATE TEMPORARY TABLE tmp_view_line (
      line_no           BIGINT UNSIGNED NOT NULL,
      event_id          BIGINT UNSIGNED NOT NULL,
      viewer_id         BIGINT UNSIGNED NOT NULL,
      video_id          BIGINT UNSIGNED NOT NULL,
      ip                VARCHAR(64) NOT NULL,
      started_at        DATETIME(3) NOT NULL,
      watched_sec       BIGINT NOT NULL,
      last_position_sec BIGINT NOT NULL,
      business_date     DATE NULL,
      seen_before       BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the loading client saw its id on an earlier line of the chunk',
      lost              BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'its id was claimed before it',
      PRIMARY KEY USING BTREE (line_no)
    ) ENGINE=MEMORY;
  ELSE
    CREATE TEMPORARY TABLE tmp_ad_view_line (
      line_no       BIGINT UNSIGNED NOT NULL,
      event_id      BIGINT UNSIGNED NOT NULL,
      viewer_id     BIGINT UNSIGNED NOT NULL,
      video_id      BIGINT UNSIGNED NOT NULL,
      ad_id         BIGINT UNSIGNED NOT NULL,
      ip            VARCHAR(64) NOT NULL,
      viewed_at     DATETIME(3) NOT NULL,
      business_date DATE NULL,
      seen_before   BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the loading client saw its id on an earlier line of the chunk',
      lost          BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'its id was claimed before it',
      PRIMARY KEY USING BTREE (line_no)
    ) ENGINE=MEMORY;
    CREATE TEMPORARY TABLE tmp_line_ad (id BIGINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=MEMORY;
    CREATE TEMPORARY TABLE tmp_line_placement (
      video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL, PRIMARY KEY (video_id, ad_id)) ENGINE=MEMORY;
  END IF;
  CREATE TEMPORARY TABLE tmp_loaded_day (
    business_date DATE NOT NULL PRIMARY KEY,
    events        BIGINT UNSIGNED NOT NULL,
    closed_action VARCHAR(16) NULL COMMENT 'closed_date.action when retention closed the day',
    closed_at     DATETIME(3) NULL
  ) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_ensured_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_line_video (
    id BIGINT UNSIGNED NOT NULL PRIMARY KEY, duration_sec INT UNSIGNED NOT NULL) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_line_member (id BIGINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_line_viewer (id BIGINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_line_reject (
    line_no     BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    event_id    BIGINT UNSIGNED NOT NULL,
    reason      VARCHAR(64) NOT NULL,
    detail      VARCHAR(255) NOT NULL,
    record_text VARCHAR(512) NOT NULL COMMENT 'the parsed values, comma-separated'
  ) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_line_unparsed (reason VARCHAR(64) NOT NULL PRIMARY KEY, n BIGINT NOT NULL) ENGINE=MEMORY;
  SET SESSION max_heap_table_size = v_saved_heap_size;
END
