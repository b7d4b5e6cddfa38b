# Benchmarks of issue 6 (see BENCHMARKS.md). Included from the Makefile.
#
#   make bench          per-call (a/b/c), decoders, concurrency: BENCH_COUNT runs each, benchstat tables
#   make bench-jsonv2   the decoder benchmark again with GOEXPERIMENT=jsonv2
#   make bench-js       bench/compare.sh: the JS SDK against this SDK (CPU, wall, peak RSS);
#                       N=0 LIMITS=1,10,50,200 compares list sizes side by side
#   make bench-profile  CPU and mutex profiles of 64 goroutines sharing one client
#   make bench-fuzz     fuzz the decoder against encoding/json (FUZZTIME per target)
#   make record         re-record testdata/recorded from the harness server (needs make medusa-up)
#
# Benchmarks are never part of make test/unit: they only run here.

BENCH_COUNT ?= 6
BENCH_OUT ?= /tmp/medusa-go-bench
BENCHSTAT ?= $(GO) run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
FUZZTIME ?= 60s

.PHONY: bench bench-jsonv2 bench-js bench-profile bench-fuzz record

bench:
	@mkdir -p $(BENCH_OUT)
	$(GO) test -run '^$$' -bench 'PerCall' -benchtime 100x -count $(BENCH_COUNT) ./bench/ | tee $(BENCH_OUT)/percall.txt
	$(GO) test -tags medusa_stdjson -run '^$$' -bench 'PerCall' -benchtime 100x -count $(BENCH_COUNT) ./bench/ | tee $(BENCH_OUT)/percall-stdjson.txt
	$(GO) test -run '^$$' -bench 'Decode' -benchtime 100x -count $(BENCH_COUNT) ./bench/ | tee $(BENCH_OUT)/decode.txt
	$(GO) test -run '^$$' -bench 'Concurrency' -benchtime 2000x -count $(BENCH_COUNT) ./bench/ | tee $(BENCH_OUT)/concurrency.txt
	$(BENCHSTAT) -col /path $(BENCH_OUT)/percall.txt
	$(BENCHSTAT) -col /path $(BENCH_OUT)/percall-stdjson.txt
	$(BENCHSTAT) -col /codec $(BENCH_OUT)/decode.txt
	$(BENCHSTAT) -col /goroutines $(BENCH_OUT)/concurrency.txt

bench-jsonv2:
	@mkdir -p $(BENCH_OUT)
	GOEXPERIMENT=jsonv2 $(GO) test -run '^$$' -bench 'Decode' -benchtime 100x -count $(BENCH_COUNT) ./bench/ | tee $(BENCH_OUT)/decode-jsonv2.txt
	$(BENCHSTAT) -col /codec $(BENCH_OUT)/decode-jsonv2.txt

bench-js:
	bench/compare.sh $(or $(N),300) $(or $(ROUNDS),5) $(or $(LIMITS),50)

bench-profile:
	@mkdir -p $(BENCH_OUT)
	$(GO) test -run '^$$' -bench 'Concurrency/mode=jwt/goroutines=64' -benchtime 20000x -cpuprofile $(BENCH_OUT)/cpu-jwt64.prof -mutexprofile $(BENCH_OUT)/mutex-jwt64.prof -o $(BENCH_OUT)/bench.test ./bench/
	$(GO) test -run '^$$' -bench 'Concurrency/mode=session/goroutines=64' -benchtime 20000x -cpuprofile $(BENCH_OUT)/cpu-session64.prof -mutexprofile $(BENCH_OUT)/mutex-session64.prof -o $(BENCH_OUT)/bench.test ./bench/
	$(GO) tool pprof -top -nodecount 25 $(BENCH_OUT)/bench.test $(BENCH_OUT)/cpu-jwt64.prof
	$(GO) tool pprof -top -nodecount 25 $(BENCH_OUT)/bench.test $(BENCH_OUT)/cpu-session64.prof
	$(GO) tool pprof -top -nodecount 10 $(BENCH_OUT)/bench.test $(BENCH_OUT)/mutex-jwt64.prof
	$(GO) tool pprof -top -nodecount 10 $(BENCH_OUT)/bench.test $(BENCH_OUT)/mutex-session64.prof

bench-fuzz:
	for f in FuzzDecodeStoreProductList FuzzDecodeStoreProduct FuzzDecodeStoreCart FuzzDecodeStoreOrder FuzzDecodeAny; do \
		$(GO) test -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) ./internal/sdkrt/ || exit 1; \
	done

record:
	$(GO) test -count=1 -tags record -run '^TestRecord$$' -v ./bench/
