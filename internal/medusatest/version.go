package medusatest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// GatedPrefix starts the line Since logs on a server older than a test
// needs: .ci/run counts these lines per run (make test-prev).
const GatedPrefix = "medusatest: gated by version:"

// Since reports whether the test server runs Medusa version or newer. A test
// of a route or behaviour that release added asks first, with the reason:
//
//	if !srv.Since(t, "2.21.0", "GET /admin/search is new in Medusa 2.21") {
//		// what a user of the older server gets instead, asserted
//		_, err := c.Admin.ListSearch(ctx, nil)
//		requireStatus(t, err, 404)
//		return
//	}
//
// On an older server (make test-prev) it logs GatedPrefix, the release, the
// server's and the reason, and the test goes on to prove what that server
// does instead; it never skips (a skip would pass without proving anything).
func (s *Server) Since(t testing.TB, version, reason string) bool {
	t.Helper()
	if !ReleaseBefore(s.MedusaVersion, version) {
		return true
	}
	t.Logf("%s needs Medusa %s, the server runs %s: %s", GatedPrefix, version, s.MedusaVersion, reason)
	return false
}

// ReleaseBefore reports whether Medusa release a is older than b (X.Y.Z; a
// part that is not a number counts as 0, a missing one too).
func ReleaseBefore(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x < y
		}
	}
	return false
}

// TargetRelease is the Medusa release the SDK is generated from and make test
// runs: openapi/lock.json's "medusa", found from the test's directory up.
func TargetRelease(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("medusatest: %v", err)
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "openapi", "lock.json"))
		if err == nil {
			var lock struct {
				Medusa string `json:"medusa"`
			}
			if err := json.Unmarshal(b, &lock); err != nil || lock.Medusa == "" {
				t.Fatalf("medusatest: %s: no \"medusa\" release (%v)", filepath.Join(dir, "openapi", "lock.json"), err)
			}
			return lock.Medusa
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("medusatest: no openapi/lock.json above the test's directory")
		}
		dir = parent
	}
}
