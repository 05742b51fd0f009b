-- reconcile_counts(in_date, in_video_from, in_video_to, OUT ...): the day's counted views
-- and ad views of a video_id range against an independent recount of the logs; raises on
-- a mismatch.
--
-- Description: check 1 of the reconciliation (issue 4: "the day's total counted views
--   equals an independent count over the day's partition"), for the videos with
--   in_video_from <= video_id <= in_video_to. The recount reads SPEC 5 literally and is
--   formulated differently from aggregate_daily_stats_range (which counts a pair by its
--   event count and span and walks only pairs of three or more events spread over the
--   gap): every non-self event is numbered within its (viewer, video) pair, or
--   (viewer, video, ad) triple, in (time, event_id) order with LAG(), and counts when it
--   has no previous event or starts at least the repeat gap after it. Self views are left
--   out before numbering (a self view's pair is the creator's own, so the whole pair goes).
--   Both sides are summed over the range: video_daily_stat.views and .ad_views against
--   the recounts of view_log and ad_view_log. Reads only the date's partition.
-- Parameters: in_date        business date
--             in_video_from  first video_id, inclusive
--             in_video_to    last video_id, inclusive
--             o_views, o_recounted_views, o_ad_views, o_recounted_ad_views  the figures
-- Locking: consistent reads; the caller decides the snapshot (reconcile_counts_range,
--   reconcile_date). The numbering sorts the range's events in memory: the session's
--   sort buffer is raised to 256 MB for it (a planned range holds a few hundred thousand
--   events; a single hot video can hold more), and set back to the caller's on return.
-- Cost: one read of the range's log rows and one in-memory sort of them; in parallel per
--   range when the run calls it through reconcile_counts_range.
-- Idempotency: read-only.
-- Example: CALL reconcile_counts('2026-11-20', 0, 18446744073709551615, @v, @rv, @a, @ra);
CREATE PROCEDURE reconcile_counts(
  IN in_date DATE, IN in_video_from BIGINT UNSIGNED, IN in_video_to BIGINT UNSIGNED,
  OUT o_views BIGINT, OUT o_recounted_views BIGINT, OUT o_ad_views BIGINT, OUT o_recounted_ad_views BIGINT)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'Counted views and ad views of a video range against a LAG recount of the logs; raises 45000 on a mismatch. Example: CALL reconcile_counts(''2026-11-20'', 0, 18446744073709551615, @v, @rv, @a, @ra)'
BEGIN
  DECLARE v_gap_sec INT;
  DECLARE v_setting VARCHAR(255);
  -- Names the range in a message unless it is the whole date.
  DECLARE v_where VARCHAR(64) DEFAULT IF(in_video_from = 0 AND in_video_to = 18446744073709551615, '',
                                         CONCAT(' (videos ', in_video_from, '..', in_video_to, ')'));
  DECLARE v_message VARCHAR(128);
  -- The caller's sort buffer, given back on the way out, a mismatch's SIGNAL included.
  DECLARE v_saved_sort_buffer BIGINT UNSIGNED DEFAULT @@SESSION.sort_buffer_size;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION
  BEGIN
    SET SESSION sort_buffer_size = v_saved_sort_buffer;
    RESIGNAL;
  END;

  IF in_date IS NULL OR in_video_from IS NULL OR in_video_to IS NULL OR in_video_from > in_video_to THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'reconcile_counts: need a date and in_video_from <= in_video_to';
  END IF;
  CALL read_setting('counting.repeat_gap_sec', v_setting);
  SET v_gap_sec = CAST(v_setting AS UNSIGNED);
  SET SESSION sort_buffer_size = GREATEST(@@sort_buffer_size, 268435456);

  SELECT COALESCE(SUM(views), 0), COALESCE(SUM(ad_views), 0) INTO o_views, o_ad_views
    FROM video_daily_stat
   WHERE business_date = in_date AND video_id BETWEEN in_video_from AND in_video_to;

  SELECT COALESCE(SUM(e.prev_at IS NULL OR e.started_at >= e.prev_at + INTERVAL v_gap_sec SECOND), 0)
    INTO o_recounted_views
    FROM (SELECT l.started_at,
                 LAG(l.started_at) OVER (PARTITION BY l.video_id, l.viewer_id
                                         ORDER BY l.started_at, l.event_id) AS prev_at
            FROM view_log l
            STRAIGHT_JOIN video v ON v.id = l.video_id
           WHERE l.business_date = in_date AND l.video_id BETWEEN in_video_from AND in_video_to
             AND l.viewer_id <> v.creator_id) e;
  IF o_recounted_views <> o_views THEN
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': video_daily_stat has ', o_views,
                                ' counted views but a recount of view_log gives ', o_recounted_views, v_where), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;

  SELECT COALESCE(SUM(e.prev_at IS NULL OR e.viewed_at >= e.prev_at + INTERVAL v_gap_sec SECOND), 0)
    INTO o_recounted_ad_views
    FROM (SELECT a.viewed_at,
                 LAG(a.viewed_at) OVER (PARTITION BY a.video_id, a.ad_id, a.viewer_id
                                        ORDER BY a.viewed_at, a.event_id) AS prev_at
            FROM ad_view_log a
            STRAIGHT_JOIN video v ON v.id = a.video_id
           WHERE a.business_date = in_date AND a.video_id BETWEEN in_video_from AND in_video_to
             AND a.viewer_id <> v.creator_id) e;
  IF o_recounted_ad_views <> o_ad_views THEN
    SET v_message = LEFT(CONCAT('reconcile ', in_date, ': video_daily_stat has ', o_ad_views,
                                ' counted ad views but a recount of ad_view_log gives ', o_recounted_ad_views, v_where), 128);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = v_message;
  END IF;
  SET SESSION sort_buffer_size = v_saved_sort_buffer;
END
