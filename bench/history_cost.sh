#!/usr/bin/env bash
# Does a date's run cost grow with the history in the log tables? (DESIGN "Partitions make
# days independent"; issue 6.) Times `settlement run` of one generated day with 1 day of
# logs, then again after 29 more days of the same volume were added before it.
#
#   bench/history_cost.sh [--views N] [--days N] [--threads N]
#
# Needs a built `settlement` (SETTLEMENT_BIN, default build/orchestrator/settlement), the
# `mariadb` (or `mysql`) client and the SETTLEMENT_DB_* environment of a server whose user
# may create databases (e.g. `eval "$(scripts/local-db.sh env)"`). Works in database
# SETTLEMENT_BENCH_DB (default settlement_bench), which it DROPS and re-creates; it never
# uses SETTLEMENT_DB_NAME, so a real database named there is safe. The history
# days are copies of the generated day shifted by whole days (same rows, same shape), made
# with INSERT ... SELECT, which is much faster than generating and loading them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
views=1000000; days=30; threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --views) views=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "history_cost: unknown option $1" >&2; exit 2 ;;
  esac
done
bin=${SETTLEMENT_BIN:-$here/build/orchestrator/settlement}
export SETTLEMENT_DB_NAME=${SETTLEMENT_BENCH_DB:-settlement_bench}
client=$(command -v mariadb || command -v mysql)
sql() {
  MYSQL_PWD=${SETTLEMENT_DB_PASSWORD:-} "$client" --no-defaults -h "${SETTLEMENT_DB_HOST:-127.0.0.1}" \
    -P "${SETTLEMENT_DB_PORT:-3306}" -u "${SETTLEMENT_DB_USER:-settlement}" "$@"
}
day=2025-06-30
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Wall seconds of a command, its stdout/stderr kept in $work/last.log.
timed() {
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}
run_twice() {  # the first run of the date, then a rerun with warm caches
  local first second
  first=$(timed "$bin" run --date $day --threads "$threads" --rerun)
  second=$(timed "$bin" run --date $day --threads "$threads" --rerun)
  echo "$1: run $day ${first}s, again ${second}s ($(sql -N -e "SELECT COUNT(DISTINCT business_date) FROM view_log" "$SETTLEMENT_DB_NAME") day(s) of logs, $(sql -N -e "SELECT COUNT(*) FROM view_log" "$SETTLEMENT_DB_NAME") view events)"
}

sql -e "DROP DATABASE IF EXISTS \`$SETTLEMENT_DB_NAME\`; CREATE DATABASE \`$SETTLEMENT_DB_NAME\`"
"$bin" migrate >/dev/null 2>&1
"$bin" generate --out "$work/gen" --start-date $day --days 1 --members 200000 --creators 2000 \
  --advertisers 100 --videos 10000 --ads 200 --views-per-day "$views" >/dev/null 2>&1
g=$work/gen
echo "load of one day: $(timed "$bin" load --members $g/members.csv --videos $g/videos.csv --ads $g/ads.csv \
  --video-ads $g/video_ads.csv --views $g/views.csv --ad-views $g/ad_views.csv)s"
run_twice "1 day of history"

first=$(sql -N -e "SELECT DATE '$day' - INTERVAL $((days - 1)) DAY")
sql -e "CALL ensure_log_partitions('$first', '$day')" "$SETTLEMENT_DB_NAME"
for k in $(seq 1 $((days - 1))); do
  sql "$SETTLEMENT_DB_NAME" -e "
    INSERT INTO view_log SELECT business_date - INTERVAL $k DAY, video_id, viewer_id, started_at - INTERVAL $k DAY,
           event_id, ip, watched_sec, last_position_sec FROM view_log WHERE business_date = '$day';
    INSERT INTO ad_view_log SELECT business_date - INTERVAL $k DAY, video_id, viewer_id, ad_id, viewed_at - INTERVAL $k DAY,
           event_id, ip FROM ad_view_log WHERE business_date = '$day';"
done
run_twice "$days days of history"
