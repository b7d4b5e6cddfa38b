#!/usr/bin/env bash
# Runs a command with the test Medusa server up. A server that was already up is
# left running; one started here is stopped afterwards, whatever the command did.
set -uo pipefail
here=$(dirname "$0")
source "$here/medusa-env.sh"
was_up=false
healthy && was_up=true
"$here/medusa-up.sh" || exit 1
"$@"; rc=$?
$was_up || "$here/medusa-down.sh"
exit $rc
