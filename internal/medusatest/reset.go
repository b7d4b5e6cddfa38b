package medusatest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"
)

// ResetToken waits for the password-reset token that the test server's
// subscriber recorded for (actorType, email), and returns the newest one that
// this helper has not returned before. Medusa never returns it over HTTP.
func (s *Server) ResetToken(t testing.TB, actorType, email string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		if tok := s.newestReset(t, actorType, email); tok != "" {
			return tok
		}
		if time.Now().After(deadline) {
			t.Fatalf("medusatest: no password-reset token for %s %s in %s", actorType, email, s.ResetTokenFile)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *Server) newestReset(t testing.TB, actorType, email string) string {
	t.Helper()
	b, err := os.ReadFile(s.ResetTokenFile)
	if err != nil && !os.IsNotExist(err) {
		t.Fatalf("medusatest: %v", err)
	}
	var found string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		var ev struct {
			EntityID  string `json:"entity_id"`
			ActorType string `json:"actor_type"`
			Token     string `json:"token"`
		}
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue // a line still being written
		}
		if ev.EntityID == email && ev.ActorType == actorType {
			found = ev.Token
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if found == "" || s.seenResets[found] {
		return ""
	}
	s.seenResets[found] = true
	return found
}
