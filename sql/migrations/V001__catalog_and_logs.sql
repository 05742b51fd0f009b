-- V001: settings, catalog, the two event logs, staging for loads, and the quarantine.
--
-- Log tables are RANGE COLUMNS-partitioned by business_date, one partition a day, between
-- two catch-alls: p_before (everything before the first daily partition) and p_future
-- (everything after the last). Both are kept empty in normal operation, so adding a day
-- below, between or above the existing ones only splits an empty partition
-- (see sql/partitions/ensure_log_partitions.sql).
--
-- Every unique key of a partitioned table includes business_date, so a repeated event is
-- recognised by (event_id, business_date): a redelivered event carries its original time.

CREATE TABLE setting (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  value       VARCHAR(255) NOT NULL,
  description VARCHAR(255) NOT NULL DEFAULT ''
) ENGINE=InnoDB COMMENT='Settings the stored procedures read; a DBA may change them.';

INSERT INTO setting (name, value, description) VALUES
  ('business.utc_offset', '+09:00', 'Business time zone as an offset from UTC (SPEC 3). Set by migrate from the config.'),
  ('counting.repeat_gap_sec', '30', 'A repeat of the same (viewer, video[, ad]) counts again only this many seconds after the previous event (SPEC 5).'),
  ('ranking.default_limit', '5', 'Top-N size when a report does not say.');

CREATE TABLE member (
  id         BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  role       ENUM('VIEWER','CREATOR','ADVERTISER','ADMIN') NOT NULL,
  name       VARCHAR(255) NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
) ENGINE=InnoDB;

CREATE TABLE video (
  id           BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  creator_id   BIGINT UNSIGNED NOT NULL,
  title        VARCHAR(500) NOT NULL,
  duration_sec INT UNSIGNED NOT NULL,
  updated_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_video_creator (creator_id)
) ENGINE=InnoDB;

CREATE TABLE ad (
  id            BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  advertiser_id BIGINT UNSIGNED NOT NULL,
  title         VARCHAR(500) NOT NULL,
  updated_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  KEY ix_ad_advertiser (advertiser_id)
) ENGINE=InnoDB;

CREATE TABLE video_ad (
  video_id     BIGINT UNSIGNED NOT NULL,
  ad_id        BIGINT UNSIGNED NOT NULL,
  position_sec INT UNSIGNED NOT NULL,
  updated_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (video_id, ad_id),
  KEY ix_video_ad_ad (ad_id)
) ENGINE=InnoDB COMMENT='Ad placements: one row per (video, ad).';

-- The clustered keys put a day's events of one (video, viewer) pair, or (video, ad, viewer)
-- triple, next to each other in time order: the groups the 30-second rule works on (SPEC 5),
-- read by one ordered scan of the day's partition.
CREATE TABLE view_log (
  business_date     DATE NOT NULL,
  video_id          BIGINT UNSIGNED NOT NULL,
  viewer_id         BIGINT UNSIGNED NOT NULL,
  started_at        DATETIME(3) NOT NULL COMMENT 'UTC',
  event_id          BIGINT UNSIGNED NOT NULL,
  ip                VARCHAR(64) NOT NULL,
  watched_sec       INT NOT NULL,
  last_position_sec INT NOT NULL,
  PRIMARY KEY (business_date, video_id, viewer_id, started_at, event_id),
  UNIQUE KEY uk_view_log_event (event_id, business_date)
) ENGINE=InnoDB
PARTITION BY RANGE COLUMNS (business_date) (
  PARTITION p_before VALUES LESS THAN ('1970-01-02'),
  PARTITION p_future VALUES LESS THAN (MAXVALUE)
);

CREATE TABLE ad_view_log (
  business_date DATE NOT NULL,
  video_id      BIGINT UNSIGNED NOT NULL,
  viewer_id     BIGINT UNSIGNED NOT NULL,
  ad_id         BIGINT UNSIGNED NOT NULL,
  viewed_at     DATETIME(3) NOT NULL COMMENT 'UTC',
  event_id      BIGINT UNSIGNED NOT NULL,
  ip            VARCHAR(64) NOT NULL,
  PRIMARY KEY (business_date, video_id, ad_id, viewer_id, viewed_at, event_id),
  UNIQUE KEY uk_ad_view_log_event (event_id, business_date)
) ENGINE=InnoDB
PARTITION BY RANGE COLUMNS (business_date) (
  PARTITION p_before VALUES LESS THAN ('1970-01-02'),
  PARTITION p_future VALUES LESS THAN (MAXVALUE)
);

-- One row per `settlement load` file: what came in and what became of it.
CREATE TABLE load_batch (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind        ENUM('members','videos','ads','video_ads','views','ad_views') NOT NULL,
  file_name   VARCHAR(1000) NOT NULL,
  state       ENUM('STAGING','LOADED','ABANDONED') NOT NULL DEFAULT 'STAGING',
  rows_read   BIGINT NOT NULL DEFAULT 0,
  loaded      BIGINT NOT NULL DEFAULT 0,
  duplicates  BIGINT NOT NULL DEFAULT 0,
  rejected    BIGINT NOT NULL DEFAULT 0,
  started_at  DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  finished_at DATETIME(3) NULL
) ENGINE=InnoDB;

-- Staging: `settlement load` writes every data line here (parsed values, or the parse
-- error), then one procedure per kind validates and moves the batch in set-based SQL.
CREATE TABLE view_log_stage (
  batch_id          BIGINT UNSIGNED NOT NULL,
  line_no           BIGINT UNSIGNED NOT NULL,
  event_id          BIGINT UNSIGNED NULL,
  viewer_id         BIGINT UNSIGNED NULL,
  video_id          BIGINT UNSIGNED NULL,
  ip                VARCHAR(64) NULL,
  started_at        DATETIME(3) NULL,
  watched_sec       BIGINT NULL,
  last_position_sec BIGINT NULL,
  parse_error       VARCHAR(64) NULL COMMENT 'reason code when the line did not parse',
  parse_detail      VARCHAR(255) NULL,
  raw_line          TEXT NULL COMMENT 'kept only for lines that did not parse',
  PRIMARY KEY (batch_id, line_no)
) ENGINE=InnoDB;

CREATE TABLE ad_view_log_stage (
  batch_id     BIGINT UNSIGNED NOT NULL,
  line_no      BIGINT UNSIGNED NOT NULL,
  event_id     BIGINT UNSIGNED NULL,
  viewer_id    BIGINT UNSIGNED NULL,
  video_id     BIGINT UNSIGNED NULL,
  ad_id        BIGINT UNSIGNED NULL,
  ip           VARCHAR(64) NULL,
  viewed_at    DATETIME(3) NULL,
  parse_error  VARCHAR(64) NULL,
  parse_detail VARCHAR(255) NULL,
  raw_line     TEXT NULL,
  PRIMARY KEY (batch_id, line_no)
) ENGINE=InnoDB;

CREATE TABLE catalog_stage (
  batch_id     BIGINT UNSIGNED NOT NULL,
  line_no      BIGINT UNSIGNED NOT NULL,
  id           BIGINT UNSIGNED NULL COMMENT 'member, video or ad id; video id for placements',
  ref_id       BIGINT UNSIGNED NULL COMMENT 'creator_id, advertiser_id, or ad_id for placements',
  text_value   VARCHAR(500) NULL COMMENT 'name, title, or the role of a member',
  number_value BIGINT NULL COMMENT 'duration_sec or position_sec',
  parse_error  VARCHAR(64) NULL,
  parse_detail VARCHAR(255) NULL,
  raw_line     TEXT NULL,
  PRIMARY KEY (batch_id, line_no)
) ENGINE=InnoDB COMMENT='Staging for the four catalog files; the batch kind says what the columns mean.';

-- The quarantine (SPEC 4): every rejected line with its reason; never counted.
-- A line rejected again on a repeated load is recorded once (uk_rejected_line).
CREATE TABLE rejected_record (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind        ENUM('members','videos','ads','video_ads','views','ad_views') NOT NULL,
  batch_id    BIGINT UNSIGNED NOT NULL,
  line_no     BIGINT UNSIGNED NOT NULL,
  record_id   BIGINT UNSIGNED NULL COMMENT 'event_id, or the catalog id',
  reason      VARCHAR(64) NOT NULL,
  detail      VARCHAR(255) NOT NULL DEFAULT '',
  record_text TEXT NOT NULL COMMENT 'the line as read, or its parsed values',
  record_hash BINARY(20) NOT NULL COMMENT 'SHA1 of kind, reason and record_text',
  rejected_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  UNIQUE KEY uk_rejected_line (record_hash),
  KEY ix_rejected_reason (kind, reason)
) ENGINE=InnoDB;
