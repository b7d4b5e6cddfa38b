package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// release is what the gate compares with: a git ref and, when the ref is a
// release, its version ("v2.18.0"); version is "" for main or HEAD^ before
// the first release.
type release struct {
	ref     string
	version string
	// from says how the release was found, for the messages.
	from string
}

func (r release) String() string {
	switch {
	case r.version == "":
		return r.ref
	case r.from != "":
		return r.version + " (" + r.from + ")"
	}
	return r.version
}

func (r release) major() int { return versionNumbers(r.version)[0] }

var versionRE = regexp.MustCompile(`^v(\d+)\.(\d+)\.(\d+)$`)

// versionOf returns ref when it is a release version (vX.Y.Z), else "".
func versionOf(ref string) string {
	if versionRE.MatchString(ref) {
		return ref
	}
	return ""
}

func versionNumbers(v string) [3]int {
	var n [3]int
	if m := versionRE.FindStringSubmatch(v); m != nil {
		for i := range n {
			n[i], _ = strconv.Atoi(m[i+1])
		}
	}
	return n
}

func newer(a, b string) bool {
	x, y := versionNumbers(a), versionNumbers(b)
	for i := range x {
		if x[i] != y[i] {
			return x[i] > y[i]
		}
	}
	return false
}

// releasedHeadingRE matches a released section of CHANGELOG.md: "## v2.18.0"
// with anything after a space ("## v2.18.0 (2026-12-01)"). A heading that
// says "unreleased" is a release being prepared, not one made.
var releasedHeadingRE = regexp.MustCompile(`(?m)^## (v\d+\.\d+\.\d+)(?:[ \t].*)?$`)

// releasedHeadings returns the versions of the released sections of a
// changelog, newest first.
func releasedHeadings(changelog string) []string {
	var out []string
	for _, m := range releasedHeadingRE.FindAllStringSubmatch(changelog, -1) {
		if !strings.Contains(strings.ToLower(m[0]), "unreleased") {
			out = append(out, m[1])
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return newer(out[i], out[j]) })
	return out
}

// lastRelease finds the release the gate compares with: the newest of the
// v* tags whose tree has the names lock and of the released "## vX.Y.Z"
// headings of HEAD's CHANGELOG.md whose adding commit has the lock (on equal
// versions, the tag). Before the first release it is main when HEAD is not
// main (a branch is checked against what it would land on), else the
// previous commit; their version is "".
func lastRelease(dir, changelogPath string) (release, error) {
	lockPath := dir + "/" + apis[0] + ".json"
	var best release
	out, err := exec.Command("git", "tag", "--list", "v*", "--sort=-v:refname").Output()
	if err != nil {
		return release{}, fmt.Errorf("git tag: %w", err)
	}
	for _, tag := range strings.Fields(string(out)) {
		if versionOf(tag) == "" {
			continue
		}
		if _, err := gitShow(tag, lockPath); err == nil {
			best = release{ref: tag, version: tag}
			break
		}
	}
	fromLog, err := changelogRelease(lockPath, changelogPath, best.version)
	if err != nil {
		return release{}, err
	}
	if fromLog.ref != "" {
		best = fromLog
	}
	if best.ref != "" {
		return best, nil
	}
	head, _ := exec.Command("git", "rev-parse", "HEAD").Output()
	main, _ := exec.Command("git", "rev-parse", "--verify", "-q", "main").Output()
	if len(main) > 0 && !bytes.Equal(head, main) {
		if _, err := gitShow("main", lockPath); err == nil {
			return release{ref: "main"}, nil
		}
	}
	if _, err := gitShow("HEAD^", lockPath); err == nil {
		return release{ref: "HEAD^"}, nil
	}
	return release{}, nil
}

// changelogRelease returns the newest release newer than than (a tag's
// version, or "") made by adding a "## vX.Y.Z" heading to the changelog:
// the commit that added the heading is the release. It needs the history:
// in a shallow clone it fails rather than pass without a base.
func changelogRelease(lockPath, changelogPath, than string) (release, error) {
	committed, err := gitShow("HEAD", changelogPath)
	if err != nil {
		return release{}, nil // no changelog committed: no release made this way
	}
	var versions []string
	for _, v := range releasedHeadings(string(committed)) {
		if than == "" || newer(v, than) {
			versions = append(versions, v)
		}
	}
	if len(versions) == 0 {
		return release{}, nil
	}
	if shallow, _ := exec.Command("git", "rev-parse", "--is-shallow-repository").Output(); strings.TrimSpace(string(shallow)) == "true" {
		return release{}, fmt.Errorf("%s says %s was released, but this clone is shallow and has no tag %s: the commit that released it cannot be found; fetch the history (git fetch --unshallow) or the tags (git fetch --tags)", changelogPath, versions[0], versions[0])
	}
	for _, v := range versions {
		commit, err := headingCommit(changelogPath, v)
		if err != nil {
			return release{}, err
		}
		if commit == "" {
			continue
		}
		if _, err := gitShow(commit, lockPath); err != nil {
			continue // released before the names lock existed
		}
		return release{ref: commit, version: v, from: "the commit " + commit[:12] + " that added its heading to " + changelogPath}, nil
	}
	return release{}, nil
}

// headingCommit returns the newest commit of HEAD's history that added the
// heading "## <version>" to the changelog (the file has it there and not in
// the commit's first parent), or "".
func headingCommit(changelogPath, version string) (string, error) {
	pattern := "^## " + regexp.QuoteMeta(version) + "([[:space:]]|$)"
	out, err := exec.Command("git", "log", "--format=%H", "-G", pattern, "HEAD", "--", changelogPath).Output()
	if err != nil {
		return "", fmt.Errorf("git log -G %q -- %s: %w", pattern, changelogPath, err)
	}
	has := func(ref string) bool {
		b, err := gitShow(ref, changelogPath)
		if err != nil {
			return false
		}
		for _, v := range releasedHeadings(string(b)) {
			if v == version {
				return true
			}
		}
		return false
	}
	for _, c := range strings.Fields(string(out)) {
		if has(c) && !has(c+"^") {
			return c, nil
		}
	}
	return "", nil
}
