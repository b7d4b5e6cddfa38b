#!/usr/bin/env bash
# Stops the test Medusa server and its PostgreSQL. Safe to run when nothing is up.
set -uo pipefail
source "$(dirname "$0")/medusa-env.sh"
if [ -f "$MEDUSA_PID_FILE" ]; then
  pid=$(cat "$MEDUSA_PID_FILE")
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    log "Medusa stopped"
  fi
  rm -f "$MEDUSA_PID_FILE"
fi
PGBIN=$(pg_bin)
if [ -n "$PGBIN" ] && [ -f "$PG_DATA/PG_VERSION" ]; then
  su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$PG_DATA' -m fast stop" >/dev/null 2>&1 && log "PostgreSQL stopped"
fi
exit 0
