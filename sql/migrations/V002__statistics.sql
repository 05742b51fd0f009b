-- V002: daily statistics (SPEC 5-6) and their week / month / year rollups.
--
-- Daily rows are written per (date, video_id range) by aggregate_daily_stats_range; the
-- same transaction adds the change of each daily row to its WEEK, MONTH and YEAR rows, so
-- a period row is always the sum of its days without re-reading history.
-- Only videos with a non-zero figure have daily rows; period rows may fall back to zero
-- after a restatement and are then left out of reports.

CREATE TABLE video_daily_stat (
  business_date DATE NOT NULL,
  video_id      BIGINT UNSIGNED NOT NULL,
  views         BIGINT NOT NULL COMMENT 'counted views (30-second rule, self views excluded)',
  watch_seconds BIGINT NOT NULL COMMENT 'sum of watched_sec over non-self view events',
  ad_views      BIGINT NOT NULL COMMENT 'counted ad views over all the video''s ads',
  view_events   BIGINT NOT NULL DEFAULT 0 COMMENT 'non-self view events, counted or not (work size for planning)',
  ad_events     BIGINT NOT NULL DEFAULT 0 COMMENT 'non-self ad events, counted or not',
  PRIMARY KEY (business_date, video_id)
) ENGINE=InnoDB;

CREATE TABLE video_ad_daily_stat (
  business_date DATE NOT NULL,
  video_id      BIGINT UNSIGNED NOT NULL,
  ad_id         BIGINT UNSIGNED NOT NULL,
  ad_views      BIGINT NOT NULL,
  PRIMARY KEY (business_date, video_id, ad_id)
) ENGINE=InnoDB;

CREATE TABLE video_period_stat (
  period        ENUM('WEEK','MONTH','YEAR') NOT NULL,
  period_start  DATE NOT NULL COMMENT 'ISO Monday, first of month, or 1 January',
  video_id      BIGINT UNSIGNED NOT NULL,
  views         BIGINT NOT NULL,
  watch_seconds BIGINT NOT NULL,
  ad_views      BIGINT NOT NULL,
  PRIMARY KEY (period, period_start, video_id)
) ENGINE=InnoDB;
