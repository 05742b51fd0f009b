-- lock_partitions(in_caller, out_lock): take the partitions lock of this database, the one
-- lock every procedure that changes the log tables' partitions holds.
--
-- Description: GET_LOCK of lock_name('partitions'), waiting at most 60 s, so that ensure,
--   drop, archive and repair never change a layout under each other and each reads the
--   layout under the lock. The lock is re-entrant (a procedure holding it may call another
--   that takes it again); every GET_LOCK must be matched by one RELEASE_LOCK(out_lock), in
--   the caller's normal end and in its exit handler. A lock another session holds for more
--   than 60 s raises SQLSTATE 45000 '<in_caller>: another session held lock <name> for 60 s;
--   try again' (the program turns it into exit 75), and the lock is not held then.
-- Parameters: in_caller  the calling procedure's name, for the message
--             out_lock   the lock's name, for RELEASE_LOCK
-- Locking: GET_LOCK(lock_name('partitions'), 60); dies with the session.
-- Example: CALL lock_partitions('my_upkeep', @lock); ... DO RELEASE_LOCK(@lock);
CREATE PROCEDURE lock_partitions(IN in_caller VARCHAR(64), OUT out_lock VARCHAR(64))
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Takes the partitions lock of this database (GET_LOCK, 60 s). Example: CALL lock_partitions(''my_upkeep'', @lock)'
BEGIN
  DECLARE v_lock VARCHAR(64);
  DECLARE v_message VARCHAR(255);
  SET out_lock = NULL;
  CALL lock_name('partitions', v_lock);
  IF GET_LOCK(v_lock, 60) IS NOT TRUE THEN
    SET v_message = CONCAT(in_caller, ': another session held lock ', v_lock, ' for 60 s; try again');
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET out_lock = v_lock;
END
