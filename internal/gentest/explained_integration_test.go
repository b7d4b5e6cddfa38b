//go:build integration

package gentest

import "strings"

// explained is the sweep's allow-list: fields the server sends that the
// generated types deliberately lack, each with the reason (openapi/README.md
// repeats them). It returns "" for a field no entry explains. path is the
// field's JSON path in the answer (".orders[].raw_total").
func explained(path string) string {
	last := path[strings.LastIndex(path, ".")+1:]
	for _, e := range allowList {
		if e.match(path, last) {
			return e.why
		}
	}
	return ""
}

type allowed struct {
	why   string
	match func(path, last string) bool
}

var allowList = []allowed{}
