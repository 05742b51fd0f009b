-- report_replica_lag(): how far behind the primary this server's data is, from the heartbeat.
--
-- Description: SPEC 10, 11. On a replica: this server's UTC time minus the beat_at that
--   write_replication_heartbeat wrote on the primary and replication brought here, in
--   seconds with microseconds. It keeps growing while replication is stopped or behind
--   (Seconds_Behind_Master is whole seconds, and NULL or 0 while the SQL thread is
--   stopped). The lag includes up to one heartbeat interval (the age of the last beat when
--   it arrived), and a clock difference between the servers; a negative difference (this
--   clock behind the primary's) reads as 0. `settlement report` and `serve` call this on
--   the replica they read.
-- Parameters: none
-- Result set: one row: lag_seconds (DECIMAL, NULL when no heartbeat was ever written),
--   beat_at (the primary's UTC time of the last beat seen here), server_id (the primary).
-- Locking: a consistent read of one row.
-- Idempotency: read-only.
-- Example: CALL report_replica_lag();
CREATE PROCEDURE report_replica_lag()
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Seconds this server is behind the primary, from the replicated heartbeat (NULL: no heartbeat). Example: CALL report_replica_lag()'
BEGIN
  SELECT GREATEST(0, TIMESTAMPDIFF(MICROSECOND, h.beat_at, UTC_TIMESTAMP(6)) * 0.000001) AS lag_seconds,
         h.beat_at, h.server_id
    FROM (SELECT 1 AS one) o
    LEFT JOIN replication_heartbeat h ON h.id = 1;
END
