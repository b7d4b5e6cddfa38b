#!/usr/bin/env bash
# Runs a command with the test Medusa server up. A server that was already up is
# left running; one started here is stopped afterwards, whatever the command did.
set -uo pipefail
here=$(dirname "$0")
source "$here/medusa-env.sh"
was_up=false
healthy && was_up=true
"$here/medusa-up.sh" || exit 1
# The public test kit (medusatest) uses this server too, rather than start
# its own (MEDUSATEST_URL: README, "Testing your service").
if [ -z "${MEDUSATEST_URL:-}" ]; then
  export MEDUSATEST_URL=$MEDUSA_URL MEDUSATEST_ADMIN_EMAIL=$MEDUSA_ADMIN_EMAIL MEDUSATEST_ADMIN_PASSWORD=$MEDUSA_ADMIN_PASSWORD
  MEDUSATEST_MEDUSA_VERSION=$(sed -n 's/.*"medusa_version": "\(.*\)".*/\1/p' "$MEDUSA_STATE_DIR/server.json")
  export MEDUSATEST_MEDUSA_VERSION
fi
"$@"; rc=$?
$was_up || "$here/medusa-down.sh"
exit $rc
