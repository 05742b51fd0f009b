#!/usr/bin/env bash
# Starts and stops a throwaway MariaDB server for the demo, the tests and CI.
#
#   scripts/local-db.sh start [--dir DIR] [--port PORT] [--buffer-pool SIZE]
#                             [--binlog] [--server-id N] [--accounts [--database NAME]]
#   scripts/local-db.sh start --replica-of PRIMARY_PORT [--dir DIR] [--port PORT]
#                             [--server-id N] [--fresh]   # a read-only replica of a local server
#   scripts/local-db.sh stop  [--dir DIR]
#   scripts/local-db.sh status [--dir DIR]                # a replica's also shows its replication
#   scripts/local-db.sh accounts [--dir DIR] [--database NAME]
#   scripts/local-db.sh env   [--dir DIR] [--account owner|batch|reader]
#                                              # prints `export SETTLEMENT_DB_...` lines
#                                              # (SETTLEMENT_READ_DB_... for a replica)
#
# The server has its own data directory (default .local/db in the project, which git
# ignores), listens on loopback only, and gets a user `settlement` with a password and a
# database `settlement`. The user may create other databases and grant on them, so each
# test can have its own, with its own owner grant. No systemd, no Docker, never --skip-grant-tables. `start` waits until the server
# accepts connections and is a no-op when the server in DIR is already up.
#
# --binlog starts the server with binary logging (ROW format, GTIDs, server id --server-id,
# default 1; log_bin_trust_function_creators stays 0), as a MySQL 8 primary has it by
# default and as a replica's primary needs it.
#
# --replica-of PORT starts a replica of the local server listening on 127.0.0.1:PORT, which
# must run with --binlog (its data directory DIR defaults to .local/db-replica, its port to
# PORT + 1, its server id to its own port). The first start copies the primary: a
# replication account settlement_repl (REPLICATION SLAVE) on the primary, then a
# consistent dump of its databases and accounts with their GTID position (mariadb-dump
# --single-transaction --master-data --gtid), loaded into the new server, then
# CHANGE MASTER TO ... MASTER_USE_GTID=slave_pos and START SLAVE. The replica is read_only
# and has no binary log of its own; later starts resume replication where it stopped.
# --fresh throws an existing replica's data away first. `stop --dir DIR` stops it.
#
# `accounts` (or `start --accounts`) creates the least-privilege accounts of SPEC §11 with
# fixed local passwords (this server is throwaway; they are never printed but by `env`):
#   settlement_owner   ALL PRIVILEGES ON NAME.* WITH GRANT OPTION (what `migrate` needs)
#   settlement_batch   (load, run, partitions) granted by `migrate` (migrate.batch_account)
#   settlement_reader  (report, status, serve) granted by `migrate` (migrate.reader_account)
# The tests give the owner its grant on each test database themselves.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cmd=${1:-}; shift || true
dir=${SETTLEMENT_LOCAL_DB_DIR:-$here/.local/db}
port=${SETTLEMENT_LOCAL_DB_PORT:-13306}
buffer_pool=${SETTLEMENT_LOCAL_DB_BUFFER_POOL:-512M}
binlog=0
server_id=
replica_of=
fresh=0
dir_given=0
port_given=0
with_accounts=0
account_database=settlement
account=
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; dir_given=1; shift 2 ;;
    --port) port=$2; port_given=1; shift 2 ;;
    --buffer-pool) buffer_pool=$2; shift 2 ;;
    --binlog) binlog=1; shift ;;
    --server-id) server_id=$2; shift 2 ;;
    --replica-of) replica_of=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --accounts) with_accounts=1; shift ;;
    --database) account_database=$2; shift 2 ;;
    --account) account=$2; shift 2 ;;
    *) echo "local-db: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -n "$replica_of" ]; then
  [ "$dir_given" = 1 ] || dir=$here/.local/db-replica
  [ "$port_given" = 1 ] || port=$((replica_of + 1))
  [ -n "$server_id" ] || server_id=$port
fi
[ -n "$server_id" ] || server_id=1
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock=$dir/mysqld.sock
pidfile=$dir/mysqld.pid
user=settlement
password=settlement-local
database=settlement
# The least-privilege accounts: name and local password per role.
account_user() { echo "settlement_$1"; }
account_password() { echo "settlement-$1-local"; }

find_bin() { for b in "$@"; do command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return; }; [ -x "/usr/sbin/$b" ] && { echo "/usr/sbin/$b"; return; }; done; echo "local-db: none of $* found; run scripts/install-deps.sh" >&2; exit 2; }

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
admin() { "$(find_bin mariadb-admin mysqladmin)" --no-defaults --socket="$sock" -uroot "$@"; }
client() { "$(find_bin mariadb mysql)" --no-defaults --socket="$sock" -uroot "$@"; }

ensure_user_and_database() {
  client -e "CREATE DATABASE IF NOT EXISTS \`$database\`;
    CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$password';
    CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
    GRANT ALL PRIVILEGES ON *.* TO '$user'@'%' WITH GRANT OPTION;
    GRANT ALL PRIVILEGES ON *.* TO '$user'@'localhost' WITH GRANT OPTION;"
}

# The three accounts, and the owner's grant on the database (or pattern). The batch and
# reader grants need the schema's tables and routines: `migrate` gives them (README).
ensure_accounts() {
  local role sql=""
  for role in owner batch reader; do
    sql+="CREATE USER IF NOT EXISTS '$(account_user $role)'@'%' IDENTIFIED BY '$(account_password $role)';"
  done
  sql+="GRANT ALL PRIVILEGES ON \`${account_database//\`/\`\`}\`.* TO '$(account_user owner)'@'%' WITH GRANT OPTION;"
  client -e "$sql"
  echo "local-db: accounts $(account_user owner), $(account_user batch), $(account_user reader) for database $account_database" >&2
}

print_env() {
  local p u pw prefix=SETTLEMENT_DB; p=$(cat "$dir/port")
  # A replica is where reports and serve read: db.read.* (README "Primary and replica").
  [ -f "$dir/replica-of" ] && prefix=SETTLEMENT_READ_DB
  case "$account" in
    "") u=$user; pw=$password ;;
    owner|batch|reader) u=$(account_user "$account"); pw=$(account_password "$account") ;;
    *) echo "local-db: --account must be owner, batch or reader" >&2; exit 2 ;;
  esac
  cat <<ENV
export ${prefix}_HOST=127.0.0.1
export ${prefix}_PORT=$p
export ${prefix}_USER=$u
export ${prefix}_PASSWORD=$pw
ENV
  [ "$prefix" = SETTLEMENT_DB ] && echo "export SETTLEMENT_DB_NAME=$database"
  if [ "$account" = owner ]; then
    echo "export SETTLEMENT_BATCH_ACCOUNT=$(account_user batch)@%"
    echo "export SETTLEMENT_READER_ACCOUNT=$(account_user reader)@%"
  fi
}

# Starts mariadbd on DIR's data with the common options plus "$@", and waits for it.
launch_server() {
  local server as_user=()
  server=$(find_bin mariadbd mysqld)
  [ "$(id -u)" -eq 0 ] && as_user=(--user=root)
  if [ ! -d "$dir/data/mysql" ]; then
    rm -rf "$dir/data"
    mkdir -p "$dir/tmp"
    # Its own tmpdir: CTest starts several servers at once, and their bootstraps must not
    # share /tmp (one failed on a temporary table file that had gone from /tmp).
    "$(find_bin mariadb-install-db mysql_install_db)" --no-defaults --datadir="$dir/data" --tmpdir="$dir/tmp" \
      --auth-root-authentication-method=normal --skip-test-db "${as_user[@]}" >"$dir/install.log" 2>&1 \
      || { echo "local-db: mariadb-install-db failed, see $dir/install.log" >&2; exit 1; }
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "local-db: port $port on 127.0.0.1 is taken; pass --port" >&2; exit 1
  fi
  echo "$port" >"$dir/port"
  mkdir -p "$dir/tmp"  # the server's own temp dir: nothing else cleans it under its feet
  # Durability is relaxed (flush log once a second, no binlog unless asked): this server
  # is throwaway.
  setsid nohup "$server" --no-defaults "${as_user[@]}" --datadir="$dir/data" --socket="$sock" \
    --port="$port" --bind-address=127.0.0.1 --pid-file="$pidfile" --log-error="$dir/error.log" --tmpdir="$dir/tmp" \
    --innodb-buffer-pool-size="$buffer_pool" --innodb-log-file-size=512M \
    --innodb-flush-log-at-trx-commit=2 "$@" --max-connections=200 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --local-infile=1 --secure-file-priv="" </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 120); do
    admin ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  admin ping >/dev/null 2>&1 || { echo "local-db: server did not start, see $dir/error.log" >&2; tail -n 20 "$dir/error.log" >&2 || true; exit 1; }
}

# --- replicas (--replica-of) ---
repl_user=settlement_repl
repl_password=settlement-repl-local
# The primary, over TCP as the local admin user (it has every privilege there).
primary() { "$(find_bin mariadb mysql)" --no-defaults -h127.0.0.1 -P"$replica_of" -u"$user" -p"$password" "$@"; }

stop_server() {
  admin shutdown 2>/dev/null || kill "$(cat "$pidfile")"
  for _ in $(seq 1 60); do running || break; sleep 0.5; done
}

# The replica's first start: a consistent copy of the primary and its GTID position.
seed_replica() {
  local databases
  primary -e "CREATE USER IF NOT EXISTS '$repl_user'@'%' IDENTIFIED BY '$repl_password';
              GRANT REPLICATION SLAVE ON *.* TO '$repl_user'@'%';"
  mapfile -t databases < <(primary -N -B -e "SELECT schema_name FROM information_schema.schemata
     WHERE schema_name NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')")
  # One snapshot of the databases, the accounts with their grants, and the GTID position of
  # that snapshot (SET GLOBAL gtid_slave_pos in the dump), loaded before replication starts.
  "$(find_bin mariadb-dump mysqldump)" --no-defaults -h127.0.0.1 -P"$replica_of" -u"$user" -p"$password" \
      --single-transaction --master-data=1 --gtid --routines --events --triggers \
      --system=users --insert-ignore --databases "${databases[@]}" >"$dir/seed.sql" \
    || { echo "local-db: could not dump the primary on port $replica_of" >&2; exit 1; }
  client <"$dir/seed.sql" || { echo "local-db: loading the primary's dump ($dir/seed.sql) failed" >&2; exit 1; }
  client -e "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$replica_of,
               MASTER_USER='$repl_user', MASTER_PASSWORD='$repl_password',
               MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1"
  rm -f "$dir/seed.sql"
}

# SHOW SLAVE STATUS as "field: value" lines.
replication_status() { client -e "SHOW SLAVE STATUS\G" | sed -n 's/^ *\([A-Za-z_]*\): \(.*\)$/\1: \2/p'; }

start_replica() {
  local primary_id primary_log_bin
  if [ "$fresh" = 1 ]; then
    running && stop_server
    rm -rf "$dir/data" "$dir/replica-of"
  fi
  if running; then
    echo "local-db: replica already running in $dir (port $(cat "$dir/port"))" >&2
    return
  fi
  read -r primary_log_bin primary_id < <(primary -N -B -e "SELECT @@log_bin, @@server_id") \
    || { echo "local-db: no primary answers on 127.0.0.1:$replica_of (scripts/local-db.sh start --binlog --port $replica_of)" >&2; exit 1; }
  [ "$primary_log_bin" = 1 ] || { echo "local-db: the server on port $replica_of has no binary log: start it with --binlog" >&2; exit 1; }
  [ "$primary_id" != "$server_id" ] || { echo "local-db: the primary's server id is $server_id too: pass --server-id" >&2; exit 1; }
  local new=0
  [ -d "$dir/data/mysql" ] || new=1
  # read_only: only replication (and admins) write. No binary log of its own, so it gets
  # no transactions of its own; replication starts below, after the first copy.
  launch_server --server-id="$server_id" --read-only=1 --skip-log-bin --skip-slave-start \
    --relay-log="$dir/data/relay-bin" --gtid-domain-id=0
  [ "$new" = 1 ] && seed_replica
  echo "$replica_of" >"$dir/replica-of"
  client -e "START SLAVE"
  for _ in $(seq 1 60); do
    replication_status | grep -q '^Slave_SQL_Running: Yes' && replication_status | grep -q '^Slave_IO_Running: Yes' && break
    sleep 0.5
  done
  if ! replication_status | grep -q '^Slave_IO_Running: Yes'; then
    echo "local-db: replication did not start:" >&2
    replication_status | grep -E '^(Slave_IO_Running|Slave_SQL_Running|Last_IO_Error|Last_SQL_Error):' >&2
    exit 1
  fi
  echo "local-db: MariaDB replica of 127.0.0.1:$replica_of up on 127.0.0.1:$port (data in $dir, server id $server_id, read_only)" >&2
}

case "$cmd" in
  start)
    if [ -n "$replica_of" ]; then
      start_replica
      exit 0
    fi
    if running; then
      ensure_user_and_database
      [ "$with_accounts" = 1 ] && ensure_accounts
      echo "local-db: already running in $dir (port $(cat "$dir/port"))" >&2
      exit 0
    fi
    log_options=(--skip-log-bin)
    if [ "$binlog" = 1 ]; then
      log_options=(--log-bin="$dir/data/binlog" --server-id="$server_id" --binlog-format=ROW
                   --log-slave-updates --gtid-domain-id=0 --gtid-strict-mode=1
                   --log-bin-trust-function-creators=0)
    fi
    launch_server "${log_options[@]}"
    ensure_user_and_database
    [ "$with_accounts" = 1 ] && ensure_accounts
    echo "local-db: MariaDB up on 127.0.0.1:$port (data in $dir)$([ "$binlog" = 1 ] && echo ", binary log on, server id $server_id")" >&2
    ;;
  accounts)
    running || { echo "local-db: not running in $dir" >&2; exit 1; }
    ensure_accounts
    ;;
  stop)
    if running; then
      stop_server
      echo "local-db: stopped" >&2
    else
      echo "local-db: not running" >&2
    fi
    ;;
  status)
    if running && admin ping >/dev/null 2>&1; then
      echo "local-db: running on port $(cat "$dir/port")"
      if [ -f "$dir/replica-of" ]; then
        echo "local-db: replica of 127.0.0.1:$(cat "$dir/replica-of")"
        replication_status | grep -E '^(Slave_IO_Running|Slave_SQL_Running|Seconds_Behind_Master|Gtid_IO_Pos|Last_IO_Error|Last_SQL_Error):'
      fi
    else echo "local-db: not running"; exit 1; fi
    ;;
  env)
    [ -f "$dir/port" ] || { echo "local-db: never started in $dir" >&2; exit 1; }
    print_env
    ;;
  *)
    sed -n '2,40p' "$0" >&2; exit 2 ;;
esac
