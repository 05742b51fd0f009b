# Sourced once by the mysql:8.0 image's entrypoint on the replica's first start (an empty
# data directory), after it set the root password (without binary logging: no GTID of the
# replica's own); docker_process_sql is the entrypoint's. Replicates from the primary's
# first transaction by GTID auto-position, so the database, the accounts and the schema
# all come from the primary, and makes the server read-only for everyone but replication
# (SET PERSIST: from the next start on, the real server's, too).
#
# A replica added once the primary has purged binary logs cannot start from the first
# GTID: seed its data directory first (CLONE, or a dump with --set-gtid-purged), then
# start it with this script.
set -eu

sql_string() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g; s/\\\\/\\\\\\\\/g")"; }

docker_process_sql --database=mysql <<SQL
CHANGE REPLICATION SOURCE TO
  SOURCE_HOST = 'primary', SOURCE_PORT = 3306,
  SOURCE_USER = 'settlement_repl', SOURCE_PASSWORD = $(sql_string "$SETTLEMENT_REPLICATION_PASSWORD"),
  SOURCE_AUTO_POSITION = 1, SOURCE_CONNECT_RETRY = 5, GET_SOURCE_PUBLIC_KEY = 1;
START REPLICA;
SET PERSIST read_only = ON;
SET PERSIST super_read_only = ON;
SQL
