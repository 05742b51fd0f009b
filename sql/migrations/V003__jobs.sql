-- V003: job status for restartable runs (DESIGN "Status for restarts").
--
-- A run is (job, business_date); a rerun reuses the row and bumps attempt. Each step of a
-- run is split into tasks over video_id ranges; a restart runs only tasks not DONE, with
-- the plan it recorded. heartbeat_at moves while the owner is alive, so a RUNNING row whose
-- heartbeat stopped is shown as stale (the owner died; the date lock died with it).

CREATE TABLE job_run (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job           VARCHAR(32) NOT NULL,
  business_date DATE NOT NULL,
  state         ENUM('RUNNING','COMPLETED','FAILED') NOT NULL,
  attempt       INT NOT NULL DEFAULT 1,
  owner_host    VARCHAR(255) NOT NULL,
  owner_pid     INT NOT NULL,
  threads       INT NOT NULL,
  started_at    DATETIME(3) NOT NULL,
  heartbeat_at  DATETIME(3) NOT NULL,
  finished_at   DATETIME(3) NULL,
  message       TEXT NULL,
  UNIQUE KEY uk_job_run (job, business_date)
) ENGINE=InnoDB;

CREATE TABLE job_task (
  run_id          BIGINT UNSIGNED NOT NULL,
  step_no         INT NOT NULL COMMENT 'position of the step in the run',
  step            VARCHAR(32) NOT NULL,
  range_no        INT NOT NULL COMMENT 'ascending video_id order',
  video_from      BIGINT UNSIGNED NOT NULL,
  video_to        BIGINT UNSIGNED NOT NULL,
  planned_rows    BIGINT NOT NULL DEFAULT 0,
  state           ENUM('PENDING','RUNNING','DONE','FAILED') NOT NULL DEFAULT 'PENDING',
  attempts        INT NOT NULL DEFAULT 0,
  rows_written    BIGINT NULL,
  started_at      DATETIME(3) NULL,
  finished_at     DATETIME(3) NULL,
  duration_ms     BIGINT NULL,
  last_error_code INT NULL,
  last_error      TEXT NULL,
  PRIMARY KEY (run_id, step_no, range_no)
) ENGINE=InnoDB;
