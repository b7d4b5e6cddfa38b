package medusatest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// How a started server is shared (README, "Testing your service"): the first
// test process that needs it starts a supervisor, a copy of its own test
// binary detached from the run, which starts PostgreSQL and Medusa and writes
// state.json. Every test process holds a lease, a file in leases/ it keeps
// locked until it ends (the lock goes with the process, even a killed one).
// The supervisor stops Medusa and PostgreSQL once no lease was held for the
// idle timeout (MEDUSATEST_IDLE, 60s), so the packages of one
// `go test ./...` share one server and nothing outlives the run for long.

// launch is what a test process hands the supervisor it starts.
type launch struct {
	AppDir      string `json:"app_dir"`
	PGBin       string `json:"pg_bin,omitempty"`
	DatabaseURL string `json:"database_url,omitempty"`
	Port        int    `json:"port,omitempty"`
	PGPort      int    `json:"pg_port,omitempty"`
	Idle        string `json:"idle"`
}

// state is the supervisor's state.json (mode 0600: it holds the admin's password).
type state struct {
	Supervisor     int               `json:"supervisor"`
	Phase          string            `json:"phase"` // starting, ready, failed
	Error          string            `json:"error,omitempty"`
	URL            string            `json:"url,omitempty"`
	MedusaVersion  string            `json:"medusa_version,omitempty"`
	AdminEmail     string            `json:"admin_email,omitempty"`
	AdminPassword  string            `json:"admin_password,omitempty"`
	ResetTokenFile string            `json:"reset_token_file,omitempty"`
	Steps          map[string]string `json:"steps,omitempty"` // how long each start step took
}

// secretsFile holds what stays the same for a state directory's database.
type secretsFile struct {
	AdminPassword string `json:"admin_password"`
	JWTSecret     string `json:"jwt_secret"`
	CookieSecret  string `json:"cookie_secret"`
}

const adminEmail = "admin@medusatest.local"

func init() {
	if dir := os.Getenv(supervisorEnv); dir != "" {
		os.Exit(supervise(dir))
	}
}

func readState(dir string) (*state, error) {
	b, err := os.ReadFile(filepath.Join(dir, "state.json"))
	if err != nil {
		return nil, err
	}
	var st state
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, err
	}
	return &st, nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// supervise runs the server of state directory dir until it is idle.
func supervise(dir string) int {
	logf := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().UTC().Format(time.RFC3339)}, args...)...)
	}
	var l launch
	b, err := os.ReadFile(filepath.Join(dir, "launch.json"))
	if err == nil {
		err = json.Unmarshal(b, &l)
	}
	st := &state{Supervisor: os.Getpid(), Phase: "starting", Steps: map[string]string{}}
	fail := func(err error) int {
		logf("failed: %v", err)
		st.Phase, st.Error = "failed", err.Error()
		_ = writeJSON(filepath.Join(dir, "state.json"), st)
		return 1
	}
	if err != nil {
		return fail(fmt.Errorf("reading launch.json: %w", err))
	}
	_ = writeJSON(filepath.Join(dir, "state.json"), st)
	ctx := context.Background()
	idle, _ := time.ParseDuration(l.Idle)
	if idle <= 0 {
		idle = defaultIdle
	}
	r := &runner{dir: dir, l: l, st: st, logf: logf, term: make(chan os.Signal, 1)}
	// Stopped by a signal (kill <supervisor pid>): Medusa and PostgreSQL go too.
	signal.Notify(r.term, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	defer r.stop()
	if err := r.start(ctx); err != nil {
		return fail(err)
	}
	st.Phase = "ready"
	if err := writeJSON(filepath.Join(dir, "state.json"), st); err != nil {
		return fail(err)
	}
	logf("ready: %s (Medusa %s) %v", st.URL, st.MedusaVersion, st.Steps)
	return r.wait(ctx, idle)
}

// runner starts and stops one server.
type runner struct {
	dir    string
	l      launch
	st     *state
	logf   func(string, ...any)
	pg     *postgres
	medusa *exec.Cmd
	exited chan struct{}
	term   chan os.Signal
}

func (r *runner) step(name string, started time.Time) {
	r.st.Steps[name] = time.Since(started).Round(10 * time.Millisecond).String()
}

func (r *runner) start(ctx context.Context) error {
	all := time.Now()
	sec, err := r.secrets()
	if err != nil {
		return err
	}
	port := r.l.Port
	if port == 0 {
		if port, err = freePort(); err != nil {
			return err
		}
	}
	dbURL := r.l.DatabaseURL
	if dbURL == "" {
		pgPort := r.l.PGPort
		if pgPort == 0 {
			if pgPort, err = freePort(); err != nil {
				return err
			}
		}
		t := time.Now()
		if r.pg, err = newPostgres(r.l.PGBin, r.dir, pgPort); err != nil {
			return err
		}
		if dbURL, err = r.pg.start(ctx); err != nil {
			return fmt.Errorf("starting PostgreSQL: %w", err)
		}
		r.step("postgres", t)
	}
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	resetFile := filepath.Join(r.dir, "reset-tokens.jsonl")
	env := append(cleanEnv(),
		"DATABASE_URL="+dbURL, "NODE_ENV=development", "MEDUSA_DISABLE_TELEMETRY=true",
		"JWT_SECRET="+sec.JWTSecret, "COOKIE_SECRET="+sec.CookieSecret, "MEDUSA_BACKEND_URL="+url,
		"MEDUSA_RESET_TOKEN_FILE="+resetFile)
	bin := filepath.Join(r.l.AppDir, "node_modules", ".bin", "medusa")

	// Migrations run once per database and app (lock, config, search indexes).
	dbKey := sha(dbURL)[:12]
	migrated := filepath.Join(r.dir, "migrated-"+dbKey)
	want := r.migrateSum()
	if b, _ := os.ReadFile(migrated); strings.TrimSpace(string(b)) != want {
		t := time.Now()
		if err := r.node(ctx, env, "migrate.log", bin, "db:migrate", "--execute-safe-links"); err != nil {
			return err
		}
		if err := os.WriteFile(migrated, []byte(want+"\n"), 0o600); err != nil {
			return err
		}
		r.step("migrate", t)
	}
	adminMade := filepath.Join(r.dir, "admin-"+dbKey)
	if _, err := os.Stat(adminMade); err != nil {
		t := time.Now()
		if err := r.node(ctx, env, "user.log", bin, "user", "-e", adminEmail, "-p", sec.AdminPassword); err != nil {
			return err
		}
		if err := os.WriteFile(adminMade, nil, 0o600); err != nil {
			return err
		}
		r.step("admin", t)
	}

	t := time.Now()
	if healthy(url) {
		return fmt.Errorf("something already answers on %s: set %s to a free port", url, EnvPort)
	}
	logFile, err := os.OpenFile(filepath.Join(r.dir, "medusa.log"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()
	if err := os.WriteFile(resetFile, nil, 0o600); err != nil {
		return err
	}
	r.medusa = exec.Command(bin, "start", "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	r.medusa.Dir, r.medusa.Env = r.l.AppDir, env
	r.medusa.Stdout, r.medusa.Stderr = logFile, logFile
	r.medusa.SysProcAttr = detached()
	if err := r.medusa.Start(); err != nil {
		return fmt.Errorf("starting Medusa: %w", err)
	}
	r.exited = make(chan struct{})
	go func() { _ = r.medusa.Wait(); close(r.exited) }()
	deadline := time.Now().Add(5 * time.Minute)
	for !healthy(url) {
		select {
		case <-r.exited:
			return fmt.Errorf("Medusa exited while starting:\n%s", tailFile(filepath.Join(r.dir, "medusa.log"), 30))
		case <-time.After(250 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("Medusa did not answer %s/health within 5 minutes:\n%s", url, tailFile(filepath.Join(r.dir, "medusa.log"), 30))
		}
	}
	r.step("boot", t)
	r.step("total", all)
	r.st.URL, r.st.AdminEmail, r.st.AdminPassword, r.st.ResetTokenFile = url, adminEmail, sec.AdminPassword, resetFile
	r.st.MedusaVersion = installedVersion(r.l.AppDir)
	return nil
}

// wait serves until no lease was held for idle, or Medusa exits.
func (r *runner) wait(ctx context.Context, idle time.Duration) int {
	leases := filepath.Join(r.dir, "leases")
	lastHeld := time.Now()
	for {
		select {
		case <-r.exited:
			r.logf("Medusa exited:\n%s", tailFile(filepath.Join(r.dir, "medusa.log"), 30))
			r.st.Phase, r.st.Error = "failed", "Medusa exited; see "+filepath.Join(r.dir, "medusa.log")
			_ = writeJSON(filepath.Join(r.dir, "state.json"), r.st)
			return 1
		case sig := <-r.term:
			r.logf("%v: stopping", sig)
			r.stop()
			_ = os.Remove(filepath.Join(r.dir, "state.json"))
			return 0
		case <-time.After(time.Second):
		}
		if liveLeases(leases) > 0 {
			lastHeld = time.Now()
			continue
		}
		if time.Since(lastHeld) < idle {
			continue
		}
		// No test process may join while the server goes down.
		unlock, err := lockFile(ctx, filepath.Join(r.dir, "lock"))
		if err != nil {
			continue
		}
		if liveLeases(leases) > 0 {
			unlock()
			lastHeld = time.Now()
			continue
		}
		r.logf("idle for %s: stopping", idle)
		r.stop()
		_ = os.Remove(filepath.Join(r.dir, "state.json"))
		unlock()
		return 0
	}
}

// liveLeases counts the leases whose process still holds them and removes
// the others.
func liveLeases(dir string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if lockedByOther(p) {
			n++
		} else {
			_ = os.Remove(p)
		}
	}
	return n
}

func (r *runner) stop() {
	if r.medusa != nil && r.medusa.Process != nil {
		stopGroup(r.medusa.Process.Pid, 10*time.Second)
		r.medusa = nil
	}
	if r.pg != nil {
		r.pg.stop()
		r.pg = nil
	}
}

// node runs a Medusa command in the app directory, its output to a log file
// in the state directory (shown in the error when it fails).
func (r *runner) node(ctx context.Context, env []string, log string, bin string, args ...string) error {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	c := exec.CommandContext(cctx, bin, args...)
	c.Dir, c.Env = r.l.AppDir, env
	out, err := c.CombinedOutput()
	_ = os.WriteFile(filepath.Join(r.dir, log), out, 0o600)
	if err != nil {
		return fmt.Errorf("medusa %s: %v\n%s", args[0], err, tail(string(out), 30))
	}
	return nil
}

func (r *runner) secrets() (secretsFile, error) {
	path := filepath.Join(r.dir, "secrets.json")
	var s secretsFile
	b, err := os.ReadFile(path)
	if err == nil && json.Unmarshal(b, &s) == nil && s.AdminPassword != "" {
		return s, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return s, err
	}
	s = secretsFile{AdminPassword: randomSecret(), JWTSecret: randomSecret(), CookieSecret: randomSecret()}
	return s, writeJSON(path, s)
}

// migrateSum changes when the migrations may: another lock (Medusa's
// release), config (modules), search index definitions, or Medusa's RBAC
// flag (MEDUSA_FF_RBAC=true: the app's config then loads the RBAC module,
// which has tables of its own).
func (r *runner) migrateSum() string {
	h := sha256.New()
	h.Write([]byte("rbac=" + os.Getenv("MEDUSA_FF_RBAC") + "\n"))
	for _, name := range []string{"package-lock.json", "medusa-config.ts"} {
		b, _ := os.ReadFile(filepath.Join(r.l.AppDir, name))
		h.Write(b)
	}
	var files []string
	_ = filepath.WalkDir(filepath.Join(r.l.AppDir, "src", "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// cleanEnv is the environment without the kit's own settings.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "MEDUSATEST_") && !strings.HasPrefix(kv, "DATABASE_URL=") {
			out = append(out, kv)
		}
	}
	return out
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

var healthClient = &http.Client{Timeout: 2 * time.Second}

func healthy(url string) bool {
	resp, err := healthClient.Get(url + "/health")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// installedVersion is the @medusajs/medusa release installed in appDir.
func installedVersion(appDir string) string {
	b, err := os.ReadFile(filepath.Join(appDir, "node_modules", "@medusajs", "medusa", "package.json"))
	if err != nil {
		return ""
	}
	var p struct {
		Version string `json:"version"`
	}
	_ = json.Unmarshal(b, &p)
	return p.Version
}
