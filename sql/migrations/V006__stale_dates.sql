-- V006: stale dates (SPEC 7, "Late events").
--
-- A processed date (one with a daily job_run row) that receives events after it was
-- processed is stale: its statistics and settlement no longer cover every loaded event.
-- The promote step, the one gate that writes the log tables, records such a date here in the
-- same transaction as the events; every `run` restates the stale dates first, in date order,
-- and removes a row only when no event arrived since the restatement began (generation).
-- Finding stale dates reads this small table, never a log partition.
CREATE TABLE stale_date (
  business_date   DATE NOT NULL PRIMARY KEY,
  generation      BIGINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'bumped by every promote that marks the date again',
  late_events     BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'events that arrived after the date was processed',
  first_marked_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_marked_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB COMMENT='Processed dates that received events after they were processed; restated by the next run.';
