-- build_creator_statements(in_date): creator statements of a settled date and of the
-- later dates its settlement restated.
--
-- Description: SPEC 7 creator statements. After settle_videos_range has run for every
--   range of D:
--   * the DAY statement of each creator on D is the sum of video_revenue and ad_revenue
--     of the creator's video_daily_settlement rows of D (creators left without rows lose
--     their DAY row);
--   * the same for the (date, creator) pairs of the later rows that settle_videos_range
--     re-priced (settlement_restatement_pending), which it then consumes; pending rows an
--     earlier, interrupted run left behind are consumed too;
--   * each DAY statement's change (new minus old) is added to the creator's WEEK, MONTH and
--     YEAR statements of that day, so a period statement is always the sum of its days;
--   * payable is a stored generated column, FLOOR(video_revenue + ad_revenue).
--   The restated dates are recorded in settlement_restatement and returned.
-- Parameters: in_date  the business date just settled
-- Returns: one result set, column restated_date: the other dates whose statements were
--   rebuilt because their cumulative counts changed (empty when none), ascending.
-- Locking and transactions: one transaction; locks the pending rows and the DAY statements
--   it replaces. Run once per date after all ranges of settle_videos_range (single step).
-- Idempotency: calling it again changes nothing (every change it applies is new minus old).
-- Example: CALL build_creator_statements('2026-11-20');
CREATE PROCEDURE build_creator_statements(IN in_date DATE)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'DAY/WEEK/MONTH/YEAR creator statements of a settled date and of the later dates it restated; returns restated_date. Example: CALL build_creator_statements(''2026-11-20'')'
BEGIN
  DECLARE v_first_from DATE DEFAULT NULL;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    DROP TEMPORARY TABLE IF EXISTS tmp_stmt_marker, tmp_stmt_day, tmp_stmt_later_date, tmp_stmt_later, tmp_stmt_key,
                                   tmp_stmt_new, tmp_stmt_delta, tmp_period_day, tmp_period_start;
    RESIGNAL;
  END;

  IF in_date IS NULL THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'build_creator_statements: in_date must not be NULL';
  END IF;

  DROP TEMPORARY TABLE IF EXISTS tmp_stmt_marker, tmp_stmt_day, tmp_stmt_later_date, tmp_stmt_later, tmp_stmt_key,
                                 tmp_stmt_new, tmp_stmt_delta, tmp_period_day, tmp_period_start;
  CREATE TEMPORARY TABLE tmp_period_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_stmt_marker (
    from_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (from_date, video_id)) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_stmt_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_stmt_later_date (business_date DATE NOT NULL PRIMARY KEY) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_stmt_later (
    from_date DATE NOT NULL, business_date DATE NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (business_date, creator_id, from_date)) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_stmt_key (
    business_date DATE NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (business_date, creator_id)) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_stmt_new (
    business_date DATE NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL, videos BIGINT NOT NULL,
    PRIMARY KEY (business_date, creator_id)) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_stmt_delta (
    business_date DATE NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL,
    PRIMARY KEY (business_date, creator_id)) ENGINE=InnoDB;

  START TRANSACTION;

  -- 1. What to rebuild: every creator of D (and of a pending row's own date), and the
  --    (date, creator) of every later row a settle step re-priced.
  INSERT INTO tmp_stmt_marker (from_date, video_id)
  SELECT from_date, video_id FROM settlement_restatement_pending
   ORDER BY from_date, video_id
     FOR UPDATE;
  INSERT INTO tmp_stmt_day (business_date) VALUES (in_date);
  INSERT INTO tmp_stmt_day (business_date)
  SELECT DISTINCT from_date FROM tmp_stmt_marker WHERE from_date <> in_date;
  -- Later dates by a loose index scan, then one primary-key lookup per (date, video): the
  -- history before the restated dates is never read.
  SELECT MIN(from_date) INTO v_first_from FROM tmp_stmt_marker;
  INSERT INTO tmp_stmt_later_date (business_date)
  SELECT DISTINCT business_date FROM video_daily_settlement WHERE business_date > v_first_from;
  INSERT INTO tmp_stmt_later (from_date, business_date, creator_id)
  SELECT m.from_date, ld.business_date, s.creator_id
    FROM tmp_stmt_later_date ld
    STRAIGHT_JOIN tmp_stmt_marker m
    STRAIGHT_JOIN video_daily_settlement s ON s.business_date = ld.business_date AND s.video_id = m.video_id
   WHERE ld.business_date > m.from_date
   GROUP BY ld.business_date, s.creator_id, m.from_date;

  INSERT INTO tmp_stmt_key (business_date, creator_id)
  SELECT DISTINCT s.business_date, s.creator_id
    FROM tmp_stmt_day d JOIN video_daily_settlement s ON s.business_date = d.business_date;
  INSERT INTO tmp_stmt_key (business_date, creator_id)
  SELECT c.period_start, c.creator_id
    FROM tmp_stmt_day d JOIN creator_statement c ON c.period = 'DAY' AND c.period_start = d.business_date
  ON DUPLICATE KEY UPDATE tmp_stmt_key.creator_id = VALUES(creator_id);
  INSERT INTO tmp_stmt_key (business_date, creator_id)
  SELECT DISTINCT business_date, creator_id FROM tmp_stmt_later
  ON DUPLICATE KEY UPDATE tmp_stmt_key.creator_id = VALUES(creator_id);

  -- 2. The new DAY figures of each pair, and their change against the stored DAY rows.
  INSERT INTO tmp_stmt_new (business_date, creator_id, video_revenue, ad_revenue, videos)
  SELECT k.business_date, k.creator_id,
         COALESCE(SUM(s.video_revenue), 0), COALESCE(SUM(s.ad_revenue), 0), COUNT(s.video_id)
    FROM tmp_stmt_key k
    -- Forced: right after a day's first settlement the table's statistics are stale, and a
    -- scan of the whole day per creator (instead of this index) made the step quadratic.
    LEFT JOIN video_daily_settlement s FORCE INDEX (ix_video_daily_settlement_creator)
           ON s.business_date = k.business_date AND s.creator_id = k.creator_id
   GROUP BY k.business_date, k.creator_id;
  INSERT INTO tmp_stmt_delta (business_date, creator_id, video_revenue, ad_revenue)
  SELECT n.business_date, n.creator_id,
         n.video_revenue - COALESCE(o.video_revenue, 0), n.ad_revenue - COALESCE(o.ad_revenue, 0)
    FROM tmp_stmt_new n
    LEFT JOIN creator_statement o
           ON o.period = 'DAY' AND o.period_start = n.business_date AND o.creator_id = n.creator_id
   ORDER BY n.business_date, n.creator_id
     FOR UPDATE;

  -- 3. Periods: add each DAY change to the WEEK, MONTH and YEAR of its date.
  INSERT INTO tmp_period_day (business_date) SELECT DISTINCT business_date FROM tmp_stmt_delta;
  CALL period_starts_of_days();
  INSERT INTO creator_statement (period, period_start, creator_id, video_revenue, ad_revenue)
  SELECT g.period, g.start_date, g.creator_id, SUM(g.video_revenue), SUM(g.ad_revenue)
    FROM (SELECT p.period, p.start_date, d.creator_id, d.video_revenue, d.ad_revenue
            FROM tmp_stmt_delta d
            JOIN tmp_period_start p ON p.business_date = d.business_date
           WHERE d.video_revenue <> 0 OR d.ad_revenue <> 0) g
   GROUP BY g.period, g.start_date, g.creator_id
   ORDER BY g.period, g.start_date, g.creator_id
  ON DUPLICATE KEY UPDATE
    creator_statement.video_revenue = creator_statement.video_revenue + VALUES(video_revenue),
    creator_statement.ad_revenue    = creator_statement.ad_revenue + VALUES(ad_revenue);

  -- 4. The DAY rows themselves.
  INSERT INTO creator_statement (period, period_start, creator_id, video_revenue, ad_revenue)
  SELECT 'DAY', business_date, creator_id, video_revenue, ad_revenue
    FROM tmp_stmt_new
   WHERE videos > 0
   ORDER BY business_date, creator_id
  ON DUPLICATE KEY UPDATE
    creator_statement.video_revenue = VALUES(video_revenue),
    creator_statement.ad_revenue    = VALUES(ad_revenue);
  DELETE c FROM tmp_stmt_new n
    STRAIGHT_JOIN creator_statement c
          ON c.period = 'DAY' AND c.period_start = n.business_date AND c.creator_id = n.creator_id
   WHERE n.videos = 0;

  -- 5. Audit the restatement and consume the pending rows.
  INSERT INTO settlement_restatement (from_date, restated_date, restated_at)
  SELECT from_date, business_date, NOW(3) FROM tmp_stmt_later GROUP BY from_date, business_date
  ON DUPLICATE KEY UPDATE settlement_restatement.restated_at = VALUES(restated_at);
  DELETE p FROM tmp_stmt_marker m
    STRAIGHT_JOIN settlement_restatement_pending p ON p.from_date = m.from_date AND p.video_id = m.video_id;

  COMMIT;
  SELECT DISTINCT business_date AS restated_date
    FROM tmp_stmt_later
   WHERE business_date <> in_date
   ORDER BY business_date;
  DROP TEMPORARY TABLE IF EXISTS tmp_stmt_marker, tmp_stmt_day, tmp_stmt_later_date, tmp_stmt_later, tmp_stmt_key,
                                 tmp_stmt_new, tmp_stmt_delta, tmp_period_day, tmp_period_start;
END
