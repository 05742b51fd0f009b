#!/usr/bin/env bash
# The benchmark of issues 5 and 15: loading at bulk-load speed, and a day of 10M view events
# (and 2M ad events) run against the hardware's own floor, how the time grows with volume,
# and whether it grows with history. Every reference is measured in the same run, on the
# same server, so the ratios hold on a shared, noisy machine.
#
#   bench/run.sh [--volumes "1 2 5 10"] [--history-days 30] [--out DIR]
#
# On its own local MariaDB (scripts/local-db.sh, data in .local/bench-db, port
# SETTLEMENT_BENCH_DB_PORT, default 13366, 8 GB buffer pool) it:
#   1. generates a catalog (100k videos, 1M members, 5k ads, 200k placements) and loads it;
#   2. per volume V (millions of view events, ad events = V/5): generates a day;
#      loads its views file with `settlement load --views` and, just before, the same file
#      with a bare `LOAD DATA LOCAL INFILE` into a table LIKE view_log (the reference:
#      no validation, no identity, no quarantine): rows/s of both and their ratio, and the
#      peak RSS of the load; then the ad events; measures the floor (one single-threaded
#      scan of the day's log partitions: SELECT COUNT(*), SUM(watched_sec) ...), then runs
#      the whole date with --threads 1 and with --threads = cores (--rerun): wall time,
#      run/floor, peak RSS, the server's Innodb_deadlocks delta, and each step's task time;
#   3. at the first volume, the load cost of event identity: the same views file into two
#      scratch databases, one as built and one whose commit_event_lines skips
#      claim_line_ids (the registry insert and the search for lines whose claim failed),
#      back to back;
#   4. runs a 1M date that has --history-days processed days of the same volume before it,
#      against the 1M date without history;
#   5. writes a Markdown table (DIR/results.md) and a chart of time against volume with the
#      floor and the reference load (DIR/volume.png, gnuplot), DIR defaulting to bench/out.
# Figures are printed as they come. Takes about an hour on 2 cores at the default sizes.
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
bench_setup .local/bench-db "${SETTLEMENT_BENCH_DB_PORT:-13366}" 8G settlement_bench
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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
deadlocks() { sql -e "SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'" | awk '{ print $2 }'; }
offset_minutes() { sql "$1" -e "CALL business_offset_minutes(@m); SELECT @m"; }

echo "== catalog"
t=$(now); "$bin" generate --out "$data/catalog" --catalog-only "${catalog[@]}" >>"$log" 2>&1; gen_catalog=$(since "$t")
t=$(now)
"$bin" load --members "$data/catalog/members.csv" --videos "$data/catalog/videos.csv" --ads "$data/catalog/ads.csv" \
  --video-ads "$data/catalog/video_ads.csv" >>"$log" 2>&1
load_catalog=$(since "$t")
echo "catalog: 1,305,000 rows generated in ${gen_catalog}s, loaded in ${load_catalog}s ($(rate 1305000 "$load_catalog") rows/s)"

# The reference: a bare LOAD DATA LOCAL INFILE of the views file into a table LIKE view_log
# (the day's partition exists, as for the product), dropped afterwards. Prints seconds.
reference_load() {
  local db=$1 file=$2 day=$3 t s
  sql "$db" -e "CALL ensure_log_partitions('$day', '$day'); DROP TABLE IF EXISTS bench_reference_log;
                CREATE TABLE bench_reference_log LIKE view_log"
  t=$(now)
  sql --local-infile=1 "$db" -e "LOAD DATA LOCAL INFILE '$file' INTO TABLE bench_reference_log CHARACTER SET utf8mb4
    FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' IGNORE 1 LINES
    (event_id, viewer_id, video_id, ip, @at, watched_sec, last_position_sec)
    SET started_at = @at, business_date = DATE(@at + INTERVAL $(offset_minutes "$db") MINUTE)" 2>>"$log"
  s=$(since "$t")
  sql "$db" -e "DROP TABLE bench_reference_log"
  echo "$s"
}

# product_load DB FILE OPTION: "seconds peak_rss_kb" of `settlement load OPTION FILE` into DB
product_load() {
  SETTLEMENT_DB_NAME=$1 /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" load "$3" "$2" >>"$log" 2>&1
  cat "$out/time.txt"
}

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

# the last run of DATE, per step: "step tasks task_s" lines
step_times() {
  sql settlement_bench -e "SELECT t.step, COUNT(*), ROUND(SUM(t.duration_ms) / 1000, 2)
                             FROM job_task t JOIN job_run r ON r.id = t.run_id
                            WHERE r.job = 'daily' AND r.business_date = '$1' GROUP BY t.step_no, t.step ORDER BY t.step_no"
}

# A scratch database with the catalog, for the identity comparison; with "noid", its
# commit_event_lines claims no id (every valid line counts as new): bench only.
scratch_db() {
  local name=$1 mode=$2
  sql -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name"
  SETTLEMENT_DB_NAME=$name "$bin" migrate >>"$log" 2>&1
  sql "$name" -e "INSERT INTO member SELECT * FROM settlement_bench.member; INSERT INTO video SELECT * FROM settlement_bench.video;
                  INSERT INTO ad SELECT * FROM settlement_bench.ad; INSERT INTO video_ad SELECT * FROM settlement_bench.video_ad"
  if [ "$mode" = noid ]; then
    # No claim_line_ids (no registry insert, no search for lines whose claim failed); a
    # line repeated whole within the file is then kept out by the log's primary key.
    awk '/CALL claim_line_ids/ { print "  SELECT COUNT(*) INTO v_valid FROM tmp_view_line;"; print "  SET v_inserted = v_valid;"; next }
         /INSERT INTO view_log / { sub(/INSERT INTO/, "INSERT IGNORE INTO") }
         !/^--/' sql/procedures/commit_event_lines.sql >"$out/commit_event_lines_noid.sql"
    { echo "DROP PROCEDURE commit_event_lines;"; echo "DELIMITER //"; cat "$out/commit_event_lines_noid.sql"; echo "//"; } | sql "$name"
  fi
}

{
  echo "| view events | ad events | load views rows/s | reference LOAD DATA rows/s | load / reference | load peak RSS MB | load ad events rows/s | floor s | run 1 thread s | run $cores threads s | run/floor ($cores threads) | run peak RSS MB | deadlocks |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$out/results.md"
: >"$out/steps.md"
: >"$out/volume.dat"
day_no=0
for v in $volumes; do
  day_no=$((day_no + 1))
  day=$(date -u -d "2026-01-04 + $day_no day" +%F)
  views=$((v * 1000000)); ads=$((v * 200000))
  echo "== $v M view events on $day"
  "$bin" generate --out "$data/$day" --logs-only --start-date "$day" "${catalog[@]}" \
    --views-per-day "$views" --ad-views-per-day "$ads" >>"$log" 2>&1
  ref=$(reference_load settlement_bench "$data/$day/views.csv" "$day")
  read -r lv rssl < <(product_load settlement_bench "$data/$day/views.csv" --views)
  read -r la _ < <(product_load settlement_bench "$data/$day/ad_views.csv" --ad-views)
  if [ "$day_no" = 1 ]; then
    # The load cost of event identity, same file, same state, back to back.
    scratch_db settlement_bench_id id
    scratch_db settlement_bench_noid noid
    refs=$(reference_load settlement_bench_id "$data/$day/views.csv" "$day")
    read -r lid _ < <(product_load settlement_bench_id "$data/$day/views.csv" --views)
    read -r lnoid _ < <(product_load settlement_bench_noid "$data/$day/views.csv" --views)
    identity="| $views | $(rate $views "$lid") | $(rate $views "$lnoid") | $(rate $views "$refs") | $(ratio "$refs" "$lid") | $(ratio "$refs" "$lnoid") |"
    echo "identity: with $(rate $views "$lid") rows/s, without $(rate $views "$lnoid") rows/s, reference $(rate $views "$refs") rows/s"
    sql -e "DROP DATABASE settlement_bench_id; DROP DATABASE settlement_bench_noid"
  fi
  rm -rf "${data:?}/$day"
  fl=$(floor "$day")
  read -r t1 rss1 dl1 < <(run_date "$day" 1)
  read -r tn rssn dln < <(run_date "$day" "$cores" --rerun)
  # The history baseline (below): --verify, so both dates recount every range (their
  # samples differ).
  [ "$v" = 1 ] && read -r one_first _ _ < <(run_date "$day" "$cores" "--rerun --verify")
  rss=$(awk -v a="$rss1" -v b="$rssn" 'BEGIN { printf "%.1f", (a > b ? a : b) / 1024 }')
  run_ratio=$(awk -v a="$tn" -v b="$fl" 'BEGIN { printf "%.1f", a / b }')
  load_ratio=$(ratio "$ref" "$lv")
  echo "load views $(rate $views "$lv") rows/s vs reference $(rate $views "$ref") rows/s (x$load_ratio), peak RSS $((rssl / 1024)) MB; ad events $(rate $ads "$la") rows/s"
  echo "floor ${fl}s, run 1 thread ${t1}s, $cores threads ${tn}s (run/floor $run_ratio), peak RSS ${rss} MB, deadlocks $((dl1 + dln))"
  echo "| $views | $ads | $(rate $views "$lv") | $(rate $views "$ref") | $load_ratio | $((rssl / 1024)) | $(rate $ads "$la") | $fl | $t1 | $tn | $run_ratio | $rss | $((dl1 + dln)) |" >>"$out/results.md"
  { echo "$views view events, run with $cores threads (step, tasks, task seconds):"; step_times "$day" | sed 's/^/    /'; } >>"$out/steps.md"
  echo "$v $fl $t1 $tn $lv $ref" >>"$out/volume.dat"
  [ "$v" = 1 ] && { one_day=$day; one_time=$one_first; one_run=$tn; }
  last_v=$v; last_run=$tn
done

if [ -n "${identity:-}" ]; then
  {
    echo
    echo "| view events | load with event identity rows/s | without (no registry claim) rows/s | reference LOAD DATA rows/s | with / reference | without / reference |"
    echo "|---|---|---|---|---|---|"
    echo "$identity"
  } >>"$out/results.md"
fi
if [ -n "${one_run:-}" ] && [ "${last_v:-1}" != 1 ]; then
  growth=$(ratio "$last_run" "$one_run")
  echo "run time ${last_v}M / 1M: x$growth"
  { echo; echo "Run time ${last_v}M / 1M ($cores threads): $last_run s / $one_run s = x$growth"; } >>"$out/results.md"
fi

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
  # Like for like: both figures are a rerun of a date that is the newest processed one,
  # with every range recounted.
  run_date "$target" "$cores" >/dev/null
  read -r th rssh dlh < <(run_date "$target" "$cores" "--rerun --verify")
  growth=$(awk -v a="$th" -v b="$one_time" 'BEGIN { printf "%.2f", a / b }')
  echo "1M date with $history_days processed days before it: rerun ${th}s vs ${one_time}s without (x$growth), deadlocks $dlh"
  {
    echo
    echo "| history (rerun with --verify) | run $cores threads s | ratio |"
    echo "|---|---|---|"
    echo "| 1 day (the 1M date) | $one_time | 1.00 |"
    echo "| $history_days processed days before the date | $th | $growth |"
  } >>"$out/results.md"
fi

gnuplot <<GNUPLOT
set terminal png size 900,500
set output "$out/volume.png"
set title "settlement: run and load time against the day's volume ($cores cores, MariaDB 10.11)"
set xlabel "view events in the day (millions; ad events = 1/5)"
set ylabel "seconds"
set key left top
set grid
plot "$out/volume.dat" using 1:2 with linespoints title "floor: one scan of the day", \
     "$out/volume.dat" using 1:3 with linespoints title "run, 1 thread", \
     "$out/volume.dat" using 1:4 with linespoints title "run, $cores threads", \
     "$out/volume.dat" using 1:5 with linespoints title "load --views", \
     "$out/volume.dat" using 1:6 with linespoints title "reference: bare LOAD DATA of the views file"
GNUPLOT
rm -f "$out/time.txt"
echo
cat "$out/results.md"
echo
cat "$out/steps.md"
echo "chart: $out/volume.png; log: $out/bench.log"
