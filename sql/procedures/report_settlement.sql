-- report_settlement(in_period, in_date, in_creator_id, in_by): settlement of one period.
--
-- Description: SPEC 7 and 8, for a DBA's call by period: the settlement of the DAY, WEEK,
--   MONTH or YEAR period containing in_date by creator (with payable) or by video, as
--   report_settlement_span gives it for the period's days (period_bounds).
-- Parameters: in_period      'DAY', 'WEEK', 'MONTH' or 'YEAR' (case-insensitive)
--             in_date        any date of the period
--             in_creator_id  one creator, or NULL for all
--             in_by          'creator' or 'video' (case-insensitive; NULL means 'creator')
-- Result set: see report_settlement_span. Raises SQLSTATE 45000 for an unknown period or
--   in_by, or a NULL date.
-- Locking: consistent (non-locking) reads only; safe on a read replica.
-- Idempotency: read-only.
-- Example: CALL report_settlement('MONTH', '2026-11-20', NULL, 'creator');
CREATE PROCEDURE report_settlement(IN in_period VARCHAR(8), IN in_date DATE,
                                   IN in_creator_id BIGINT UNSIGNED, IN in_by VARCHAR(16))
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Settlement of the DAY/WEEK/MONTH/YEAR period containing a date, by creator (with payable) or by video. Example: CALL report_settlement(''MONTH'', ''2026-11-20'', NULL, ''creator'')'
BEGIN
  DECLARE v_start DATE;
  DECLARE v_end DATE;
  CALL period_bounds(in_period, in_date, v_start, v_end);
  CALL report_settlement_span(v_start, v_end, in_creator_id, in_by);
END
