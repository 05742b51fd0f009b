-- report_stale_dates(in_from, in_to): the stale dates of a span, for the notes of a report.
--
-- Description: the processed dates in [in_from, in_to] that received events after they were
--   processed (stale_date): their stored figures do not count those events until the next
--   run restates them (SPEC 7). Result set: business_date, late_events, first_marked_at,
--   ascending. Reads stale_date only (a handful of rows), never a log partition.
-- Parameters: in_from, in_to  the span, inclusive
-- Locking: consistent reads only; safe on a read replica.
-- Example: CALL report_stale_dates('2026-11-01', '2026-11-30');
CREATE PROCEDURE report_stale_dates(IN in_from DATE, IN in_to DATE)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Stale dates of a span (late events not yet restated). Example: CALL report_stale_dates(''2026-11-01'', ''2026-11-30'')'
BEGIN
  SELECT business_date, late_events, first_marked_at
    FROM stale_date
   WHERE business_date BETWEEN in_from AND in_to
   ORDER BY business_date;
END
