#!/usr/bin/env bash
# Generate gen/store and gen/admin from another Medusa release's specs with the
# project's unchanged configs, rules and template, in a temporary copy of the
# module, then build, vet and run the every-operation test against that code.
#
#   openapi/scripts/compat.sh [LOCK]   (default openapi/compat.lock.json)
#
# The specs come from $MEDUSA_OAS_BASE/<version> (default ../shared/medusa-oas
# next to the repository) and are checked against LOCK's sha256.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lock=${1:-openapi/compat.lock.json}
base=${MEDUSA_OAS_BASE:-$root/../shared/medusa-oas}
GO=${GO:-go}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/medusa-go-compat.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cd "$root"
mkdir -p "$tmp/openapi/specs" "$tmp/gen/store" "$tmp/gen/admin"
cp go.mod go.sum "$tmp/"
cp -r internal tools apierror "$tmp/"
cp openapi/*.cfg.yaml openapi/*.json "$tmp/openapi/"
cp -r openapi/templates openapi/names "$tmp/openapi/"
cp "$lock" "$tmp/openapi/compat.lock.json"

cd "$tmp"
env -u MEDUSA_OAS_DIR -u MEDUSA_OAS_URL "$GO" run ./internal/cmd/specsync -lock openapi/compat.lock.json -base "$base" -out openapi/specs
for api in store admin; do
	"$GO" run ./internal/cmd/specfix -in "openapi/specs/$api.oas.yaml" -out "openapi/specs/$api.fixed.json"
	"$GO" tool -modfile=tools/go.mod oapi-codegen -config "openapi/$api.cfg.yaml" "openapi/specs/$api.fixed.json"
	"$GO" run ./internal/cmd/gensdk -spec "openapi/specs/$api.fixed.json" -gen "gen/$api/$api.gen.go" -out "gen/$api/sdk.gen.go" -names "openapi/names/$api.json"
done
wc -l gen/store/*.go gen/admin/*.go
"$GO" build ./gen/...
"$GO" vet ./gen/...
"$GO" test -race -count=1 ./internal/gentest
echo "gen-compat: $(sed -n 's/.*"medusa": "\(.*\)".*/\1/p' openapi/compat.lock.json) generates, compiles and passes the every-operation test"
