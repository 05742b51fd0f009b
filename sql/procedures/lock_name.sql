-- lock_name(in_scope, out_name): the name of one of the product's named locks (GET_LOCK).
--
-- Description: named locks are server-wide, so the name carries the database: a hash of
--   DATABASE() (12 hex digits of its SHA-256), so that two databases never share a lock
--   whatever their names' lengths, and a name never exceeds the servers' 64 characters:
--   'settlement.<hash12>.<scope>'. Every lock of the product takes its name here:
--     daily.job               one date at a time through the daily job's steps
--     daily.<YYYY-MM-DD>      one run (or settle_date) of a date at a time
--     stats.<date>.<from>     one session in a statistics range at a time
--     load_batch.<id>         one session staging or promoting a load batch
--     partitions              partition upkeep (ensure, drop, archive, repair; lock_partitions)
--     migrate                 one migrate at a time (it computes the same name itself:
--                             on a new database this procedure does not exist yet)
-- Parameters: in_scope  see above, at most 40 characters
--             out_name  VARCHAR(64)
-- Locking: none (computes only).
-- Example: CALL lock_name('daily.2026-11-20', @n); SELECT GET_LOCK(@n, 0);
CREATE PROCEDURE lock_name(IN in_scope VARCHAR(40), OUT out_name VARCHAR(64))
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Name of one of the product''s GET_LOCK locks in this database. Example: CALL lock_name(''daily.2026-11-20'', @n)'
BEGIN
  SET out_name = CONCAT('settlement.', LEFT(SHA2(DATABASE(), 256), 12), '.', in_scope);
END
