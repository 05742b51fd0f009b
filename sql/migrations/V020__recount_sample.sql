-- V020: the run's independent recount checks a rotating sample of ranges (issue 15).
--
-- Product decision: every run still checks the cheap invariants (settlement, statements,
-- cumulative chains, periods: reconcile_date_sums), but the full independent recount of
-- the 30-second rule (reconcile_counts_range) no longer runs over every range of every
-- run. A step marked sampled runs for the ranges sample_range says are due for the date
-- (range r of a date's plan when (r + TO_DAYS(date)) MOD reconcile.recount_every = 0:
-- with the same number of ranges, any reconcile.recount_every consecutive dates recount
-- every range once). `settlement run --verify` runs it for every range; settle_date (one
-- range: the whole date) and reconcile_date always recount everything.
ALTER TABLE job_step
  ADD COLUMN sampled BOOLEAN NOT NULL DEFAULT FALSE
  COMMENT 'a ranged step that a normal run calls only for the ranges sample_range says are due (run --verify: all)';
UPDATE job_step SET sampled = TRUE WHERE job = 'daily' AND step = 'recount';

INSERT INTO setting (name, value, description) VALUES
  ('reconcile.recount_every', '8',
   'A run recounts range r of a date''s plan when (r + TO_DAYS(date)) MOD this = 0 (about one range in this many; 1 = all); run --verify recounts all.');
