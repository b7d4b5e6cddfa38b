#!/usr/bin/env bash
# What an SDK user downloads: checks run by `make lint` (and so by CI).
#
#  1. The SDK, bench and generator modules are tidy (go.mod says exactly what each needs).
#  2. A fresh program that imports only the SDK's packages (a replace to this
#     checkout stands in for the published module) has no benchmark, generator
#     or tool dependency anywhere in its module graph (`go mod graph`), and
#     builds with nothing but the SDK's runtime dependencies.
#
# The forbidden set is computed, not listed: every module in the graphs of
# bench/, tools/, internal/cmd/ or internal/specfix/ and not in the SDK's, whose
# go.mod may list directly only what its packages compile with (and testify).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
GO=${GO:-go}
export GOWORK=off

modules=(. bench internal/cmd internal/specfix)
for m in "${modules[@]}"; do
	if ! out=$(cd "$m" && "$GO" mod tidy -diff 2>&1); then
		echo "check-modules: $m/go.mod is not tidy (run: cd $m && GOWORK=off go mod tidy):"
		echo "$out"
		exit 1
	fi
done

sdk=$("$GO" list -m)
mods() { "$GO" list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}{{end}}{{end}}' "$@" | sort -u; }
# Every module in a module's graph (read from go.mod files and go.sum, never written).
reqs() { (cd "$1" && "$GO" list -m -f '{{if not .Main}}{{.Path}}{{end}}' all) | grep -v "^$sdk" | sort -u; }
# What the SDK module may bring to its users: the modules its packages compile
# with, and testify (its tests' one library).
allowed=$( { mods ./...; mods github.com/stretchr/testify/assert github.com/stretchr/testify/require; echo github.com/stretchr/testify; } | sort -u)
# The SDK's go.mod must list nothing else (its indirect entries are what
# those modules need in turn, so only the direct ones are held to this).
direct=$("$GO" mod edit -print | awk '/^require \(/{b=1;next} b&&/^\)/{b=0;next} b{if ($0 !~ /\/\/ indirect/) print $1;next} /^require /{if ($0 !~ /\/\/ indirect/) print $2}' | sort -u)
bad=$(comm -23 <(echo "$direct") <(echo "$allowed") | grep . || true)
if [ -n "$bad" ]; then
	echo "check-modules: go.mod requires modules no SDK package compiles with (move them to bench/, tools/ or the generator modules):"
	echo "$bad"
	exit 1
fi
# Benchmark and generator dependencies: whatever the graphs of bench/, tools/,
# internal/cmd/ and internal/specfix/ hold beyond the SDK's own graph.
forbidden=$(for m in bench internal/cmd internal/specfix tools; do reqs "$m"; done | sort -u | comm -23 - <(reqs .))
[ -n "$forbidden" ] || { echo "check-modules: found no benchmark or generator dependency to look for; is the layout still bench/, tools/, internal/cmd/?"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/medusa-go-user.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Every importable (non-internal) package of the SDK module.
pkgs=$("$GO" list -f '{{if ne .Name "main"}}{{.ImportPath}}{{end}}' ./... | grep -v '/internal/')
{
	echo "package main"
	echo
	echo "import ("
	for p in $pkgs; do echo "	_ \"$p\""; done
	echo ")"
	echo
	echo "func main() {}"
} > "$tmp/main.go"
cat > "$tmp/go.mod" <<EOF
module example.com/sdkuser

go 1.26.0

require $sdk v2.0.0-00010101000000-000000000000

replace $sdk => $root
EOF
cp go.sum "$tmp/go.sum"
(cd "$tmp" && GOFLAGS=-mod=mod "$GO" mod tidy >/dev/null && "$GO" build -o /dev/null .)
graph=$(cd "$tmp" && "$GO" mod graph | tr ' ' '\n' | sed 's/@.*//' | sort -u)
leaked=$(comm -12 <(echo "$graph") <(echo "$forbidden"))
if [ -n "$leaked" ]; then
	echo "check-modules: a program importing only the SDK gets benchmark or generator modules in its graph:"
	echo "$leaked"
	exit 1
fi
built=$(cd "$tmp" && "$GO" list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}}{{end}}{{end}}' . | sort -u | grep -v "^$sdk\$" | tr '\n' ' ')
echo "check-modules: modules tidy; a program importing the SDK ($(echo $pkgs | wc -w) packages) has $(echo "$graph" | grep -vc -e '^example.com/sdkuser$' -e '^go$' -e '^toolchain$') modules in its graph, none of the $(echo "$forbidden" | wc -l) benchmark/generator ones; it compiles in: $built"
