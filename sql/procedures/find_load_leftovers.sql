-- find_load_leftovers(): what loads that died left behind, made safe, and what to finish.
--
-- Description: a load batch whose staging or promotion was under way when its `settlement
--   load` (or `run`) died stays STAGING or PROMOTING with its stage rows. Its batch lock
--   (lock_name 'load_batch.<id>') is held by the session that works on it, so a batch whose
--   lock is free has no live owner. For each such batch:
--     * a file batch still STAGING was cut off while its file was being read: its stage
--       rows are deleted and it becomes ABANDONED (the file loads again from the start;
--       nothing of it was loaded);
--     * so is a spooled file batch (load_batch.spooled: its parsed lines were in the dead
--       load's temporary file) whose promotion began: the chunks it committed stay loaded,
--       the rest is gone with the load; loading the file again completes it (what was
--       loaded counts as duplicates);
--     * a PROMOTING batch (its file was read whole, part of it may be loaded) and an inbox
--       batch still STAGING (moved out of the inbox whole, in one transaction) are returned
--       with action 'promote': the caller promotes them (promote_<kind>_batch carries on
--       with the lines still staged), so no event moved out of an inbox is ever lost.
--   A batch whose lock is held belongs to a live load (or to the server session of a dead
--   one that is still finishing its promote) and is left alone.
-- Result set: batch_id, kind, source, file_name, state, staged_rows, action
--   (ABANDONED or promote), one row per leftover handled.
-- Locking: takes each leftover batch's lock while it decides (GET_LOCK, 0 s), releases it.
-- Example: CALL find_load_leftovers();
CREATE PROCEDURE find_load_leftovers()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Abandons cut-off file batches and lists the batches to promote again. Example: CALL find_load_leftovers()'
BEGIN
  DECLARE v_id BIGINT UNSIGNED DEFAULT 0;
  DECLARE v_lock VARCHAR(64);
  DECLARE v_kind VARCHAR(16);
  DECLARE v_source VARCHAR(8);
  DECLARE v_state VARCHAR(16);
  DECLARE v_rows BIGINT;
  DECLARE v_spooled BOOLEAN;
  DROP TEMPORARY TABLE IF EXISTS tmp_load_leftover;
  CREATE TEMPORARY TABLE tmp_load_leftover (
    batch_id    BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    kind        VARCHAR(16) NOT NULL,
    source      VARCHAR(8) NOT NULL,
    file_name   VARCHAR(1000) NOT NULL,
    state       VARCHAR(16) NOT NULL,
    staged_rows BIGINT NOT NULL,
    action      VARCHAR(16) NOT NULL
  ) ENGINE=InnoDB;

  SELECT MIN(id) INTO v_id FROM load_batch WHERE state IN ('STAGING', 'PROMOTING') AND id > v_id;
  WHILE v_id IS NOT NULL DO
    CALL lock_name(CONCAT('load_batch.', v_id), v_lock);
    IF GET_LOCK(v_lock, 0) IS TRUE THEN
      SELECT kind, source, state, spooled INTO v_kind, v_source, v_state, v_spooled FROM load_batch WHERE id = v_id;
      SET v_rows = CASE v_kind
        WHEN 'views' THEN (SELECT COUNT(*) FROM view_log_stage WHERE batch_id = v_id)
        WHEN 'ad_views' THEN (SELECT COUNT(*) FROM ad_view_log_stage WHERE batch_id = v_id)
        ELSE (SELECT COUNT(*) FROM catalog_stage WHERE batch_id = v_id) END;
      IF v_source = 'file' AND (v_state = 'STAGING' OR v_spooled) THEN
        DELETE FROM view_log_stage WHERE batch_id = v_id AND v_kind = 'views';
        DELETE FROM ad_view_log_stage WHERE batch_id = v_id AND v_kind = 'ad_views';
        DELETE FROM catalog_stage WHERE batch_id = v_id AND v_kind NOT IN ('views', 'ad_views');
        UPDATE load_batch SET state = 'ABANDONED', finished_at = NOW(3) WHERE id = v_id;
        INSERT INTO tmp_load_leftover
        SELECT id, kind, source, file_name, v_state, v_rows, 'ABANDONED' FROM load_batch WHERE id = v_id;
      ELSEIF v_state IN ('STAGING', 'PROMOTING') THEN
        INSERT INTO tmp_load_leftover
        SELECT id, kind, source, file_name, v_state, v_rows, 'promote' FROM load_batch WHERE id = v_id;
      END IF;
      DO RELEASE_LOCK(v_lock);
    END IF;
    SELECT MIN(id) INTO v_id FROM load_batch WHERE state IN ('STAGING', 'PROMOTING') AND id > v_id;
  END WHILE;

  SELECT batch_id, kind, source, file_name, state, staged_rows, action FROM tmp_load_leftover ORDER BY batch_id;
  DROP TEMPORARY TABLE tmp_load_leftover;
END
