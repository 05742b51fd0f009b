-- V022: per-day checksums of the daily rows, so that a run's period checks do not read a
-- month of daily rows (issue 15: the history target).
--
-- Every reconciliation of a date (reconcile_sums, for the date and for the later dates its
-- settlement restated) stores here the weighted sums of that day's daily rows, per part:
-- statistics (video_daily_stat), settlement (video_daily_settlement) and statements
-- (creator_statement DAY rows), with the weights reconcile_period uses. A WEEK or MONTH
-- period is then first compared with the sum of its days' stored sums (at most 31 rows per
-- part); only when they differ, or a day of the period has rows but no stored sum (days
-- reconciled before this migration), are the days' rows read as before, to decide and to
-- name the key that is off.
CREATE TABLE reconciled_day_sum (
  business_date DATE NOT NULL,
  part          ENUM('stat','settlement','statement') NOT NULL,
  w1            DECIMAL(40,2) NOT NULL COMMENT 'stat: views; settlement: views; statement: video_revenue (weighted)',
  w2            DECIMAL(40,2) NOT NULL COMMENT 'stat: watch_seconds; settlement: ad_views; statement: ad_revenue',
  w3            DECIMAL(40,2) NOT NULL COMMENT 'stat: ad_views; settlement: video_revenue; statement: 0',
  w4            DECIMAL(40,2) NOT NULL COMMENT 'settlement: ad_revenue; otherwise 0',
  reconciled_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (business_date, part)
) ENGINE=InnoDB COMMENT='Weighted sums of each reconciled day''s daily rows (reconcile_sums), for the period checks.';
