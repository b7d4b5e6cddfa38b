// Command apicheck is the API gate: it compares the names lock of the last
// release (openapi/names/<api>.json at a git tag) with the current one and
// fails on any incompatible change that CHANGELOG.md does not declare under
// a major version bump.
//
//	go run ./internal/cmd/apicheck            # base: the newest v* tag that has the lock (else main, else HEAD^)
//	go run ./internal/cmd/apicheck -base main
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/namelock"
)

var apis = []string{"store", "admin"}

func main() {
	base := flag.String("base", os.Getenv("API_BASE"), "git ref of the last release (default: the newest v* tag that has a names lock; before one exists, main, or HEAD^ on main)")
	dir := flag.String("names", "openapi/names", "directory of the names locks")
	changelog := flag.String("changelog", "CHANGELOG.md", "the changelog that declares breaking changes")
	flag.Parse()
	if err := run(*base, *dir, *changelog); err != nil {
		fmt.Fprintln(os.Stderr, "api-check:", err)
		os.Exit(1)
	}
}

func run(base, dir, changelogPath string) error {
	if base == "" {
		var err error
		if base, err = lastRelease(dir); err != nil {
			return err
		}
		if base == "" {
			fmt.Println("api-check: no release tag (v*), main or previous commit has a names lock; nothing to compare with")
			return nil
		}
	}
	changelog, err := os.ReadFile(changelogPath)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	major := 2
	m := regexp.MustCompile(`^v(\d+)\.\d+\.\d+`).FindStringSubmatch(base)
	if m != nil {
		major, _ = strconv.Atoi(m[1])
	}
	// Before the first release (base is main or the previous commit) there
	// is no API promise yet: the changes are listed, and do not fail.
	released := m != nil
	if !released {
		fmt.Printf("api-check: no release tag yet; listing the changes since %s without failing\n", base)
	}
	undeclared, added := 0, 0
	for _, api := range apis {
		path := dir + "/" + api + ".json"
		old, err := gitShow(base, path)
		if err != nil {
			return fmt.Errorf("reading %s at %s: %w", path, base, err)
		}
		baseLock, err := namelock.Parse(old)
		if err != nil {
			return fmt.Errorf("%s at %s: %w", path, base, err)
		}
		cur, err := namelock.Load(path)
		if err != nil {
			return err
		}
		changes := namelock.Compare(api, baseLock, cur)
		declared := namelock.Declared(string(changelog), major, changes)
		for _, c := range changes {
			switch {
			case !c.Incompatible:
				added++
			case !released:
				fmt.Printf("note (no release yet): %s\n", c)
			case declared[c.Route+" "+c.Method]:
				fmt.Printf("declared in %s: %s\n", changelogPath, c)
			default:
				undeclared++
				fmt.Println(c)
			}
		}
	}
	if undeclared > 0 {
		return fmt.Errorf("%d incompatible change(s) since %s; keep the old names (the names lock) or declare them under a major version in %s (see openapi/README.md)", undeclared, base, changelogPath)
	}
	if !released {
		fmt.Printf("api-check: not enforced before the first release tag (%d method(s) added since %s)\n", added, base)
		return nil
	}
	fmt.Printf("api-check: compatible with %s (%d method(s) added)\n", base, added)
	return nil
}

// lastRelease is the newest v* tag whose tree has the names lock. Before
// the first such release it is main when HEAD is not main (a branch is
// checked against what it would land on), else the previous commit.
func lastRelease(dir string) (string, error) {
	lockPath := dir + "/" + apis[0] + ".json"
	out, err := exec.Command("git", "tag", "--list", "v*", "--sort=-v:refname").Output()
	if err != nil {
		return "", fmt.Errorf("git tag: %w", err)
	}
	for _, tag := range strings.Fields(string(out)) {
		if _, err := gitShow(tag, lockPath); err == nil {
			return tag, nil
		}
	}
	head, _ := exec.Command("git", "rev-parse", "HEAD").Output()
	main, _ := exec.Command("git", "rev-parse", "--verify", "-q", "main").Output()
	if len(main) > 0 && !bytes.Equal(head, main) {
		if _, err := gitShow("main", lockPath); err == nil {
			return "main", nil
		}
	}
	if _, err := gitShow("HEAD^", lockPath); err == nil {
		return "HEAD^", nil
	}
	return "", nil
}

func gitShow(ref, path string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.Command("git", "show", ref+":"+path)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git show %s:%s: %v: %s", ref, path, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
