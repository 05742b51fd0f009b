#!/usr/bin/env bash
# The benchmark of issue 5: a day of 10M view events (and 2M ad events) against the
# hardware's own floor, how the time grows with volume, and whether it grows with history.
#
#   bench/run.sh [--volumes "1 2 5 10"] [--history-days 30] [--out DIR]
#
# On its own local MariaDB (scripts/local-db.sh, data in .local/bench-db, port 13307,
# 8 GB buffer pool) it:
#   1. generates a catalog (100k videos, 1M members, 5k ads, 200k placements) and loads it;
#   2. per volume V (millions of view events, ad events = V/5): generates a day, loads it
#      (rows/s of both), measures the floor (one single-threaded scan of the day's log
#      partitions: SELECT COUNT(*), SUM(watched_sec) ...), then runs the whole date with
#      --threads 1 and with --threads = cores: wall time, rows/s, run/floor, peak RSS of
#      the settlement process, and the server's Innodb_deadlocks delta;
#   3. runs a 1M date that has --history-days processed days of the same volume before it,
#      against the 1M date without history;
#   4. writes a Markdown table (DIR/results.md) and a chart of time against volume with the
#      floor (DIR/volume.png, gnuplot), DIR defaulting to bench/out.
# Figures are printed as they come. Takes about half an hour on 2 cores at the default sizes.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
volumes="1 2 5 10"
history_days=30
out=bench/out
while [ $# -gt 0 ]; do
  case "$1" in
    --volumes) volumes=$2; shift 2 ;;
    --history-days) history_days=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)

source bench/setup.sh
bench_setup .local/bench-db 13307 8G settlement_bench
cores=$(nproc)

data=$here/.local/bench-data
rm -rf "$data"
mkdir -p "$data"
catalog=(--members 1000000 --creators 20000 --advertisers 500 --videos 100000 --ads 5000 --ads-per-video 2 --seed 11)
log=$out/bench.log
: >"$log"

# seconds of wall time of a command (stdout+stderr appended to the log)
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
deadlocks() { sql -e "SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'" | awk '{ print $2 }'; }

echo "== catalog"
t=$(now); "$bin" generate --out "$data/catalog" --catalog-only "${catalog[@]}" >>"$log" 2>&1; gen_catalog=$(since "$t")
t=$(now)
"$bin" load --members "$data/catalog/members.csv" --videos "$data/catalog/videos.csv" --ads "$data/catalog/ads.csv" \
  --video-ads "$data/catalog/video_ads.csv" >>"$log" 2>&1
load_catalog=$(since "$t")
echo "catalog: 1,305,000 rows generated in ${gen_catalog}s, loaded in ${load_catalog}s ($(rate 1305000 "$load_catalog") rows/s)"

# floor: the least work any correct run must do, a single-threaded scan of the day's logs
floor() {
  local best=999999 t s
  for _ in 1 2 3; do
    t=$(now)
    sql settlement_bench -e "SELECT COUNT(*), SUM(watched_sec) FROM view_log WHERE business_date = '$1';
                             SELECT COUNT(*), SUM(ad_id) FROM ad_view_log WHERE business_date = '$1'" >/dev/null
    s=$(since "$t")
    best=$(awk -v a="$best" -v b="$s" 'BEGIN { print (b < a ? b : a) }')
  done
  echo "$best"
}

# run_date DATE THREADS [--rerun]: prints "seconds peak_rss_kb deadlock_delta"
run_date() {
  local before after
  before=$(deadlocks)
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" run --date "$1" --threads "$2" ${3:-} >>"$log" 2>&1
  after=$(deadlocks)
  echo "$(cat "$out/time.txt") $((after - before))"
}

echo "| view events | ad events | generate rows/s | load rows/s | floor s | run 1 thread s | run $cores threads s | rows/s ($cores threads) | run/floor ($cores threads) | peak RSS MB | deadlocks |" >"$out/results.md"
echo "|---|---|---|---|---|---|---|---|---|---|---|" >>"$out/results.md"
: >"$out/volume.dat"
day_no=0
for v in $volumes; do
  day_no=$((day_no + 1))
  day=$(date -u -d "2026-01-04 + $day_no day" +%F)
  views=$((v * 1000000)); ads=$((v * 200000)); rows=$((views + ads))
  echo "== $v M view events on $day"
  t=$(now)
  "$bin" generate --out "$data/$day" --logs-only --start-date "$day" "${catalog[@]}" \
    --views-per-day "$views" --ad-views-per-day "$ads" >>"$log" 2>&1
  gen=$(since "$t")
  t=$(now)
  "$bin" load --views "$data/$day/views.csv" --ad-views "$data/$day/ad_views.csv" >>"$log" 2>&1
  load=$(since "$t")
  rm -rf "${data:?}/$day"
  fl=$(floor "$day")
  read -r t1 rss1 dl1 < <(run_date "$day" 1)
  read -r tn rssn dln < <(run_date "$day" "$cores" --rerun)
  [ "$v" = 1 ] && read -r one_first _ _ < <(run_date "$day" "$cores" --rerun)  # history baseline, see below
  rss=$(awk -v a="$rss1" -v b="$rssn" 'BEGIN { printf "%.1f", (a > b ? a : b) / 1024 }')
  ratio=$(awk -v a="$tn" -v b="$fl" 'BEGIN { printf "%.1f", a / b }')
  echo "generate $(rate $rows "$gen") rows/s, load $(rate $rows "$load") rows/s, floor ${fl}s, run 1 thread ${t1}s, $cores threads ${tn}s (run/floor $ratio), peak RSS ${rss} MB, deadlocks $((dl1 + dln))"
  echo "| $views | $ads | $(rate $rows "$gen") | $(rate $rows "$load") | $fl | $t1 | $tn | $(rate $rows "$tn") | $ratio | $rss | $((dl1 + dln)) |" >>"$out/results.md"
  echo "$v $fl $t1 $tn" >>"$out/volume.dat"
  [ "$v" = 1 ] && { one_day=$day; one_time=$one_first; }
done

if [ -n "${one_day:-}" ] && [ "$history_days" -gt 0 ]; then
  # The same 1M day copied onto the history_days days before a later date, all processed,
  # then that date run: its cost should not depend on the days before it.
  target=$(date -u -d "$one_day + 60 day" +%F)
  first=$(date -u -d "$target - $history_days day" +%F)
  echo "== $history_days days of history before $target"
  sql settlement_bench -e "CALL ensure_log_partitions('$first', '$target')" >/dev/null
  for k in $(seq 0 "$history_days"); do
    d=$(date -u -d "$first + $k day" +%F)
    shift_days=$(( ( $(date -u -d "$d" +%s) - $(date -u -d "$one_day" +%s) ) / 86400 ))
    sql settlement_bench -e "
      INSERT INTO view_log SELECT business_date + INTERVAL $shift_days DAY, video_id, viewer_id,
             started_at + INTERVAL $shift_days DAY, event_id, ip, watched_sec, last_position_sec
        FROM view_log WHERE business_date = '$one_day';
      INSERT INTO ad_view_log SELECT business_date + INTERVAL $shift_days DAY, video_id, viewer_id, ad_id,
             viewed_at + INTERVAL $shift_days DAY, event_id, ip
        FROM ad_view_log WHERE business_date = '$one_day'"
  done
  last_history=$(date -u -d "$target - 1 day" +%F)
  "$bin" run --from "$first" --to "$last_history" --threads "$cores" >>"$log" 2>&1
  # Like for like: both figures are a rerun of a date that is the newest processed one.
  run_date "$target" "$cores" >/dev/null
  read -r th rssh dlh < <(run_date "$target" "$cores" --rerun)
  growth=$(awk -v a="$th" -v b="$one_time" 'BEGIN { printf "%.2f", a / b }')
  echo "1M date with $history_days processed days before it: rerun ${th}s vs ${one_time}s without (x$growth), deadlocks $dlh"
  {
    echo
    echo "| history | run $cores threads s | ratio |"
    echo "|---|---|---|"
    echo "| 1 day (the 1M date) | $one_time | 1.00 |"
    echo "| $history_days processed days before the date | $th | $growth |"
  } >>"$out/results.md"
fi

gnuplot <<GNUPLOT
set terminal png size 800,500
set output "$out/volume.png"
set title "settlement run time against the day's volume ($cores cores, MariaDB 10.11)"
set xlabel "view events in the day (millions; ad events = 1/5)"
set ylabel "seconds"
set key left top
set grid
plot "$out/volume.dat" using 1:2 with linespoints title "floor: one scan of the day", \
     "$out/volume.dat" using 1:3 with linespoints title "run, 1 thread", \
     "$out/volume.dat" using 1:4 with linespoints title "run, $cores threads"
GNUPLOT
rm -f "$out/time.txt"
echo
cat "$out/results.md"
echo "chart: $out/volume.png; log: $out/bench.log"
