// Command apicheck is the API gate: it compares the names lock of the last
// release (openapi/names/<api>.json at the release's commit) with the current
// one and fails on any incompatible change that CHANGELOG.md does not declare
// under a major version bump.
//
// The last release is the newest v* tag that has the lock, else the commit
// that added the newest released "## vX.Y.Z" heading to CHANGELOG.md (tags
// may not reach the clone CI runs in; the history does). Before the first
// release it lists the changes since main (or the previous commit on main)
// without failing.
//
//	go run ./internal/cmd/apicheck
//	go run ./internal/cmd/apicheck -base v2.18.0
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/namelock"
)

var apis = []string{"store", "admin"}

func main() {
	base := flag.String("base", os.Getenv("API_BASE"), "git ref of the last release; a vX.Y.Z tag is enforced, another ref only listed (default: the newest v* tag or released CHANGELOG.md heading whose commit has a names lock; before one exists, main, or HEAD^ on main)")
	dir := flag.String("names", "openapi/names", "directory of the names locks")
	changelog := flag.String("changelog", "CHANGELOG.md", "the changelog that declares breaking changes")
	flag.Parse()
	if err := run(*base, *dir, *changelog); err != nil {
		fmt.Fprintln(os.Stderr, "api-check:", err)
		os.Exit(1)
	}
}

func run(base, dir, changelogPath string) error {
	rel := release{ref: base, version: versionOf(base)}
	if base == "" {
		var err error
		if rel, err = lastRelease(dir, changelogPath); err != nil {
			return err
		}
		if rel.ref == "" {
			fmt.Println("api-check: no release (v* tag or released CHANGELOG heading), main or previous commit has a names lock; nothing to compare with")
			return nil
		}
	}
	changelog, err := os.ReadFile(changelogPath)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := checkVersion(changelog, rel, "go.mod", "openapi/lock.json"); err != nil {
		return err
	}
	// Before the first release (base is main or the previous commit) there
	// is no API promise yet: the changes are listed, and do not fail.
	released := rel.version != ""
	major := 2
	if released {
		major = rel.major()
		fmt.Printf("api-check: the last release is %s\n", rel)
	} else {
		fmt.Printf("api-check: no release yet; listing the changes since %s without failing\n", rel.ref)
	}
	undeclared, added := 0, 0
	for _, api := range apis {
		path := dir + "/" + api + ".json"
		old, err := gitShow(rel.ref, path)
		if err != nil {
			return fmt.Errorf("reading %s at %s: %w", path, rel, err)
		}
		baseLock, err := namelock.Parse(old)
		if err != nil {
			return fmt.Errorf("%s at %s: %w", path, rel, err)
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
	kitBroken, kitAdded, err := kitChanges(rel.ref)
	if err != nil {
		return err
	}
	for _, c := range kitBroken {
		if released {
			undeclared++
			fmt.Println(c)
		} else {
			fmt.Printf("note (no release yet): %s\n", c)
		}
	}
	if kitAdded > 0 {
		fmt.Printf("api-check: %d exported declaration(s) added to %s\n", kitAdded, strings.Join(kitPackages, ", "))
	}
	if undeclared > 0 {
		return fmt.Errorf("%d incompatible change(s) since %s; keep the old names (the names lock) or declare them under a major version in %s (see openapi/README.md)", undeclared, rel.version, changelogPath)
	}
	if !released {
		fmt.Printf("api-check: not enforced before the first release (%d method(s) added since %s)\n", added, rel.ref)
		return nil
	}
	fmt.Printf("api-check: compatible with %s (%d method(s) added)\n", rel.version, added)
	return nil
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
