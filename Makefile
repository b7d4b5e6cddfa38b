# medusa-go: the typed Go SDK for the Medusa v2 commerce API.
#
#   make test          unit + integration tests against a real Medusa, the
#                      release openapi/lock.json targets (testdata/medusa-server;
#                      installs and starts it when needed, stops what it started)
#   make test-prev     the server-facing tests against the previous release
#                      (testdata/medusa-server-prev); give it its own
#                      MEDUSA_STATE_DIR, MEDUSA_PORT and PG_PORT
#   make test-next     the same against npm's newest Medusa when it is newer
#                      than the target (testdata/medusa-server-next)
#   make test-rbac     the RBAC routes and the strict sweep against the target
#                      started with Medusa's RBAC module and flag (MEDUSA_FF_RBAC);
#                      give it its own MEDUSA_STATE_DIR, MEDUSA_PORT and PG_PORT
#   make unit          unit tests only (no server)
#   make integration   integration tests; fails when no Medusa server answers
#   make medusa-up / medusa-down   the local test server (PostgreSQL + Medusa)
#   make generate      regenerate gen/ from the pinned Medusa specs
#   make soak          a few minutes of mixed reads and writes by many goroutines
#                      through the fault proxy (needs a server: make medusa-up);
#                      SOAK_DURATION, SOAK_WORKERS, SOAK_FAULT_RATE; not in make test
#   make lint          gofmt check + go vet (every build tag: integration, soak, record,
#                      medusa_stdjson) + scripts/check-modules.sh

SHELL := /bin/bash
GO ?= go
GOTEST_FLAGS ?= -race -count=1 -timeout 20m
# "work": every package of every module in go.work (the SDK, bench/ and the
# generator in internal/cmd and internal/specfix, which are modules of their own).
PKGS ?= work

.PHONY: test test-prev test-next test-rbac unit integration soak lint fmt demo medusa-up medusa-down medusa-logs

test:
	scripts/with-medusa.sh $(GO) test $(GOTEST_FLAGS) -tags integration $(PKGS)

# The server-facing tests against another Medusa: the packages whose tests talk
# to the server (they import internal/medusatest; the others do not depend on
# which Medusa runs). MEDUSA_EXPECT_VERSION makes the harness prove which
# server answered. Give each its own MEDUSA_STATE_DIR, MEDUSA_PORT and PG_PORT.
#   make test-prev  the previous release the SDK targeted (testdata/medusa-server-prev):
#                   what a user whose server is not upgraded yet gets; a test of
#                   what a newer release added says so (medusatest's Server.Since)
#                   and proves what the older server does instead
#   make test-next  npm's newest Medusa, while it is newer than the target
#                   (testdata/medusa-server-next; make release-prep pins or removes it)
# `MEDUSA_APP_DIR=$$PWD/testdata/medusa-server-prev make medusa-up` (and
# medusa-down) runs such a server alone.
PREV_APP_DIR := $(CURDIR)/testdata/medusa-server-prev
NEXT_APP_DIR := $(CURDIR)/testdata/medusa-server-next
SERVER_PKGS = $(shell $(GO) list -tags integration -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' $(PKGS) | grep internal/medusatest | cut -d' ' -f1)
test-against = @[ -f $(1)/package.json ] || { echo "$@: $(2)"; exit 2; }; \
	MEDUSA_APP_DIR=$(1) \
	MEDUSA_EXPECT_VERSION=$$(sed -n 's/^ *"@medusajs\/medusa": "\(.*\)",*$$/\1/p' $(1)/package.json) \
	scripts/with-medusa.sh $(GO) test $(GOTEST_FLAGS) -tags integration $(SERVER_PKGS)
test-prev:
	$(call test-against,$(PREV_APP_DIR),no previous release server (make release-prep writes testdata/medusa-server-prev))
test-next:
	$(call test-against,$(NEXT_APP_DIR),npm has no Medusa newer than the target: nothing to test (make release-prep pins testdata/medusa-server-next when one ships))

# The target with role-based access control (/admin/rbac/*, /admin/users/{id}/roles):
# Medusa mounts those routes only with its RBAC module and feature flag, which
# the default server leaves off (its tests prove the 404 a user then gets).
# The strict sweep runs too: every GET, the RBAC ones included, decodes
# strictly or is an explained gap.
test-rbac:
	MEDUSA_FF_RBAC=true SWEEP_STRICT=1 scripts/with-medusa.sh $(GO) test $(GOTEST_FLAGS) -tags integration -run '^(TestRBACRoutes|TestSweepListAndRetrieve)$$' ./internal/gentest/rules ./internal/gentest

unit:
	$(GO) test $(GOTEST_FLAGS) $(PKGS)

integration:
	$(GO) test $(GOTEST_FLAGS) -tags integration $(PKGS)

# The soak (issue 21): duplicates and acknowledged writes lost must be 0;
# the report is printed and written to SOAK_REPORT.
SOAK_DURATION ?= 3m
SOAK_WORKERS ?= 8
SOAK_FAULT_RATE ?= 0.1
SOAK_REPORT ?= /tmp/medusa-go-soak.txt
soak:
	SOAK_DURATION=$(SOAK_DURATION) SOAK_WORKERS=$(SOAK_WORKERS) SOAK_FAULT_RATE=$(SOAK_FAULT_RATE) SOAK_REPORT=$(SOAK_REPORT) \
	$(GO) test -race -count=1 -timeout 30m -tags 'integration soak' -run '^TestSoak$$' -v . | grep -v '^=== \(RUN\|PAUSE\|CONT\)'

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^gen/') 2>&1); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) vet -tags integration $(PKGS)
	$(GO) vet -tags 'integration soak' .
	$(GO) vet -tags record ./bench
	$(GO) vet -tags medusa_stdjson . ./internal/sdkrt
	$(GO) vet -tags upstream $(addprefix ./,$(UPSTREAM_PKGS))
	scripts/check-modules.sh

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '^gen/')

# demo: the SDK's main job against a local real Medusa (starts it when needed):
# examples/quickstart logs in with each auth method and prints what it sees.
demo:
	scripts/demo.sh

medusa-up:
	scripts/medusa-up.sh

medusa-down:
	scripts/medusa-down.sh

medusa-logs:
	@tail -n 100 $${MEDUSA_STATE_DIR:-/tmp/medusa-go}/medusa.log

-include openapi/make.mk
-include bench/make.mk
