-- claim_line_ids(in_kind, in_batch_id, out_valid, out_inserted): event identity for one
-- promote chunk (SPEC 4: an event_id names one event for all time; the first loaded
-- occurrence wins; a rejected line claims nothing).
--
-- Description: inside the chunk's transaction (commit_event_lines),
--   the chunk's valid lines (tmp_view_line or tmp_ad_view_line: the rejected ones are gone)
--   claim their event_ids in the kind's registry (view_event_id or ad_event_id), in line
--   order: an id already there (loaded before, on any business date, with any other
--   fields) or earlier in the batch is a duplicate. The lines whose claim failed are marked
--   lost: looked for among the likely ones first (ids not above the greatest claimed
--   before the chunk, and lines the loading client marked seen_before: their id is on an
--   earlier line of the chunk), then among all only if some are still missing (a batch
--   staged without the marks). Their count is out_valid - out_inserted.
-- Parameters: in_kind       'views' or 'ad_views'; anything else raises 45000
--             in_batch_id   the batch being promoted
--             out_valid     the chunk's valid lines
--             out_inserted  of which claimed a new id
-- Locking: inserts registry rows in the caller's transaction (an id another session
--   claimed and has not committed yet is waited for); consistent reads of the registry.
-- Example: (inside a promote) CALL claim_line_ids('views', 42, @valid, @new);
CREATE PROCEDURE claim_line_ids(IN in_kind VARCHAR(16), IN in_batch_id BIGINT UNSIGNED,
                                OUT out_valid BIGINT, OUT out_inserted BIGINT)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Claims a promote chunk''s event_ids in line order, marks the lines whose claim failed. Example: CALL claim_line_ids(''views'', 42, @valid, @new)'
BEGIN
  DECLARE v_lines VARCHAR(32) DEFAULT CASE in_kind WHEN 'views' THEN 'tmp_view_line' WHEN 'ad_views' THEN 'tmp_ad_view_line' END;
  DECLARE v_registry VARCHAR(32) DEFAULT CASE in_kind WHEN 'views' THEN 'view_event_id' WHEN 'ad_views' THEN 'ad_event_id' END;
  DECLARE v_lost_unfound BOOLEAN;
  IF v_lines IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'claim_line_ids: in_kind must be views or ad_views';
  END IF;
  SET @claim_line_ids_batch = in_batch_id;
  SET @claim_line_ids_sql = CONCAT('SELECT COUNT(*), (SELECT MAX(event_id) FROM ', v_registry, ')',
                                   ' INTO @claim_line_ids_valid, @claim_line_ids_max FROM ', v_lines);
  PREPARE claim_line_ids_stmt FROM @claim_line_ids_sql;
  EXECUTE claim_line_ids_stmt;
  DEALLOCATE PREPARE claim_line_ids_stmt;
  SET out_valid = @claim_line_ids_valid;

  -- First line first; ROW_COUNT() counts the new ids.
  SET @claim_line_ids_sql = CONCAT('INSERT IGNORE INTO ', v_registry, ' (event_id, business_date, batch_id, line_no)',
                                   ' SELECT event_id, business_date, ?, line_no FROM ', v_lines, ' ORDER BY line_no');
  PREPARE claim_line_ids_stmt FROM @claim_line_ids_sql;
  EXECUTE claim_line_ids_stmt USING @claim_line_ids_batch;
  SET out_inserted = ROW_COUNT();
  DEALLOCATE PREPARE claim_line_ids_stmt;

  IF out_inserted < out_valid THEN
    SET @claim_line_ids_sql = CONCAT('UPDATE ', v_lines, ' l STRAIGHT_JOIN ', v_registry, ' e ON e.event_id = l.event_id',
                                     ' SET l.lost = TRUE',
                                     ' WHERE (l.event_id <= ? OR l.seen_before) AND (e.batch_id <> ? OR e.line_no <> l.line_no)');
    PREPARE claim_line_ids_stmt FROM @claim_line_ids_sql;
    EXECUTE claim_line_ids_stmt USING @claim_line_ids_max, @claim_line_ids_batch;
    DEALLOCATE PREPARE claim_line_ids_stmt;
    SET @claim_line_ids_sql = CONCAT('SELECT COUNT(*) > ? INTO @claim_line_ids_unfound FROM ', v_lines, ' WHERE NOT lost');
    SET @claim_line_ids_inserted = out_inserted;
    PREPARE claim_line_ids_stmt FROM @claim_line_ids_sql;
    EXECUTE claim_line_ids_stmt USING @claim_line_ids_inserted;
    DEALLOCATE PREPARE claim_line_ids_stmt;
    SET v_lost_unfound = @claim_line_ids_unfound;
    IF v_lost_unfound THEN
      SET @claim_line_ids_sql = CONCAT('UPDATE ', v_lines, ' l STRAIGHT_JOIN ', v_registry, ' e ON e.event_id = l.event_id',
                                       ' SET l.lost = TRUE WHERE e.batch_id <> ? OR e.line_no <> l.line_no');
      PREPARE claim_line_ids_stmt FROM @claim_line_ids_sql;
      EXECUTE claim_line_ids_stmt USING @claim_line_ids_batch;
      DEALLOCATE PREPARE claim_line_ids_stmt;
    END IF;
  END IF;
  SET @claim_line_ids_sql = NULL;
END
