#!/usr/bin/env bash
# Moves the SDK to another Medusa release in one command (make release-prep
# MEDUSA=X.Y.Z; openapi/README.md "Versions and releases"):
#
#   1. the previous target's server becomes testdata/medusa-server-prev (its
#      package.json and lock as they were, under another package name);
#   2. testdata/medusa-server pins X.Y.Z (@medusajs/cli, framework, medusa and
#      the loyalty plugin's newest release of that minor, its peers pinned to
#      the server's by npm overrides when it was published for another patch);
#      npm writes its package-lock.json;
#   3. testdata/medusa-server-next pins npm's newest Medusa when it is newer
#      than X.Y.Z, and is removed when it is not (it would test the target twice);
#      medusatest/app (the test kit's embedded app) becomes a copy of the target;
#   4. both servers are installed (npm ci, no server started);
#   5. the facts are read again from the new server: make validator-facts,
#      make model-facts, make route-facts (when openapi/make.mk has it);
#   6. openapi/lock.json's "medusa" becomes X.Y.Z and each package of its "npm"
#      the version installed in testdata/medusa-server;
#   7. make generate (which writes the names lock), make api-check, make gen-compat;
#   8. it prints what is left to review: the routes new to the names lock, a
#      summary of the facts' changes, and the server-facing checks to run.
#
# Run it on a clean, up-to-date main (it refuses a dirty tree unless
# RELEASE_PREP_DIRTY=1). Run again with the same X.Y.Z, it does steps 4-8
# again (the servers are already moved). Nothing is committed: review the diff.
# The previous server installs with MEDUSA_PREV_STATE_DIR (default
# $MEDUSA_STATE_DIR-prev), like make test-prev.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source scripts/medusa-env.sh

new=${1:-${MEDUSA:-}}
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: make release-prep MEDUSA=X.Y.Z (a Medusa release on npm)" >&2; exit 2; }
if [ -z "${RELEASE_PREP_DIRTY:-}" ] && [ -n "$(git status --porcelain)" ]; then
	echo "release-prep: the working tree has changes; commit or stash them first (RELEASE_PREP_DIRTY=1 runs anyway)" >&2
	exit 1
fi
say() { printf '\n== release-prep: %s\n' "$*"; }

target=testdata/medusa-server
prev=testdata/medusa-server-prev
next=testdata/medusa-server-next
pin() { node -p 'require("./'"$1"'/package.json").dependencies["@medusajs/medusa"] || ""' 2>/dev/null || true; }
old=$(pin "$target")
[ -n "$old" ] || { echo "release-prep: no @medusajs/medusa pin in $target/package.json" >&2; exit 1; }

npm_view() { npm view --json "$@" 2>/dev/null; }
[ "$(npm_view "@medusajs/medusa@$new" version | tr -d '"')" = "$new" ] || { echo "release-prep: npm has no @medusajs/medusa $new" >&2; exit 1; }
latest=$(npm_view @medusajs/medusa dist-tags.latest | tr -d '"')

# A copy of the facts before, for the summary.
facts_before=$(mktemp -d)
trap 'rm -rf "$facts_before"' EXIT
cp openapi/validators.json openapi/models.json "$facts_before/"
[ ! -f openapi/routes.json ] || cp openapi/routes.json "$facts_before/"
names_before=$(git rev-parse HEAD)

# write_app DIR NAME DESCRIPTION VERSION [LOCK_FROM]: DIR's package.json pins
# Medusa VERSION (the server's three packages and the loyalty plugin, see
# above); its lock starts from LOCK_FROM's and npm updates it.
write_app() {
	local dir=$1 name=$2 desc=$3 version=$4 lock_from=${5:-}
	mkdir -p "$dir"
	[ -f "$dir/package.json" ] || cp "$target/package.json" "$dir/package.json"
	if [ -n "$lock_from" ] && [ "$lock_from" != "$dir/package-lock.json" ]; then cp "$lock_from" "$dir/package-lock.json"; fi
	# The loyalty plugin: its newest release of the same minor, not newer than
	# the server (its peers pin one exact Medusa patch).
	local plugin
	plugin=$(npm_view @medusajs/loyalty-plugin versions | VERSION=$version node -e '
		const [maj, min, pat] = process.env.VERSION.split(".").map(Number)
		const vs = JSON.parse(require("fs").readFileSync(0, "utf8") || "[]")
			.filter(v => /^\d+\.\d+\.\d+$/.test(v)).map(v => v.split(".").map(Number))
			.filter(([a, b, c]) => a === maj && b === min && c <= pat).sort((x, y) => x[2] - y[2])
		process.stdout.write(vs.length ? vs[vs.length - 1].join(".") : "")')
	local peers="{}"
	if [ -n "$plugin" ] && [ "$plugin" != "$version" ]; then peers=$(npm_view "@medusajs/loyalty-plugin@$plugin" peerDependencies); fi
	DIR=$dir NAME=$name DESC=$desc VERSION=$version PLUGIN=$plugin PEERS=$peers node -e '
		const fs = require("fs"), e = process.env, file = e.DIR + "/package.json"
		const p = JSON.parse(fs.readFileSync(file, "utf8"))
		p.name = e.NAME; p.description = e.DESC
		for (const k of ["@medusajs/cli", "@medusajs/framework", "@medusajs/medusa"]) p.dependencies[k] = e.VERSION
		delete p.dependencies["@medusajs/loyalty-plugin"]; delete p.overrides
		if (e.PLUGIN) {
			p.dependencies["@medusajs/loyalty-plugin"] = e.PLUGIN
			// Published for another patch: each @medusajs peer the plugin pins
			// to its own release moves to the server release; the others (the
			// UI kit) to what the server tree holds (filled in below).
			const peers = JSON.parse(e.PEERS || "{}"), o = {}
			for (const [k, v] of Object.entries(peers)) {
				if (!k.startsWith("@medusajs/")) continue
				if (p.dependencies[k]) o[k] = "$" + k
				else if (v === e.PLUGIN) o[k] = e.VERSION
				else o[k] = "tree:" + v
			}
			if (Object.keys(o).length) p.overrides = { "@medusajs/loyalty-plugin": o }
		}
		const sorted = {}
		for (const k of Object.keys(p.dependencies).sort()) sorted[k] = p.dependencies[k]
		p.dependencies = sorted
		fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n")'
	# Lock first without the plugin's "tree:" overrides, read what the tree
	# holds for them, then lock again with those versions.
	if grep -q '"tree:' "$dir/package.json"; then
		cp "$dir/package.json" "$dir/package.json.want"
		node -e '
			const fs = require("fs"), f = process.argv[1], p = JSON.parse(fs.readFileSync(f, "utf8"))
			delete p.dependencies["@medusajs/loyalty-plugin"]; delete p.overrides
			fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' "$dir/package.json"
		(cd "$dir" && npm install --package-lock-only --no-audit --no-fund --loglevel=error)
		mv "$dir/package.json.want" "$dir/package.json"
		node -e '
			const fs = require("fs"), dir = process.argv[1], f = dir + "/package.json"
			const p = JSON.parse(fs.readFileSync(f, "utf8")), lock = JSON.parse(fs.readFileSync(dir + "/package-lock.json", "utf8"))
			const o = p.overrides["@medusajs/loyalty-plugin"]
			for (const [k, v] of Object.entries(o)) {
				if (!v.startsWith("tree:")) continue
				const have = lock.packages["node_modules/" + k]
				if (have) o[k] = have.version; else delete o[k]
			}
			fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' "$dir"
	fi
	(cd "$dir" && npm install --package-lock-only --no-audit --no-fund --loglevel=error)
	echo "$dir: Medusa $version${plugin:+, loyalty plugin $plugin}"
}

if [ "$old" != "$new" ]; then
	say "moving the servers: target $old -> $new, previous release $old"
	# 1. The previous target, exactly as it was (same lock, another name).
	rm -rf "$prev"; mkdir -p "$prev"
	cp "$target/package.json" "$target/package-lock.json" "$prev/"
	NAME=medusa-go-test-server-prev OLD=$old DIR=$prev node -e '
		const fs = require("fs"), e = process.env
		for (const f of ["package.json", "package-lock.json"]) {
			const file = e.DIR + "/" + f, p = JSON.parse(fs.readFileSync(file, "utf8"))
			p.name = e.NAME
			if (f === "package.json") p.description = `The previous release the SDK targeted (Medusa ${e.OLD}), with the config and sources of ../medusa-server (copied in by scripts/medusa-up.sh): the server-facing tests run against it too (make test-prev), which proves what the SDK promises a user whose server is not upgraded yet.`
			else p.packages[""].name = e.NAME
			fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n")
		}'
	echo "$prev: Medusa $old (the lock of $target at $old)"
	# 2. The target; the next server's lock is the nearest start when it pins $new.
	lock_from=
	[ "$(pin "$next")" != "$new" ] || lock_from=$next/package-lock.json
	write_app "$target" medusa-go-test-server "A minimal Medusa $new backend that the medusa-go integration tests run against." "$new" "$lock_from"
fi
# 3. The next server: only while npm has a newer Medusa than the target.
if [ -n "$latest" ] && [ "$(printf '%s\n%s\n' "$latest" "$new" | sort -V | tail -1)" != "$new" ]; then
	say "npm's newest Medusa is $latest: $next pins it (make test-next)"
	write_app "$next" medusa-go-test-server-next "The newest Medusa on npm ($latest), with the config and sources of ../medusa-server (copied in by scripts/medusa-up.sh): medusa-go's integration tests run against it too (make test-next), so a server upgrade that breaks an SDK user is seen here first." "$latest" "$target/package-lock.json"
elif [ -d "$next" ]; then
	say "npm's newest Medusa is $latest, not newer than $new: $next removed (make test-next has nothing to add until a newer Medusa ships; release-prep pins it again then)"
	git rm -rq --ignore-unmatch "$next/package.json" "$next/package-lock.json"
	rm -rf "$next"
fi

# The test kit installs the same app (medusatest/app, embedded; checked by
# TestEmbeddedAppIsTheTestServer): it follows the target.
rm -rf medusatest/app; mkdir -p medusatest/app
cp -R "$target/package.json" "$target/package-lock.json" "$target/medusa-config.ts" "$target/tsconfig.json" "$target/src" medusatest/app/
echo "medusatest/app: the files of $target"

say "installing the servers (npm ci; nothing is started)"
MEDUSA_INSTALL_ONLY=1 scripts/medusa-up.sh
if [ -f "$prev/package.json" ]; then
	prev_state=${MEDUSA_PREV_STATE_DIR:-$MEDUSA_STATE_DIR-prev}
	MEDUSA_INSTALL_ONLY=1 MEDUSA_APP_DIR="$root/$prev" MEDUSA_STATE_DIR="$prev_state" scripts/medusa-up.sh
fi
installed=$(node -p 'require("./testdata/medusa-server/node_modules/@medusajs/medusa/package.json").version')
[ "$installed" = "$new" ] || { echo "release-prep: $target installed Medusa $installed, not $new" >&2; exit 1; }

say "reading the facts of Medusa $new"
make --no-print-directory validator-facts
make --no-print-directory model-facts
if make -n route-facts >/dev/null 2>&1; then make --no-print-directory route-facts; else echo "(no route-facts target in openapi/make.mk)"; fi

say "openapi/lock.json: medusa $new, the npm packages as installed"
NEW=$new node -e '
	const fs = require("fs"), f = "openapi/lock.json", lock = JSON.parse(fs.readFileSync(f, "utf8"))
	lock.medusa = process.env.NEW
	for (const pkg of Object.keys(lock.npm || {})) {
		// the server's packages, or the route reader's (tools/tsschema)
		const file = ["testdata/medusa-server", "tools/tsschema"].map(d => `${d}/node_modules/${pkg}/package.json`).find(f => fs.existsSync(f))
		if (!file) { console.error(`release-prep: ${pkg} (openapi/lock.json "npm") is installed neither in testdata/medusa-server nor in tools/tsschema`); process.exit(1) }
		lock.npm[pkg] = JSON.parse(fs.readFileSync(file, "utf8")).version
	}
	fs.writeFileSync(f, JSON.stringify(lock, null, 2) + "\n")
	for (const [k, v] of Object.entries(lock.npm || {})) console.log(`  ${k} ${v}`)'

say "make generate (writes the names lock)"
make --no-print-directory generate
say "make api-check"
make --no-print-directory api-check
say "make gen-compat"
make --no-print-directory gen-compat

say "left to review (Medusa $old -> $new)"
echo "-- routes new to the names lock (openapi/names/*.json):"
for api in store admin; do
	git show "$names_before:openapi/names/$api.json" > "$facts_before/names-$api.json" 2>/dev/null || echo '{"routes":{}}' > "$facts_before/names-$api.json"
	node -e '
		const fs = require("fs"), [before, after, api] = process.argv.slice(1)
		const b = JSON.parse(fs.readFileSync(before, "utf8")).routes || {}, a = JSON.parse(fs.readFileSync(after, "utf8")).routes || {}
		for (const [r, e] of Object.entries(a)) {
			if (!b[r]) console.log(`  ${api}.${e.method}  ${r}`)
			else if (e.removed && !b[r].removed) console.log(`  ${api}.${e.method}  ${r}  REMOVED in ${e.removed}`)
		}' "$facts_before/names-$api.json" "openapi/names/$api.json" "$api"
done
echo "-- facts:"
node openapi/scripts/facts-diff.cjs "$facts_before" openapi
cat <<EOF
-- then, each with its own MEDUSA_STATE_DIR, MEDUSA_PORT and PG_PORT:
  SWEEP_STRICT=1 make test     the strict sweep on $new: a field no rule types fails it
                               (new ones: SWEEP_UPDATE_GAPS=1, then explain or fix each by a rule)
  make validator-check         0 unexplained disagreements on $new
  make test-prev               the server-facing tests on $old (testdata/medusa-server-prev)
  review the gen/ diff (api-check does not see fields), CHANGELOG "## Unreleased",
  the README's "Generated from" row and test-server versions, and openapi/README.md's counts.
EOF
