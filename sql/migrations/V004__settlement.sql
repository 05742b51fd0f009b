-- V004: creator settlement (SPEC 7).
--
-- rate_tier                 DBA-maintained unit prices, versioned by effective date per kind.
-- rate_band (view)          each tier with its ordinal span and the dates its version is in effect.
-- video_daily_settlement    one row per (business date, video) with counted views or ad views:
--                           the day's counts, the cumulative counts through the day over the
--                           dates processed so far, and the day's revenue (exact DECIMAL).
-- video_period_settlement   WEEK / MONTH / YEAR sums of the daily rows, kept by adding each
--                           daily row's change in the same transaction (like video_period_stat).
-- creator_statement         DAY / WEEK / MONTH / YEAR revenue per creator; payable = floor.
-- settlement_restatement_pending
--                           videos whose later dates a settle step re-priced, until
--                           build_creator_statements has rebuilt those dates' statements.
-- settlement_restatement    audit: which later dates a date's run restated, and when.
--
-- Written by sql/procedures/settle_videos_range.sql (per video_id range) and
-- build_creator_statements.sql (per date); checked by reconcile_date.sql.

CREATE TABLE rate_tier (
  effective_from DATE NOT NULL COMMENT 'first business date of this version of the kind''s tiers',
  kind           ENUM('VIEW','AD') NOT NULL COMMENT 'VIEW: price of a counted video view; AD: of a counted ad view',
  min_ordinal    BIGINT NOT NULL COMMENT 'the tier prices ordinals n >= min_ordinal, up to the next tier''s min_ordinal - 1',
  unit_price     DECIMAL(12,2) NOT NULL COMMENT 'won per counted view',
  note           VARCHAR(255) NOT NULL DEFAULT '',
  created_at     DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (effective_from, kind, min_ordinal),
  CONSTRAINT ck_rate_tier_min_ordinal CHECK (min_ordinal >= 0),
  CONSTRAINT ck_rate_tier_unit_price CHECK (unit_price >= 0)
) ENGINE=InnoDB COMMENT='Tiered unit prices (SPEC 7). A version is all rows of one (effective_from, kind); a date uses, per kind, the version with the greatest effective_from <= date. A version must start at min_ordinal 0 or 1. Add a version; never edit one that settled dates used (rerun those dates if you must).';

INSERT INTO rate_tier (effective_from, kind, min_ordinal, unit_price, note) VALUES
  ('1970-01-01', 'VIEW',       1,  1.00, 'SPEC 7 default: n < 100,000'),
  ('1970-01-01', 'VIEW',  100000,  1.10, 'SPEC 7 default: 100,000 <= n < 500,000'),
  ('1970-01-01', 'VIEW',  500000,  1.30, 'SPEC 7 default: 500,000 <= n < 1,000,000'),
  ('1970-01-01', 'VIEW', 1000000,  1.50, 'SPEC 7 default: n >= 1,000,000'),
  ('1970-01-01', 'AD',         1, 10.00, 'SPEC 7 default: n < 100,000'),
  ('1970-01-01', 'AD',    100000, 12.00, 'SPEC 7 default: 100,000 <= n < 500,000'),
  ('1970-01-01', 'AD',    500000, 15.00, 'SPEC 7 default: 500,000 <= n < 1,000,000'),
  ('1970-01-01', 'AD',   1000000, 20.00, 'SPEC 7 default: n >= 1,000,000');

-- A tier prices the ordinals min_ordinal .. max_ordinal (NULL: no upper end) on the dates
-- effective_from .. effective_to - 1 (NULL: until further notice).
CREATE VIEW rate_band AS
SELECT t.kind,
       t.effective_from,
       v.effective_to,
       t.min_ordinal,
       LEAD(t.min_ordinal) OVER (PARTITION BY t.kind, t.effective_from ORDER BY t.min_ordinal) - 1 AS max_ordinal,
       t.unit_price
  FROM rate_tier t
  JOIN (SELECT k.kind, k.effective_from,
               LEAD(k.effective_from) OVER (PARTITION BY k.kind ORDER BY k.effective_from) AS effective_to
          FROM (SELECT kind, effective_from FROM rate_tier GROUP BY kind, effective_from) k) v
    ON v.kind = t.kind AND v.effective_from = t.effective_from;

CREATE TABLE video_daily_settlement (
  business_date DATE NOT NULL,
  video_id      BIGINT UNSIGNED NOT NULL,
  creator_id    BIGINT UNSIGNED NOT NULL COMMENT 'the video''s creator when the date was settled',
  views         BIGINT NOT NULL COMMENT 'counted views of the day (video_daily_stat)',
  ad_views      BIGINT NOT NULL COMMENT 'counted ad views of the day, all the video''s ads',
  cum_views     BIGINT NOT NULL COMMENT 'C(v, D): counted views through D over the dates processed so far',
  cum_ad_views  BIGINT NOT NULL COMMENT 'the same for ad views',
  video_revenue DECIMAL(20,2) NOT NULL COMMENT 'sum of the VIEW unit prices of ordinals cum_views - views + 1 .. cum_views',
  ad_revenue    DECIMAL(20,2) NOT NULL COMMENT 'sum of the AD unit prices of ordinals cum_ad_views - ad_views + 1 .. cum_ad_views',
  PRIMARY KEY (business_date, video_id),
  KEY ix_video_daily_settlement_video (video_id, business_date) COMMENT 'previous processed day of a video (one dive), later days to restate',
  KEY ix_video_daily_settlement_creator (business_date, creator_id) COMMENT 'a creator''s rows of a day (statements)'
) ENGINE=InnoDB COMMENT='Per (date, video) settlement; only videos with counted views or ad views on the date.';

CREATE TABLE video_period_settlement (
  period        ENUM('WEEK','MONTH','YEAR') NOT NULL,
  period_start  DATE NOT NULL COMMENT 'ISO Monday, first of month, or 1 January',
  video_id      BIGINT UNSIGNED NOT NULL,
  creator_id    BIGINT UNSIGNED NOT NULL,
  views         BIGINT NOT NULL,
  ad_views      BIGINT NOT NULL,
  video_revenue DECIMAL(20,2) NOT NULL,
  ad_revenue    DECIMAL(20,2) NOT NULL,
  PRIMARY KEY (period, period_start, video_id, creator_id)
) ENGINE=InnoDB COMMENT='Sums of video_daily_settlement over a period''s days; rows may fall back to zero after a restatement.';

CREATE TABLE creator_statement (
  period        ENUM('DAY','WEEK','MONTH','YEAR') NOT NULL,
  period_start  DATE NOT NULL COMMENT 'the date itself, ISO Monday, first of month, or 1 January',
  creator_id    BIGINT UNSIGNED NOT NULL,
  video_revenue DECIMAL(20,2) NOT NULL COMMENT 'exact sum over the creator''s videos and the period''s days',
  ad_revenue    DECIMAL(20,2) NOT NULL,
  payable       BIGINT GENERATED ALWAYS AS (FLOOR(video_revenue + ad_revenue)) STORED COMMENT 'whole won, floor of the exact total',
  updated_at    DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (period, period_start, creator_id)
) ENGINE=InnoDB COMMENT='Creator statements (SPEC 7); WEEK/MONTH/YEAR rows are the sums of the DAY rows.';

CREATE TABLE settlement_restatement_pending (
  from_date DATE NOT NULL COMMENT 'the date whose (re)settlement shifted this video''s later cumulative counts',
  video_id  BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (from_date, video_id)
) ENGINE=InnoDB COMMENT='Written by settle_videos_range, consumed by build_creator_statements (which rebuilds the statements of the video''s dates from from_date on).';

CREATE TABLE settlement_restatement (
  from_date     DATE NOT NULL COMMENT 'the date that was (re)settled',
  restated_date DATE NOT NULL COMMENT 'a later processed date whose cumulative counts and revenue changed with it',
  restated_at   DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (from_date, restated_date)
) ENGINE=InnoDB COMMENT='Audit of restatements (SPEC 7 consistency); reconcile_date re-checks these dates.';
