package medusatest

import (
	"fmt"
	"strings"
)

// Name returns prefix followed by a suffix unique to this test ("Shirt
// 3f9a1c2e-4"), so tests running in parallel, and the data of earlier runs,
// never collide. Under Replay the suffixes are the recording's, so a
// replayed test sends what it recorded.
func (s *Server) Name(prefix string) string {
	return fmt.Sprintf("%s %s-%d", prefix, s.run, s.seq.Add(1))
}

// Email returns a unique e-mail address at example.com made from prefix.
func (s *Server) Email(prefix string) string {
	return strings.ToLower(strings.ReplaceAll(s.Name(prefix), " ", "-")) + "@example.com"
}
