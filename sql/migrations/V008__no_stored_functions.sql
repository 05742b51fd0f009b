-- V008: no stored functions. On a primary with binary logging (MySQL 8's default), creating
-- a stored function needs SUPER or log_bin_trust_function_creators, which the owner account
-- does not have (SPEC 11, least privilege). Their work moved into procedures with OUT
-- parameters (period_bounds, read_setting, business_offset_minutes, business_today) and, in
-- set-based code, into period_starts_of_days. The procedures that called them are created
-- anew by the same migrate, after this file.
DROP FUNCTION IF EXISTS period_start;
DROP FUNCTION IF EXISTS period_end;
DROP FUNCTION IF EXISTS setting_value;
DROP FUNCTION IF EXISTS business_date_of;
DROP FUNCTION IF EXISTS business_utc_offset_minutes;
