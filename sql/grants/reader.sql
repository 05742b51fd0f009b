-- Grants of the reader account (SPEC §11): what `report`, `status` and `serve` need:
-- SELECT, and EXECUTE of the read procedures only (a writing procedure is refused before it
-- starts; its writes would be refused anyway, every procedure being SQL SECURITY INVOKER).
-- `settlement migrate` runs this file after re-creating the routines when
-- migrate.reader_account is set (environment SETTLEMENT_READER_ACCOUNT): re-creating a
-- routine drops the grants on it (automatic_sp_privileges), so they are given again on
-- every migrate. {db} is the quoted database, {account} the quoted account.
GRANT SELECT ON {db}.* TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_video_stats` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_top_videos` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_settlement` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_video_stats_span` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_top_videos_span` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_settlement_span` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_daily` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_span` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`span_rollup` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_stale_dates` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_job_runs` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_job_facts` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`find_video_creator` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`period_bounds` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`read_setting` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`business_today` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`business_offset_minutes` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`lock_name` TO {account};
GRANT EXECUTE ON PROCEDURE {db}.`report_replica_lag` TO {account};
