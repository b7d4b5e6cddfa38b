#!/usr/bin/env bash
# bench/compare.sh: the JS SDK against this SDK, same static answers, same
# machine, same run (benchmark 2 of issue 6). Prints CPU time per call, wall
# time per call and peak RSS of each runner, and their ratio to the JS SDK's.
#
#   bench/compare.sh [N] [ROUNDS] [LIMITS]   defaults: 300 calls, 5 rounds, 50 products
#   (N=0: about 15 000 products' worth of calls per list size; LIMITS e.g. 1,10,50,200)
#
# Go runners: the SDK as shipped (go-sdk), and the same program built with
# -tags medusa_stdjson (stock encoding/json behind sdkrt.Decode) and with
# GOEXPERIMENT=jsonv2 -tags medusa_stdjson (encoding/json on its v2 engine).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-300}
ROUNDS=${2:-5}
LIMITS=${3:-50}
GO=${GO:-go}

if [ ! -d bench/js/node_modules/@medusajs/js-sdk ]; then
  (cd bench/js && npm ci --no-audit --no-fund --silent)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$GO build -o "$tmp/compare" ./bench/cmd/compare
$GO build -tags medusa_stdjson -o "$tmp/compare-stdjson" ./bench/cmd/compare
GOEXPERIMENT=jsonv2 $GO build -tags medusa_stdjson -o "$tmp/compare-jsonv2" ./bench/cmd/compare

"$tmp/compare" -n "$N" -rounds "$ROUNDS" -limits "$LIMITS" -js bench/js/run.mjs \
  -go "go-sdk=$tmp/compare" \
  -go "go-sdk-stdjson=$tmp/compare-stdjson" \
  -go "go-sdk-jsonv2=$tmp/compare-jsonv2"
