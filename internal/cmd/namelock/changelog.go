package namelock

import (
	"regexp"
	"strconv"
	"strings"
)

// Declared reports which incompatible changes a CHANGELOG declares. A change
// is declared when the first "## " section of the changelog (the release
// being prepared) is headed by a version of a higher major than baseMajor
// ("## v3.0.0") and its "### Breaking" part names the method as
// `admin.ListProductOptions`. Anything else stays undeclared: inside one
// major version, the Go import compatibility rule forbids breaking changes.
func Declared(changelog string, baseMajor int, changes []Change) map[string]bool {
	out := map[string]bool{}
	section := firstSection(changelog)
	if section == "" {
		return out
	}
	heading, body, _ := strings.Cut(section, "\n")
	m := regexp.MustCompile(`\bv(\d+)\.\d+\.\d+`).FindStringSubmatch(heading)
	if m == nil {
		return out
	}
	if major, err := strconv.Atoi(m[1]); err != nil || major <= baseMajor {
		return out
	}
	breaking := ""
	for _, part := range strings.Split("\n"+body, "\n### ") {
		if strings.HasPrefix(strings.ToLower(part), "breaking") {
			breaking += part
		}
	}
	for _, c := range changes {
		if c.Incompatible && strings.Contains(breaking, "`"+c.Method+"`") {
			out[c.Route+" "+c.Method] = true
		}
	}
	return out
}

// firstSection returns the text from the first line starting "## " to the
// next one.
func firstSection(s string) string {
	lines := strings.Split(s, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "## ") {
			if start >= 0 {
				return strings.Join(lines[start:i], "\n")
			}
			start = i
		}
	}
	if start < 0 {
		return ""
	}
	return strings.Join(lines[start:], "\n")
}
