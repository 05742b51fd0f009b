#!/usr/bin/env bash
# The HTTP API benchmark of issue 12: `wrk` against `settlement serve` over a month of
# about 1M view events (figures, not a test).
#
#   bench/api.sh [--duration 15s] [--connections "16 64"] [--out DIR]
#
# On its own local MariaDB (scripts/local-db.sh, data in .local/bench-api-db, port
# SETTLEMENT_BENCH_DB_PORT, default 13308) it:
#   1. generates a catalog (100k members, 2,000 creators, 20,000 videos, 1,000 ads) and
#      October 2026: 31 days of 32,259 view events (1,000,029 in all) and a fifth as many
#      ad events; loads them and runs the 31 dates;
#   2. starts `settlement serve` on 127.0.0.1:SETTLEMENT_BENCH_HTTP_PORT (default 18081)
#      with 64 request threads and 8 read connections, and issues a finance and a creator
#      token;
#   3. runs wrk (2 threads, keep-alive, --latency) for each endpoint at each connection
#      count, after a 3 s warm-up: /v1/settlement?period=month&by=creator as finance (every
#      creator) and as a creator (their row), /v1/top?period=day, and /healthz (the server's
#      own ceiling, no database);
#   4. prints a Markdown table of requests/s, p50, p99 and non-2xx answers, also written to
#      DIR/api.md (DIR defaults to bench/out).
# Server, database and load generator share the machine. About 5 minutes on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
duration=15s
connections="16 64"
out=bench/out
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "bench-api: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

source bench/setup.sh
bench_setup .local/bench-api-db "${SETTLEMENT_BENCH_DB_PORT:-13308}" 2G settlement_bench_api

data=$here/.local/bench-api-data
log=$out/api.log
: >"$log"
rm -rf "$data"
echo "== generate and load October 2026 (1,000,029 view events)"
"$bin" generate --out "$data" --start-date 2026-10-01 --days 31 --views-per-day 32259 --members 100000 \
  --creators 2000 --advertisers 100 --videos 20000 --ads 1000 --seed 12 >>"$log" 2>&1
"$bin" load --members "$data/members.csv" --videos "$data/videos.csv" --ads "$data/ads.csv" \
  --video-ads "$data/video_ads.csv" --views "$data/views.csv" --ad-views "$data/ad_views.csv" >>"$log" 2>&1
echo "== run the 31 dates"
"$bin" run --from 2026-10-01 --to 2026-10-31 >>"$log" 2>&1

secret_file=$data/jwt-secret
openssl rand -base64 48 | tr -d '\n' >"$secret_file"
export SETTLEMENT_JWT_SECRET=$(cat "$secret_file")
port=${SETTLEMENT_BENCH_HTTP_PORT:-18081}
config=$data/serve.properties
printf 'http.threads = 64\nhttp.max_queued = 256\nhttp.db_pool_size = 8\n' >"$config"
"$bin" --config "$config" --log-level warn serve --listen "127.0.0.1:$port" >>"$log" 2>&1 &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
finance=$("$bin" token --role finance --ttl 1d)
# A creator with revenue in the month (the one with the most).
creator=$(curl -sf -H "Authorization: Bearer $finance" \
  "http://127.0.0.1:$port/v1/settlement?period=month&date=2026-10-15" |
  awk -F'[:,]' '/creator_id/ { gsub(/[^0-9]/, "", $2); gsub(/[^0-9]/, "", $8); if ($8 + 0 > best) { best = $8 + 0; id = $2 } } END { print id }')
creator_token=$("$bin" token --role creator --creator "$creator" --ttl 1d)
base=http://127.0.0.1:$port

# wrk's summary -> "req/s|p50|p99|non-2xx"
measure() {
  local url=$1 token=$2 c=$3 header=()
  [ -n "$token" ] && header=(-H "Authorization: Bearer $token")
  wrk -t2 -c"$c" -d3s "${header[@]}" "$url" >/dev/null 2>&1 || true
  wrk -t2 -c"$c" -d"$duration" --latency "${header[@]}" "$url" >"$data/wrk.out" 2>&1
  cat "$data/wrk.out" >>"$log"
  awk '/Requests\/sec/ { rps = $2 }
       /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
       /Non-2xx/ { bad = $NF }
       END { printf "%.0f|%s|%s|%d\n", rps, p50, p99, bad }' "$data/wrk.out"
}

table=$out/api.md
{
  echo "| endpoint | as | connections | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
} >"$table"
row() {
  local name=$1 who=$2 url=$3 token=$4 c
  for c in $connections; do
    IFS='|' read -r rps p50 p99 bad <<<"$(measure "$url" "$token" "$c")"
    echo "| $name | $who | $c | $rps | $p50 | $p99 | $bad |" | tee -a "$table"
  done
}
echo "== wrk, $duration per line (creator $creator)"
row "/v1/settlement?period=month&by=creator" finance "$base/v1/settlement?period=month&date=2026-10-15&by=creator" "$finance"
row "/v1/settlement?period=month&by=creator" "creator $creator" "$base/v1/settlement?period=month&date=2026-10-15&by=creator" "$creator_token"
row "/v1/top?period=day" finance "$base/v1/top?period=day&date=2026-10-15" "$finance"
row "/healthz" "-" "$base/healthz" ""
echo "table in $table, wrk output in $log"
