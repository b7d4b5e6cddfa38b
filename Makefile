# medusa-go: the typed Go SDK for the Medusa v2 commerce API.
#
#   make test          unit + integration tests against a real Medusa 2.18.0
#                      (installs and starts it when needed, stops what it started)
#   make unit          unit tests only (no server)
#   make integration   integration tests; fails when no Medusa server answers
#   make medusa-up / medusa-down   the local test server (PostgreSQL + Medusa)
#   make generate      regenerate gen/ from the pinned Medusa specs
#   make lint          gofmt check + go vet

SHELL := /bin/bash
GO ?= go
GOTEST_FLAGS ?= -race -count=1 -timeout 20m
# "work": every package of every module in go.work (the SDK, bench/ and the
# generator in internal/cmd and internal/specfix, which are modules of their own).
PKGS ?= work

.PHONY: test unit integration lint fmt demo medusa-up medusa-down medusa-logs

test:
	scripts/with-medusa.sh $(GO) test $(GOTEST_FLAGS) -tags integration $(PKGS)

unit:
	$(GO) test $(GOTEST_FLAGS) $(PKGS)

integration:
	$(GO) test $(GOTEST_FLAGS) -tags integration $(PKGS)

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^gen/') 2>&1); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) vet -tags integration $(PKGS)
	$(GO) vet -tags record ./bench
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
