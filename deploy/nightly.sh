#!/bin/sh
# The nightly batch of docker-compose's `batch` service, as config/crontab.example runs it
# with cron: once a day at SETTLEMENT_RUN_AT_UTC (HH:MM, default 15:30 UTC = 00:30 in the
# default business time zone +09:00), `partitions ensure`, then `run` (yesterday, and every
# stale date), and a second try an hour after the first ends that skips what completed and resumes what
# did not. It also runs once when the container starts, so a restart catches up at once: a
# completed date is skipped and an interrupted one resumes (SPEC §9). Exit codes are logged
# (75: temporary, the next try will do); the loop never ends on them.
set -u
settlement() { /usr/local/bin/settlement --config /src/config/settlement.properties "$@"; }
at=${SETTLEMENT_RUN_AT_UTC:-15:30}
case "$at" in
  [0-2][0-9]:[0-5][0-9]) ;;
  *) echo "nightly: SETTLEMENT_RUN_AT_UTC must be HH:MM, got '$at'" >&2; exit 2 ;;
esac

nightly() {
  settlement partitions ensure || echo "nightly: partitions ensure exited $?" >&2
  settlement run || echo "nightly: run exited $?" >&2
}

# Seconds from now until the next HH:MM UTC.
seconds_until_run() {
  now=$(date -u +%s)
  target=$(date -u -d "$(date -u +%F) $at" +%s)
  [ "$target" -gt "$now" ] || target=$((target + 86400))
  echo $((target - now))
}

nightly
while :; do
  sleep "$(seconds_until_run)"
  nightly
  sleep 3600
  nightly
done
