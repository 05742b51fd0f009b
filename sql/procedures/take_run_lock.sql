-- take_run_lock(in_scope, in_wait_sec, in_owner_host, in_owner_pid, out_acquired): takes one
-- of the daily job's run locks and records who took it.
--
-- Description: GET_LOCK of lock_name(in_scope), waiting at most in_wait_sec; when taken,
--   run_lock_holder gets (scope, this connection, owner host and pid, now). The lock dies with
--   its connection; the record stays, so that the next run that finds the lock held can tell
--   whose session holds it: a live run (exit 75), or a session a killed run left behind (its
--   owner process is gone, its heartbeat stopped), which the new run waits for or ends.
-- Parameters: in_scope       'daily.<YYYY-MM-DD>' (see lock_name)
--             in_wait_sec    seconds to wait for it (0: do not wait)
--             in_owner_host  the taking process's host ('sql:<user>' for settle_date)
--             in_owner_pid   its process id (0 for a SQL session)
--             out_acquired   TRUE when this connection holds the lock now
-- Locking: the named lock; one autocommitted REPLACE. Call it outside a transaction.
-- Example: CALL take_run_lock('daily.2026-11-20', 0, 'sql:dba', 0, @ok); SELECT @ok;
CREATE PROCEDURE take_run_lock(IN in_scope VARCHAR(40), IN in_wait_sec INT, IN in_owner_host VARCHAR(255),
                               IN in_owner_pid INT, OUT out_acquired BOOLEAN)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'GET_LOCK of a run lock, recording its taker in run_lock_holder. Example: CALL take_run_lock(''daily.2026-11-20'', 0, ''sql:dba'', 0, @ok)'
BEGIN
  DECLARE v_name VARCHAR(64);
  CALL lock_name(in_scope, v_name);
  SET out_acquired = GET_LOCK(v_name, GREATEST(COALESCE(in_wait_sec, 0), 0)) IS TRUE;
  IF out_acquired THEN
    REPLACE INTO run_lock_holder (scope, connection_id, owner_host, owner_pid, taken_at)
    VALUES (in_scope, CONNECTION_ID(), in_owner_host, in_owner_pid, NOW(3));
  END IF;
END
