package medusatest

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// app is the Medusa application the kit runs: the same package.json,
// package-lock.json, config and sources as the SDK's own test server
// (testdata/medusa-server; TestEmbeddedAppIsTheTestServer keeps them equal).
// Embedding them pins the versions to the SDK's release: the npm lock ships
// inside the module.
//
//go:embed app
var app embed.FS

// appLock is the embedded npm lock's sha256 and appVersion the Medusa
// release its package.json pins.
var appLock, appVersion = func() (string, string) {
	lock, err := app.ReadFile("app/package-lock.json")
	if err != nil {
		panic("medusatest: the embedded app has no package-lock.json")
	}
	sum := sha256.Sum256(lock)
	pkg, _ := app.ReadFile("app/package.json")
	var p struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	_ = json.Unmarshal(pkg, &p)
	return hex.EncodeToString(sum[:]), p.Dependencies["@medusajs/medusa"]
}()

// TargetRelease is the Medusa release this version of the SDK targets, the
// one the kit installs and runs.
func TargetRelease() string { return appVersion }

// installedStamp is written into an install directory once npm ci finished.
const installedStamp = ".medusatest-installed"

// installDir is where the embedded app is installed for this release:
// $MEDUSATEST_CACHE_DIR, or the user's cache directory
// (os.UserCacheDir()/medusa-go), then medusa-<release>-<lock sum>.
func installDir() (string, error) {
	base := os.Getenv("MEDUSATEST_CACHE_DIR")
	if base == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("medusatest: no cache directory (set MEDUSATEST_CACHE_DIR): %w", err)
		}
		base = filepath.Join(c, "medusa-go")
	}
	return filepath.Join(base, "medusa-"+appVersion+"-"+appLock[:12]), nil
}

// install makes sure dir holds the embedded app with its node_modules, once
// per machine: concurrent test processes wait for the one that installs
// (a lock file in dir). logf reports the slow step.
func install(ctx context.Context, dir, npm string, logf func(string, ...any)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	unlock, err := lockFile(ctx, filepath.Join(dir, ".medusatest-install.lock"))
	if err != nil {
		return err
	}
	defer unlock()
	if err := writeApp(dir); err != nil {
		return err
	}
	if b, err := os.ReadFile(filepath.Join(dir, installedStamp)); err == nil && strings.TrimSpace(string(b)) == appLock {
		return nil
	}
	logf("medusatest: installing Medusa %s into %s (npm ci from the lock shipped in the SDK; once per machine, a few minutes)", appVersion, dir)
	started := time.Now()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MEDUSA_DISABLE_TELEMETRY=true")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("medusatest: npm ci in %s: %v\n%s", dir, err, tail(string(out), 30))
	}
	logf("medusatest: installed Medusa %s in %s", appVersion, time.Since(started).Round(time.Second))
	return os.WriteFile(filepath.Join(dir, installedStamp), []byte(appLock+"\n"), 0o644)
}

// writeApp writes the embedded files into dir, replacing what differs (the
// sources of an existing install; node_modules stays).
func writeApp(dir string) error {
	return fs.WalkDir(app, "app", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(path, "app"), "/")
		target := filepath.Join(dir, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		want, err := app.ReadFile(path)
		if err != nil {
			return err
		}
		if have, err := os.ReadFile(target); err == nil && string(have) == string(want) {
			return nil
		}
		if err := os.WriteFile(target, want, 0o644); err != nil {
			return fmt.Errorf("medusatest: %w", err)
		}
		return nil
	})
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
