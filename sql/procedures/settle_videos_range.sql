-- settle_videos_range(in_date, in_video_from, in_video_to)
--
-- Description: SPEC 7 settlement of the videos with in_video_from <= video_id <= in_video_to
--   on business date D = in_date, from the day's video_daily_stat rows (run
--   aggregate_daily_stats_range first).
--   * C(v, D-1) is the cum_views of v's latest video_daily_settlement row before D, read
--     backwards from v's latest row on (video_id, business_date): one index entry when D
--     is v's latest date, plus one per later processed date otherwise; the history before
--     D is never read. C(v, D) = C(v, D-1) + the day's counted views. Ad views the same
--     way, with their own ordinals per video over all its ads.
--   * Revenue: for each tier of the version in effect on the row's date, the number of
--     ordinals n with C(D-1) < n <= C(D) and min_ordinal <= n <= max_ordinal, times the
--     tier's unit price; summed in DECIMAL (never floats, never a loop over views).
--   * Restatement: when D's counts of a video change (a rerun after late events, or D
--     processed after later dates), every later processed row of that video shifts its
--     cumulative counts by the change and is re-priced with its own date's rates. Those
--     videos are recorded in settlement_restatement_pending for build_creator_statements.
--   * Periods: the change of every written row (new minus old) is added to the WEEK,
--     MONTH and YEAR rows of video_period_settlement of the row's own date.
-- Parameters: in_date        business date to settle
--             in_video_from  first video_id of the range, inclusive
--             in_video_to    last video_id of the range, inclusive
-- Returns: one row (videos, restated_rows): rows written for D, later rows re-priced.
-- Locking and transactions: one transaction. It locks the range's rows of D first
--   (ascending video_id), then the later rows of the videos it restates; it reads and
--   writes only rows of videos inside the range, so ranges of one date run in parallel
--   (READ COMMITTED). Different dates must not be settled at the same time: a date's
--   restatement rewrites later dates. Do not call it inside an open transaction: it commits.
-- Cost: O(the range's videos active on D), plus, when D is not the latest processed date,
--   one primary-key lookup per (changed video, later date) and the rows re-priced.
-- Idempotency: calling it again with unchanged statistics changes nothing (every change
--   it applies is new minus old, and that is 0).
-- Example: CALL settle_videos_range('2026-11-20', 0, 18446744073709551615);
CREATE PROCEDURE settle_videos_range(
  IN in_date DATE, IN in_video_from BIGINT UNSIGNED, IN in_video_to BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Tiered settlement of one video_id range for a date, restating later processed dates of videos whose counts changed. Example: CALL settle_videos_range(''2026-11-20'', 0, 18446744073709551615)'
BEGIN
  DECLARE v_videos BIGINT DEFAULT 0;
  DECLARE v_restated_rows BIGINT DEFAULT 0;
  DECLARE v_bad_video BIGINT UNSIGNED DEFAULT NULL;
  DECLARE v_message VARCHAR(128);
  DECLARE v_unpriced DATE DEFAULT NULL;
  -- The caller's cap on MEMORY tables, given back on the way out (error or not).
  DECLARE v_saved_heap_size BIGINT UNSIGNED DEFAULT @@SESSION.max_heap_table_size;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    SET SESSION max_heap_table_size = v_saved_heap_size;
    DROP TEMPORARY TABLE IF EXISTS tmp_settle_row, tmp_settle_old, tmp_settle_shift, tmp_settle_later_date,
                                   tmp_settle_new, tmp_settle_delta, tmp_settle_band, tmp_period_day, tmp_period_start;
    RESIGNAL;
  END;

  IF in_date IS NULL OR in_video_from IS NULL OR in_video_to IS NULL OR in_video_from > in_video_to THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'settle_videos_range: need a date and in_video_from <= in_video_to';
  END IF;
  CALL check_rate_tier(in_date);

  -- The working sets live in MEMORY temporary tables (no undo, no redo): a few tens of MB
  -- for a whole date; the session's cap is raised for them and given back.
  SET SESSION max_heap_table_size = GREATEST(@@max_heap_table_size, 1073741824);
  DROP TEMPORARY TABLE IF EXISTS tmp_settle_row, tmp_settle_old, tmp_settle_shift, tmp_settle_later_date,
                                   tmp_settle_new, tmp_settle_delta, tmp_settle_band, tmp_period_day, tmp_period_start;
  -- New rows: D's, then the later ones re-priced. Old rows: what they replace.
  CREATE TEMPORARY TABLE tmp_settle_row (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL, creator_id BIGINT UNSIGNED NULL,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL, prev_date DATE NULL,
    cum_views BIGINT NOT NULL, cum_ad_views BIGINT NOT NULL,
    PRIMARY KEY (business_date, video_id)) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_settle_old (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL, cum_views BIGINT NOT NULL, cum_ad_views BIGINT NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL,
    PRIMARY KEY (business_date, video_id)) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_settle_shift (
    video_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_settle_later_date (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_period_day (business_date DATE NOT NULL PRIMARY KEY) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_settle_new (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL, cum_views BIGINT NOT NULL, cum_ad_views BIGINT NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL,
    PRIMARY KEY (business_date, video_id)) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_settle_delta (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL,
    PRIMARY KEY (business_date, video_id, creator_id)) ENGINE=MEMORY;
  -- The tiers, read once (rate_band is a view with window functions).
  CREATE TEMPORARY TABLE tmp_settle_band (
    kind VARCHAR(8) NOT NULL, effective_from DATE NOT NULL, effective_to DATE NULL,
    min_ordinal BIGINT NOT NULL, max_ordinal BIGINT NULL, unit_price DECIMAL(12,2) NOT NULL) ENGINE=MEMORY;
  INSERT INTO tmp_settle_band (kind, effective_from, effective_to, min_ordinal, max_ordinal, unit_price)
  SELECT kind, effective_from, effective_to, min_ordinal, max_ordinal, unit_price FROM rate_band;

  START TRANSACTION;

  -- 1. The range's rows of D as they are, locked in ascending order: a concurrent rerun of
  --    the same range waits here instead of applying its change twice.
  INSERT INTO tmp_settle_old (business_date, video_id, creator_id, views, ad_views,
                              cum_views, cum_ad_views, video_revenue, ad_revenue)
  SELECT business_date, video_id, creator_id, views, ad_views, cum_views, cum_ad_views, video_revenue, ad_revenue
    FROM video_daily_settlement
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to
   ORDER BY video_id
     FOR UPDATE;

  -- 2. D's new rows: the day's counts plus C(D-1), the cumulative of the video's latest
  --    processed day before D (0 for a video's first day). ORDER BY ... DESC LIMIT 1 reads
  --    backwards from the video's latest entry of (video_id, business_date): one entry when
  --    D is its latest date. (MAX() in a correlated subquery reads the whole history.)
  INSERT INTO tmp_settle_row (business_date, video_id, creator_id, views, ad_views, prev_date, cum_views, cum_ad_views)
  SELECT in_date, d.video_id, v.creator_id, d.views, d.ad_views,
         (SELECT p.business_date FROM video_daily_settlement p
           WHERE p.video_id = d.video_id AND p.business_date < in_date
           ORDER BY p.business_date DESC LIMIT 1),
         d.views, d.ad_views
    FROM video_daily_stat d
    LEFT JOIN video v ON v.id = d.video_id
   WHERE d.business_date = in_date AND d.video_id BETWEEN in_video_from AND in_video_to
     AND (d.views <> 0 OR d.ad_views <> 0);
  SET v_videos = ROW_COUNT();
  SELECT MIN(video_id) INTO v_bad_video FROM tmp_settle_row WHERE creator_id IS NULL;
  IF v_bad_video IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('settle_videos_range: video ', v_bad_video, ' has statistics on ', in_date,
                           ' but is not in the catalog'), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  UPDATE tmp_settle_row r
    JOIN video_daily_settlement p ON p.business_date = r.prev_date AND p.video_id = r.video_id
     SET r.cum_views = r.cum_views + p.cum_views,
         r.cum_ad_views = r.cum_ad_views + p.cum_ad_views;

  -- 3. The later processed dates, from a loose index scan of the primary key (one dive a
  --    date; none on a nightly run, which then skips to 5). How much D's counts of each
  --    video changed: its rows on those dates shift by that.
  INSERT INTO tmp_settle_later_date (business_date)
  SELECT DISTINCT business_date FROM video_daily_settlement WHERE business_date > in_date;
  IF ROW_COUNT() > 0 THEN
    INSERT INTO tmp_settle_shift (video_id, views, ad_views)
    SELECT c.video_id, SUM(c.views), SUM(c.ad_views)
      FROM (SELECT video_id, views, ad_views FROM tmp_settle_row
            UNION ALL
            SELECT video_id, -views, -ad_views FROM tmp_settle_old) c
     GROUP BY c.video_id
    HAVING SUM(c.views) <> 0 OR SUM(c.ad_views) <> 0;

    -- 4. Those videos' rows on later processed dates, as they are (locked, ascending), and
    --    shifted: their own counts do not change, their ordinals do. Each (date, video) is
    --    one primary-key lookup, so the work is bounded by the videos that changed times the
    --    dates after D, never by the history before D, and only this range's rows are read
    --    or locked.
    INSERT INTO tmp_settle_old (business_date, video_id, creator_id, views, ad_views,
                                cum_views, cum_ad_views, video_revenue, ad_revenue)
    SELECT s.business_date, s.video_id, s.creator_id, s.views, s.ad_views, s.cum_views, s.cum_ad_views,
           s.video_revenue, s.ad_revenue
      FROM tmp_settle_later_date ld
      STRAIGHT_JOIN tmp_settle_shift h
      STRAIGHT_JOIN video_daily_settlement s ON s.business_date = ld.business_date AND s.video_id = h.video_id
     ORDER BY s.business_date, s.video_id
       FOR UPDATE;
    INSERT INTO tmp_settle_row (business_date, video_id, creator_id, views, ad_views, cum_views, cum_ad_views)
    SELECT o.business_date, o.video_id, o.creator_id, o.views, o.ad_views,
           o.cum_views + h.views, o.cum_ad_views + h.ad_views
      FROM tmp_settle_old o
      JOIN tmp_settle_shift h ON h.video_id = o.video_id
     WHERE o.business_date > in_date;
    SET v_restated_rows = ROW_COUNT();
  END IF;

  SELECT MIN(video_id) INTO v_bad_video FROM tmp_settle_row
   WHERE cum_views < views OR cum_ad_views < ad_views;
  IF v_bad_video IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('settle_videos_range: cumulative counts of video ', v_bad_video,
                           ' fall below a day''s counts; its settlement history is damaged'), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- 5. Price every new row with its own date's rates: per tier, the ordinals n with
  --    cum - views < n <= cum and min_ordinal <= n <= max_ordinal, times the unit price.
  --    Each row is joined with the tiers its ordinals fall in (usually one of each kind)
  --    and summed; a date without a version of both kinds of tiers is refused first.
  --    (A temporary table appears once per statement: MySQL cannot reopen one.)
  SELECT MIN(r.business_date) INTO v_unpriced
    FROM (SELECT DISTINCT business_date FROM tmp_settle_row) r
   WHERE (SELECT COUNT(DISTINCT b.kind) FROM tmp_settle_band b
           WHERE b.kind IN ('VIEW', 'AD') AND b.effective_from <= r.business_date
             AND (b.effective_to IS NULL OR r.business_date < b.effective_to)) < 2;
  IF v_unpriced IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('settle_videos_range: rate_tier has no VIEW and AD tiers in effect on ', v_unpriced), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  INSERT INTO tmp_settle_new (business_date, video_id, creator_id, views, ad_views,
                              cum_views, cum_ad_views, video_revenue, ad_revenue)
  SELECT r.business_date, r.video_id, r.creator_id, r.views, r.ad_views, r.cum_views, r.cum_ad_views,
         COALESCE(SUM(IF(b.kind = 'VIEW', b.unit_price * GREATEST(0,
                   LEAST(r.cum_views, COALESCE(b.max_ordinal, r.cum_views))
                   - GREATEST(r.cum_views - r.views, b.min_ordinal - 1)), 0)), 0),
         COALESCE(SUM(IF(b.kind = 'AD', b.unit_price * GREATEST(0,
                   LEAST(r.cum_ad_views, COALESCE(b.max_ordinal, r.cum_ad_views))
                   - GREATEST(r.cum_ad_views - r.ad_views, b.min_ordinal - 1)), 0)), 0)
    FROM tmp_settle_row r
    LEFT JOIN tmp_settle_band b
      ON b.effective_from <= r.business_date AND (b.effective_to IS NULL OR r.business_date < b.effective_to)
     AND ((b.kind = 'VIEW' AND b.min_ordinal <= r.cum_views
           AND (b.max_ordinal IS NULL OR b.max_ordinal > r.cum_views - r.views))
       OR (b.kind = 'AD' AND b.min_ordinal <= r.cum_ad_views
           AND (b.max_ordinal IS NULL OR b.max_ordinal > r.cum_ad_views - r.ad_views)))
   GROUP BY r.business_date, r.video_id, r.creator_id, r.views, r.ad_views, r.cum_views, r.cum_ad_views;

  -- 6. The change of every (date, video, creator): new minus old (a row whose creator
  --    changed is a new row for the new creator and a removed one for the old).
  INSERT INTO tmp_settle_delta (business_date, video_id, creator_id, views, ad_views, video_revenue, ad_revenue)
  SELECT n.business_date, n.video_id, n.creator_id,
         n.views - COALESCE(o.views, 0), n.ad_views - COALESCE(o.ad_views, 0),
         n.video_revenue - COALESCE(o.video_revenue, 0), n.ad_revenue - COALESCE(o.ad_revenue, 0)
    FROM tmp_settle_new n
    LEFT JOIN tmp_settle_old o
           ON o.business_date = n.business_date AND o.video_id = n.video_id AND o.creator_id = n.creator_id
   WHERE o.video_id IS NULL
      OR n.views <> o.views OR n.ad_views <> o.ad_views
      OR n.video_revenue <> o.video_revenue OR n.ad_revenue <> o.ad_revenue;
  INSERT INTO tmp_settle_delta (business_date, video_id, creator_id, views, ad_views, video_revenue, ad_revenue)
  SELECT o.business_date, o.video_id, o.creator_id, -o.views, -o.ad_views, -o.video_revenue, -o.ad_revenue
    FROM tmp_settle_old o
    LEFT JOIN tmp_settle_new n
           ON n.business_date = o.business_date AND n.video_id = o.video_id AND n.creator_id = o.creator_id
   WHERE n.video_id IS NULL;

  -- 7. Add the changes to the WEEK, MONTH and YEAR rows of each row's own date (the
  --    period starts computed once per date: D and the later dates).
  INSERT INTO tmp_period_day (business_date) VALUES (in_date);
  INSERT IGNORE INTO tmp_period_day (business_date) SELECT business_date FROM tmp_settle_later_date;
  CALL period_starts_of_days();
  INSERT INTO video_period_settlement (period, period_start, video_id, creator_id,
                                       views, ad_views, video_revenue, ad_revenue)
  SELECT g.period, g.start_date, g.video_id, g.creator_id,
         SUM(g.views), SUM(g.ad_views), SUM(g.video_revenue), SUM(g.ad_revenue)
    FROM (SELECT p.period, p.start_date, d.video_id, d.creator_id,
                 d.views, d.ad_views, d.video_revenue, d.ad_revenue
            FROM tmp_settle_delta d
            JOIN tmp_period_start p ON p.business_date = d.business_date) g
   GROUP BY g.period, g.start_date, g.video_id, g.creator_id
   ORDER BY g.period, g.start_date, g.video_id, g.creator_id
  ON DUPLICATE KEY UPDATE
    video_period_settlement.views         = video_period_settlement.views + VALUES(views),
    video_period_settlement.ad_views      = video_period_settlement.ad_views + VALUES(ad_views),
    video_period_settlement.video_revenue = video_period_settlement.video_revenue + VALUES(video_revenue),
    video_period_settlement.ad_revenue    = video_period_settlement.ad_revenue + VALUES(ad_revenue);

  -- 8. Write: the range's rows of D that changed or are new are upserted and those of
  --    videos left without counts deleted (a rerun that changes nothing writes nothing);
  --    the later rows updated in place.
  DELETE s FROM tmp_settle_old o
    LEFT JOIN tmp_settle_new n ON n.business_date = o.business_date AND n.video_id = o.video_id
    STRAIGHT_JOIN video_daily_settlement s ON s.business_date = o.business_date AND s.video_id = o.video_id
   WHERE o.business_date = in_date AND n.video_id IS NULL;
  INSERT INTO video_daily_settlement (business_date, video_id, creator_id, views, ad_views,
                                      cum_views, cum_ad_views, video_revenue, ad_revenue)
  SELECT n.business_date, n.video_id, n.creator_id, n.views, n.ad_views, n.cum_views, n.cum_ad_views,
         n.video_revenue, n.ad_revenue
    FROM tmp_settle_new n
    LEFT JOIN tmp_settle_old o ON o.business_date = n.business_date AND o.video_id = n.video_id
   WHERE n.business_date = in_date
     AND (o.video_id IS NULL OR o.creator_id <> n.creator_id OR o.views <> n.views OR o.ad_views <> n.ad_views
          OR o.cum_views <> n.cum_views OR o.cum_ad_views <> n.cum_ad_views
          OR o.video_revenue <> n.video_revenue OR o.ad_revenue <> n.ad_revenue)
   ORDER BY n.video_id
  ON DUPLICATE KEY UPDATE creator_id = VALUES(creator_id), views = VALUES(views), ad_views = VALUES(ad_views),
                          cum_views = VALUES(cum_views), cum_ad_views = VALUES(cum_ad_views),
                          video_revenue = VALUES(video_revenue), ad_revenue = VALUES(ad_revenue);
  UPDATE tmp_settle_new r
    STRAIGHT_JOIN video_daily_settlement s ON s.business_date = r.business_date AND s.video_id = r.video_id
     SET s.cum_views = r.cum_views, s.cum_ad_views = r.cum_ad_views,
         s.video_revenue = r.video_revenue, s.ad_revenue = r.ad_revenue
   WHERE r.business_date > in_date;

  -- 9. The videos whose later dates changed: build_creator_statements rebuilds their
  --    statements and reports the dates.
  INSERT INTO settlement_restatement_pending (from_date, video_id)
  SELECT DISTINCT in_date, video_id FROM tmp_settle_new WHERE business_date > in_date
  ON DUPLICATE KEY UPDATE settlement_restatement_pending.video_id = VALUES(video_id);

  COMMIT;
  DROP TEMPORARY TABLE IF EXISTS tmp_settle_row, tmp_settle_old, tmp_settle_shift, tmp_settle_later_date,
                                   tmp_settle_new, tmp_settle_delta, tmp_settle_band, tmp_period_day, tmp_period_start;
  SET SESSION max_heap_table_size = v_saved_heap_size;
  SELECT v_videos AS videos, v_restated_rows AS restated_rows;
END
