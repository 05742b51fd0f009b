-- write_replication_heartbeat(): one beat of the replication heartbeat, on the primary.
--
-- Description: SPEC 11. `settlement heartbeat` calls this about every second
--   (heartbeat.interval_ms) on the primary; the row replicates like any other, and
--   report_replica_lag on a replica measures the lag from it. UTC on both sides, so the
--   servers' time zones do not matter (their clocks must agree: NTP).
-- Parameters: none
-- Locking: one row of replication_heartbeat, autocommit: a transaction of its own.
-- Idempotency: each call moves beat_at to now; nothing else changes.
-- Example: CALL write_replication_heartbeat();
CREATE PROCEDURE write_replication_heartbeat()
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Sets the replication heartbeat row to UTC_TIMESTAMP(6). Example: CALL write_replication_heartbeat()'
BEGIN
  INSERT INTO replication_heartbeat (id, beat_at, server_id) VALUES (1, UTC_TIMESTAMP(6), @@server_id)
    ON DUPLICATE KEY UPDATE beat_at = UTC_TIMESTAMP(6), server_id = @@server_id;
END
