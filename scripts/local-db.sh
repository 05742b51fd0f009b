#!/usr/bin/env bash
# Starts and stops a throwaway MariaDB server for the demo, the tests and CI.
#
#   scripts/local-db.sh start [--dir DIR] [--port PORT] [--buffer-pool SIZE]
#                             [--binlog] [--server-id N] [--accounts [--database NAME]]
#   scripts/local-db.sh stop  [--dir DIR]
#   scripts/local-db.sh status [--dir DIR]
#   scripts/local-db.sh accounts [--dir DIR] [--database NAME]
#   scripts/local-db.sh env   [--dir DIR] [--account owner|batch|reader]
#                                              # prints `export SETTLEMENT_DB_...` lines
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
server_id=1
with_accounts=0
account_database=settlement
account=
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --buffer-pool) buffer_pool=$2; shift 2 ;;
    --binlog) binlog=1; shift ;;
    --server-id) server_id=$2; shift 2 ;;
    --accounts) with_accounts=1; shift ;;
    --database) account_database=$2; shift 2 ;;
    --account) account=$2; shift 2 ;;
    *) echo "local-db: unknown option $1" >&2; exit 2 ;;
  esac
done
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
  local p u pw; p=$(cat "$dir/port")
  case "$account" in
    "") u=$user; pw=$password ;;
    owner|batch|reader) u=$(account_user "$account"); pw=$(account_password "$account") ;;
    *) echo "local-db: --account must be owner, batch or reader" >&2; exit 2 ;;
  esac
  cat <<ENV
export SETTLEMENT_DB_HOST=127.0.0.1
export SETTLEMENT_DB_PORT=$p
export SETTLEMENT_DB_USER=$u
export SETTLEMENT_DB_PASSWORD=$pw
export SETTLEMENT_DB_NAME=$database
ENV
  if [ "$account" = owner ]; then
    echo "export SETTLEMENT_BATCH_ACCOUNT=$(account_user batch)@%"
    echo "export SETTLEMENT_READER_ACCOUNT=$(account_user reader)@%"
  fi
}

case "$cmd" in
  start)
    if running; then
      ensure_user_and_database
      [ "$with_accounts" = 1 ] && ensure_accounts
      echo "local-db: already running in $dir (port $(cat "$dir/port"))" >&2
      exit 0
    fi
    server=$(find_bin mariadbd mysqld)
    as_user=()
    [ "$(id -u)" -eq 0 ] && as_user=(--user=root)
    if [ ! -d "$dir/data/mysql" ]; then
      rm -rf "$dir/data"
      "$(find_bin mariadb-install-db mysql_install_db)" --no-defaults --datadir="$dir/data" \
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
    log_options=(--skip-log-bin)
    if [ "$binlog" = 1 ]; then
      log_options=(--log-bin="$dir/data/binlog" --server-id="$server_id" --binlog-format=ROW
                   --log-slave-updates --gtid-domain-id=0 --gtid-strict-mode=1
                   --log-bin-trust-function-creators=0)
    fi
    setsid nohup "$server" --no-defaults "${as_user[@]}" --datadir="$dir/data" --socket="$sock" \
      --port="$port" --bind-address=127.0.0.1 --pid-file="$pidfile" --log-error="$dir/error.log" --tmpdir="$dir/tmp" \
      --innodb-buffer-pool-size="$buffer_pool" --innodb-log-file-size=512M \
      --innodb-flush-log-at-trx-commit=2 "${log_options[@]}" --max-connections=200 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --local-infile=1 --secure-file-priv="" </dev/null >/dev/null 2>&1 &
    for _ in $(seq 1 120); do
      admin ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    admin ping >/dev/null 2>&1 || { echo "local-db: server did not start, see $dir/error.log" >&2; tail -n 20 "$dir/error.log" >&2 || true; exit 1; }
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
      admin shutdown 2>/dev/null || kill "$(cat "$pidfile")"
      for _ in $(seq 1 60); do running || break; sleep 0.5; done
      echo "local-db: stopped" >&2
    else
      echo "local-db: not running" >&2
    fi
    ;;
  status)
    if running && admin ping >/dev/null 2>&1; then echo "local-db: running on port $(cat "$dir/port")"; else echo "local-db: not running"; exit 1; fi
    ;;
  env)
    [ -f "$dir/port" ] || { echo "local-db: never started in $dir" >&2; exit 1; }
    print_env
    ;;
  *)
    sed -n '2,29p' "$0" >&2; exit 2 ;;
esac
