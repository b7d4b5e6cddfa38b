# Shared settings for the test server scripts; sourced, not run.
# Every value can be overridden from the environment (the Makefile passes its own).
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MEDUSA_APP_DIR=${MEDUSA_APP_DIR:-$REPO_ROOT/testdata/medusa-server}
# The config and sources (medusa-config.ts, tsconfig.json, src/) the server runs.
# An app dir that only pins another Medusa (testdata/medusa-server-next) gets
# them copied in from here by medusa-up.sh.
MEDUSA_APP_SOURCES=${MEDUSA_APP_SOURCES:-$REPO_ROOT/testdata/medusa-server}
# State lives outside the repository: PostgreSQL's data directory must be reachable by
# the postgres user, which a checkout under /root is not.
MEDUSA_STATE_DIR=${MEDUSA_STATE_DIR:-/tmp/medusa-go}
MEDUSA_HOST=${MEDUSA_HOST:-127.0.0.1}
MEDUSA_PORT=${MEDUSA_PORT:-9100}
PG_PORT=${PG_PORT:-54329}
MEDUSA_ADMIN_EMAIL=${MEDUSA_ADMIN_EMAIL:-admin@medusa-go.test}
MEDUSA_ADMIN_PASSWORD=${MEDUSA_ADMIN_PASSWORD:-medusa-go-secret}
MEDUSA_JWT_SECRET=${MEDUSA_JWT_SECRET:-medusa-go-test-jwt}
MEDUSA_COOKIE_SECRET=${MEDUSA_COOKIE_SECRET:-medusa-go-test-cookie}
MEDUSA_RESET_TOKEN_FILE=${MEDUSA_RESET_TOKEN_FILE:-$MEDUSA_STATE_DIR/reset-tokens.jsonl}
MEDUSA_URL=${MEDUSA_URL:-http://$MEDUSA_HOST:$MEDUSA_PORT}

PG_DIR=$MEDUSA_STATE_DIR/pg
PG_DATA=$PG_DIR/data
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/medusa
MEDUSA_PID_FILE=$MEDUSA_STATE_DIR/medusa.pid
MEDUSA_LOG=$MEDUSA_STATE_DIR/medusa.log

# Medusa would otherwise queue anonymous usage events for an outside host.
export MEDUSA_DISABLE_TELEMETRY=true
# `medusa start` defaults to production, where the session cookie is Secure and is
# silently dropped over plain http: cookie sessions would not work in the tests.
export NODE_ENV=development
export DATABASE_URL MEDUSA_RESET_TOKEN_FILE
export MEDUSA_BACKEND_URL=$MEDUSA_URL
export JWT_SECRET=$MEDUSA_JWT_SECRET COOKIE_SECRET=$MEDUSA_COOKIE_SECRET

log() { printf '[medusa] %s\n' "$*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

healthy() { curl -fsS --max-time 2 "$MEDUSA_URL/health" >/dev/null 2>&1; }
