-- V010: the replication heartbeat (SPEC 11, DESIGN "Reads are separate from writes").
--
-- `settlement heartbeat` runs beside the primary and writes one row here about every second
-- (write_replication_heartbeat), in UTC. The row reaches a replica like any other row, so a
-- replica's UTC time minus its copy of beat_at is how far behind it is, to the microsecond
-- (report_replica_lag) - also while its SQL thread is stopped, when Seconds_Behind_Master
-- says nothing useful. No row: no heartbeat was ever written (nothing runs `heartbeat`).
CREATE TABLE replication_heartbeat (
  id        TINYINT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'always 1: one row',
  beat_at   DATETIME(6) NOT NULL COMMENT 'UTC_TIMESTAMP(6) of the primary at the last beat',
  server_id INT UNSIGNED NOT NULL COMMENT '@@server_id of the primary that wrote it (which primary, after a failover)'
) ENGINE=InnoDB COMMENT='One row the primary rewrites about every second; a replica''s lag is its UTC time minus beat_at.';
