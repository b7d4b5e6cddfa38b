#!/usr/bin/env bash
# Generate gen/store and gen/admin from another Medusa release's specs with the
# project's unchanged configs, rules and template, in a temporary copy of the
# module, then build and vet the workspace with every build tag (tests
# included; the whole of it for the target's previous minor and newer) and run
# the every-operation test against that code.
#
#   openapi/scripts/compat.sh [LOCK]   (default openapi/compat.lock.json;
#                                       COMPAT_KEEP=1 keeps the temporary copy)
#
# The specs come from the mirror $MEDUSA_OAS_BASE/<spec release> (default
# ../shared/medusa-oas next to the repository), else the download cache, else
# LOCK's URLs (internal/cmd/specsync), and are checked against LOCK's sha256.
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
version=$("$GO" run ./internal/cmd/specsync -lock openapi/compat.lock.json -print spec_release)
# The target's spec pair, which the SDK is generated from (its facts and
# test server may be of a newer release: openapi/lock.json "spec_release").
target=$("$GO" run ./internal/cmd/specsync -lock openapi/lock.json -print spec_release)
minor() { echo "$1" | cut -d. -f2; }
if [ "$(echo "$version" | cut -d. -f1)" = "$(echo "$target" | cut -d. -f1)" ] && [ "$(minor "$version")" -ge $(($(minor "$target") - 1)) ]; then
	# Every package of the workspace but the examples: they show a user the
	# target's own types (the product-option union of 2.18, for one), not a
	# common subset of two releases.
	scope="every module but examples/"
	pkgs=()
else
	scope="gen/, authn, apierror and the generator"
	pkgs=(./gen/... ./authn/... ./apierror/... ./internal/cmd/... ./internal/specfix/...)
fi
for api in store admin; do
	# The target's validator shapes (openapi/validators.json) and data models
	# (openapi/models.json), without the release check: the hand-written code
	# and tests are written against the types they give, the bodies of the
	# routes both releases have are validated alike, and model-columns only
	# adds optional fields where a schema's name and shape match a model.
	# Where every module must build (below), the target's route table too
	# (openapi/routes.json): the routes the older spec lacks get the methods
	# the target has, so code and tests written against the target build.
	routes=()
	[ "$scope" = "${scope#every module}" ] || [ ! -f openapi/routes.json ] || routes=(-routes openapi/routes.json)
	"$GO" run ./internal/cmd/specfix -in "openapi/specs/$api.oas.yaml" -out "openapi/specs/$api.fixed.json" -validators openapi/validators.json -models openapi/models.json "${routes[@]}"
	GOWORK=off "$GO" tool -modfile=tools/go.mod oapi-codegen -config "openapi/$api.cfg.yaml" "openapi/specs/$api.fixed.json"
	"$GO" run ./internal/cmd/gensdk -spec "openapi/specs/$api.fixed.json" -gen "gen/$api/$api.gen.go" -out "gen/$api/sdk.gen.go" -names "openapi/names/$api.json"
done
wc -l gen/store/*.go gen/admin/*.go

# What must build depends on how old the release is (see "Supported Medusa
# releases" in openapi/README.md): from the minor before the target (the one
# in openapi/lock.json) on, the whole workspace but examples/ (the SDK, authn,
# medusatest, bench, the generator) with every build tag, tests included (vet
# type-checks them). Older releases lack routes the hand-written SDK calls (uploads,
# product import…), so there only gen/, authn (which uses no generated
# operation), apierror and the generator are held to it.
# (listed once gen/ holds code: an empty folder is no package)
# (go build refuses a named package that has only test files: it builds
# those with code, go vet all of them)
build_pkgs=("${pkgs[@]}")
if [ ${#pkgs[@]} -eq 0 ]; then
	mapfile -t pkgs < <("$GO" list -e -f '{{.ImportPath}}' work | grep -v '/examples/')
	mapfile -t build_pkgs < <("$GO" list -e -f '{{if .GoFiles}}{{.ImportPath}}{{end}}' work | grep -v '/examples/' | grep .)
fi
echo "gen-compat: Medusa $version against target $target: building $scope"
status=0
"$GO" build "${build_pkgs[@]}" || status=1
for tags in "" integration record; do
	echo "gen-compat: go vet -tags '$tags' ($scope)"
	"$GO" vet -tags "$tags" "${pkgs[@]}" || status=1
done
"$GO" test -race -count=1 ./internal/gentest || status=1
if [ "$status" -ne 0 ]; then
	echo "gen-compat: FAILED on Medusa $version (see above)"
	exit 1
fi
echo "gen-compat: $version generates; built and vetted with every build tag: $scope; the every-operation test passes"
