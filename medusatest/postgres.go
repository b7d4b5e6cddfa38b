package medusatest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// postgres is the database server a started Medusa uses when the user gives
// no database: the machine's PostgreSQL, run from a data directory in the
// state directory on a loopback port, with trust authentication.
type postgres struct {
	bin, dir string // dir holds data/, the socket and postgres.log
	port     int
	cred     *syscall.Credential // root: run as the postgres user
}

func newPostgres(bin, stateDir string, port int) (*postgres, error) {
	pg := &postgres{bin: bin, dir: filepath.Join(stateDir, "pg"), port: port}
	if err := os.MkdirAll(filepath.Join(pg.dir), 0o700); err != nil {
		return nil, err
	}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("%w: PostgreSQL does not run as root and there is no postgres user: run the tests as another user, create that user, or give %s", ErrMissingTool, EnvDatabaseURL)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		pg.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(pg.dir, uid, gid); err != nil {
			return nil, err
		}
	}
	return pg, nil
}

func (pg *postgres) cmd(ctx context.Context, name string, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, filepath.Join(pg.bin, name), args...)
	c.Dir = pg.dir
	if pg.cred != nil {
		c.SysProcAttr = &syscall.SysProcAttr{Credential: pg.cred}
	}
	return c
}

func (pg *postgres) run(ctx context.Context, name string, args ...string) (string, error) {
	out, err := pg.cmd(ctx, name, args...).CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(string(out), 20))
	}
	return string(out), nil
}

func (pg *postgres) data() string { return filepath.Join(pg.dir, "data") }

// start initialises the data directory once, starts the server and makes
// the medusa database; it returns the database URL.
func (pg *postgres) start(ctx context.Context) (string, error) {
	if _, err := os.Stat(filepath.Join(pg.data(), "PG_VERSION")); err != nil {
		if _, err := pg.run(ctx, "initdb", "-D", pg.data(), "-U", "postgres", "--auth-local=trust", "--auth-host=trust", "-E", "UTF8", "--locale=C"); err != nil {
			return "", err
		}
	}
	// A server a crashed supervisor left behind runs on a port we do not know.
	if _, err := pg.run(ctx, "pg_ctl", "-D", pg.data(), "status"); err == nil {
		_, _ = pg.run(ctx, "pg_ctl", "-D", pg.data(), "-m", "fast", "stop")
	}
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s", pg.port, pg.dir)
	if _, err := pg.run(ctx, "pg_ctl", "-D", pg.data(), "-l", filepath.Join(pg.dir, "postgres.log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		return "", fmt.Errorf("%w\n%s", err, tailFile(filepath.Join(pg.dir, "postgres.log"), 20))
	}
	psql := []string{"-h", "127.0.0.1", "-p", strconv.Itoa(pg.port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-Atq", "-c"}
	out, err := pg.run(ctx, "psql", append(psql, "select 1 from pg_database where datname='medusa'")...)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(out) != "1" {
		if _, err := pg.run(ctx, "psql", append(psql, "create database medusa")...); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/medusa", pg.port), nil
}

func (pg *postgres) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, _ = pg.run(ctx, "pg_ctl", "-D", pg.data(), "-m", "fast", "-w", "stop")
}

// tailFile is the last n lines of a log file, or "".
func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return tail(string(b), n)
}
