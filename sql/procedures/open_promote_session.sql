-- open_promote_session(in_kind): the session tables of a promote, for begin_promote_batch
-- and join_promote_batch.
--
-- Description: creates the session's tmp_promote_outcome, where a promote counts its
--   outcomes (ord orders them in the result set finish_promote_batch returns; rejected
--   reasons take the default 10, notices 11). For a batch of events ('views',
--   'ad_views') it also opens the chunks' working tables (open_event_lines) and counts
--   ('loaded', '', 0) and ('duplicate', '', 0), which each committed chunk adds to.
-- Parameters: in_kind  the batch's kind ('views', 'members', ...)
-- Locking: none (session temporary tables).
-- Example: (inside a promote) CALL open_promote_session('views');
CREATE PROCEDURE open_promote_session(IN in_kind VARCHAR(16))
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Creates a promote''s session tables (tmp_promote_outcome, the event line tables). Example: CALL open_promote_session(''views'')'
BEGIN
  DROP TEMPORARY TABLE IF EXISTS tmp_promote_outcome;
  CREATE TEMPORARY TABLE tmp_promote_outcome (
    outcome VARCHAR(16)  NOT NULL,
    reason  VARCHAR(255) NOT NULL,
    n       BIGINT       NOT NULL,
    ord     INT          NOT NULL DEFAULT 10,
    PRIMARY KEY (outcome, reason)
  ) ENGINE=MEMORY;
  IF in_kind IN ('views', 'ad_views') THEN
    CALL open_event_lines(in_kind);
    INSERT INTO tmp_promote_outcome (outcome, reason, n, ord) VALUES ('loaded', '', 0, 1), ('duplicate', '', 0, 2);
  END IF;
END
