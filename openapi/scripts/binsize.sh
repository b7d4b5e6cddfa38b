#!/usr/bin/env bash
# Size of a small program that calls one Store and one Admin operation, built
# from the generated packages and from plain oapi-codegen output of the same
# specs (the "plain" variant as in stats.sh). Prints a Markdown table.
#
#   openapi/scripts/binsize.sh     (run `make generate` first)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
GO=${GO:-go}
dir=bin/binsize
work=$(mktemp -d "${TMPDIR:-/tmp}/medusa-go-binsize.XXXXXX")
trap 'rm -rf "$work" "$root/$dir"' EXIT
[ -f openapi/specs/store.oas.yaml ] || { echo "binsize: run make generate first"; exit 1; }
mkdir -p "$dir"/{plainstore,plainadmin,plain,raw,sdk}

for api in store admin; do
	printf 'package: plain%s\ngenerate:\n  client: true\n  models: true\noutput: %s/plain-%s.go\n' "$api" "$work" "$api" > "$work/plain-$api.yaml"
	spec="openapi/specs/$api.oas.yaml"
	if [ "$api" = store ]; then
		"$GO" run ./internal/cmd/specfix -q -only drop-impossible-allof -in "$spec" -out "$work/store.min.json"
		spec="$work/store.min.json"
	fi
	GOWORK=off "$GO" tool -modfile=tools/go.mod oapi-codegen -config "$work/plain-$api.yaml" "$spec"
	perl -ne 'print unless /^type (\w+) = \[\]\1$/' "$work/plain-$api.go" > "$dir/plain$api/plain.gen.go"
done

mod=$(GOWORK=off "$GO" list -m)
cat > "$dir/plain/main.go" <<GO
package main

import (
	"context"

	"$mod/$dir/plainadmin"
	"$mod/$dir/plainstore"
)

func main() {
	s, _ := plainstore.NewClientWithResponses("http://localhost:9000")
	a, _ := plainadmin.NewClientWithResponses("http://localhost:9000")
	_, _ = s.GetProductsWithResponse(context.Background(), nil)
	_, _ = a.GetProductsWithResponse(context.Background(), nil)
}
GO
cat > "$dir/raw/main.go" <<GO
package main

import (
	"context"

	"$mod/gen/admin"
	"$mod/gen/store"
)

func main() {
	s, _ := store.NewClientWithResponses("http://localhost:9000")
	a, _ := admin.NewClientWithResponses("http://localhost:9000")
	_, _ = s.GetProductsWithResponse(context.Background(), nil)
	_, _ = a.GetProductsWithResponse(context.Background(), nil)
}
GO
cat > "$dir/sdk/main.go" <<GO
package main

import (
	"context"

	medusa "$mod"
)

func main() {
	c, _ := medusa.New("http://localhost:9000")
	_, _ = c.Store.ListProducts(context.Background(), nil)
	_, _ = c.Admin.ListProducts(context.Background(), nil)
}
GO
size() { stat -c %s "$1" | awk '{ printf "%.1f MB", $1 / 1e6 }'; }
echo "| program (one Store and one Admin call) | binary size |"
echo "|---|---:|"
for v in plain raw sdk; do
	"$GO" build -o "$work/$v" "./$dir/$v"
done
"$GO" build -tags medusa_stdjson -o "$work/sdk-std" "./$dir/sdk"
echo "| plain oapi-codegen output, ClientWithResponses | $(size "$work/plain") |"
echo "| gen/store + gen/admin, ClientWithResponses | $(size "$work/raw") |"
echo "| medusa.New (SDK layer, authn, goccy decoder) | $(size "$work/sdk") |"
echo "| medusa.New built with -tags medusa_stdjson | $(size "$work/sdk-std") |"
