// Package medusatest gives integration tests the real Medusa server that
// scripts/medusa-up.sh starts, and helpers to create the data a test needs.
//
// The helpers speak plain net/http on purpose: they set up state for tests of
// the SDK and must not depend on the SDK being right.
package medusatest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Server is a running Medusa backend and the credentials of its admin user.
type Server struct {
	URL            string `json:"url"`
	AdminEmail     string `json:"admin_email"`
	AdminPassword  string `json:"admin_password"`
	JWTSecret      string `json:"jwt_secret"`
	ResetTokenFile string `json:"reset_token_file"`
	MedusaVersion  string `json:"medusa_version"`

	client *http.Client

	mu         sync.Mutex
	cache      map[string]string // values made once per test binary (memo)
	seenResets map[string]bool
}

// memo returns the value cached under key, making it with make on first use.
// Concurrent first uses may both call make; the first result wins.
func (s *Server) memo(t testing.TB, key string, make func() string) string {
	t.Helper()
	s.mu.Lock()
	v, ok := s.cache[key]
	s.mu.Unlock()
	if ok {
		return v
	}
	v = make()
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.cache[key]; ok {
		return prev
	}
	s.cache[key] = v
	return v
}

var (
	loadOnce sync.Once
	shared   *Server
	loadErr  error
)

// Require returns the shared test server, or fails the test when none can be
// reached. It never skips: an integration run without a server is a failure.
func Require(t testing.TB) *Server {
	t.Helper()
	loadOnce.Do(func() { shared, loadErr = load() })
	if loadErr != nil {
		t.Fatalf("medusatest: no Medusa server: %v\n(start one with `make medusa-up`, or run `make test`)", loadErr)
	}
	return shared
}

// load reads $MEDUSA_STATE_DIR/server.json, written by scripts/medusa-up.sh;
// MEDUSA_URL, MEDUSA_ADMIN_EMAIL and MEDUSA_ADMIN_PASSWORD override it, which
// lets the tests run against a server started some other way.
func load() (*Server, error) {
	dir := os.Getenv("MEDUSA_STATE_DIR")
	if dir == "" {
		dir = "/tmp/medusa-go"
	}
	s := &Server{client: &http.Client{Timeout: 60 * time.Second}, seenResets: map[string]bool{}, cache: map[string]string{}}
	path := filepath.Join(dir, "server.json")
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(b, s); err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
	case errors.Is(err, os.ErrNotExist) && os.Getenv("MEDUSA_URL") != "":
	default:
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	for env, field := range map[string]*string{
		"MEDUSA_URL":            &s.URL,
		"MEDUSA_ADMIN_EMAIL":    &s.AdminEmail,
		"MEDUSA_ADMIN_PASSWORD": &s.AdminPassword,
	} {
		if v := os.Getenv(env); v != "" {
			*field = v
		}
	}
	resp, err := s.client.Get(s.URL + "/health")
	if err != nil {
		return nil, fmt.Errorf("GET %s/health: %w", s.URL, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s/health: status %d", s.URL, resp.StatusCode)
	}
	return s, nil
}

// HTTPClient is the plain client the helpers use.
func (s *Server) HTTPClient() *http.Client { return s.client }
