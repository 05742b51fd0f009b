-- promote_ads_batch(in_batch_id): validate one staged ads file and upsert it into ad.
--
-- Description: `settlement load` stages every line of a ads CSV file into catalog_stage
--   under one load_batch (id; advertiser_id in ref_id; title in text_value), with the line as read in raw_line; lines that did
--   not parse carry parse_error (wrong_field_count, bad_number, text_too_long).
--   Then, chunk by chunk of line numbers:
--     1. marks the lines that break a rule; the first that applies is the reason:
--        unknown_advertiser (advertiser_id is not a member). An empty title is accepted.
--     2. copies every rejected line into rejected_record: record_id = the id, record_text =
--        the line as read, once per (kind, reason, text);
--     3. upserts the valid lines into ad by key, in line order (a key repeated in the
--        file: its last line wins); a row loaded again unchanged changes nothing, its
--        updated_at included;
--     4. deletes the chunk's stage rows and adds its counts to load_batch (loaded = new +
--        updated, duplicates = unchanged).
--   Ends with the batch LOADED (rows_read, loaded, duplicates, rejected filled in) and
--   returns ONE result set of (outcome, reason, n) rows: ('new', '', n), ('updated', '', n),
--   ('unchanged', '', n),
--   then ('rejected', <reason code>, n) for each reason that occurred, most frequent first.
-- Parameters: in_batch_id  a load_batch of kind 'ads' in state STAGING, staged by
--               `settlement load` (or by hand: parse_error NULL and the typed columns set).
--             Another kind, another state or an unknown id raise SQLSTATE 45000.
-- Locking: begin_promote_batch takes GET_LOCK('<database>.load_batch.<id>', 0): one session
--   promotes a batch at a time; finish_promote_batch releases it.
--   Each chunk of 200,000 line numbers is its own transaction, so a file of 10M lines never
--   becomes one giant transaction. Call it at READ COMMITTED (settlement load does), so
--   reading the stage rows and the catalog takes no gap locks.
-- Idempotency and recovery: a chunk's ad rows, its quarantined lines, its counts in
--   load_batch and the deletion of its stage rows commit together. When a load dies
--   midway, CALL this procedure again for the same batch (it carries on with the chunks
--   still staged), or re-run the same `settlement load`: the upsert makes the same
--   rows again, unchanged;
--   rejected lines already quarantined are not recorded twice (uk_rejected_line).
-- Example: CALL promote_ads_batch(9);
CREATE PROCEDURE promote_ads_batch(IN in_batch_id BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Validate one staged ads file and upsert it into ad. Example: CALL promote_ads_batch(9)'
BEGIN
  DECLARE v_chunk_lines BIGINT UNSIGNED DEFAULT 200000;  -- lines per chunk transaction
  DECLARE v_lock VARCHAR(64);
  DECLARE v_from BIGINT UNSIGNED;
  DECLARE v_to BIGINT UNSIGNED;
  DECLARE v_lines BIGINT DEFAULT 0;     -- stage rows of the chunk
  DECLARE v_valid BIGINT DEFAULT 0;     -- of which passed every rule
  DECLARE v_locked BOOLEAN DEFAULT FALSE;
  DECLARE v_new BIGINT DEFAULT 0;
  DECLARE v_changes BIGINT DEFAULT 0;
  DECLARE v_updated BIGINT DEFAULT 0;
  DECLARE v_total_new BIGINT DEFAULT 0;
  DECLARE v_total_updated BIGINT DEFAULT 0;
  DECLARE v_total_unchanged BIGINT DEFAULT 0;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;  -- the failing chunk only; chunks committed before it stand
    IF v_locked THEN DO RELEASE_LOCK(v_lock); END IF;
    RESIGNAL;
  END;

  CALL begin_promote_batch(in_batch_id, 'ads', 'promote_ads_batch', v_lock);
  SET v_locked = TRUE;

  SELECT MIN(line_no) INTO v_from FROM catalog_stage WHERE batch_id = in_batch_id;
  WHILE v_from IS NOT NULL DO
    SET v_to = v_from + v_chunk_lines - 1;
    START TRANSACTION;
    -- 1. Mark the lines that break a rule (both CASEs list the rules in the same order).
    UPDATE catalog_stage s
      LEFT JOIN member m ON m.id = s.ref_id
       SET s.parse_error = 'unknown_advertiser',
           s.parse_detail = CONCAT('advertiser_id ', s.ref_id, ' is not a member')
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL AND m.id IS NULL;

    -- 2. Quarantine every rejected line of the chunk, once per (kind, reason, text), and
    --    count them by reason (two scans saved when the chunk has none).
    SELECT COUNT(*), COALESCE(SUM(s.parse_error IS NULL), 0) INTO v_lines, v_valid
      FROM catalog_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to;
    IF v_lines > v_valid THEN
      INSERT IGNORE INTO rejected_record (kind, batch_id, line_no, record_id, reason, detail, record_text, record_hash)
      SELECT 'ads', r.batch_id, r.line_no, r.record_id, r.parse_error, COALESCE(r.parse_detail, ''), r.record_text,
             UNHEX(SHA1(CONCAT('ads', r.parse_error, r.record_text)))
        FROM (SELECT s.batch_id, s.line_no, s.id AS record_id, s.parse_error, s.parse_detail,
                     COALESCE(s.raw_line, CONCAT_WS(',', s.id, s.ref_id, s.text_value)) AS record_text
                FROM catalog_stage s
               WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NOT NULL) r;
      INSERT INTO tmp_promote_outcome (outcome, reason, n)
      SELECT 'rejected', s.parse_error, COUNT(*)
        FROM catalog_stage s
       WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NOT NULL
       GROUP BY s.parse_error
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
    END IF;

    -- 3. Upsert the valid lines. ROW_COUNT() of an upsert is 1 per new row, 2 per changed row
    --    and 0 per row set to the values it had, so the new rows are counted first.
    SELECT COUNT(DISTINCT s.id) INTO v_new
      FROM catalog_stage s LEFT JOIN ad a ON a.id = s.id
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL AND a.id IS NULL;
    INSERT INTO ad (id, advertiser_id, title)
    SELECT s.id, s.ref_id, s.text_value
      FROM catalog_stage s
     WHERE s.batch_id = in_batch_id AND s.line_no BETWEEN v_from AND v_to AND s.parse_error IS NULL
     ORDER BY s.line_no
    ON DUPLICATE KEY UPDATE advertiser_id = VALUES(advertiser_id), title = VALUES(title);
    SET v_changes = ROW_COUNT();
    SET v_updated = (v_changes - v_new) DIV 2;

    -- 4. The chunk is done: its stage rows go, its counts are added, all in one commit.
    DELETE FROM catalog_stage WHERE batch_id = in_batch_id AND line_no BETWEEN v_from AND v_to;
    UPDATE load_batch
       SET loaded = loaded + v_new + v_updated, duplicates = duplicates + (v_valid - v_new - v_updated),
           rejected = rejected + (v_lines - v_valid)
     WHERE id = in_batch_id;
    COMMIT;
    SET v_total_new = v_total_new + v_new, v_total_updated = v_total_updated + v_updated,
        v_total_unchanged = v_total_unchanged + (v_valid - v_new - v_updated);
    SELECT MIN(line_no) INTO v_from FROM catalog_stage WHERE batch_id = in_batch_id AND line_no > v_to;
  END WHILE;

  INSERT INTO tmp_promote_outcome (outcome, reason, n, ord) VALUES
    ('new', '', v_total_new, 1),
    ('updated', '', v_total_updated, 2),
    ('unchanged', '', v_total_unchanged, 3);
  SET v_locked = FALSE;
  CALL finish_promote_batch(in_batch_id, v_lock);
END
