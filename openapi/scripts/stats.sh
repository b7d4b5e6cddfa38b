#!/usr/bin/env bash
# Measure the generated packages beside plain oapi-codegen output of the same
# specs: lines, types, operations, cold and warm compile time, peak memory.
#
#   openapi/scripts/stats.sh        (writes openapi/stats.md; run `make generate` first)
#
# "plain" = oapi-codegen v2.8.2 with only `generate: {client: true, models: true}`
# on the unmodified spec, except what it needs to produce Go at all:
#   - store: the drop-impossible-allof rule (without it generation aborts);
#   - both: the self-referencing alias lines `type X = []X` are deleted from
#     the output (issue problem 1), so that it compiles and can be timed.
# "cold" = the package itself recompiled (its source gets a new comment, so
# its cache entry misses) with its dependencies already built, best of
# STATS_RUNS (3) runs; "warm" = the same build again (cache hit). Peak memory
# is /usr/bin/time's maximum resident set size (the compiler process) of the
# best cold run.
# Runs one build at a time: the machine is shared.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
GO=${GO:-go}
out=${STATS_OUT:-openapi/stats.md}
work=$(mktemp -d "${TMPDIR:-/tmp}/medusa-go-stats.XXXXXX")
bench="bin/genstats"   # inside the module (gitignored) so copies may import internal/qs
trap 'rm -rf "$work" "$root/$bench"' EXIT
[ -x /usr/bin/time ] || { echo "stats: /usr/bin/time is missing (apt-get install time)"; exit 1; }
[ -f openapi/specs/store.oas.yaml ] || { echo "stats: run make generate first"; exit 1; }

mkdir -p "$bench"/{plainstore,plainadmin,oapistore,oapiadmin}
for api in store admin; do
	cat > "$work/plain-$api.yaml" <<CFG
package: plain$api
generate:
  client: true
  models: true
output: $work/plain-$api.go
CFG
	spec="openapi/specs/$api.oas.yaml"
	if [ "$api" = store ]; then
		"$GO" run ./internal/cmd/specfix -q -only drop-impossible-allof -in "$spec" -out "$work/store.min.json"
		spec="$work/store.min.json"
	fi
	gen_start=$(date +%s.%N)
	GOWORK=off "$GO" tool -modfile=tools/go.mod oapi-codegen -config "$work/plain-$api.yaml" "$spec"
	gen_end=$(date +%s.%N)
	printf "%s plain generation: %.2f s\n" "$api" "$(echo "$gen_end - $gen_start" | bc)" >> "$work/gen-times"
	perl -ne 'print unless /^type (\w+) = \[\]\1$/' "$work/plain-$api.go" > "$bench/plain$api/plain.gen.go"
	sed "s/^package $api\$/package oapi$api/" "gen/$api/$api.gen.go" > "$bench/oapi$api/$api.gen.go"
done

module=$(GOWORK=off "$GO" list -m)
for api in store admin; do
	mkdir -p "$bench/whole$api"
	cp gen/$api/*.go "$bench/whole$api/"
	sed -i "s/^package $api\$/package whole$api/" "$bench/whole$api"/*.go
done
cache="$work/cache"
mkdir -p "$cache"
# Dependencies (std, runtime, internal/qs, ...) compiled once, up front.
deps=$(GOCACHE=$cache "$GO" list -deps "./$bench/..." | grep -v "/$bench/" )
GOCACHE=$cache "$GO" build $deps

RUNS=${STATS_RUNS:-3}
measure() { # dir importpath -> "cold warm peakMiB" (cold: best of RUNS)
	local dir=$1 pkg=$2 best="" bestmem=0 bestcpu=0 f el mem secs cpu
	f=$(ls "$dir"/*.go | head -1)
	for i in $(seq "$RUNS"); do
		echo "// stats nonce $RANDOM$RANDOM$i" >> "$f"   # new content hash: a real recompile
		GOCACHE=$cache /usr/bin/time -v "$GO" build -o /dev/null "$pkg" 2> "$work/t"
		el=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/t")
		mem=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/t")
		secs=$(echo "$el" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
		cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { print s }' "$work/t")
		if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; bestmem=$mem; bestcpu=$cpu; fi
	done
	GOCACHE=$cache /usr/bin/time -v "$GO" build -o /dev/null "$pkg" 2> "$work/t"
	el=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/t")
	secs=$(echo "$el" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	echo "${best}s ${bestcpu}s ${secs}s $((bestmem / 1024))"
}
count() { # dir
	local lines types ops
	lines=$(cat "$1"/*.go | wc -l)
	types=$(cat "$1"/*.go | grep -cE '^type [A-Za-z_]')
	local all body
	all=$(cat "$1"/*.go | grep -cE '^func \(c \*ClientWithResponses\) [A-Za-z0-9_]+WithResponse\(' || true)
	body=$(cat "$1"/*.go | grep -cE '^func \(c \*ClientWithResponses\) [A-Za-z0-9_]+WithBodyWithResponse\(' || true)
	ops=$((all - body))
	echo "$lines $types $ops"
}

{
	echo "# Generated code measurements"
	echo
	echo "Medusa $(go run ./internal/cmd/specsync -lock openapi/lock.json -print medusa), oapi-codegen v2.8.2, $(go version | cut -d' ' -f3), $(nproc) cores; measured $(date -u +%Y-%m-%d) by openapi/scripts/stats.sh."
	echo "Times are wall clock, best of $RUNS recompiles, on a shared machine (load average at start: $(cut -d' ' -f1-3 /proc/loadavg)): expect noise."
	echo
	echo "| package | lines | types | operations | cold compile (wall) | cold compile (CPU user+sys) | warm compile | peak memory (MiB) |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|"
	for row in "store (gen/store, whole package):$bench/wholestore:$module/$bench/wholestore" \
		"store, oapi-codegen file only:$bench/oapistore:$module/$bench/oapistore" \
		"store, plain oapi-codegen:$bench/plainstore:$module/$bench/plainstore" \
		"admin (gen/admin, whole package):$bench/wholeadmin:$module/$bench/wholeadmin" \
		"admin, oapi-codegen file only:$bench/oapiadmin:$module/$bench/oapiadmin" \
		"admin, plain oapi-codegen:$bench/plainadmin:$module/$bench/plainadmin"; do
		IFS=: read -r label dir pkg <<<"$row"
		read -r lines types ops < <(count "$dir")
		read -r cold cpu warm mem < <(measure "$dir" "$pkg")
		echo "| $label | $lines | $types | $ops | $cold | $cpu | $warm | $mem |"
	done
	echo
	echo "Generation time (oapi-codegen alone):"
	sed 's/^/- /' "$work/gen-times"
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
