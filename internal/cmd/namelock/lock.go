// Package namelock is the names lock of the SDK layer: a committed file per
// API (openapi/names/<api>.json) that maps every route to its Go method, the
// method's signature and the type aliases that come with it.
//
// The generator reads it so that a route keeps its method name forever, and
// writes it back (new routes added, removed routes marked) on make generate.
// The API gate compares the lock of the last release with the current one.
package namelock

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
)

// Entry is what the lock records for one route ("GET /store/products").
type Entry struct {
	// Method is the Go method of the SDK layer. It never changes.
	Method string `json:"method"`
	// Operation is Medusa's operationId (Go spelling) the route had when
	// last generated, for reference.
	Operation string `json:"operation"`
	// In lists the types of the method's parameters after ctx (without the
	// per-call options; names do not matter to callers); Out is its answer
	// type ("" when it returns only error).
	In  string `json:"in,omitempty"`
	Out string `json:"out,omitempty"`
	// All is set when the method has an ...All iterator.
	All bool `json:"all,omitempty"`
	// Aliases are the type aliases the SDK layer declares for the route
	// (<Method>Params, <Method>Body, <Method>Result) and the generated
	// types they stand for. A lock of the first format listed only the
	// aliases; read from one, the types are "" (unknown).
	Aliases map[string]string `json:"aliases,omitempty"`
	// Removed is the Medusa release whose spec no longer has the route. The
	// method stays, deprecated, and returns an error without a request.
	Removed string `json:"removed,omitempty"`
	// Former lists names the route's method had before the current one
	// (renamed before the first release). Each stays, deprecated, as a method
	// that calls the current one, and is never given to another route.
	Former []string `json:"former,omitempty"`
	// With is the method that sends the request body a route gained after
	// its method was locked without one (Method keeps its signature and
	// sends an empty body), and WithIn its parameter types, as In.
	With   string `json:"with,omitempty"`
	WithIn string `json:"with_in,omitempty"`
}

// Lock is one API's names lock.
type Lock struct {
	Routes map[string]*Entry `json:"routes"`
}

// Key is the lock's key of a route.
func Key(method, path string) string { return method + " " + path }

// New returns an empty lock.
func New() *Lock { return &Lock{Routes: map[string]*Entry{}} }

// Load reads a lock; a missing file is an empty lock.
func Load(path string) (*Lock, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return New(), nil
	}
	if err != nil {
		return nil, err
	}
	l, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// Parse decodes a lock, refusing unknown fields, entries without a method
// and two routes with one method.
func Parse(b []byte) (*Lock, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	l := New()
	if err := dec.Decode(l); err != nil {
		return nil, fmt.Errorf("names lock: not a format this version reads (%w)", err)
	}
	if l.Routes == nil {
		l.Routes = map[string]*Entry{}
	}
	by := map[string]string{}
	for _, k := range l.Keys() {
		e := l.Routes[k]
		if e == nil || e.Method == "" {
			return nil, fmt.Errorf("names lock: route %q has no method", k)
		}
		for _, name := range append([]string{e.Method}, e.Former...) {
			if other, dup := by[name]; dup {
				return nil, fmt.Errorf("names lock: routes %q and %q have one method %s", other, k, name)
			}
			by[name] = k
		}
	}
	return l, nil
}

// Marshal encodes the lock deterministically (sorted keys, one field a line).
func (l *Lock) Marshal() []byte {
	b, err := json.MarshalIndent(l, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("names lock: %v", err)) // only strings, bools and slices of them
	}
	return append(b, '\n')
}

// Save writes the lock.
func (l *Lock) Save(path string) error { return os.WriteFile(path, l.Marshal(), 0o644) }

// Keys returns the routes in order.
func (l *Lock) Keys() []string {
	keys := make([]string, 0, len(l.Routes))
	for k := range l.Routes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Methods returns the set of method names the lock holds, removed routes
// and former names included: a name, once given, is never given to another
// route.
func (l *Lock) Methods() map[string]string {
	out := make(map[string]string, len(l.Routes))
	for k, e := range l.Routes {
		out[e.Method] = k
		for _, name := range e.Former {
			out[name] = k
		}
		if e.With != "" {
			out[e.With] = k
		}
	}
	return out
}
