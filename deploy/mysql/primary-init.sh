# Sourced once by the mysql:8.0 image's entrypoint on the primary's first start (an empty
# data directory), after it set the root password; docker_process_sql is the entrypoint's.
# Creates the database and the accounts of README "Least privilege" plus the replication
# account. These statements go to the binary log, so the replica, which starts from the
# primary's first GTID (SOURCE_AUTO_POSITION), creates the same database and accounts.
# mysql_native_password: every client library the product may be built with speaks it
# (caching_sha2_password needs TLS or an RSA key exchange the connector may not do).
set -eu

sql_string() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g; s/\\\\/\\\\\\\\/g")"; }

docker_process_sql --database=mysql <<SQL
CREATE DATABASE IF NOT EXISTS \`settlement\`;
CREATE USER 'settlement_owner'@'%' IDENTIFIED WITH mysql_native_password BY $(sql_string "$SETTLEMENT_OWNER_PASSWORD");
GRANT ALL PRIVILEGES ON \`settlement\`.* TO 'settlement_owner'@'%' WITH GRANT OPTION;
CREATE USER 'settlement_batch'@'%' IDENTIFIED WITH mysql_native_password BY $(sql_string "$SETTLEMENT_BATCH_PASSWORD");
CREATE USER 'settlement_reader'@'%' IDENTIFIED WITH mysql_native_password BY $(sql_string "$SETTLEMENT_READER_PASSWORD");
CREATE USER 'settlement_repl'@'%' IDENTIFIED WITH mysql_native_password BY $(sql_string "$SETTLEMENT_REPLICATION_PASSWORD");
GRANT REPLICATION SLAVE ON *.* TO 'settlement_repl'@'%';
SQL
