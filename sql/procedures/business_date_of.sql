-- business_date_of(in_utc): the business date of a UTC timestamp (SPEC 3).
--
-- Description: shifts the UTC instant by the business time zone's offset (setting
--   business.utc_offset, e.g. '+09:00') and takes the date. Set-based code that dates many
--   rows reads the offset once (business_utc_offset_minutes) and adds it inline instead.
-- Parameters: in_utc  a UTC DATETIME(3)
-- Returns: DATE
-- Locking: a consistent read of the setting row.
-- Example: SELECT business_date_of('2026-01-31 15:00:00');  -- 2026-02-01 with +09:00
CREATE FUNCTION business_date_of(in_utc DATETIME(3))
RETURNS DATE
NOT DETERMINISTIC READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Business date of a UTC timestamp. Example: SELECT business_date_of(''2026-01-31 15:00:00'')'
BEGIN
  RETURN DATE(in_utc + INTERVAL business_utc_offset_minutes() MINUTE);
END
