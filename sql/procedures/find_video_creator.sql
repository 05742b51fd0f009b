-- find_video_creator(in_video_id): the creator the catalog gives a video.
--
-- Description: SPEC 10 creator scoping: `serve` lets a creator ask for one video's figures
--   only when the video is theirs, and asks this before it reads them.
-- Parameters: in_video_id  the video
-- Result set: one row, creator_id, or no row for an unknown video.
-- Locking: a consistent read of one row.
-- Idempotency: read-only.
-- Example: CALL find_video_creator(100);
CREATE PROCEDURE find_video_creator(IN in_video_id BIGINT UNSIGNED)
READS SQL DATA SQL SECURITY INVOKER
COMMENT 'The creator of a video (no row when unknown). Example: CALL find_video_creator(100)'
BEGIN
  SELECT v.creator_id FROM video v WHERE v.id = in_video_id;
END
