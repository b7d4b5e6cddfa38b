package medusatest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
)

var seq atomic.Uint64

// UniqueName returns prefix followed by a suffix unique across test runs, so
// tests never collide with data from earlier runs or with each other.
func (s *Server) UniqueName(prefix string) string { return UniqueName(prefix) }

// UniqueEmail returns a unique e-mail address at example.com.
func (s *Server) UniqueEmail(prefix string) string {
	return strings.ToLower(strings.ReplaceAll(UniqueName(prefix), " ", "-")) + "@example.com"
}

// UniqueName is the package-level form of Server.UniqueName.
func UniqueName(prefix string) string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%s-%d-%s", prefix, time.Now().UTC().Format("150405"), seq.Add(1), hex.EncodeToString(b[:]))
}
