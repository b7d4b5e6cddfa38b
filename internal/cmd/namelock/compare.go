package namelock

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Change is one difference between two locks of an API.
type Change struct {
	Route string
	// Method is the method of the base release, qualified by the package
	// ("admin.ListProductOptions"): what a CHANGELOG entry names.
	Method string
	// Incompatible is set when code written against the base may no longer
	// compile or work.
	Incompatible bool
	// Kind is "added", "renamed", "gone", "signature", "iterator", "alias"
	// (gone, or standing for another type), "former" (a deprecated former
	// name gone), "with" (the method sending a gained body gone) or
	// "removed" (Medusa removed the route).
	Kind string
	What string
}

// NameChange reports whether the change takes a name away from a route (a
// rename or a route gone from the lock): what the names lock forbids.
func (c Change) NameChange() bool { return c.Kind == "renamed" || c.Kind == "gone" }

func (c Change) String() string {
	kind := "added"
	if c.Incompatible {
		kind = "INCOMPATIBLE"
	}
	return fmt.Sprintf("%s: %s %s: %s", kind, c.Method, c.Route, c.What)
}

// Compare lists what changed from base to cur for package pkg. A route
// added is compatible; a route gone, a method renamed, a signature changed,
// an iterator or an alias gone, and a route that Medusa removed (its method
// now only returns an error) are not.
func Compare(pkg string, base, cur *Lock) []Change {
	var out []Change
	for _, k := range base.Keys() {
		b := base.Routes[k]
		c := cur.Routes[k]
		bad := func(kind, format string, args ...any) {
			out = append(out, Change{Route: k, Method: pkg + "." + b.Method, Incompatible: true, Kind: kind, What: fmt.Sprintf(format, args...)})
		}
		if c == nil {
			bad("gone", "route gone from the names lock")
			continue
		}
		if c.Method != b.Method {
			bad("renamed", "method renamed to %s", c.Method)
			continue
		}
		if c.In != b.In || c.Out != b.Out {
			bad("signature", "signature changed from (%s) %s to (%s) %s", b.In, outText(b.Out), c.In, outText(c.Out))
		}
		if b.All && !c.All {
			bad("iterator", "%sAll iterator gone", b.Method)
		}
		for _, a := range sortedKeys(b.Aliases) {
			switch target, ok := c.Aliases[a]; {
			case !ok:
				bad("alias", "type %s gone", a)
			case b.Aliases[a] != "" && target != b.Aliases[a]: // "": a lock of the first format
				bad("alias", "type %s now stands for %s, not %s", a, target, b.Aliases[a])
			}
		}
		for _, name := range b.Former {
			if !slices.Contains(c.Former, name) {
				bad("former", "deprecated method %s (a former name) gone", name)
			}
		}
		switch {
		case b.With != "" && c.With != b.With:
			bad("with", "method %s (the route's body) gone", b.With)
		case b.With != "" && c.WithIn != b.WithIn:
			bad("signature", "%s signature changed from (%s) to (%s)", b.With, b.WithIn, c.WithIn)
		case b.With == "" && c.With != "":
			out = append(out, Change{Route: k, Method: pkg + "." + c.With, Kind: "added", What: "new method: " + c.Method + " with the body the route gained"})
		}
		if c.Removed != "" && b.Removed == "" {
			bad("removed", "Medusa %s removed the route; the method is deprecated and returns an error", c.Removed)
		}
	}
	for _, k := range cur.Keys() {
		if base.Routes[k] == nil {
			c := cur.Routes[k]
			out = append(out, Change{Route: k, Method: pkg + "." + c.Method, Kind: "added", What: "new method"})
		}
	}
	return out
}

// Renames counts the routes of base whose method differs in cur (a route
// missing from cur counts too).
func Renames(base, cur *Lock) []string {
	var out []string
	for _, k := range base.Keys() {
		if c := cur.Routes[k]; c == nil || c.Method != base.Routes[k].Method {
			out = append(out, k)
		}
	}
	return out
}

func outText(s string) string {
	if s == "" {
		return "error"
	}
	if strings.HasPrefix(s, "iter.") {
		return s // a stream: the iterator yields the errors
	}
	return "(" + s + ", error)"
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
