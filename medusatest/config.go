package medusatest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// The environment the kit reads (README, "Testing your service").
const (
	// EnvURL makes the kit use a Medusa that already runs (with EnvAdminEmail
	// and EnvAdminPassword) instead of starting one.
	EnvURL           = "MEDUSATEST_URL"
	EnvAdminEmail    = "MEDUSATEST_ADMIN_EMAIL"
	EnvAdminPassword = "MEDUSATEST_ADMIN_PASSWORD"
	// EnvDatabaseURL gives the started server a PostgreSQL database of the
	// user's (postgres://user:pass@host:port/db; it must exist) instead of
	// one the kit runs with the machine's initdb and pg_ctl.
	EnvDatabaseURL = "MEDUSATEST_DATABASE_URL"
	// EnvStateDir is where a started server keeps its database, logs and
	// leases (default: under the user's cache directory; under the temporary
	// directory for root, whose PostgreSQL runs as the postgres user).
	EnvStateDir = "MEDUSATEST_STATE_DIR"
	// EnvCacheDir is where Medusa is installed (default os.UserCacheDir()/medusa-go).
	EnvCacheDir = "MEDUSATEST_CACHE_DIR"
	// EnvAppDir names an installed copy of the kit's app (npm ci done) to
	// run instead of the cached install.
	EnvAppDir = "MEDUSATEST_APP_DIR"
	// EnvPort and EnvPGPort fix the ports of a started server (default: free ones).
	EnvPort   = "MEDUSATEST_PORT"
	EnvPGPort = "MEDUSATEST_PG_PORT"
	// EnvIdle is how long a started server outlives its last test process
	// (a Go duration, default 60s): the test binaries of one `go test ./...`
	// run one after another and find it up.
	EnvIdle = "MEDUSATEST_IDLE"
	// EnvRecord set to 1 records the exchanges of Replay tests again
	// (as the -medusatest.record flag does).
	EnvRecord = "MEDUSATEST_RECORD"
)

// supervisorEnv, set in a test binary's environment, makes it run as the
// supervisor of the server in that state directory (see supervise).
const supervisorEnv = "MEDUSATEST_SUPERVISE_STATE_DIR"

// defaultIdle is how long a server outlives its last lease.
const defaultIdle = 60 * time.Second

// stateDir is the directory of the shared server of this release.
func stateDir() (string, error) {
	if d := os.Getenv(EnvStateDir); d != "" {
		return filepath.Abs(d)
	}
	name := "state-" + appVersion + "-" + appLock[:12]
	if os.Geteuid() == 0 {
		// The postgres user must reach the data directory, which /root hides.
		return filepath.Join(os.TempDir(), "medusatest-root-"+appVersion+"-"+appLock[:12]), nil
	}
	c, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("medusatest: no cache directory (set %s): %w", EnvStateDir, err)
	}
	if base := os.Getenv(EnvCacheDir); base != "" {
		return filepath.Join(base, name), nil
	}
	return filepath.Join(c, "medusa-go", name), nil
}

func idleTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(EnvIdle)); err == nil && d > 0 {
		return d
	}
	return defaultIdle
}

func envPort(name string) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 65535 {
		return 0, fmt.Errorf("medusatest: %s=%q is not a port", name, v)
	}
	return n, nil
}

// randomSecret is a fresh secret for the server's admin and its JWT and
// cookie signing; it is kept in the state directory (mode 0600).
func randomSecret() string {
	var b [18]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
