//go:build integration && soak

package medusa_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// TestSoak (make soak; not part of make test): SOAK_WORKERS goroutines share
// one client for SOAK_DURATION of mixed reads and writes against the real
// server through the fault proxy, which breaks SOAK_FAULT_RATE of the
// requests (every kind of fault) and refuses a connection every second.
// Every write's fate is recorded: acknowledged, refused, or of unknown
// outcome. At the end the server is read back directly: no record may
// exist twice, and no acknowledged write may be missing.
func TestSoak(t *testing.T) {
	srv := medusatest.Require(t)
	duration := envDuration(t, "SOAK_DURATION", 3*time.Minute)
	workers := envInt(t, "SOAK_WORKERS", 8)
	rate := envFloat(t, "SOAK_FAULT_RATE", 0.1)

	p := srv.FaultProxy(t)
	p.SlowChunk, p.SlowDelay = 512, 2*time.Millisecond
	goroutinesBefore := runtime.NumGoroutine()

	var attempts atomic.Int64
	counted := countingTransport{next: p.Transport(), n: &attempts}
	c, err := medusa.New(p.URL, medusa.WithHTTPClient(&http.Client{Transport: counted}),
		medusa.WithRetry(medusa.RetryPolicy{MaxRetries: 3, BaseDelay: 10 * time.Millisecond, MaxDelay: 200 * time.Millisecond}),
		medusa.WithTimeout(20*time.Second))
	require.NoError(t, err)
	_, err = c.Auth.Login(ctxT(t), "user", "emailpass", medusa.EmailPass{Email: srv.AdminEmail, Password: srv.AdminPassword})
	require.NoError(t, err)
	attempts.Store(0)

	faultKinds := []medusatest.Fault{medusatest.DropAfterAnswer, medusatest.ResetMidAnswer,
		medusatest.BadGateway, medusatest.Unavailable, medusatest.SlowBody}
	var planMu sync.Mutex
	planRand := rand.New(rand.NewPCG(1, 2))
	p.SetPlan(func(r *http.Request) medusatest.Fault {
		planMu.Lock()
		defer planMu.Unlock()
		if planRand.Float64() >= rate {
			return medusatest.Forward
		}
		return faultKinds[planRand.IntN(len(faultKinds))]
	})

	prefix := srv.UniqueName("soak")
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	go func() { // a refused connection every second
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				p.RefuseDials(1)
			}
		}
	}()

	ledgers := make([]*soakLedger, workers)
	var wg sync.WaitGroup
	for w := range workers {
		l := &soakLedger{prefix: fmt.Sprintf("%s-w%d", prefix, w), updates: map[string]*soakUpdate{}}
		ledgers[w] = l
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.run(ctx, c, rand.New(rand.NewPCG(uint64(w), 7)))
		}()
	}
	wg.Wait()
	p.SetPlan(nil)

	// Read everything back straight from the server (no proxy).
	direct := adminClient(t, srv)
	rctx := ctxT(t)
	channels := map[string][]admin.AdminSalesChannel{} // by name
	for sc, err := range direct.Admin.ListSalesChannelsAll(rctx, &admin.ListSalesChannelsParams{Q: &prefix, Limit: medusa.Ptr(200)}) {
		require.NoError(t, err)
		if strings.HasPrefix(sc.Name, prefix) {
			channels[sc.Name] = append(channels[sc.Name], sc)
		}
	}
	products := map[string]int{} // by handle
	for pr, err := range direct.Admin.ListProductsAll(rctx, &admin.ListProductsParams{Q: &prefix, Limit: medusa.Ptr(200), Fields: medusa.Ptr("id,handle")}) {
		require.NoError(t, err)
		products[pr.Handle]++
	}

	var r soakReport
	for _, l := range ledgers {
		r.add(l)
		for name, fate := range l.creates {
			got := channels[name]
			if len(got) > 1 {
				r.duplicates += len(got) - 1
			}
			switch fate {
			case fateAcked:
				if !l.deletedAck[name] && !l.deletedMaybe[name] && len(got) == 0 {
					r.lost++
					t.Errorf("acknowledged create of %s is missing", name)
				}
			case fateUnknown:
				if len(got) > 0 {
					r.unknownApplied++
				}
			}
			if l.deletedAck[name] && len(got) > 0 {
				r.lost++
				t.Errorf("acknowledged delete of %s did not happen", name)
			}
			if u := l.updates[name]; u != nil && len(got) == 1 && !l.deletedMaybe[name] && !l.deletedAck[name] {
				if !u.allowed(got[0].Description) {
					r.lost++
					t.Errorf("%s: description %q, acknowledged %q (maybe %v)", name, got[0].Description, u.acked, u.maybe)
				}
			}
		}
		for handle, fate := range l.products {
			n := products[handle]
			if n > 1 {
				r.duplicates += n - 1
			}
			if fate == fateAcked && n == 0 {
				r.lost++
				t.Errorf("acknowledged product %s is missing", handle)
			}
		}
	}
	r.attempts = attempts.Load()
	r.faults = p.Faults()
	r.refused = p.Refused()

	// Clean up, then measure what is left of the client.
	cleanup(t, direct, channels, prefix)
	c.HTTPClient().CloseIdleConnections()
	direct.HTTPClient().CloseIdleConnections()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections() // the harness's own client
	p.Close()
	time.Sleep(500 * time.Millisecond)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.goroutinesBefore, r.goroutinesAfter = goroutinesBefore, runtime.NumGoroutine()
	r.heap = ms.HeapAlloc
	r.workers, r.duration, r.rate = workers, duration, rate

	report := r.String()
	t.Log("\n" + report)
	if path := os.Getenv("SOAK_REPORT"); path != "" {
		require.NoError(t, os.WriteFile(path, []byte(report), 0o644))
	}
	assert.Zero(t, r.duplicates, "duplicates")
	assert.Zero(t, r.lost, "acknowledged writes lost")
	assert.Positive(t, r.unknown, "the faults produced unknown outcomes (the soak tested something)")
	assert.LessOrEqual(t, r.goroutinesAfter, r.goroutinesBefore+5, "goroutines left behind")
}

type fate int

const (
	fateAcked fate = iota + 1
	fateRefused
	fateUnknown
)

// soakUpdate is what a channel's description may be after its updates:
// the last acknowledged value, or one sent after it whose outcome is
// unknown.
type soakUpdate struct {
	acked string
	maybe []string
}

func (u *soakUpdate) allowed(v string) bool {
	if v == u.acked {
		return true
	}
	for _, m := range u.maybe {
		if v == m {
			return true
		}
	}
	return false
}

// soakLedger is one goroutine's record of its writes; it only touches the
// records it created, so their final state is known.
type soakLedger struct {
	prefix       string
	seq          int
	creates      map[string]fate
	ids          map[string]string // acknowledged creates: name -> id
	live         []string          // names acknowledged and not deleted
	updates      map[string]*soakUpdate
	deletedAck   map[string]bool
	deletedMaybe map[string]bool
	products     map[string]fate

	calls, reads, writes, unknown, otherErrs, recovered int
	errSamples                                          []string
}

func (l *soakLedger) run(ctx context.Context, c *medusa.Client, rnd *rand.Rand) {
	l.creates, l.ids, l.deletedAck, l.deletedMaybe, l.products = map[string]fate{}, map[string]string{}, map[string]bool{}, map[string]bool{}, map[string]fate{}
	for ctx.Err() == nil {
		op := rnd.IntN(100)
		var err error
		switch {
		case op < 45:
			l.reads++
			switch op % 3 {
			case 0:
				_, err = c.Admin.ListSalesChannels(ctx, &admin.ListSalesChannelsParams{Limit: medusa.Ptr(5)})
			case 1:
				_, err = c.Admin.ListProducts(ctx, &admin.ListProductsParams{Limit: medusa.Ptr(5), Fields: medusa.Ptr("id,title")})
			default:
				_, err = c.Admin.ListRegions(ctx, nil)
			}
		case op < 70 || len(l.live) == 0:
			l.seq++
			name := fmt.Sprintf("%s-c%d", l.prefix, l.seq)
			var sc *admin.AdminSalesChannelResponse
			sc, err = c.Admin.CreateSalesChannel(ctx, nil, admin.AdminCreateSalesChannel{Name: name, Description: medusa.Ptr("v0")})
			l.creates[name] = l.fate(err)
			if err == nil {
				l.ids[name] = sc.SalesChannel.Id
				l.live = append(l.live, name)
				l.updates[name] = &soakUpdate{acked: "v0"}
			}
		case op < 85:
			name := l.live[rnd.IntN(len(l.live))]
			u := l.updates[name]
			v := "v" + strconv.Itoa(l.seq) + "-" + strconv.Itoa(rnd.IntN(1000))
			_, err = c.Admin.UpdateSalesChannel(ctx, l.ids[name], nil, admin.AdminUpdateSalesChannel{Description: &v})
			switch l.fate(err) {
			case fateAcked:
				u.acked, u.maybe = v, nil
			case fateUnknown:
				u.maybe = append(u.maybe, v)
			}
		case op < 93:
			i := rnd.IntN(len(l.live))
			name := l.live[i]
			_, err = c.Admin.DeleteSalesChannel(ctx, l.ids[name])
			switch l.fate(err) {
			case fateAcked:
				l.deletedAck[name] = true
				l.live = append(l.live[:i], l.live[i+1:]...)
			case fateUnknown:
				l.deletedMaybe[name] = true
				l.live = append(l.live[:i], l.live[i+1:]...)
			}
		default:
			l.seq++
			handle := strings.ToLower(fmt.Sprintf("%s-p%d", l.prefix, l.seq))
			var body admin.CreateProductBody
			if jerr := json.Unmarshal(fmt.Appendf(nil, `{"title":%q,"handle":%q,"options":[{"title":"Size","values":["M"]}]}`, handle, handle), &body); jerr != nil {
				panic(jerr)
			}
			var first error
			_, err = medusa.CreateOnce(ctx,
				func(ctx context.Context) (*admin.AdminProductResponse, error) {
					r, err := c.Admin.CreateProduct(ctx, nil, body)
					l.calls++
					if first == nil {
						first = err
					}
					return r, err
				},
				func(ctx context.Context) (*admin.AdminProductResponse, bool, error) {
					l.calls++
					list, err := c.Admin.ListProducts(ctx, &admin.ListProductsParams{Handle: &[]string{handle}})
					if err != nil || len(list.Products) == 0 {
						return nil, false, err
					}
					return &admin.AdminProductResponse{Product: list.Products[0]}, true, nil
				})
			l.calls-- // counted in the callbacks
			var uo *medusa.UnknownOutcomeError
			if err == nil && errors.As(first, &uo) {
				l.recovered++
			}
			l.products[handle] = l.fate(err)
		}
		l.calls++
		if err != nil && ctx.Err() == nil {
			var uo *medusa.UnknownOutcomeError
			if !errors.As(err, &uo) {
				l.otherErrs++
				if len(l.errSamples) < 3 {
					l.errSamples = append(l.errSamples, err.Error())
				}
			}
		}
	}
}

// fate classifies a write's result. A write cut off by the end of the soak
// counts as unknown.
func (l *soakLedger) fate(err error) fate {
	l.writes++
	var uo *medusa.UnknownOutcomeError
	switch {
	case err == nil:
		return fateAcked
	case errors.As(err, &uo), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		l.unknown++
		return fateUnknown
	}
	return fateRefused
}

type soakReport struct {
	workers                                     int
	duration                                    time.Duration
	rate                                        float64
	calls, reads, writes, unknown, otherErrs    int
	recovered, unknownApplied, duplicates, lost int
	attempts                                    int64
	faults                                      map[medusatest.Fault]int
	refused, goroutinesBefore, goroutinesAfter  int
	heap                                        uint64
	errSamples                                  []string
}

func (r *soakReport) add(l *soakLedger) {
	r.calls += l.calls
	r.reads += l.reads
	r.writes += l.writes
	r.unknown += l.unknown
	r.otherErrs += l.otherErrs
	r.recovered += l.recovered
	r.errSamples = append(r.errSamples, l.errSamples...)
}

func (r soakReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "soak: %d goroutines sharing one client, %s, fault rate %.2f, Medusa through the fault proxy\n", r.workers, r.duration, r.rate)
	fmt.Fprintf(&b, "calls                 %d (reads %d, writes %d)\n", r.calls, r.reads, r.writes)
	fmt.Fprintf(&b, "HTTP attempts         %d (retries: %d)\n", r.attempts, r.attempts-int64(r.calls))
	var kinds []string
	total := 0
	for f, n := range r.faults {
		if f == medusatest.SlowBody {
			continue
		}
		total += n
	}
	for f, n := range r.faults {
		kinds = append(kinds, fmt.Sprintf("%s %d", f, n))
	}
	sort.Strings(kinds)
	fmt.Fprintf(&b, "faults injected       %d breaking + %d slow bodies (%s), refused dials %d\n", total, r.faults[medusatest.SlowBody], strings.Join(kinds, ", "), r.refused)
	fmt.Fprintf(&b, "unknown outcomes      %d (%d of the creates among them applied); CreateOnce recovered %d\n", r.unknown, r.unknownApplied, r.recovered)
	fmt.Fprintf(&b, "other errors          %d\n", r.otherErrs)
	for _, s := range r.errSamples[:min(3, len(r.errSamples))] {
		fmt.Fprintf(&b, "                      e.g. %.200s\n", s)
	}
	fmt.Fprintf(&b, "duplicates            %d\n", r.duplicates)
	fmt.Fprintf(&b, "acked writes lost     %d\n", r.lost)
	fmt.Fprintf(&b, "goroutines            %d before, %d at the end\n", r.goroutinesBefore, r.goroutinesAfter)
	fmt.Fprintf(&b, "heap at the end       %.1f MiB (after GC)\n", float64(r.heap)/(1<<20))
	return b.String()
}

// countingTransport counts the requests the SDK sends (every attempt).
type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int64
}

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.next.RoundTrip(req)
}

func (t countingTransport) CloseIdleConnections() {
	if c, ok := t.next.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

func cleanup(t *testing.T, c *medusa.Client, channels map[string][]admin.AdminSalesChannel, prefix string) {
	ctx := ctxT(t)
	ids := make(chan string)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ids {
				if strings.HasPrefix(id, "prod_") {
					_, _ = c.Admin.DeleteProduct(ctx, id)
				} else {
					_, _ = c.Admin.DeleteSalesChannel(ctx, id)
				}
			}
		}()
	}
	for _, scs := range channels {
		for _, sc := range scs {
			ids <- sc.Id
		}
	}
	for pr, err := range c.Admin.ListProductsAll(ctx, &admin.ListProductsParams{Q: &prefix, Limit: medusa.Ptr(200), Fields: medusa.Ptr("id")}) {
		if err != nil {
			break
		}
		ids <- pr.Id
	}
	close(ids)
	wg.Wait()
}

func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	require.NoError(t, err, name)
	return d
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	require.NoError(t, err, name)
	return n
}

func envFloat(t *testing.T, name string, def float64) float64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	require.NoError(t, err, name)
	return f
}
