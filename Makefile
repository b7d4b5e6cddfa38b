# medusa-go: the typed Go SDK for the Medusa v2 commerce API.
#
#   make test          unit + integration tests against a real Medusa 2.18.0
#                      (installs and starts it when needed, stops what it started)
#   make test-next     the same against the newest Medusa on npm (2.21.2,
#                      testdata/medusa-server-next); give it its own
#                      MEDUSA_STATE_DIR, MEDUSA_PORT and PG_PORT
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

.PHONY: test test-next unit integration soak lint fmt demo medusa-up medusa-down medusa-logs

test:
	scripts/with-medusa.sh $(GO) test $(GOTEST_FLAGS) -tags integration $(PKGS)

# The SDK generated from 2.18.0 against a newer server: what a user who
# upgrades Medusa first meets. MEDUSA_EXPECT_VERSION makes the harness prove
# which server answered. `MEDUSA_APP_DIR=$$PWD/testdata/medusa-server-next make
# medusa-up` (and medusa-down) runs that server alone.
# Only the packages whose tests talk to the server (they import
# internal/medusatest): the others do not depend on which Medusa runs.
NEXT_APP_DIR := $(CURDIR)/testdata/medusa-server-next
NEXT_PKGS = $(shell $(GO) list -tags integration -f '{{.ImportPath}} {{join .TestImports " "}} {{join .XTestImports " "}}' $(PKGS) | grep internal/medusatest | cut -d' ' -f1)
test-next:
	MEDUSA_APP_DIR=$(NEXT_APP_DIR) \
	MEDUSA_EXPECT_VERSION=$$(sed -n 's/^ *"@medusajs\/medusa": "\(.*\)",*$$/\1/p' $(NEXT_APP_DIR)/package.json) \
	scripts/with-medusa.sh $(GO) test $(GOTEST_FLAGS) -tags integration $(NEXT_PKGS)

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
