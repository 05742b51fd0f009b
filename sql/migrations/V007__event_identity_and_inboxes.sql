-- V007: one gate for events (SPEC 2, 4, 7): event identity for all time, the inboxes of
-- the streaming service, the per-day load fence, and the daily job's step list.
--
-- Event identity. A partitioned table's unique keys must include the partitioning column,
-- so view_log could only recognise a repeat by (event_id, business_date): a redelivery
-- dated on another business date was stored twice. view_event_id / ad_event_id hold every
-- event_id ever loaded, unpartitioned, with where it came from; the promote step inserts an
-- event into the log only when its id is new here (the first loaded occurrence wins). The
-- logs' own (event_id, business_date) keys become redundant and go (one index write per
-- event less). Registry rows are never dropped by retention: an id names one event for
-- all time. A row takes about 40 bytes.
CREATE TABLE view_event_id (
  event_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  business_date DATE NOT NULL COMMENT 'the business date the event was stored under',
  batch_id      BIGINT UNSIGNED NOT NULL COMMENT 'load_batch that brought it (0: before V007)',
  line_no       BIGINT UNSIGNED NOT NULL COMMENT 'its line in that batch (the inbox_id for an inbox batch)'
) ENGINE=InnoDB COMMENT='Every view event_id ever loaded (SPEC 4 event identity).';

CREATE TABLE ad_event_id (
  event_id      BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  business_date DATE NOT NULL,
  batch_id      BIGINT UNSIGNED NOT NULL,
  line_no       BIGINT UNSIGNED NOT NULL
) ENGINE=InnoDB COMMENT='Every ad event_id ever loaded (SPEC 4 event identity; its own id space).';

-- Events loaded before this migration keep their first business date.
INSERT INTO view_event_id (event_id, business_date, batch_id, line_no)
SELECT event_id, MIN(business_date), 0, 0 FROM view_log GROUP BY event_id;
INSERT INTO ad_event_id (event_id, business_date, batch_id, line_no)
SELECT event_id, MIN(business_date), 0, 0 FROM ad_view_log GROUP BY event_id;
INSERT IGNORE INTO view_event_id (event_id, business_date, batch_id, line_no)
SELECT event_id, MIN(business_date), 0, 0 FROM view_log_archive GROUP BY event_id;
INSERT IGNORE INTO ad_event_id (event_id, business_date, batch_id, line_no)
SELECT event_id, MIN(business_date), 0, 0 FROM ad_view_log_archive GROUP BY event_id;

-- The archive and exchange tables must keep the log's definition (EXCHANGE PARTITION).
ALTER TABLE view_log DROP INDEX uk_view_log_event;
ALTER TABLE view_log_archive DROP INDEX uk_view_log_event;
ALTER TABLE view_log_exchange DROP INDEX uk_view_log_event;
ALTER TABLE ad_view_log DROP INDEX uk_ad_view_log_event;
ALTER TABLE ad_view_log_archive DROP INDEX uk_ad_view_log_event;
ALTER TABLE ad_view_log_exchange DROP INDEX uk_ad_view_log_event;

-- The inboxes: the streaming service INSERTs events here (at least once, in any order);
-- every `settlement load` and `settlement run` first moves what they hold through the same
-- validation, identity check and quarantine as a file (stage_event_inbox, then
-- promote_views_batch / promote_ad_views_batch). Columns are nullable so that no insert
-- of the service ever fails: a missing value is quarantined with its reason instead.
-- inbox_id only orders and names the rows (it becomes the line number in the batch).
CREATE TABLE view_event_inbox (
  inbox_id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id          BIGINT UNSIGNED NULL,
  viewer_id         BIGINT UNSIGNED NULL,
  video_id          BIGINT UNSIGNED NULL,
  ip                VARCHAR(64) NULL,
  started_at        DATETIME(3) NULL COMMENT 'UTC',
  watched_sec       BIGINT NULL,
  last_position_sec BIGINT NULL,
  received_at       DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB COMMENT='View events from the streaming service, waiting for the next load or run.';

CREATE TABLE ad_event_inbox (
  inbox_id    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id    BIGINT UNSIGNED NULL,
  viewer_id   BIGINT UNSIGNED NULL,
  video_id    BIGINT UNSIGNED NULL,
  ad_id       BIGINT UNSIGNED NULL,
  ip          VARCHAR(64) NULL,
  viewed_at   DATETIME(3) NULL COMMENT 'UTC',
  received_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB COMMENT='Ad events from the streaming service, waiting for the next load or run.';

-- A load batch is a file or an inbox; PROMOTING marks a batch whose promotion began, so a
-- later load can tell a batch a dead load was promoting (finish it) from one it was still
-- staging (abandon it). owner_* say who made it.
ALTER TABLE load_batch
  MODIFY state ENUM('STAGING','PROMOTING','LOADED','ABANDONED') NOT NULL DEFAULT 'STAGING',
  ADD COLUMN source ENUM('file','inbox') NOT NULL DEFAULT 'file' AFTER kind,
  ADD COLUMN owner_host VARCHAR(255) NULL,
  ADD COLUMN owner_pid INT NULL,
  ADD KEY ix_load_batch_state (state);

-- The per-day load fence: every promote chunk adds its new events to its days' rows here,
-- in the transaction that inserts them, before it looks for the days' runs (job_run) to
-- mark them stale. A run, once its job_run row is committed, reads its day's row FOR
-- UPDATE: any promote that already counted events for the day has committed by then (the
-- run reads its events), and any later one sees the run and marks the day stale.
CREATE TABLE log_day (
  business_date  DATE NOT NULL PRIMARY KEY,
  view_events    BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'view events loaded for the day',
  ad_events      BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'ad events loaded for the day',
  last_loaded_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB COMMENT='Events loaded per business date (counts since V007); the load/run fence.';

INSERT INTO log_day (business_date, view_events)
SELECT business_date, COUNT(*) FROM view_log GROUP BY business_date;
INSERT INTO log_day (business_date, ad_events)
SELECT business_date, COUNT(*) FROM ad_view_log GROUP BY business_date
ON DUPLICATE KEY UPDATE ad_events = VALUES(ad_events);

-- Days whose logs retention dropped (or archived): closed. No command recomputes them and
-- no event is accepted for them (its figures would be recomputed from that event alone).
CREATE TABLE closed_date (
  business_date DATE NOT NULL PRIMARY KEY,
  action        ENUM('DROPPED','ARCHIVED') NOT NULL,
  closed_at     DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB COMMENT='Processed days whose logs were dropped or archived by retention.';

-- Days processed before V007 whose partitions retention already dropped: below p_before's bound.
INSERT INTO closed_date (business_date, action)
SELECT r.business_date, 'DROPPED'
  FROM job_run r
  JOIN information_schema.PARTITIONS p
    ON p.TABLE_SCHEMA = DATABASE() AND p.TABLE_NAME = 'view_log' AND p.PARTITION_NAME = 'p_before'
 WHERE r.job = 'daily' AND r.business_date < CAST(REPLACE(p.PARTITION_DESCRIPTION, '''', '') AS DATE)
   AND NOT EXISTS (SELECT 1 FROM view_log l WHERE l.business_date = r.business_date);

-- The daily job's steps, in order: `settlement run` runs them with parallel ranges, and
-- settle_date (the DBA's one call) runs the same list over the whole range. A ranged step
-- is CALL procedure(date, video_from, video_to); the others CALL procedure(date).
CREATE TABLE job_step (
  job            VARCHAR(32) NOT NULL,
  step_no        INT NOT NULL,
  step           VARCHAR(32) NOT NULL,
  procedure_name VARCHAR(64) NOT NULL,
  ranged         BOOLEAN NOT NULL,
  description    VARCHAR(255) NOT NULL DEFAULT '',
  PRIMARY KEY (job, step_no)
) ENGINE=InnoDB COMMENT='The steps of each job, in order (data, not code: one list for run and settle_date).';

INSERT INTO job_step (job, step_no, step, procedure_name, ranged, description) VALUES
  ('daily', 0, 'stats', 'aggregate_daily_stats_range', TRUE, 'SPEC 5-6: counted views, watch time, ad views, period rollups'),
  ('daily', 1, 'recount', 'reconcile_counts_range', TRUE, 'the counts equal an independent recount of the logs'),
  ('daily', 2, 'settle', 'settle_videos_range', TRUE, 'SPEC 7: tiered revenue on cumulative ordinals, restating later dates'),
  ('daily', 3, 'statements', 'build_creator_statements', FALSE, 'creator statements of the date and of restated dates'),
  ('daily', 4, 'reconcile', 'reconcile_date_sums', FALSE, 'settlement, statements, cumulative counts and periods add up');

-- Who holds a run's lock (take_run_lock records it right after GET_LOCK) and each task's
-- worker connection, so that a new run can tell a live run from the server sessions a
-- killed one left behind (a session lives on while its last statement finishes).
CREATE TABLE run_lock_holder (
  scope         VARCHAR(40) NOT NULL PRIMARY KEY COMMENT 'lock_name scope: daily.<date>',
  connection_id BIGINT UNSIGNED NOT NULL COMMENT 'the server connection that took the lock',
  owner_host    VARCHAR(255) NOT NULL,
  owner_pid     INT NOT NULL COMMENT '0: a SQL session (settle_date)',
  taken_at      DATETIME(3) NOT NULL
) ENGINE=InnoDB COMMENT='The last taker of each run lock; the lock itself (GET_LOCK) says whether it is still held.';
ALTER TABLE job_task ADD COLUMN connection_id BIGINT UNSIGNED NULL AFTER attempts;

-- The accepted date window of events (SPEC 4); `settlement migrate` writes the config's values.
INSERT INTO setting (name, value, description) VALUES
  ('load.earliest_date', '2000-01-01', 'Events dated before this business date are rejected as date_out_of_range (SPEC 4).'),
  ('load.max_days_ahead', '366', 'Events dated more than this many days after today (business time zone) are rejected as date_out_of_range.'),
  ('settle_date.job_lock_wait_sec', '600', 'settle_date waits this long for another date''s run to leave the daily job (the program''s own wait is its config run.job_lock_wait_sec).');
