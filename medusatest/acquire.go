package medusatest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// backend is a Medusa that answers, and the admin's credentials.
type backend struct {
	url, version          string
	adminEmail, adminPass string
	resetTokenFile        string
	started               bool // by the kit (not MEDUSATEST_URL)
	steps                 map[string]string
	release               func() // gives the lease back
}

// startTimeout bounds the wait for a server that another process starts
// (an install, migrations on a fresh database and the boot).
const startTimeout = 15 * time.Minute

// acquire returns the server of this run: the one MEDUSATEST_URL names, or
// the shared started one, starting it when no process did.
func acquire(ctx context.Context, logf func(string, ...any)) (*backend, error) {
	if url := os.Getenv(EnvURL); url != "" {
		b := &backend{url: url, adminEmail: os.Getenv(EnvAdminEmail), adminPass: os.Getenv(EnvAdminPassword), release: func() {}}
		if b.adminEmail == "" || b.adminPass == "" {
			return nil, fmt.Errorf("medusatest: %s is set, so %s and %s must name the server's admin", EnvURL, EnvAdminEmail, EnvAdminPassword)
		}
		if !healthy(url) {
			return nil, fmt.Errorf("medusatest: %s=%s does not answer GET /health", EnvURL, url)
		}
		b.version = os.Getenv("MEDUSATEST_MEDUSA_VERSION")
		return b, nil
	}
	dbURL := os.Getenv(EnvDatabaseURL)
	tl, err := findTools(ctx, dbURL == "")
	if err != nil {
		return nil, err
	}
	dir, err := stateDir()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "leases"), 0o755); err != nil {
		return nil, fmt.Errorf("medusatest: %w", err)
	}
	appDir := os.Getenv(EnvAppDir)
	if appDir == "" {
		if appDir, err = installDir(); err != nil {
			return nil, err
		}
		if err := install(ctx, appDir, tl.npm, logf); err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(filepath.Join(appDir, "node_modules", ".bin", "medusa")); err != nil {
		return nil, fmt.Errorf("medusatest: %s=%s has no installed Medusa (node_modules/.bin/medusa): run npm ci there", EnvAppDir, appDir)
	}
	port, err := envPort(EnvPort)
	if err != nil {
		return nil, err
	}
	pgPort, err := envPort(EnvPGPort)
	if err != nil {
		return nil, err
	}

	lctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	unlock, err := lockFile(lctx, filepath.Join(dir, "lock"))
	cancel()
	if err != nil {
		return nil, err
	}
	release, err := holdFile(filepath.Join(dir, "leases", strconv.Itoa(os.Getpid())+"-"+randomSecret()[:8]))
	if err != nil {
		unlock()
		return nil, err
	}
	st, err := readState(dir)
	if err != nil || !alive(st.Supervisor) || st.Phase == "failed" {
		if err := spawn(dir, launch{AppDir: appDir, PGBin: tl.pgBin, DatabaseURL: dbURL, Port: port, PGPort: pgPort, Idle: idleTimeout().String()}); err != nil {
			unlock()
			release()
			return nil, err
		}
		logf("medusatest: starting Medusa %s (state in %s; it stops %s after the last test process)", appVersion, dir, idleTimeout())
	}
	unlock()

	st, err = waitReady(ctx, dir)
	if err != nil {
		release()
		return nil, err
	}
	return &backend{url: st.URL, version: st.MedusaVersion, adminEmail: st.AdminEmail, adminPass: st.AdminPassword,
		resetTokenFile: st.ResetTokenFile, started: true, steps: st.Steps, release: release}, nil
}

// spawn starts the supervisor: this very binary, detached, with its output
// in supervisor.log (never the test's: go test would wait for it).
func spawn(dir string, l launch) error {
	if err := writeJSON(filepath.Join(dir, "launch.json"), l); err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	_ = os.Remove(filepath.Join(dir, "state.json"))
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	log, err := os.OpenFile(filepath.Join(dir, "supervisor.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	defer log.Close()
	cmd := exec.Command(exe)
	cmd.Env = append(cleanEnv(), supervisorEnv+"="+dir)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Dir = dir
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("medusatest: starting the supervisor: %w", err)
	}
	pid := cmd.Process.Pid
	_ = cmd.Process.Release()
	// state.json names the supervisor from its first moment.
	return writeJSON(filepath.Join(dir, "state.json"), state{Supervisor: pid, Phase: "starting"})
}

// waitReady waits for the supervisor to report the server ready.
func waitReady(ctx context.Context, dir string) (*state, error) {
	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	for {
		st, err := readState(dir)
		switch {
		case err == nil && st.Phase == "ready":
			return st, nil
		case err == nil && st.Phase == "failed":
			return nil, fmt.Errorf("medusatest: the server did not start: %s\n(logs in %s)", st.Error, dir)
		case err == nil && !alive(st.Supervisor):
			return nil, fmt.Errorf("medusatest: the server's supervisor (pid %d) exited:\n%s", st.Supervisor, tailFile(filepath.Join(dir, "supervisor.log"), 20))
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			// Being rewritten: read again.
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("medusatest: waiting for the server in %s: %w", dir, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}
