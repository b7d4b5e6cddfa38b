package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
)

// checkVersion holds the newest version heading of the changelog (released
// or being prepared) to the versioning rule: vMAJOR.MINOR.PATCH where MAJOR
// is the module path's major (go.mod: …/v2), MINOR is the minor of the
// Medusa release the SDK is generated from (openapi/lock.json), and the
// version is not older than the last release. The last release's own heading
// passes under a newer Medusa minor (the SDK moved on and is not released
// yet). A file that is missing is not
// checked (tests run the gate in bare repositories).
func checkVersion(changelog []byte, base release, goModPath, specLockPath string) error {
	m := regexp.MustCompile(`(?m)^## (v\d+\.\d+\.\d+)`).FindSubmatch(changelog)
	if m == nil {
		return nil
	}
	v := string(m[1])
	n := versionNumbers(v)
	if base.version != "" && newer(base.version, v) {
		return fmt.Errorf("CHANGELOG.md's newest section is %s, older than the last release %s", v, base.version)
	}
	if b, err := os.ReadFile(goModPath); err == nil {
		major := 1
		if mm := regexp.MustCompile(`(?m)^module \S+/v(\d+)\s*$`).FindSubmatch(b); mm != nil {
			major, _ = strconv.Atoi(string(mm[1]))
		}
		if n[0] != major {
			return fmt.Errorf("CHANGELOG.md's newest section is %s but the module's major version is v%d (%s): a major release changes the module path", v, major, goModPath)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if b, err := os.ReadFile(specLockPath); err == nil {
		var lock struct {
			Medusa string `json:"medusa"`
		}
		if err := json.Unmarshal(b, &lock); err != nil {
			return fmt.Errorf("%s: %w", specLockPath, err)
		}
		medusa := versionNumbers("v" + lock.Medusa)
		if lock.Medusa == "" || versionOf("v"+lock.Medusa) == "" {
			return fmt.Errorf("%s: no Medusa version (%q)", specLockPath, lock.Medusa)
		}
		// Between releases: the newest heading is the last release itself
		// and the SDK has moved to a newer Medusa minor since (release-prep);
		// the next heading written must be of that minor.
		between := base.version != "" && v == base.version && n[0] == medusa[0] && medusa[1] > n[1]
		if n[1] != medusa[1] && !between {
			return fmt.Errorf("CHANGELOG.md's newest section is %s but the SDK is generated from Medusa %s: the SDK's minor version is Medusa's (v%d.%d.x)", v, lock.Medusa, n[0], medusa[1])
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
