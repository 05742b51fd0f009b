-- V005: archive tables for log retention, and the DDL lock wait of partition upkeep.
--
-- drop_log_partitions (sql/partitions/) removes days older than the retention. With archiving
-- on, a day is moved out instead of deleted, by two EXCHANGE PARTITION swaps (no row copy):
--   view_log.pD  <->  view_log_exchange (empty, unpartitioned)   -- the day's rows leave the log
--   view_log_archive.pD (empty)  <->  view_log_exchange          -- and land in the archive
-- The archive tables keep the log's daily layout (p_before, pYYYYMMDD..., p_future), so an
-- archived day can later be dumped or dropped by itself (ALTER TABLE view_log_archive DROP
-- PARTITION pD). Exchanging needs identical table definitions, hence CREATE TABLE ... LIKE:
-- a later migration that changes view_log or ad_view_log must change their _archive and
-- _exchange tables the same way. The _exchange tables are empty except while a drop runs
-- (or after one was killed between the two swaps; the next drop finishes the move).

INSERT INTO setting (name, value, description) VALUES
  ('partitions.ddl_lock_wait_sec', '30',
   'Partition upkeep waits at most this long for a log table''s metadata lock (lock_wait_timeout) before giving up, so it never queues readers and writers behind it for long.');

CREATE TABLE view_log_archive LIKE view_log;
ALTER TABLE view_log_archive PARTITION BY RANGE COLUMNS (business_date) (
  PARTITION p_before VALUES LESS THAN ('1970-01-02'),
  PARTITION p_future VALUES LESS THAN (MAXVALUE)
);
CREATE TABLE view_log_exchange LIKE view_log;
ALTER TABLE view_log_exchange REMOVE PARTITIONING;

CREATE TABLE ad_view_log_archive LIKE ad_view_log;
ALTER TABLE ad_view_log_archive PARTITION BY RANGE COLUMNS (business_date) (
  PARTITION p_before VALUES LESS THAN ('1970-01-02'),
  PARTITION p_future VALUES LESS THAN (MAXVALUE)
);
CREATE TABLE ad_view_log_exchange LIKE ad_view_log;
ALTER TABLE ad_view_log_exchange REMOVE PARTITIONING;
