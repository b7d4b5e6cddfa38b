package medusatest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
)

// Server is a running Medusa for one test: its address, the admin's
// credentials, a publishable key, and a client for each actor. Start gives
// a live one; Replay one that answers from a recording.
//
// Its String and GoString leave the password and the key out, so printing
// a Server leaks no secret.
type Server struct {
	// URL is the server's base URL (http://127.0.0.1:<port>); a replayed
	// server has the recorded one, and nothing listens there.
	URL string
	// MedusaVersion is the running release ("2.18.0"); "" for a server given
	// by MEDUSATEST_URL without MEDUSATEST_MEDUSA_VERSION.
	MedusaVersion string
	// AdminEmail and AdminPassword log in as the admin user (emailpass).
	AdminEmail, AdminPassword string
	// PublishableKey serves the default sales channel and every channel the
	// SalesChannel seed makes.
	PublishableKey string
	// Admin is a client logged in as the admin user; Store an anonymous
	// storefront client with the publishable key. Seeds use them; a test
	// may too. Customer gives a logged-in customer's client.
	Admin, Store *medusa.Client

	t     testing.TB
	hc    *http.Client // what every client of this Server sends through
	run   string       // makes Name unique: random, or the recording's
	seq   *atomic.Int64
	tape  *tape // record or replay; nil when live
	shop  *process
	reset string
	pkID  string // the publishable key's id
}

// String shows the server without its secrets.
func (s Server) String() string {
	return fmt.Sprintf("medusatest.Server{URL: %s, MedusaVersion: %s, AdminEmail: %s}", s.URL, s.MedusaVersion, s.AdminEmail)
}

// GoString is String: %#v leaks no secret either.
func (s Server) GoString() string { return s.String() }

// HTTPClient is the *http.Client every client of this Server sends through:
// give it to the service under test (medusa.WithHTTPClient) so that its
// calls are recorded and replayed with the seeds'.
func (s *Server) HTTPClient() *http.Client { return s.hc }

// process is what one test binary shares: the lease on the server, the
// admin's token and the publishable key.
type process struct {
	once    sync.Once
	b       *backend
	err     error
	token   string
	pk      string
	pkID    string
	channel string // the default sales channel
}

var shared process

// get acquires the server and makes the per-binary credentials once.
func (p *process) get(logf func(string, ...any)) (*process, error) {
	p.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		if p.b, p.err = acquire(ctx, logf); p.err != nil {
			return
		}
		p.err = p.credentials(ctx)
	})
	return p, p.err
}

func (p *process) credentials(ctx context.Context) error {
	c, err := medusa.New(p.b.url)
	if err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	res, err := c.Auth.Login(ctx, "user", "emailpass", medusa.EmailPass{Email: p.b.adminEmail, Password: p.b.adminPass})
	if err != nil {
		return fmt.Errorf("medusatest: logging in as the admin %s: %w", p.b.adminEmail, err)
	}
	if p.token, err = c.Auth.Token(ctx); err != nil || p.token == "" {
		return fmt.Errorf("medusatest: no admin token after login (%v, %v)", res != nil, err)
	}
	chans, err := c.Admin.ListSalesChannels(ctx, &admin.ListSalesChannelsParams{Limit: medusa.Ptr(1), Order: medusa.Ptr("created_at")})
	if err != nil {
		return fmt.Errorf("medusatest: listing sales channels: %w", err)
	}
	if len(chans.SalesChannels) == 0 {
		return fmt.Errorf("medusatest: the server has no sales channel")
	}
	p.channel = chans.SalesChannels[0].Id
	key, err := c.Admin.CreateAPIKey(ctx, admin.AdminCreateApiKey{Title: "medusatest " + randomSecret()[:8], Type: "publishable"})
	if err != nil {
		return fmt.Errorf("medusatest: creating a publishable key: %w", err)
	}
	if _, err := c.Admin.CreateAPIKeySalesChannel(ctx, key.ApiKey.Id, nil, admin.AdminBatchLink{Add: &[]string{p.channel}}); err != nil {
		return fmt.Errorf("medusatest: linking the publishable key: %w", err)
	}
	p.pk, p.pkID = key.ApiKey.Token, key.ApiKey.Id
	return nil
}

// Start returns the Medusa of this test run, starting it when no test
// process did (see the package doc), and fails the test when it cannot:
// with a message that says how to install Node.js or PostgreSQL when one is
// missing, within seconds. The server is shared by every test and test
// binary of the run; Start makes no data (the seeds do).
func Start(t testing.TB) *Server {
	t.Helper()
	p, err := shared.get(t.Logf)
	if err != nil {
		t.Fatalf("%v", err)
	}
	s, err := newServer(t, p, nil, randomSecret()[:8])
	if err != nil {
		t.Fatalf("%v", err)
	}
	return s
}

// Main is the TestMain form of Start: it starts the server (or joins the
// one another test binary started) before the tests run, so a missing
// Node.js or PostgreSQL fails the package at once, and gives it back when
// they end. Use it as
//
//	func TestMain(m *testing.M) { os.Exit(medusatest.Main(m)) }
//
// and Start(t) in the tests. A binary without TestMain gives the server back
// when it exits.
func Main(m *testing.M) int {
	started := time.Now()
	p, err := shared.get(func(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) })
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if p.b.started && time.Since(started) > 5*time.Second {
		fmt.Fprintf(os.Stderr, "medusatest: Medusa %s up at %s in %s\n", p.b.version, p.b.url, time.Since(started).Round(100*time.Millisecond))
	}
	code := m.Run()
	p.b.release()
	return code
}

// newServer builds a test's view of the server: its clients send through
// hc (the tape's transport when recording or replaying).
func newServer(t testing.TB, p *process, tp *tape, run string) (*Server, error) {
	s := &Server{t: t, run: run, seq: new(atomic.Int64), tape: tp, shop: p, hc: &http.Client{}}
	if tp != nil {
		s.hc = &http.Client{Transport: tp}
	}
	token := ""
	if p != nil && p.b != nil {
		s.URL, s.MedusaVersion, s.AdminEmail, s.AdminPassword = p.b.url, p.b.version, p.b.adminEmail, p.b.adminPass
		s.PublishableKey, s.pkID, s.reset, token = p.pk, p.pkID, p.b.resetTokenFile, p.token
	} else {
		// Replaying: the recorded address, and stand-ins for the credentials
		// (the recording has none).
		s.URL, s.MedusaVersion, s.AdminEmail = tp.rec.URL, tp.rec.MedusaVersion, tp.rec.AdminEmail
		s.AdminPassword, s.PublishableKey, s.pkID, token = replayedPassword, replayedKey, tp.rec.PublishableKeyID, tp.rec.AdminToken
		if token == "" {
			token = stubJWT("user")
		}
	}
	var err error
	if s.Admin, err = medusa.New(s.URL, medusa.WithHTTPClient(s.hc)); err != nil {
		return nil, fmt.Errorf("medusatest: %w", err)
	}
	if err := s.Admin.Auth.SetToken(t.Context(), token); err != nil {
		return nil, fmt.Errorf("medusatest: %w", err)
	}
	if s.Store, err = s.NewClient(); err != nil {
		return nil, err
	}
	return s, nil
}

// NewClient returns an anonymous storefront client of this server (with the
// publishable key, sending through HTTPClient) with opts added.
func (s *Server) NewClient(opts ...medusa.Option) (*medusa.Client, error) {
	c, err := medusa.New(s.URL, append([]medusa.Option{medusa.WithHTTPClient(s.hc), medusa.WithPublishableKey(s.PublishableKey)}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("medusatest: %w", err)
	}
	return c, nil
}
