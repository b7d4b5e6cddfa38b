package medusatest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"
)

// Event is one line the test server's subscribers recorded in
// ResetTokenFile: a password reset (Kind "", with Token) or a verification
// request (Kind "verification", with Code).
type Event struct {
	Kind       string         `json:"kind"`
	EntityID   string         `json:"entity_id"`
	EntityType string         `json:"entity_type"`
	ActorType  string         `json:"actor_type"`
	Token      string         `json:"token"`
	Code       string         `json:"code"`
	Metadata   map[string]any `json:"metadata"`
}

// WaitEvent waits up to 15 s for the newest recorded event that match
// accepts, and returns it.
func (s *Server) WaitEvent(t testing.TB, what string, match func(Event) bool) Event {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		b, err := os.ReadFile(s.ResetTokenFile)
		if err != nil && !os.IsNotExist(err) {
			t.Fatalf("medusatest: %v", err)
		}
		var found *Event
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			var ev Event
			if json.Unmarshal(sc.Bytes(), &ev) == nil && match(ev) {
				found = &ev
			}
		}
		if found != nil {
			return *found
		}
		if time.Now().After(deadline) {
			t.Fatalf("medusatest: no %s recorded in %s", what, s.ResetTokenFile)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// VerificationCode waits for the code of the newest verification requested
// for entityID (an email address), which Medusa never returns over HTTP.
func (s *Server) VerificationCode(t testing.TB, entityID string) string {
	t.Helper()
	return s.WaitEvent(t, "verification code for "+entityID, func(ev Event) bool {
		return ev.Kind == "verification" && ev.EntityID == entityID && ev.Code != ""
	}).Code
}
