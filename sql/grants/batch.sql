-- Grants of the batch account (SPEC §11): what `load`, `run` and `partitions` need, and
-- no other DDL than the log tables' partitions, no global privilege.
-- `settlement migrate` runs this file after the schema when migrate.batch_account is set
-- (environment SETTLEMENT_BATCH_ACCOUNT), with {db} the quoted database and {account} the
-- quoted account, e.g. 'settlement_batch'@'%'. A DBA can run it by hand the same way.
--
-- DML on the product's tables, its procedures (SQL SECURITY INVOKER: the procedures run
-- with these privileges), and the MEMORY temporary tables of the statistics step.
GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE, CREATE TEMPORARY TABLES ON {db}.* TO {account};
-- Partition upkeep of the log tables only. ADD / REORGANIZE PARTITION is an ALTER TABLE
-- (ALTER, CREATE, INSERT); TRUNCATE and DROP PARTITION need DROP; EXCHANGE PARTITION with
-- the _exchange and _archive tables needs ALTER, CREATE, INSERT and DROP on both tables.
GRANT ALTER, CREATE, DROP ON {db}.`view_log` TO {account};
GRANT ALTER, CREATE, DROP ON {db}.`ad_view_log` TO {account};
GRANT ALTER, CREATE, DROP ON {db}.`view_log_archive` TO {account};
GRANT ALTER, CREATE, DROP ON {db}.`ad_view_log_archive` TO {account};
GRANT ALTER, CREATE, DROP ON {db}.`view_log_exchange` TO {account};
GRANT ALTER, CREATE, DROP ON {db}.`ad_view_log_exchange` TO {account};
