#!/usr/bin/env bash
# Brings up PostgreSQL and a real Medusa backend on loopback for the
# integration tests: 2.18.0 from testdata/medusa-server, or the Medusa another
# MEDUSA_APP_DIR pins (testdata/medusa-server-next: make test-next).
# Idempotent: each step is skipped when already done. MEDUSA_INSTALL_ONLY=1
# only installs the tools and the app's node_modules.
set -euo pipefail
source "$(dirname "$0")/medusa-env.sh"
started=$(date +%s)

need_cmd() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  log "installing $* with apt-get"
  if [ ! -f "$MEDUSA_STATE_DIR/.apt-updated" ]; then apt-get update -qq; touch "$MEDUSA_STATE_DIR/.apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
mkdir -p "$MEDUSA_STATE_DIR"

# One state dir serves one app: its database is migrated by that app's Medusa,
# which cannot be undone. The app is known by its package name.
app_name=$(sed -n 's/^  "name": "\(.*\)",$/\1/p' "$MEDUSA_APP_DIR/package.json")
[ -n "$app_name" ] || { log "no package name in $MEDUSA_APP_DIR/package.json"; exit 1; }
if [ -f "$MEDUSA_STATE_DIR/app-name" ] && [ "$(cat "$MEDUSA_STATE_DIR/app-name")" != "$app_name" ]; then
  log "$MEDUSA_STATE_DIR holds the server of $(cat "$MEDUSA_STATE_DIR/app-name"), not $app_name: give $MEDUSA_APP_DIR its own MEDUSA_STATE_DIR, MEDUSA_PORT and PG_PORT"
  exit 1
fi
echo "$app_name" > "$MEDUSA_STATE_DIR/app-name"

# ---- tools -------------------------------------------------------------------
need_cmd curl || apt_install curl
need_cmd node || { log "Node.js 20.19+ is required (https://nodejs.org)"; exit 1; }
PGBIN=$(pg_bin)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/postgres" ] || ! id postgres >/dev/null 2>&1 || ! need_cmd psql; then
  apt_install postgresql
  PGBIN=$(pg_bin)
fi

# ---- the Medusa project: npm ci from the committed lock -----------------------
cd "$MEDUSA_APP_DIR"
if [ "$(cd "$MEDUSA_APP_SOURCES" && pwd -P)" != "$(pwd -P)" ]; then
  # Not tracked here (.gitignore): always the sources' current files.
  rm -rf src
  cp -R "$MEDUSA_APP_SOURCES/src" src
  cp "$MEDUSA_APP_SOURCES/medusa-config.ts" "$MEDUSA_APP_SOURCES/tsconfig.json" .
fi
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.medusa-go-lock 2>/dev/null)" != "$lock_sum" ]; then
  log "npm ci (first run takes about a minute)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.medusa-go-lock
fi
node_modules/.bin/medusa telemetry --disable >/dev/null 2>&1 || true
# MEDUSA_INSTALL_ONLY=1: stop here (.ci/run installs both servers while the
# Go checks run; nothing is started).
if [ "${MEDUSA_INSTALL_ONLY:-}" = 1 ]; then
  log "installed $MEDUSA_APP_DIR in $(( $(date +%s) - started ))s"
  exit 0
fi

# ---- PostgreSQL on loopback, private port and socket dir ----------------------
# PostgreSQL refuses to run as root, so it runs as the postgres user.
mkdir -p "$PG_DIR"; chown postgres:postgres "$PG_DIR"; chmod 700 "$PG_DIR"
as_pg() { su postgres -s /bin/sh -c "$*"; }
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  log "initdb $PG_DATA"
  as_pg "$PGBIN/initdb -D '$PG_DATA' -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8" >/dev/null
fi
if ! as_pg "$PGBIN/pg_ctl -D '$PG_DATA' status" >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_pg "$PGBIN/pg_ctl -D '$PG_DATA' -l '$PG_DIR/postgres.log' -w -t 60 -o \"-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$PG_DIR'\" start" >/dev/null
fi
psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
psql_q -c "select 1 from pg_database where datname='medusa'" | grep -q 1 || psql_q -c "create database medusa"

# ---- schema and admin user ----------------------------------------------------
# Migrations run again only when the lock (so Medusa's version), the config
# (so the modules, whose tables they create) or the search index definitions
# (src/search: the Search Module creates and seeds its indexes in db:migrate)
# changed.
# (the RBAC flag loads a module with its own tables: it is part of the sum)
migrate_sum=$( (cat package-lock.json medusa-config.ts $(find src/search -type f 2>/dev/null | sort); echo "rbac=${MEDUSA_FF_RBAC:-}") | sha256sum | cut -d' ' -f1)
if [ "$(cat "$MEDUSA_STATE_DIR/migrated" 2>/dev/null)" != "$migrate_sum" ]; then
  log "medusa db:migrate"
  # Never a prompt: when a module or plugin left the config, Medusa asks
  # whether to drop its link tables; safe link actions only (create), none asked.
  node_modules/.bin/medusa db:migrate --execute-safe-links < /dev/null > "$MEDUSA_STATE_DIR/migrate.log" 2>&1 || { tail -40 "$MEDUSA_STATE_DIR/migrate.log"; exit 1; }
  echo "$migrate_sum" > "$MEDUSA_STATE_DIR/migrated"
  migrated_now=1
fi
# `medusa user` is not idempotent, so look first.
if ! psql_q -d medusa -c "select 1 from \"user\" where email='$MEDUSA_ADMIN_EMAIL' and deleted_at is null" | grep -q 1; then
  log "creating admin user $MEDUSA_ADMIN_EMAIL"
  node_modules/.bin/medusa user -e "$MEDUSA_ADMIN_EMAIL" -p "$MEDUSA_ADMIN_PASSWORD" > "$MEDUSA_STATE_DIR/user.log" 2>&1 || { tail -40 "$MEDUSA_STATE_DIR/user.log"; exit 1; }
fi

# ---- start and wait for /health ------------------------------------------------
if healthy && ! kill -0 "$(cat "$MEDUSA_PID_FILE" 2>/dev/null || echo 0)" 2>/dev/null; then
  log "something else already answers on $MEDUSA_URL (not started from $MEDUSA_STATE_DIR); set MEDUSA_PORT to another port"
  exit 1
fi
# The server runs its config, routes and subscribers as they were when it
# started: restart the one this state dir started when they changed since, or
# when the database was migrated under it (a module's loader reads its tables
# at start only).
app_sum=$( (cat medusa-config.ts "$REPO_ROOT/scripts/medusa-env.sh"; find src -type f | LC_ALL=C sort | xargs cat; echo "rbac=${MEDUSA_FF_RBAC:-}") | sha256sum | cut -d' ' -f1)
if healthy && { [ "$(cat "$MEDUSA_STATE_DIR/app-sum" 2>/dev/null)" != "$app_sum" ] || [ -n "${migrated_now:-}" ]; }; then
  pid=$(cat "$MEDUSA_PID_FILE")
  log "the test server's config, sources or schema changed since it started: restarting Medusa"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do healthy || break; sleep 0.5; done
fi
if ! healthy; then
  log "starting Medusa on $MEDUSA_URL"
  touch "$MEDUSA_RESET_TOKEN_FILE"; chmod 600 "$MEDUSA_RESET_TOKEN_FILE"
  # Call the binary directly (not npx) so that $! is the server's PID.
  setsid nohup node_modules/.bin/medusa start -H "$MEDUSA_HOST" -p "$MEDUSA_PORT" > "$MEDUSA_LOG" 2>&1 < /dev/null &
  echo $! > "$MEDUSA_PID_FILE"
  for _ in $(seq 1 240); do
    healthy && break
    if ! kill -0 "$(cat "$MEDUSA_PID_FILE")" 2>/dev/null; then log "Medusa exited:"; tail -50 "$MEDUSA_LOG"; exit 1; fi
    sleep 0.5
  done
fi
healthy || { log "Medusa did not become healthy; last log lines:"; tail -50 "$MEDUSA_LOG"; exit 1; }
echo "$app_sum" > "$MEDUSA_STATE_DIR/app-sum"
log "up: $MEDUSA_URL (PostgreSQL 127.0.0.1:$PG_PORT, state $MEDUSA_STATE_DIR) in $(( $(date +%s) - started ))s"

# What the Go tests need to find this server (internal/medusatest reads it).
umask 077
cat > "$MEDUSA_STATE_DIR/server.json" <<JSON
{
  "url": "$MEDUSA_URL",
  "admin_email": "$MEDUSA_ADMIN_EMAIL",
  "admin_password": "$MEDUSA_ADMIN_PASSWORD",
  "jwt_secret": "$MEDUSA_JWT_SECRET",
  "reset_token_file": "$MEDUSA_RESET_TOKEN_FILE",
  "medusa_version": "$(node -p 'require("./node_modules/@medusajs/medusa/package.json").version')"
}
JSON
