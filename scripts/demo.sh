#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, starts a local MariaDB,
# migrates, generates a demo day of logs, loads it, runs the daily job, prints reports, and
# starts `settlement serve` in the background (port SETTLEMENT_DEMO_PORT, default 18080)
# with a working curl line, and the dashboard's address with a token to paste into it.
# Re-running it is safe: the catalog is upserted, repeated events are ignored, and the
# completed date is run again with --rerun.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
echo "== build"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target settlement >/dev/null
bin=build/orchestrator/settlement

echo "== local database"
scripts/local-db.sh start --accounts
config=config/local.properties
# Each command with its own least-privilege account (README "Least privilege").
as() { (eval "$(scripts/local-db.sh env --account "$1")"; shift; "$bin" --config "$config" "$@"); }

echo "== migrate (as the owner; grants the batch and reader accounts)"
as owner migrate

demo=.local/demo
rm -rf "$demo"
# Yesterday in the business time zone (+09:00): what cron's `settlement run` processes.
day=$(date -u -d "@$(( $(date -u +%s) + 9 * 3600 - 86400 ))" +%F)
echo "== generate a demo day: $day"
as batch generate --out "$demo" --start-date "$day" --members 5000 --creators 20 \
  --advertisers 5 --videos 300 --ads 30 --views-per-day 200000 --ad-views-per-day 40000 --seed 7

echo "== load"
as batch load --members "$demo/members.csv" --videos "$demo/videos.csv" --ads "$demo/ads.csv" \
  --video-ads "$demo/video_ads.csv" --views "$demo/views.csv" --ad-views "$demo/ad_views.csv"

echo "== run $day"
as batch run --date "$day" --rerun
as reader status --date "$day"

echo
echo "== top 10 videos of $day by views"
as reader report top --period day --date "$day" --by views --limit 10
echo
echo "== top 5 videos of the week by watch time"
as reader report top --period week --date "$day" --by watch_time --limit 5
echo
echo "== statistics of the first videos of $day"
as reader report stats --period day --date "$day" --format csv | head -n 11
echo
echo "== settlement of $day by creator"
as reader report settlement --period day --date "$day"
echo
echo "Try: eval \"\$(scripts/local-db.sh env --account reader)\"; $bin --config $config report settlement --period month --date $day --by video --format json"

echo
echo "== serve: the HTTP API"
# The demo's token secret, made once and kept (so earlier tokens stay valid on a rerun).
secret_file=.local/jwt-secret
[ -s "$secret_file" ] || (umask 077 && openssl rand -base64 48 | tr -d '\n' > "$secret_file")
export SETTLEMENT_JWT_SECRET=$(cat "$secret_file")
port=${SETTLEMENT_DEMO_PORT:-18080}
pidfile=.local/serve.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then kill "$(cat "$pidfile")"; sleep 1; fi
(eval "$(scripts/local-db.sh env --account reader)"; exec nohup $bin --config $config serve --listen "127.0.0.1:$port" > .local/serve.log 2>&1) &
echo $! > "$pidfile"
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
token=$(as reader token --role finance --ttl 1d)
url="http://127.0.0.1:$port/v1/settlement?period=month&date=$day"
curl -sf -H "Authorization: Bearer $token" "$url" | head -n 4
echo "..."
echo
echo "serve runs in the background: pid $(cat "$pidfile"), log in .local/serve.log; stop it with: kill $(cat "$pidfile")"
echo "A finance token (valid one day; \`$bin --config $config token --role creator --creator 3\` makes a creator's):"
echo "  curl -s -H 'Authorization: Bearer $token' '$url'"
echo
echo "The dashboard: open http://127.0.0.1:$port/?period=month&date=$day in a browser and paste this token:"
echo "  $token"
echo "The local database keeps running (scripts/local-db.sh stop stops it)."
