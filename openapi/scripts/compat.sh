#!/usr/bin/env bash
# Generate gen/store and gen/admin from another Medusa release's specs with the
# project's unchanged configs, rules and template, in a temporary copy of the
# module, then build and vet every module of the workspace with every build
# tag (tests included) and run the every-operation test against that code.
#
#   openapi/scripts/compat.sh [LOCK]   (default openapi/compat.lock.json;
#                                       COMPAT_KEEP=1 keeps the temporary copy)
#
# The specs come from $MEDUSA_OAS_BASE/<version> (default ../shared/medusa-oas
# next to the repository) and are checked against LOCK's sha256.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lock=${1:-openapi/compat.lock.json}
base=${MEDUSA_OAS_BASE:-$root/../shared/medusa-oas}
GO=${GO:-go}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/medusa-go-compat.XXXXXX")
trap 'if [ -n "${COMPAT_KEEP:-}" ]; then echo "gen-compat: kept $tmp"; else rm -rf "$tmp"; fi' EXIT

cd "$root"
# The whole working tree as git sees it (tracked and new files, not ignored
# ones), without gen/: every module of the workspace is built from the copy.
git ls-files -z --cached --others --exclude-standard -- . ':(exclude)gen/**' |
	while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
	tar --null -T - -cf - | tar -xf - -C "$tmp"
mkdir -p "$tmp/openapi/specs" "$tmp/gen/store" "$tmp/gen/admin"
cp "$lock" "$tmp/openapi/compat.lock.json"

cd "$tmp"
env -u MEDUSA_OAS_DIR -u MEDUSA_OAS_URL "$GO" run ./internal/cmd/specsync -lock openapi/compat.lock.json -base "$base" -out openapi/specs
for api in store admin; do
	"$GO" run ./internal/cmd/specfix -in "openapi/specs/$api.oas.yaml" -out "openapi/specs/$api.fixed.json"
	GOWORK=off "$GO" tool -modfile=tools/go.mod oapi-codegen -config "openapi/$api.cfg.yaml" "openapi/specs/$api.fixed.json"
	"$GO" run ./internal/cmd/gensdk -spec "openapi/specs/$api.fixed.json" -gen "gen/$api/$api.gen.go" -out "gen/$api/sdk.gen.go" -names "openapi/names/$api.json"
done
wc -l gen/store/*.go gen/admin/*.go
# The whole workspace (the SDK, authn, examples, bench, the generator) with
# every build tag: vet type-checks the tests too, integration and record ones included.
status=0
"$GO" build work || status=1
for tags in "" integration record; do
	echo "gen-compat: go vet -tags '$tags' work"
	"$GO" vet -tags "$tags" work || status=1
done
"$GO" test -race -count=1 ./internal/gentest || status=1
version=$(sed -n 's/.*"medusa": "\(.*\)".*/\1/p' openapi/compat.lock.json)
if [ "$status" -ne 0 ]; then
	echo "gen-compat: FAILED on Medusa $version (see above)"
	exit 1
fi
echo "gen-compat: $version generates; every module builds and vets with every build tag; the every-operation test passes"
