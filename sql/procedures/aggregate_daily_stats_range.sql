-- aggregate_daily_stats_range(in_date, in_video_from, in_video_to)
--
-- Description: the daily statistics of SPEC 5-6 for the videos with
--   in_video_from <= video_id <= in_video_to on business date in_date:
--   * views: per (viewer, video) pair, events ordered by (started_at, event_id); an event
--     counts when it is the pair's first of the day or starts at least
--     setting counting.repeat_gap_sec (30) seconds after the pair's previous event;
--   * watch_seconds: sum of watched_sec over the events;
--   * ad_views: the same repeat rule per (viewer, video, ad) triple over viewed_at;
--   events whose viewer is the video's creator (self views) are left out of everything.
--   Writes video_daily_stat and video_ad_daily_stat rows of the range (only videos with
--   events; a video whose events all vanished loses its row), and adds each daily row's change (new minus old) to the WEEK, MONTH and YEAR
--   rows of video_period_stat, so periods stay the sum of their days.
-- Parameters: in_date        business date (reads only that day's log partitions)
--             in_video_from  first video_id of the range, inclusive
--             in_video_to    last video_id of the range, inclusive
-- Locking and transactions: the aggregation is a consistent read (run the session at READ
--   COMMITTED: no gap locks on the logs); the write is one short transaction that upserts
--   and deletes the range's daily rows and upserts its period rows by exact key, all with
--   video_id inside the range, so ranges never touch or wait for each other's rows. Calls
--   for the same date and range start (also a leftover server session of a killed run)
--   take turns on a named lock. Do not call it inside an open transaction: it commits.
-- Idempotency: calling it again gives the same rows (the change applied to periods is 0).
-- Returns: one row (log_rows: non-self events read, videos) for progress reporting.
-- Example: CALL aggregate_daily_stats_range('2026-11-20', 0, 18446744073709551615);
CREATE PROCEDURE aggregate_daily_stats_range(
  IN in_date DATE, IN in_video_from BIGINT UNSIGNED, IN in_video_to BIGINT UNSIGNED)
MODIFIES SQL DATA SQL SECURITY INVOKER
COMMENT 'Daily video and ad statistics of one video_id range, with period rollups. Example: CALL aggregate_daily_stats_range(''2026-11-20'', 0, 18446744073709551615)'
BEGIN
  DECLARE v_gap_sec INT;
  DECLARE v_setting VARCHAR(255);
  DECLARE v_week DATE;
  DECLARE v_month DATE;
  DECLARE v_year DATE;
  DECLARE v_end DATE;
  DECLARE v_range_lock VARCHAR(64);
  DECLARE v_log_rows BIGINT DEFAULT 0;
  DECLARE v_videos BIGINT DEFAULT 0;
  -- The caller's cap on MEMORY tables, given back on the way out (error or not).
  DECLARE v_saved_heap_size BIGINT UNSIGNED DEFAULT @@SESSION.max_heap_table_size;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    ROLLBACK;
    IF v_range_lock IS NOT NULL THEN DO RELEASE_LOCK(v_range_lock); END IF;
    SET SESSION max_heap_table_size = v_saved_heap_size;
    DROP TEMPORARY TABLE IF EXISTS tmp_new_stat, tmp_new_ad_stat, tmp_stat_delta, tmp_gone_ad_stat,
      tmp_view_total, tmp_view_group, tmp_self_views, tmp_view_repeat, tmp_repeat_pair,
      tmp_ad_total, tmp_ad_group, tmp_self_ad_views, tmp_ad_repeat, tmp_repeat_triple;
    RESIGNAL;
  END;

  IF in_date IS NULL OR in_video_from IS NULL OR in_video_to IS NULL OR in_video_from > in_video_to THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'aggregate_daily_stats_range: need a date and in_video_from <= in_video_to';
  END IF;

  -- A server session of a killed client can still be inside this range (the server
  -- finishes a CALL whose client died). Its change to the periods must land before this
  -- call reads the old daily rows, or it would be applied twice: wait for it.
  CALL read_setting('counting.repeat_gap_sec', v_setting);
  SET v_gap_sec = CAST(v_setting AS UNSIGNED);
  CALL period_bounds('WEEK', in_date, v_week, v_end);
  CALL period_bounds('MONTH', in_date, v_month, v_end);
  CALL period_bounds('YEAR', in_date, v_year, v_end);
  CALL lock_name(CONCAT('stats.', in_date, '.', in_video_from), v_range_lock);
  IF GET_LOCK(v_range_lock, 600) IS NOT TRUE THEN
    SIGNAL SQLSTATE '45000'
      SET MESSAGE_TEXT = 'aggregate_daily_stats_range: another session has held this range for 600 s';
  END IF;

  -- Working sets live in MEMORY temporary tables (no undo, no redo); a day's range needs
  -- a few tens of MB at most, so the session's cap on them is raised, never lowered, and
  -- restored at the end (a table keeps the cap it was created with).
  SET SESSION max_heap_table_size = GREATEST(@@max_heap_table_size, 1073741824);
  DROP TEMPORARY TABLE IF EXISTS tmp_new_stat, tmp_new_ad_stat, tmp_stat_delta, tmp_gone_ad_stat,
    tmp_view_total, tmp_view_group, tmp_self_views, tmp_view_repeat, tmp_repeat_pair,
    tmp_ad_total, tmp_ad_group, tmp_self_ad_views, tmp_ad_repeat, tmp_repeat_triple;

  -- How the 30-second rule is counted without sorting the day. Within a (viewer, video)
  -- pair, ordered by (started_at, event_id), every event counts except a "quick repeat":
  -- one that starts less than the gap after the pair's previous event. So
  --   views = events - self events - quick repeats of the other pairs,
  -- and quick repeats only exist in pairs with two or more events:
  --   * a pair whose last event starts less than the gap after its first has exactly one
  --     view, so events - 1 quick repeats;
  --   * a pair of two events spread over the gap or more has two views, no quick repeat;
  --   * only the remaining pairs (three or more events spread over the gap, about one
  --     multi-event pair in fifteen) are numbered with LAG(), reading just their own events.
  -- Two ordered scans of the day's clustered key (date, video, viewer, started_at,
  -- event_id), each a streaming GROUP BY on a key prefix: per-video totals, and the pairs
  -- with two or more events. (One scan WITH ROLLUP and HAVING would do, but MariaDB 10.11
  -- drops rollup rows whose detail rows HAVING filtered out.)
  CREATE TEMPORARY TABLE tmp_view_total (
    video_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, events BIGINT NOT NULL, watched BIGINT NOT NULL) ENGINE=MEMORY;
  INSERT INTO tmp_view_total (video_id, events, watched)
  SELECT video_id, COUNT(*), SUM(watched_sec)
    FROM view_log
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to
   GROUP BY video_id;
  CREATE TEMPORARY TABLE tmp_view_group (
    video_id BIGINT UNSIGNED NOT NULL, viewer_id BIGINT UNSIGNED NOT NULL,
    events BIGINT NOT NULL, first_at DATETIME(3) NOT NULL, last_at DATETIME(3) NOT NULL,
    PRIMARY KEY (video_id, viewer_id)) ENGINE=MEMORY;
  INSERT INTO tmp_view_group (video_id, viewer_id, events, first_at, last_at)
  SELECT video_id, viewer_id, COUNT(*), MIN(started_at), MAX(started_at)
    FROM view_log
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to
   GROUP BY video_id, viewer_id
  HAVING COUNT(*) > 1;

  -- Self views: the creator's own pair, one index dive per video.
  CREATE TEMPORARY TABLE tmp_self_views (
    video_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, events BIGINT NOT NULL, watched BIGINT NOT NULL) ENGINE=MEMORY;
  INSERT INTO tmp_self_views (video_id, events, watched)
  SELECT t.video_id, COUNT(*), SUM(l.watched_sec)
    FROM tmp_view_total t
    STRAIGHT_JOIN video v ON v.id = t.video_id
    STRAIGHT_JOIN view_log l
      ON l.business_date = in_date AND l.video_id = t.video_id AND l.viewer_id = v.creator_id
   GROUP BY t.video_id;

  -- Quick repeats of the other multi-event pairs.
  CREATE TEMPORARY TABLE tmp_view_repeat (
    video_id BIGINT UNSIGNED NOT NULL PRIMARY KEY, repeats BIGINT NOT NULL) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_repeat_pair (
    video_id BIGINT UNSIGNED NOT NULL, viewer_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (video_id, viewer_id)) ENGINE=MEMORY;
  INSERT INTO tmp_view_repeat (video_id, repeats)
  SELECT g.video_id, SUM(g.events - 1)
    FROM tmp_view_group g
    STRAIGHT_JOIN video v ON v.id = g.video_id
   WHERE g.viewer_id <> v.creator_id
     AND g.last_at < g.first_at + INTERVAL v_gap_sec SECOND
   GROUP BY g.video_id;
  INSERT INTO tmp_repeat_pair (video_id, viewer_id)
  SELECT g.video_id, g.viewer_id
    FROM tmp_view_group g
    STRAIGHT_JOIN video v ON v.id = g.video_id
   WHERE g.viewer_id <> v.creator_id AND g.events > 2
     AND g.last_at >= g.first_at + INTERVAL v_gap_sec SECOND;
  INSERT INTO tmp_view_repeat (video_id, repeats)
  SELECT e.video_id, SUM(e.started_at < e.prev_started_at + INTERVAL v_gap_sec SECOND)
    FROM (SELECT l.video_id, l.started_at,
                 LAG(l.started_at) OVER (PARTITION BY l.video_id, l.viewer_id
                                         ORDER BY l.started_at, l.event_id) AS prev_started_at
            FROM tmp_repeat_pair p
            STRAIGHT_JOIN view_log l
              ON l.business_date = in_date AND l.video_id = p.video_id AND l.viewer_id = p.viewer_id) e
   WHERE e.prev_started_at IS NOT NULL
   GROUP BY e.video_id
  ON DUPLICATE KEY UPDATE tmp_view_repeat.repeats = tmp_view_repeat.repeats + VALUES(repeats);

  CREATE TEMPORARY TABLE tmp_new_stat (
    video_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    views BIGINT NOT NULL DEFAULT 0, watch_seconds BIGINT NOT NULL DEFAULT 0,
    ad_views BIGINT NOT NULL DEFAULT 0,
    view_events BIGINT NOT NULL DEFAULT 0, ad_events BIGINT NOT NULL DEFAULT 0) ENGINE=MEMORY;
  INSERT INTO tmp_new_stat (video_id, views, watch_seconds, view_events)
  SELECT t.video_id,
         t.events - COALESCE(s.events, 0) - COALESCE(r.repeats, 0),
         t.watched - COALESCE(s.watched, 0),
         t.events - COALESCE(s.events, 0)
    FROM tmp_view_total t
    LEFT JOIN tmp_self_views s ON s.video_id = t.video_id
    LEFT JOIN tmp_view_repeat r ON r.video_id = t.video_id
   WHERE t.events > COALESCE(s.events, 0);

  -- Ad views: the same, per (viewer, video, ad) triple, over the clustered key
  -- (date, video, ad, viewer, viewed_at, event_id): per-placement totals, then the triples
  -- with two or more events.
  CREATE TEMPORARY TABLE tmp_ad_total (
    video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL, events BIGINT NOT NULL,
    PRIMARY KEY (video_id, ad_id)) ENGINE=MEMORY;
  INSERT INTO tmp_ad_total (video_id, ad_id, events)
  SELECT video_id, ad_id, COUNT(*)
    FROM ad_view_log
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to
   GROUP BY video_id, ad_id;
  CREATE TEMPORARY TABLE tmp_ad_group (
    video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL, viewer_id BIGINT UNSIGNED NOT NULL,
    events BIGINT NOT NULL, first_at DATETIME(3) NOT NULL, last_at DATETIME(3) NOT NULL,
    PRIMARY KEY (video_id, ad_id, viewer_id)) ENGINE=MEMORY;
  INSERT INTO tmp_ad_group (video_id, ad_id, viewer_id, events, first_at, last_at)
  SELECT video_id, ad_id, viewer_id, COUNT(*), MIN(viewed_at), MAX(viewed_at)
    FROM ad_view_log
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to
   GROUP BY video_id, ad_id, viewer_id
  HAVING COUNT(*) > 1;

  CREATE TEMPORARY TABLE tmp_self_ad_views (
    video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL, events BIGINT NOT NULL,
    PRIMARY KEY (video_id, ad_id)) ENGINE=MEMORY;
  INSERT INTO tmp_self_ad_views (video_id, ad_id, events)
  SELECT t.video_id, t.ad_id, COUNT(*)
    FROM tmp_ad_total t
    STRAIGHT_JOIN video v ON v.id = t.video_id
    STRAIGHT_JOIN ad_view_log a
      ON a.business_date = in_date AND a.video_id = t.video_id AND a.ad_id = t.ad_id
     AND a.viewer_id = v.creator_id
   GROUP BY t.video_id, t.ad_id;

  CREATE TEMPORARY TABLE tmp_ad_repeat (
    video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL, repeats BIGINT NOT NULL,
    PRIMARY KEY (video_id, ad_id)) ENGINE=MEMORY;
  CREATE TEMPORARY TABLE tmp_repeat_triple (
    video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL, viewer_id BIGINT UNSIGNED NOT NULL,
    PRIMARY KEY (video_id, ad_id, viewer_id)) ENGINE=MEMORY;
  INSERT INTO tmp_ad_repeat (video_id, ad_id, repeats)
  SELECT g.video_id, g.ad_id, SUM(g.events - 1)
    FROM tmp_ad_group g
    STRAIGHT_JOIN video v ON v.id = g.video_id
   WHERE g.viewer_id <> v.creator_id
     AND g.last_at < g.first_at + INTERVAL v_gap_sec SECOND
   GROUP BY g.video_id, g.ad_id;
  INSERT INTO tmp_repeat_triple (video_id, ad_id, viewer_id)
  SELECT g.video_id, g.ad_id, g.viewer_id
    FROM tmp_ad_group g
    STRAIGHT_JOIN video v ON v.id = g.video_id
   WHERE g.viewer_id <> v.creator_id AND g.events > 2
     AND g.last_at >= g.first_at + INTERVAL v_gap_sec SECOND;
  INSERT INTO tmp_ad_repeat (video_id, ad_id, repeats)
  SELECT e.video_id, e.ad_id, SUM(e.viewed_at < e.prev_viewed_at + INTERVAL v_gap_sec SECOND)
    FROM (SELECT a.video_id, a.ad_id, a.viewed_at,
                 LAG(a.viewed_at) OVER (PARTITION BY a.video_id, a.ad_id, a.viewer_id
                                        ORDER BY a.viewed_at, a.event_id) AS prev_viewed_at
            FROM tmp_repeat_triple t
            STRAIGHT_JOIN ad_view_log a
              ON a.business_date = in_date AND a.video_id = t.video_id AND a.ad_id = t.ad_id
             AND a.viewer_id = t.viewer_id) e
   WHERE e.prev_viewed_at IS NOT NULL
   GROUP BY e.video_id, e.ad_id
  ON DUPLICATE KEY UPDATE tmp_ad_repeat.repeats = tmp_ad_repeat.repeats + VALUES(repeats);

  CREATE TEMPORARY TABLE tmp_new_ad_stat (
    video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL,
    ad_views BIGINT NOT NULL, ad_events BIGINT NOT NULL,
    PRIMARY KEY (video_id, ad_id)) ENGINE=MEMORY;
  INSERT INTO tmp_new_ad_stat (video_id, ad_id, ad_views, ad_events)
  SELECT t.video_id, t.ad_id,
         t.events - COALESCE(s.events, 0) - COALESCE(r.repeats, 0),
         t.events - COALESCE(s.events, 0)
    FROM tmp_ad_total t
    LEFT JOIN tmp_self_ad_views s ON s.video_id = t.video_id AND s.ad_id = t.ad_id
    LEFT JOIN tmp_ad_repeat r ON r.video_id = t.video_id AND r.ad_id = t.ad_id
   WHERE t.events > COALESCE(s.events, 0);

  INSERT INTO tmp_new_stat (video_id, ad_views, ad_events)
  SELECT video_id, SUM(ad_views), SUM(ad_events) FROM tmp_new_ad_stat GROUP BY video_id
  ON DUPLICATE KEY UPDATE tmp_new_stat.ad_views = VALUES(ad_views), tmp_new_stat.ad_events = VALUES(ad_events);

  SELECT COALESCE(SUM(view_events + ad_events), 0), COUNT(*) INTO v_log_rows, v_videos FROM tmp_new_stat;

  -- The change of each daily row (new minus old) for every video of the range that has
  -- either; old rows are read without locking (one run per date holds the date's lock).
  CREATE TEMPORARY TABLE tmp_stat_delta (
    video_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
    views BIGINT NOT NULL, watch_seconds BIGINT NOT NULL, ad_views BIGINT NOT NULL,
    still_active TINYINT NOT NULL DEFAULT 0) ENGINE=MEMORY;
  INSERT INTO tmp_stat_delta (video_id, views, watch_seconds, ad_views)
  SELECT video_id, -views, -watch_seconds, -ad_views
    FROM video_daily_stat
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to;
  INSERT INTO tmp_stat_delta (video_id, views, watch_seconds, ad_views, still_active)
  SELECT video_id, views, watch_seconds, ad_views, 1 FROM tmp_new_stat
  ON DUPLICATE KEY UPDATE tmp_stat_delta.views = tmp_stat_delta.views + VALUES(views),
                          tmp_stat_delta.watch_seconds = tmp_stat_delta.watch_seconds + VALUES(watch_seconds),
                          tmp_stat_delta.ad_views = tmp_stat_delta.ad_views + VALUES(ad_views),
                          tmp_stat_delta.still_active = 1;
  CREATE TEMPORARY TABLE tmp_gone_ad_stat (
    video_id BIGINT UNSIGNED NOT NULL, ad_id BIGINT UNSIGNED NOT NULL, PRIMARY KEY (video_id, ad_id)) ENGINE=MEMORY;
  INSERT INTO tmp_gone_ad_stat (video_id, ad_id)
  SELECT o.video_id, o.ad_id
    FROM video_ad_daily_stat o
    LEFT JOIN tmp_new_ad_stat n ON n.video_id = o.video_id AND n.ad_id = o.ad_id
   WHERE o.business_date = in_date AND o.video_id BETWEEN in_video_from AND in_video_to
     AND n.video_id IS NULL;

  -- The write touches rows by exact key only (no locking range scans, which would also
  -- wait on the first row of the next range): upsert what exists now, delete what is gone.
  START TRANSACTION;

  INSERT INTO video_daily_stat (business_date, video_id, views, watch_seconds, ad_views, view_events, ad_events)
  SELECT in_date, video_id, views, watch_seconds, ad_views, view_events, ad_events
    FROM tmp_new_stat
   ORDER BY video_id
  ON DUPLICATE KEY UPDATE views = VALUES(views), watch_seconds = VALUES(watch_seconds),
                          ad_views = VALUES(ad_views), view_events = VALUES(view_events),
                          ad_events = VALUES(ad_events);
  DELETE s FROM tmp_stat_delta d STRAIGHT_JOIN video_daily_stat s
      ON s.business_date = in_date AND s.video_id = d.video_id
   WHERE d.still_active = 0;

  INSERT INTO video_ad_daily_stat (business_date, video_id, ad_id, ad_views)
  SELECT in_date, video_id, ad_id, ad_views FROM tmp_new_ad_stat
   ORDER BY video_id, ad_id
  ON DUPLICATE KEY UPDATE ad_views = VALUES(ad_views);
  DELETE s FROM tmp_gone_ad_stat g STRAIGHT_JOIN video_ad_daily_stat s
      ON s.business_date = in_date AND s.video_id = g.video_id AND s.ad_id = g.ad_id;

  INSERT INTO video_period_stat (period, period_start, video_id, views, watch_seconds, ad_views)
  SELECT p.period, p.period_start, d.video_id, d.views, d.watch_seconds, d.ad_views
    FROM tmp_stat_delta d
   CROSS JOIN (SELECT 'WEEK' AS period, v_week AS period_start
               UNION ALL SELECT 'MONTH', v_month UNION ALL SELECT 'YEAR', v_year) p
   WHERE d.views <> 0 OR d.watch_seconds <> 0 OR d.ad_views <> 0
   ORDER BY p.period, d.video_id
  ON DUPLICATE KEY UPDATE video_period_stat.views = video_period_stat.views + VALUES(views),
                          video_period_stat.watch_seconds = video_period_stat.watch_seconds + VALUES(watch_seconds),
                          video_period_stat.ad_views = video_period_stat.ad_views + VALUES(ad_views);

  COMMIT;
  DO RELEASE_LOCK(v_range_lock);
  DROP TEMPORARY TABLE IF EXISTS tmp_new_stat, tmp_new_ad_stat, tmp_stat_delta, tmp_gone_ad_stat,
    tmp_view_total, tmp_view_group, tmp_self_views, tmp_view_repeat, tmp_repeat_pair,
    tmp_ad_total, tmp_ad_group, tmp_self_ad_views, tmp_ad_repeat, tmp_repeat_triple;
  SET SESSION max_heap_table_size = v_saved_heap_size;
  SELECT v_log_rows AS log_rows, v_videos AS videos;
END
