#!/usr/bin/env bash
# Runs examples/quickstart against the local test server (started when needed).
set -euo pipefail
here=$(dirname "$0")
source "$here/medusa-env.sh"
"$here/medusa-up.sh"
cd "$REPO_ROOT"
MEDUSA_URL=$MEDUSA_URL MEDUSA_ADMIN_EMAIL=$MEDUSA_ADMIN_EMAIL MEDUSA_ADMIN_PASSWORD=$MEDUSA_ADMIN_PASSWORD \
  go run ./examples/quickstart
