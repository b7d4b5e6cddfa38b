# Code generation targets (owned with openapi/; included by the root Makefile).
#
#   make generate    regenerate gen/ from the specs pinned in openapi/lock.json
#   make gen-check   drift check: regenerate, fail when gen/ changes or gains files;
#                    then the tests that read Medusa's spec files (build tag
#                    upstream: UPSTREAM_PKGS), which make test leaves out
#   make gen-compat  the same configs and rules on Medusa 2.17.1 and 2.0.0 in a
#                    temp dir: 2.17.1 builds and vets every module with every
#                    build tag, 2.0.0 gen/, authn and the generator; then the
#                    every-operation test (COMPAT_LOCK=openapi/compat-2.0.0.lock.json
#                    for one release only)
#   make api-check   the API gate: names lock of the last release vs now; fails on an
#                    incompatible change not declared under a major bump in CHANGELOG.md
#   make names-check the type-name guard: every exported, not deprecated name of
#                    gen/store and gen/admin (types, their constants and
#                    constructors, functions) that starts with an operationId or contains
#                    JSON or _, counted per package (internal/cmd/typenames);
#                    report mode (never fails) until the naming rule reaches 0
#   make validator-check  per route, where the spec's request bodies and query
#                    parameters disagree with the installed server's zod validators
#                    (openapi/scripts/validators.cjs; needs `make medusa-up` once);
#                    fails on a disagreement no documented reason explains
#   make validator-facts  write those validators' shapes to openapi/validators.json,
#                    which the spec rule validator-shapes reads
#   make model-facts write the installed server's data models (DML: columns,
#                    relations, keys) to openapi/models.json, which the spec
#                    rule model-columns reads (openapi/scripts/models.cjs)
#   make route-facts write the installed server's route table to openapi/routes.json:
#                    each route's methods, auth, validator names and answer type
#                    (@medusajs/types, as JSON Schema), which the spec rule
#                    release-routes reads (openapi/scripts/routes.cjs; installs
#                    tools/tsschema, the pinned TypeScript reader, with npm ci)
#   make release-prep MEDUSA=X.Y.Z  move the SDK to another Medusa release:
#                    the test servers (target, previous release, next), their
#                    installs, the facts, openapi/lock.json, make generate,
#                    api-check and gen-compat; prints what is left to review
#                    (openapi/scripts/release-prep.sh)
#   make gen-stats   lines, types, operations, compile time and peak memory,
#                    ours vs plain oapi-codegen (writes openapi/stats.md)

GO ?= go
COMPAT_LOCK ?=
COMPAT_LOCKS = $(or $(COMPAT_LOCK),openapi/compat.lock.json openapi/compat-2.0.0.lock.json)
# The packages with tests that need Medusa's upstream spec files (build tag
# upstream): a user's clone has no ../shared, so make test does not run them;
# the spec step does (gen-check), with the files specsync finds.
UPSTREAM_PKGS = $(patsubst %/,%,$(sort $(dir $(shell git grep -l --untracked -e '^//go:build upstream$$' -- '*_test.go'))))

.PHONY: generate gen-check gen-compat gen-stats gen-test api-check names-check validator-check validator-facts model-facts route-facts answer-check release-prep

generate:
	$(GO) generate .

gen-check: generate
	@git diff --exit-code --stat -- gen/ openapi/names/ || { echo "gen-check: gen/ or the names lock differs from a fresh 'make generate'; review and commit them"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- gen/ openapi/names/); \
	if [ -n "$$untracked" ]; then echo "gen-check: untracked generated files:"; echo "$$untracked"; exit 1; fi
	@echo "gen-check: gen/ is up to date"
	$(GO) test -count=1 -tags upstream $(addprefix ./,$(UPSTREAM_PKGS))

gen-test:
	$(GO) test -race -count=1 ./internal/gentest ./internal/qs ./internal/qstest ./internal/specfix ./internal/cmd/speclock ./internal/cmd/specsync ./internal/cmd/gensdk ./internal/cmd/namelock ./internal/cmd/apicheck ./internal/cmd/typenames/...

api-check:
	$(GO) run ./internal/cmd/apicheck $(if $(API_BASE),-base $(API_BASE))

# Fails on any name that breaks the rule (0 in both packages since the type-naming
# rule of gensdk); NAMES_CHECK_FLAGS=-report counts without failing;
# -list prints every name with its reason.
NAMES_CHECK_FLAGS ?=
names-check:
	$(GO) run ./internal/cmd/typenames $(NAMES_CHECK_FLAGS)

gen-compat:
	@for lock in $(COMPAT_LOCKS); do openapi/scripts/compat.sh $$lock || exit 1; done

# validator-facts: the installed server's body validators as JSON
# (openapi/validators.json), read by the spec rule validator-shapes; rerun it
# after changing the Medusa release in openapi/lock.json and testdata/medusa-server.
validator-facts:
	node openapi/scripts/validators.cjs $${MEDUSA_APP_DIR:-testdata/medusa-server} --facts > openapi/validators.json.tmp && mv openapi/validators.json.tmp openapi/validators.json

# model-facts: the installed server's data models as JSON (openapi/models.json),
# read by the spec rule model-columns; rerun it with validator-facts after
# changing the Medusa release in openapi/lock.json and testdata/medusa-server.
model-facts:
	node openapi/scripts/models.cjs $${MEDUSA_APP_DIR:-testdata/medusa-server} > openapi/models.json.tmp && mv openapi/models.json.tmp openapi/models.json

# route-facts: the installed server's route table as JSON (openapi/routes.json),
# read by the spec rule release-routes; rerun it with validator-facts and
# model-facts after changing the Medusa release.
route-facts: tools/tsschema/node_modules/.medusa-go-lock
	node openapi/scripts/routes.cjs $${MEDUSA_APP_DIR:-testdata/medusa-server} > openapi/routes.json.tmp && mv openapi/routes.json.tmp openapi/routes.json

# The TypeScript compiler and ts-json-schema-generator, from their lock.
tools/tsschema/node_modules/.medusa-go-lock: tools/tsschema/package-lock.json
	cd tools/tsschema && npm ci --no-audit --no-fund --loglevel=error
	sha256sum tools/tsschema/package-lock.json > $@

# answer-check: the fixed specs' answers against the @medusajs/types answers
# of openapi/routes.json, per route; lists and counts, guards nothing yet.
answer-check: generate
	node openapi/scripts/answers-check.cjs openapi/routes.json openapi/specs/store.fixed.json openapi/specs/admin.fixed.json

validator-check: generate
	node openapi/scripts/validators.cjs $${MEDUSA_APP_DIR:-testdata/medusa-server} openapi/specs/store.fixed.json openapi/specs/admin.fixed.json

gen-stats:
	openapi/scripts/stats.sh

release-prep:
	openapi/scripts/release-prep.sh $(MEDUSA)

.PHONY: gen-binsize
gen-binsize:
	openapi/scripts/binsize.sh
