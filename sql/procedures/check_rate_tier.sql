-- check_rate_tier(in_date): refuses to price with a rate table that cannot be right.
--
-- Description: SPEC 7 rates are versioned per kind (VIEW, AD) by effective_from. Raises
--   SQLSTATE 45000 when
--   * a kind has no version in effect on in_date (no effective_from <= in_date), or
--   * any version does not start at min_ordinal 0 or 1 (ordinals below its first tier
--     would have no price).
--   Every version is checked, not only in_date's: restating later dates prices them with
--   their own versions. rate_tier's CHECK constraints keep prices and ordinals >= 0.
-- Parameters: in_date  the business date about to be priced
-- Locking: a consistent read of rate_tier (a few rows).
-- Idempotency: read-only.
-- Example: CALL check_rate_tier('2026-11-20');
CREATE PROCEDURE check_rate_tier(IN in_date DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Raises 45000 when rate_tier has no version in effect on a date or a version does not start at ordinal 0/1. Example: CALL check_rate_tier(''2026-11-20'')'
BEGIN
  DECLARE v_kind VARCHAR(8) DEFAULT NULL;
  DECLARE v_from DATE DEFAULT NULL;
  DECLARE v_min BIGINT DEFAULT NULL;
  DECLARE v_message VARCHAR(128);

  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'check_rate_tier: in_date must not be NULL';
  END IF;

  IF NOT EXISTS (SELECT 1 FROM rate_tier WHERE kind = 'VIEW' AND effective_from <= in_date) THEN
    SET v_kind = 'VIEW';
  ELSEIF NOT EXISTS (SELECT 1 FROM rate_tier WHERE kind = 'AD' AND effective_from <= in_date) THEN
    SET v_kind = 'AD';
  END IF;
  IF v_kind IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('rate_tier: no ', v_kind, ' rates in effect on ', in_date), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  SELECT MAX(b.kind), MAX(b.effective_from), MAX(b.first_ordinal) INTO v_kind, v_from, v_min
    FROM (SELECT kind, effective_from, MIN(min_ordinal) AS first_ordinal
            FROM rate_tier
           GROUP BY kind, effective_from
          HAVING MIN(min_ordinal) > 1
           ORDER BY effective_from, kind
           LIMIT 1) b;
  IF v_kind IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('rate_tier: the ', v_kind, ' version effective from ', v_from,
                           ' starts at ordinal ', v_min, '; it must start at 0 or 1'), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
END
