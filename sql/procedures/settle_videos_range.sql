-- settle_videos_range(in_date, in_video_from, in_video_to)
--
-- Description: SPEC 7 settlement of the videos with in_video_from <= video_id <= in_video_to
--   on business date D = in_date, from the day's video_daily_stat rows (run
--   aggregate_daily_stats_range first).
--   * C(v, D-1) is the cum_views of v's latest video_daily_settlement row before D (one
--     index dive on (video_id, business_date) per video: the cost does not grow with
--     history); C(v, D) = C(v, D-1) + the day's counted views. Ad views the same way, with
--     their own ordinals per video over all its ads.
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
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    DROP TEMPORARY TABLE IF EXISTS tmp_settle_row, tmp_settle_old, tmp_settle_shift, tmp_settle_price, tmp_settle_delta;
    RESIGNAL;
  END;

  IF in_date IS NULL OR in_video_from IS NULL OR in_video_to IS NULL OR in_video_from > in_video_to THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'settle_videos_range: need a date and in_video_from <= in_video_to';
  END IF;
  CALL check_rate_tier(in_date);

  DROP TEMPORARY TABLE IF EXISTS tmp_settle_row, tmp_settle_old, tmp_settle_shift, tmp_settle_price, tmp_settle_delta;
  -- New rows: D's, then the later ones re-priced. Old rows: what they replace.
  CREATE TEMPORARY TABLE tmp_settle_row (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL, creator_id BIGINT UNSIGNED NULL,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL, prev_date DATE NULL,
    cum_views BIGINT NOT NULL, cum_ad_views BIGINT NOT NULL,
    video_revenue DECIMAL(20,2) NULL, ad_revenue DECIMAL(20,2) NULL,
    PRIMARY KEY (business_date, video_id)) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_settle_old (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL, cum_views BIGINT NOT NULL, cum_ad_views BIGINT NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL,
    PRIMARY KEY (business_date, video_id)) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_settle_shift (
    video_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_settle_price (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL,
    PRIMARY KEY (business_date, video_id)) ENGINE=InnoDB;
  CREATE TEMPORARY TABLE tmp_settle_delta (
    business_date DATE NOT NULL, video_id BIGINT UNSIGNED NOT NULL, creator_id BIGINT UNSIGNED NOT NULL,
    views BIGINT NOT NULL, ad_views BIGINT NOT NULL,
    video_revenue DECIMAL(20,2) NOT NULL, ad_revenue DECIMAL(20,2) NOT NULL,
    PRIMARY KEY (business_date, video_id, creator_id)) ENGINE=InnoDB;

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
  --    processed day before D (0 for a video's first day).
  INSERT INTO tmp_settle_row (business_date, video_id, creator_id, views, ad_views, prev_date, cum_views, cum_ad_views)
  SELECT in_date, d.video_id, v.creator_id, d.views, d.ad_views,
         (SELECT MAX(p.business_date) FROM video_daily_settlement p
           WHERE p.video_id = d.video_id AND p.business_date < in_date),
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

  -- 3. How much D's counts of each video changed: its later processed days shift by that.
  INSERT INTO tmp_settle_shift (video_id, views, ad_views)
  SELECT c.video_id, SUM(c.views), SUM(c.ad_views)
    FROM (SELECT video_id, views, ad_views FROM tmp_settle_row
          UNION ALL
          SELECT video_id, -views, -ad_views FROM tmp_settle_old) c
   GROUP BY c.video_id
  HAVING SUM(c.views) <> 0 OR SUM(c.ad_views) <> 0;

  -- 4. Those later rows as they are (locked, ascending), and shifted. Their own counts do
  --    not change; their ordinals do.
  INSERT INTO tmp_settle_old (business_date, video_id, creator_id, views, ad_views,
                              cum_views, cum_ad_views, video_revenue, ad_revenue)
  SELECT s.business_date, s.video_id, s.creator_id, s.views, s.ad_views, s.cum_views, s.cum_ad_views,
         s.video_revenue, s.ad_revenue
    FROM tmp_settle_shift h
    JOIN video_daily_settlement s ON s.video_id = h.video_id AND s.business_date > in_date
   ORDER BY s.business_date, s.video_id
     FOR UPDATE;
  INSERT INTO tmp_settle_row (business_date, video_id, creator_id, views, ad_views, cum_views, cum_ad_views)
  SELECT o.business_date, o.video_id, o.creator_id, o.views, o.ad_views,
         o.cum_views + h.views, o.cum_ad_views + h.ad_views
    FROM tmp_settle_old o
    JOIN tmp_settle_shift h ON h.video_id = o.video_id
   WHERE o.business_date > in_date;
  SET v_restated_rows = ROW_COUNT();

  SELECT MIN(video_id) INTO v_bad_video FROM tmp_settle_row
   WHERE cum_views < views OR cum_ad_views < ad_views;
  IF v_bad_video IS NOT NULL THEN
    SET v_message = LEFT(CONCAT('settle_videos_range: cumulative counts of video ', v_bad_video,
                           ' fall below a day''s counts; its settlement history is damaged'), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  -- 5. Price every new row with its own date's rates: per tier, the ordinals n with
  --    cum - views < n <= cum and min_ordinal <= n <= max_ordinal, times the unit price.
  INSERT INTO tmp_settle_price (business_date, video_id, video_revenue, ad_revenue)
  SELECT r.business_date, r.video_id,
         SUM(CASE WHEN b.kind = 'VIEW' THEN b.unit_price * GREATEST(0,
               LEAST(r.cum_views, COALESCE(b.max_ordinal, r.cum_views))
               - GREATEST(r.cum_views - r.views, b.min_ordinal - 1)) ELSE 0 END),
         SUM(CASE WHEN b.kind = 'AD' THEN b.unit_price * GREATEST(0,
               LEAST(r.cum_ad_views, COALESCE(b.max_ordinal, r.cum_ad_views))
               - GREATEST(r.cum_ad_views - r.ad_views, b.min_ordinal - 1)) ELSE 0 END)
    FROM tmp_settle_row r
    JOIN rate_band b ON b.effective_from <= r.business_date
                    AND (b.effective_to IS NULL OR r.business_date < b.effective_to)
   GROUP BY r.business_date, r.video_id;
  UPDATE tmp_settle_row r
    JOIN tmp_settle_price p ON p.business_date = r.business_date AND p.video_id = r.video_id
     SET r.video_revenue = p.video_revenue, r.ad_revenue = p.ad_revenue;

  -- 6. The change of every (date, video, creator): new minus old.
  INSERT INTO tmp_settle_delta (business_date, video_id, creator_id, views, ad_views, video_revenue, ad_revenue)
  SELECT c.business_date, c.video_id, c.creator_id,
         SUM(c.views), SUM(c.ad_views), SUM(c.video_revenue), SUM(c.ad_revenue)
    FROM (SELECT business_date, video_id, creator_id, views, ad_views, video_revenue, ad_revenue
            FROM tmp_settle_row
          UNION ALL
          SELECT business_date, video_id, creator_id, -views, -ad_views, -video_revenue, -ad_revenue
            FROM tmp_settle_old) c
   GROUP BY c.business_date, c.video_id, c.creator_id
  HAVING SUM(c.views) <> 0 OR SUM(c.ad_views) <> 0 OR SUM(c.video_revenue) <> 0 OR SUM(c.ad_revenue) <> 0;

  -- 7. Add the changes to the WEEK, MONTH and YEAR rows of each row's own date.
  INSERT INTO video_period_settlement (period, period_start, video_id, creator_id,
                                       views, ad_views, video_revenue, ad_revenue)
  SELECT g.period, g.start_date, g.video_id, g.creator_id,
         SUM(g.views), SUM(g.ad_views), SUM(g.video_revenue), SUM(g.ad_revenue)
    FROM (SELECT p.period, period_start(p.period, d.business_date) AS start_date, d.video_id, d.creator_id,
                 d.views, d.ad_views, d.video_revenue, d.ad_revenue
            FROM tmp_settle_delta d
           CROSS JOIN (SELECT 'WEEK' AS period UNION ALL SELECT 'MONTH' UNION ALL SELECT 'YEAR') p) g
   GROUP BY g.period, g.start_date, g.video_id, g.creator_id
   ORDER BY g.period, g.start_date, g.video_id, g.creator_id
  ON DUPLICATE KEY UPDATE
    video_period_settlement.views         = video_period_settlement.views + VALUES(views),
    video_period_settlement.ad_views      = video_period_settlement.ad_views + VALUES(ad_views),
    video_period_settlement.video_revenue = video_period_settlement.video_revenue + VALUES(video_revenue),
    video_period_settlement.ad_revenue    = video_period_settlement.ad_revenue + VALUES(ad_revenue);

  -- 8. Write: the range's rows of D replaced, the later rows updated in place.
  DELETE FROM video_daily_settlement
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to;
  INSERT INTO video_daily_settlement (business_date, video_id, creator_id, views, ad_views,
                                      cum_views, cum_ad_views, video_revenue, ad_revenue)
  SELECT business_date, video_id, creator_id, views, ad_views, cum_views, cum_ad_views, video_revenue, ad_revenue
    FROM tmp_settle_row
   WHERE business_date = in_date
   ORDER BY video_id;
  UPDATE tmp_settle_row r
    STRAIGHT_JOIN video_daily_settlement s ON s.business_date = r.business_date AND s.video_id = r.video_id
     SET s.cum_views = r.cum_views, s.cum_ad_views = r.cum_ad_views,
         s.video_revenue = r.video_revenue, s.ad_revenue = r.ad_revenue
   WHERE r.business_date > in_date;

  -- 9. The videos whose later dates changed: build_creator_statements rebuilds their
  --    statements and reports the dates.
  INSERT INTO settlement_restatement_pending (from_date, video_id)
  SELECT DISTINCT in_date, video_id FROM tmp_settle_row WHERE business_date > in_date
  ON DUPLICATE KEY UPDATE settlement_restatement_pending.video_id = VALUES(video_id);

  COMMIT;
  DROP TEMPORARY TABLE IF EXISTS tmp_settle_row, tmp_settle_old, tmp_settle_shift, tmp_settle_price, tmp_settle_delta;
  SELECT v_videos AS videos, v_restated_rows AS restated_rows;
END
