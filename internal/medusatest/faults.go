package medusatest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Fault is what the fault proxy does to one request.
type Fault int

const (
	// Forward passes the request to Medusa and its answer back.
	Forward Fault = iota
	// DropAfterAnswer passes the request to Medusa, waits for its whole
	// answer, then closes the client's connection without sending a byte
	// of it: the write was applied, the client sees EOF.
	DropAfterAnswer
	// ResetMidAnswer passes the request on, then sends the status line,
	// the headers (with the whole body's Content-Length) and half of the
	// body, and resets the connection (TCP RST).
	ResetMidAnswer
	// BadGateway answers 502 without passing the request on.
	BadGateway
	// Unavailable answers 503 without passing the request on.
	Unavailable
	// SlowBody passes the request on and sends the answer's body in pieces
	// of SlowChunk bytes, one every SlowDelay.
	SlowBody
	numFaults
)

var faultNames = [...]string{"forward", "drop-after-answer", "reset-mid-answer", "502", "503", "slow-body"}

func (f Fault) String() string {
	if f >= 0 && f < numFaults {
		return faultNames[f]
	}
	return fmt.Sprintf("Fault(%d)", int(f))
}

// forwards reports whether Medusa gets the request.
func (f Fault) forwards() bool { return f != BadGateway && f != Unavailable }

// FaultProxy is a loopback HTTP proxy in front of the test server that
// injects faults into chosen requests. It speaks plain HTTP/1.1 to the
// client and forwards with its own client, so what Medusa does is real and
// only the way back is broken.
type FaultProxy struct {
	URL string

	// SlowChunk and SlowDelay pace a SlowBody answer (default 64 bytes
	// every 20ms). Set them before the requests they should pace.
	SlowChunk int
	SlowDelay time.Duration

	upstream *url.URL
	client   *http.Client
	srv      *http.Server
	refused  string // a loopback address nothing listens on

	mu        sync.Mutex
	queue     []queued
	plan      func(*http.Request) Fault
	forwarded map[string]int // "METHOD /path" -> requests Medusa got
	faults    [numFaults]int

	refuse     atomic.Int64
	refusedN   atomic.Int64
	transports []*http.Transport
}

type queued struct {
	method, path string
	fault        Fault
}

// FaultProxy starts a fault proxy in front of the server; it stops when the
// test ends.
func (s *Server) FaultProxy(t testing.TB) *FaultProxy {
	t.Helper()
	p, err := NewFaultProxy(s.URL)
	if err != nil {
		t.Fatalf("medusatest: fault proxy: %v", err)
	}
	t.Cleanup(p.Close)
	return p
}

// NewFaultProxy starts a fault proxy in front of upstream (a base URL).
func NewFaultProxy(upstream string) (*FaultProxy, error) {
	u, err := url.Parse(upstream)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		l.Close()
		return nil, err
	}
	refused := closed.Addr().String()
	closed.Close()
	p := &FaultProxy{
		URL: "http://" + l.Addr().String(), upstream: u, refused: refused,
		SlowChunk: 64, SlowDelay: 20 * time.Millisecond,
		client: &http.Client{
			Transport:     &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 64},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		forwarded: map[string]int{},
	}
	p.srv = &http.Server{Handler: http.HandlerFunc(p.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = p.srv.Serve(l) }()
	return p, nil
}

// Close stops the proxy.
func (p *FaultProxy) Close() {
	_ = p.srv.Close()
	p.client.CloseIdleConnections()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, tr := range p.transports {
		tr.CloseIdleConnections()
	}
}

// Next makes the next requests with this method and path (an empty path
// matches any) meet the given faults, one request each, in order.
func (p *FaultProxy) Next(method, path string, faults ...Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range faults {
		p.queue = append(p.queue, queued{method, path, f})
	}
}

// SetPlan decides the fault of every request Next has not: plan runs on
// the proxy's goroutines, concurrently. nil forwards everything.
func (p *FaultProxy) SetPlan(plan func(*http.Request) Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.plan = plan
}

// Forwarded is how many requests with this method and path Medusa got.
func (p *FaultProxy) Forwarded(method, path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.forwarded[method+" "+path]
}

// Faults counts the faults injected so far, by kind (Forward excluded).
func (p *FaultProxy) Faults() map[Fault]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[Fault]int{}
	for f := Fault(1); f < numFaults; f++ {
		if p.faults[f] > 0 {
			out[f] = p.faults[f]
		}
	}
	return out
}

// Transport is an *http.Transport that connects to the proxy; after
// RefuseDials(n), its next n connection attempts go to a loopback port
// nothing listens on and are refused by the kernel: requests that never
// reached the server.
func (p *FaultProxy) Transport() *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second}
	tr := &http.Transport{
		MaxIdleConnsPerHost: 64,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if p.refuse.Add(-1) >= 0 {
				p.refusedN.Add(1)
				addr = p.refused
			} else {
				p.refuse.Store(0)
			}
			return d.DialContext(ctx, network, addr)
		},
	}
	p.mu.Lock()
	p.transports = append(p.transports, tr)
	p.mu.Unlock()
	return tr
}

// RefuseDials makes the next n connection attempts of Transport's
// transports fail, and closes their idle connections so that the next
// request must connect.
func (p *FaultProxy) RefuseDials(n int) {
	p.refuse.Store(int64(n))
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, tr := range p.transports {
		tr.CloseIdleConnections()
	}
}

// Refused is how many connection attempts RefuseDials refused.
func (p *FaultProxy) Refused() int { return int(p.refusedN.Load()) }

func (p *FaultProxy) pick(r *http.Request) Fault {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := Forward
	matched := false
	for i, q := range p.queue {
		if q.method == r.Method && (q.path == "" || q.path == r.URL.Path) {
			f, matched = q.fault, true
			p.queue = append(p.queue[:i], p.queue[i+1:]...)
			break
		}
	}
	if !matched && p.plan != nil {
		plan := p.plan
		p.mu.Unlock()
		f = plan(r)
		p.mu.Lock()
	}
	if f < 0 || f >= numFaults {
		f = Forward
	}
	p.faults[f]++
	if f.forwards() {
		p.forwarded[r.Method+" "+r.URL.Path]++
	}
	return f
}

var hopHeaders = []string{"Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Te", "Trailer", "Upgrade", "Content-Length"}

func (p *FaultProxy) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return // the client went away while sending
	}
	f := p.pick(r)
	switch f {
	case BadGateway, Unavailable:
		w.Header().Set("Content-Type", "text/html")
		status := map[Fault]int{BadGateway: http.StatusBadGateway, Unavailable: http.StatusServiceUnavailable}[f]
		w.WriteHeader(status)
		fmt.Fprintf(w, "<html><body><h1>%d %s</h1>fault proxy</body></html>", status, http.StatusText(status))
		return
	}
	// Medusa gets the whole request and keeps working if the client hangs
	// up, as it does behind a real proxy.
	ctx := context.WithoutCancel(r.Context())
	out, err := http.NewRequestWithContext(ctx, r.Method, p.upstream.String()+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	out.Header = r.Header.Clone()
	for _, h := range hopHeaders {
		out.Header.Del(h)
	}
	resp, err := p.client.Do(out)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	for _, h := range hopHeaders {
		resp.Header.Del(h)
	}
	switch f {
	case DropAfterAnswer:
		if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
			conn.Close()
		}
	case ResetMidAnswer:
		conn, bw, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		writeHead(bw, resp, len(answer))
		_, _ = bw.Write(answer[:len(answer)/2])
		_ = bw.Flush()
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // Close sends RST
		}
		conn.Close()
	case SlowBody:
		copyHeader(w.Header(), resp.Header)
		w.Header().Set("Content-Length", fmt.Sprint(len(answer)))
		w.WriteHeader(resp.StatusCode)
		fl, _ := w.(http.Flusher)
		chunk := max(p.SlowChunk, 1)
		for rest := answer; len(rest) > 0; {
			n := min(chunk, len(rest))
			if _, err := w.Write(rest[:n]); err != nil {
				return
			}
			if fl != nil {
				fl.Flush()
			}
			rest = rest[n:]
			if len(rest) > 0 {
				select {
				case <-time.After(p.SlowDelay):
				case <-r.Context().Done():
					return
				}
			}
		}
	default:
		copyHeader(w.Header(), resp.Header)
		w.Header().Set("Content-Length", fmt.Sprint(len(answer)))
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer)
	}
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

func writeHead(bw *bufio.ReadWriter, resp *http.Response, length int) {
	fmt.Fprintf(bw, "HTTP/1.1 %d %s\r\n", resp.StatusCode, http.StatusText(resp.StatusCode))
	for k, vs := range resp.Header {
		for _, v := range vs {
			fmt.Fprintf(bw, "%s: %s\r\n", k, strings.ReplaceAll(v, "\r\n", " "))
		}
	}
	fmt.Fprintf(bw, "Content-Length: %d\r\n\r\n", length)
}
