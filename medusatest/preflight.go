package medusatest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// ErrMissingTool is what a start fails with when Node.js or PostgreSQL is not
// on the machine; the message says how to install it.
var ErrMissingTool = errors.New("medusatest: a tool the server needs is missing")

// minNode is the oldest Node.js the pinned Medusa runs on (its engines field).
var minNode = [3]int{20, 19, 0}

// pgSearchDirs are where PostgreSQL's programs live when they are not on
// PATH: Debian and Ubuntu's versioned directories, Homebrew's, the source
// build's. Tests replace it.
var pgSearchDirs = []string{
	"/usr/lib/postgresql/*/bin",
	"/usr/pgsql-*/bin",
	"/opt/homebrew/opt/postgresql@*/bin",
	"/usr/local/opt/postgresql@*/bin",
	"/usr/local/pgsql/bin",
}

// tools are the programs a managed server runs.
type tools struct {
	node, npm string
	pgBin     string // the directory of initdb, pg_ctl, postgres and psql; "" with a database URL
}

const nodeHint = "install Node.js 20.19 or newer (https://nodejs.org/en/download, or your package manager: apt-get install nodejs, brew install node) so that `node` and `npm` are on PATH"
const pgHint = "install PostgreSQL (apt-get install postgresql, dnf install postgresql-server, brew install postgresql@16) so that initdb and pg_ctl are on PATH or in /usr/lib/postgresql/*/bin, or give a database with MEDUSATEST_DATABASE_URL"

// findTools looks for Node.js, npm and (unless the user gives a database)
// PostgreSQL, within seconds: it runs only `node --version`, with a timeout.
func findTools(ctx context.Context, needPostgres bool) (tools, error) {
	var tl tools
	var err error
	if tl.node, err = exec.LookPath("node"); err != nil {
		return tl, fmt.Errorf("%w: Node.js: no `node` on PATH: %s", ErrMissingTool, nodeHint)
	}
	if tl.npm, err = exec.LookPath("npm"); err != nil {
		return tl, fmt.Errorf("%w: Node.js: no `npm` on PATH: %s", ErrMissingTool, nodeHint)
	}
	vctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(vctx, tl.node, "--version").Output()
	if err != nil {
		return tl, fmt.Errorf("%w: Node.js: `%s --version` failed (%v): %s", ErrMissingTool, tl.node, err, nodeHint)
	}
	if v := strings.TrimSpace(string(out)); !atLeast(v, minNode) {
		return tl, fmt.Errorf("%w: Node.js %s is too old for Medusa %s: %s", ErrMissingTool, v, appVersion, nodeHint)
	}
	if !needPostgres {
		return tl, nil
	}
	if tl.pgBin = findPostgres(); tl.pgBin == "" {
		return tl, fmt.Errorf("%w: PostgreSQL: no initdb and pg_ctl: %s", ErrMissingTool, pgHint)
	}
	return tl, nil
}

// findPostgres returns the directory that holds initdb, pg_ctl, postgres and
// psql: PATH first, then the newest of pgSearchDirs; "" when none does.
func findPostgres() string {
	if p, err := exec.LookPath("pg_ctl"); err == nil && complete(filepath.Dir(p)) {
		return filepath.Dir(p)
	}
	var dirs []string
	for _, pattern := range pgSearchDirs {
		m, _ := filepath.Glob(pattern)
		dirs = append(dirs, m...)
	}
	sort.Slice(dirs, func(i, j int) bool { return pgMajor(dirs[i]) > pgMajor(dirs[j]) })
	for _, d := range dirs {
		if complete(d) {
			return d
		}
	}
	return ""
}

func complete(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres", "psql"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}

// pgMajor is the last number in a PostgreSQL directory's path (15 in
// /usr/lib/postgresql/15/bin), 0 when it has none.
func pgMajor(dir string) int {
	n := 0
	for _, part := range strings.FieldsFunc(dir, func(r rune) bool { return r < '0' || r > '9' }) {
		if v, err := strconv.Atoi(part); err == nil {
			n = v
		}
	}
	return n
}

// atLeast reports whether version ("v20.19.2") is at least min.
func atLeast(version string, min [3]int) bool {
	parts := strings.Split(strings.TrimPrefix(strings.TrimSpace(version), "v"), ".")
	for i := range min {
		n := 0
		if i < len(parts) {
			n, _ = strconv.Atoi(parts[i])
		}
		if n != min[i] {
			return n > min[i]
		}
	}
	return true
}
