package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/namelock"
)

// assignNames gives every operation its method name. A route in the lock
// keeps the lock's name, whatever the naming rule would say today. Routes
// new to the lock are named by the rule (nameOps) among themselves; a new
// route whose name is already held by a locked route (present or removed)
// takes, when that locked route has the same path (one step answered by
// two HTTP methods), that name followed by its method (GET
// /auth/user/{auth_provider}: AuthenticateUserGet); else the name of the JS
// SDK's method for it (jsName) when the spec names one and it is free, else
// its operationId, then its operationId with 2, 3, ... appended.
//
// With markRemoved, locked routes that the spec no longer has are marked
// removed in release and returned, so that render keeps a deprecated method
// for each. Without it (an older release generated against today's lock),
// they are left out.
func assignNames(ops []*operation, lock *namelock.Lock, markRemoved bool, release string) []*removedRoute {
	present := map[string]bool{}
	used := map[string]bool{}
	for name := range lock.Methods() {
		used[name] = true
	}
	var fresh []*operation
	for _, op := range ops {
		k := namelock.Key(op.Method, op.Path)
		present[k] = true
		if e := lock.Routes[k]; e != nil {
			op.Name, op.Former = e.Method, e.Former
			op.Locked, op.LockedIn = true, e.In
			continue
		}
		fresh = append(fresh, op)
	}
	// the locked names by route path, for twins (one step answered by
	// two HTTP methods: GET and POST /auth/{actor}/{provider})
	lockedAt := map[string]map[string]bool{}
	for k, e := range lock.Routes {
		_, p, _ := strings.Cut(k, " ")
		if lockedAt[p] == nil {
			lockedAt[p] = map[string]bool{}
		}
		lockedAt[p][e.Method] = true
	}
	nameOps(fresh)
	for _, op := range fresh {
		if op.Name != "" && used[op.Name] && lockedAt[op.Path][op.Name] {
			// the same step as the locked route of its path, by another
			// HTTP method: that name and the method (AuthenticateUserGet)
			op.Name += pascal(strings.ToLower(op.Method))
		}
		if op.Name != "" && used[op.Name] {
			op.Name = jsName(op.SDKMethod)
		}
		if op.Name == "" || used[op.Name] {
			op.Name = op.ID
		}
		for i := 2; used[op.Name]; i++ {
			op.Name = fmt.Sprintf("%s%d", op.ID, i)
		}
		used[op.Name] = true
	}
	if !markRemoved {
		return nil
	}
	var gone []*removedRoute
	for _, k := range lock.Keys() {
		if present[k] {
			continue
		}
		e := lock.Routes[k]
		if e.Removed == "" {
			e.Removed = release
		}
		gone = append(gone, &removedRoute{key: k, Entry: e})
	}
	return gone
}

// removedRoute is a locked route the spec no longer has.
type removedRoute struct {
	key string
	*namelock.Entry
}

var typeName = regexp.MustCompile(`\b[A-Z][A-Za-z0-9_]*\b`)

// renderRemoved writes a deprecated method for each removed route, with the
// signature the lock recorded. Types of that signature that the package no
// longer declares are declared as empty structs, so that code naming them
// still compiles (the API gate reports the change).
func renderRemoved(w func(string, ...any), pkg *genPackage, declared map[string]bool, gone []*removedRoute) {
	sort.Slice(gone, func(i, j int) bool { return gone[i].key < gone[j].key })
	for _, r := range gone {
		sig := r.In + " " + r.Out
		for _, loc := range typeName.FindAllStringIndex(sig, -1) {
			t := sig[loc[0]:loc[1]]
			if declared[t] || (loc[0] > 0 && sig[loc[0]-1] == '.') {
				continue // declared, or another package's type
			}
			declared[t] = true
			w("// %s was a type of %s (%s), a route that Medusa %s removed.\n//\n", t, r.Method, r.key, r.Removed)
			w("// Deprecated: the route is gone; %s returns an error.\ntype %s struct{}\n\n", r.Method, t)
		}
		in := ""
		if r.In != "" {
			for _, t := range strings.Split(r.In, ", ") {
				in += ", _ " + t
			}
		}
		w("// %s called %s, which Medusa %s removed.\n//\n", r.Method, r.key, r.Removed)
		w("// Deprecated: the route is gone; %s sends no request and returns an\n// error matching ErrRemovedRoute (medusa.ErrRemovedRoute).\n", r.Method)
		method, route := r.Method, strings.TrimSpace(r.key)
		if r.Out == "" {
			w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) error {\n", method, in)
			w("\treturn sdkrt.Removed(%q, %q, %q)\n}\n\n", method, route, r.Removed)
			continue
		}
		w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) (%s, error) {\n", method, in, r.Out)
		w("\treturn nil, sdkrt.Removed(%q, %q, %q)\n}\n\n", method, route, r.Removed)
	}
}

// formerNames is a route whose method had other names before the first
// release, with the method's parameters (after ctx) and the arguments that
// pass them on.
type formerNames struct {
	entry        *namelock.Entry
	params, args string
	item         string // the ...All iterator's item type, "" without one
}

// renderFormer writes, for each former name of a method, a deprecated
// method of the same signature that calls it (and its ...All iterator when
// the method has one), so that code written against the old name compiles.
func renderFormer(w func(string, ...any), renamed []*formerNames) {
	for _, r := range renamed {
		e := r.entry
		ret := "error"
		switch {
		case strings.HasPrefix(e.Out, "iter."):
			ret = e.Out
		case e.Out != "":
			ret = "(" + e.Out + ", error)"
		}
		for _, old := range e.Former {
			w("// %s is the name %s had before the first release.\n//\n// Deprecated: use %s; %s calls it.\n", old, e.Method, e.Method, old)
			w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) %s {\n", old, r.params, ret)
			w("\treturn a.%s(ctx%s, opts...)\n}\n\n", e.Method, r.args)
			if r.item != "" {
				w("// %sAll is the name %sAll had before the first release.\n//\n// Deprecated: use %sAll; %sAll calls it.\n", old, e.Method, e.Method, old)
				w("func (a *API) %sAll(ctx context.Context%s, opts ...RequestEditorFn) iter.Seq2[%s, error] {\n", old, r.params, r.item)
				w("\treturn a.%sAll(ctx%s, opts...)\n}\n\n", e.Method, r.args)
			}
		}
	}
}

// jsName is the Go name of a JS SDK method: its first word, the client's
// resource it belongs to, then the rest (admin.user.generateResetPasswordToken:
// GenerateUserResetPasswordToken; auth.createUser: CreateAuthUser). "" when
// there is none.
func jsName(sdkMethod string) string {
	parts := strings.Split(sdkMethod, ".")
	if len(parts) < 2 {
		return ""
	}
	method, resource := parts[len(parts)-1], parts[len(parts)-2]
	i := strings.IndexFunc(method, func(r rune) bool { return r >= 'A' && r <= 'Z' })
	if i <= 0 {
		i = len(method)
	}
	return pascal(method[:i]) + pascal(camelWords(resource)) + method[i:]
}

// camelWords turns "inventoryItem" into "inventory-item" for pascal.
func camelWords(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' && i > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}
