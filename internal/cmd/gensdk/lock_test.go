package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/namelock"
)

// repoRoot is the repository root (tests run in internal/cmd/gensdk).
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	require.NoError(t, err)
	return root
}

// namesOf is a lock holding only the names given to ops.
func namesOf(ops []*operation) *namelock.Lock {
	l := namelock.New()
	for _, op := range ops {
		l.Routes[namelock.Key(op.Method, op.Path)] = &namelock.Entry{Method: op.Name, Operation: op.ID}
	}
	return l
}

// namesOnly drops everything but the method names of a lock.
func namesOnly(l *namelock.Lock) *namelock.Lock {
	out := namelock.New()
	for k, e := range l.Routes {
		out.Routes[k] = &namelock.Entry{Method: e.Method, Operation: e.Operation, Removed: e.Removed}
	}
	return out
}

func incompatible(changes []namelock.Change) []namelock.Change {
	var out []namelock.Change
	for _, c := range changes {
		if c.Incompatible {
			out = append(out, c)
		}
	}
	return out
}

// nextRelease is the committed names lock plus routes a later Medusa could
// add whose names, by the rule alone, collide with locked ones (the routes
// 2.21 added are in the lock since the route facts are wired).
var nextRelease = map[string]map[string]map[string]string{
	"admin": {
		"/admin/users/{id}/update":          {"post": "PostUsersIdUpdate"},
		"/auth/{auth_provider}/customer":    {"post": "PostAuth_providerCustomer"},
		"/auth/{actor}/providers":           {"get": "GetActorProviders"},
		"/admin/search":                     {"post": "PostSearch"},
		"/admin/search/products":            {"get": "GetSearchProducts"},
		"/admin/product-variants/{id}/sync": {"post": "PostProductVariantsIdSync"},
	},
	"store": {
		"/auth/{auth_provider}/user": {"post": "PostAuth_providerUser"},
		"/auth/{actor}/providers":    {"get": "GetActorProviders"},
		"/store/customers/{id}":      {"get": "GetCustomersId"},
		"/store/search":              {"get": "GetSearch"},
	},
}

// The collision rule for new routes: the rule's name if free, else the
// operationId, else the operationId numbered.
func TestAssignNamesNewRouteCollisions(t *testing.T) {
	lock := namelock.New()
	lock.Routes["POST /auth/user/{auth_provider}/reset-password"] = &namelock.Entry{Method: "ResetUserPassword"}
	lock.Routes["POST /admin/old"] = &namelock.Entry{Method: "PostUsersIdResetPassword", Removed: "2.18.0"}
	ops := []*operation{
		{ID: "PostActorTypeAuthProviderResetPassword", Method: "POST", Path: "/auth/user/{auth_provider}/reset-password"},
		{ID: "PostUsersIdResetPassword", Method: "POST", Path: "/admin/users/{id}/reset-password"},
		{ID: "GetThings", Method: "GET", Path: "/admin/things"},
	}
	lock.Routes["POST /auth/user/{auth_provider}"] = &namelock.Entry{Method: "AuthenticateUser"}
	ops = append(ops,
		&operation{ID: "PostActorTypeAuthProvider", Method: "POST", Path: "/auth/user/{auth_provider}"},
		&operation{ID: "GetActorTypeAuthProvider", Method: "GET", Path: "/auth/user/{auth_provider}"},
		&operation{ID: "GetActorTypeProviders", Method: "GET", Path: "/auth/user/providers", SDKMethod: "auth.listProviders"})
	gone := assignNames(ops, lock, true, "2.19.0")
	assert.Equal(t, "AuthenticateUser", ops[3].Name)
	assert.Equal(t, "AuthenticateUserGet", ops[4].Name, "the same step as the locked route of its path, by GET")
	assert.Equal(t, "ListAuthProviders", ops[5].Name)
	assert.Equal(t, "ResetUserPassword", ops[0].Name, "the locked route keeps its name")
	assert.Equal(t, "PostUsersIdResetPassword2", ops[1].Name, "rule name and operationId are held: numbered")
	assert.Equal(t, "ListThings", ops[2].Name)
	require.Len(t, gone, 1)
	assert.Equal(t, "2.18.0", gone[0].Removed, "a route removed earlier keeps its release")
}

// A route the spec lost keeps a deprecated method with its locked
// signature, which fails without a request, and the lock says so.
func TestRemovedRouteKeepsDeprecatedMethod(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(s), 0o644))
		return p
	}
	spec := write("spec.json", `{"paths": {"/store/things": {"get": {"operationId": "GetThings", "summary": "List things"}}}}`)
	gen := write("store.gen.go", `package store

import "context"

type RequestEditorFn func(context.Context) error
type GetThingsParams struct{ Limit *int }
type GetThings200JSONResponseBody struct{ Count int }
type GetThingsResponse struct{ JSON200 *GetThings200JSONResponseBody }
type ClientWithResponses struct{}

func (c *ClientWithResponses) GetThingsWithResponse(ctx context.Context, params *GetThingsParams, reqEditors ...RequestEditorFn) (*GetThingsResponse, error) {
	return nil, nil
}
`)
	release := write("lock.json", `{"medusa": "9.1.0"}`)
	lock := namelock.New()
	lock.Routes["GET /store/things"] = &namelock.Entry{Method: "ListThings", Operation: "GetThings", Former: []string{"ThingsList"},
		In: "*ListThingsParams", Out: "*ListThingsResult", Aliases: map[string]string{"ListThingsParams": "GetThingsParams", "ListThingsResult": "GetThings200JSONResponseBody"}}
	lock.Routes["GET /store/gone/{id}"] = &namelock.Entry{Method: "GetGone", Operation: "GetGoneId",
		In: "string, *GetGoneParams", Out: "*GetGoneResult", Aliases: map[string]string{"GetGoneParams": "GetGoneIdParams", "GetGoneResult": "GetGoneId200JSONResponseBody"}}
	names := filepath.Join(dir, "names.json")
	require.NoError(t, lock.Save(names))
	out := filepath.Join(dir, "sdk.gen.go")

	require.NoError(t, run(spec, gen, out, names, true, release))
	src, err := os.ReadFile(out)
	require.NoError(t, err)
	s := string(src)
	assert.Contains(t, s, "func (a *API) ListThings(ctx context.Context, params *ListThingsParams, opts ...RequestEditorFn) (*ListThingsResult, error)")
	assert.Contains(t, s, "func (a *API) GetGone(ctx context.Context, _ string, _ *GetGoneParams, opts ...RequestEditorFn) (*GetGoneResult, error)")
	assert.Contains(t, s, "// Deprecated: the route is gone; GetGone sends no request")
	assert.Contains(t, s, `return nil, sdkrt.Removed("GetGone", "GET /store/gone/{id}", "9.1.0")`)
	assert.Contains(t, s, "type GetGoneParams struct{}")
	// A former name stays as a deprecated method calling the current one.
	assert.Contains(t, s, "// Deprecated: use ListThings; ThingsList calls it.\nfunc (a *API) ThingsList(ctx context.Context, params *ListThingsParams, opts ...RequestEditorFn) (*ListThingsResult, error) {\n\treturn a.ListThings(ctx, params, opts...)\n}")

	after, err := namelock.Load(names)
	require.NoError(t, err)
	assert.Equal(t, "9.1.0", after.Routes["GET /store/gone/{id}"].Removed)
	assert.Equal(t, "*GetGoneResult", after.Routes["GET /store/gone/{id}"].Out, "the locked signature stays")
	assert.Equal(t, "*ListThingsParams", after.Routes["GET /store/things"].In)
	assert.Equal(t, []string{"ThingsList"}, after.Routes["GET /store/things"].Former, "former names are written back")
	assert.Equal(t, "GetThings200JSONResponseBody", after.Routes["GET /store/things"].Aliases["ListThingsResult"])
	changes := incompatible(namelock.Compare("store", lock, after))
	require.Len(t, changes, 1)
	assert.Contains(t, changes[0].What, "Medusa 9.1.0 removed the route")
}

// The committed locks hold the names gen/ was generated with: every route
// of the spec, nothing else (gen-check regenerates and compares the files).
func TestCommittedLockMatchesGenerated(t *testing.T) {
	for _, api := range []string{"store", "admin"} {
		lock, err := namelock.Load(filepath.Join(repoRoot(t), "openapi", "names", api+".json"))
		require.NoError(t, err)
		src, err := os.ReadFile(filepath.Join(repoRoot(t), "gen", api, "sdk.gen.go"))
		require.NoError(t, err)
		for _, k := range lock.Keys() {
			e := lock.Routes[k]
			for _, name := range append([]string{e.Method}, e.Former...) {
				assert.Contains(t, string(src), "func (a *API) "+name+"(ctx context.Context", "%s %s", api, k)
			}
		}
	}
}

// lockedOps is the operations the committed names lock of api records
// (method, path, operationId), with the synthetic routes extra added: the
// routes of the release gen/ was made from, without Medusa's spec file.
func lockedOps(t *testing.T, api string, extra map[string]map[string]string) (*namelock.Lock, []*operation) {
	t.Helper()
	committed, err := namelock.Load(filepath.Join(repoRoot(t), "openapi", "names", api+".json"))
	require.NoError(t, err)
	require.NotEmpty(t, committed.Routes, "openapi/names/%s.json is committed", api)
	var ops []*operation
	for _, k := range committed.Keys() {
		e := committed.Routes[k]
		if e.Removed != "" {
			continue
		}
		method, path, ok := strings.Cut(k, " ")
		require.True(t, ok, k)
		ops = append(ops, &operation{ID: e.Operation, Method: method, Path: path})
	}
	for p, methods := range extra {
		for m, id := range methods {
			k := namelock.Key(strings.ToUpper(m), p)
			require.Nil(t, committed.Routes[k], "synthetic route %s already exists", k)
			ops = append(ops, &operation{ID: id, Method: strings.ToUpper(m), Path: p})
		}
	}
	return committed, ops
}

// The routes of the committed names lock plus routes a later Medusa added
// (nextRelease) regenerate with no rename and nothing removed, and the new
// routes take no name the lock holds. (TestNextReleaseRenamesNothing, in
// the upstream tests, does the same from Medusa's spec file.)
func TestLockedRoutesPlusNewOnesRenameNothing(t *testing.T) {
	for _, api := range []string{"store", "admin"} {
		t.Run(api, func(t *testing.T) {
			committed, ops := lockedOps(t, api, nextRelease[api])
			base := namesOnly(committed)
			gone := assignNames(ops, namesOnly(committed), true, "2.19.0")
			assert.Empty(t, gone, "every locked route is still there")
			now := namesOf(ops)
			for _, k := range base.Keys() {
				if e := base.Routes[k]; e.Removed != "" {
					now.Routes[k] = e
				}
			}
			assert.Empty(t, namelock.Renames(base, now), "zero renames")
			assert.Empty(t, incompatible(namelock.Compare(api, base, now)), "the gate passes")
			names := map[string]string{}
			for k, e := range now.Routes {
				require.NotContains(t, names, e.Method, "%s and %s share a method", names[e.Method], k)
				names[e.Method] = k
			}
			held := base.Methods()
			for p, methods := range nextRelease[api] {
				for m := range methods {
					k := namelock.Key(strings.ToUpper(m), p)
					e := now.Routes[k]
					require.NotNil(t, e, k)
					assert.NotEmpty(t, e.Method, k)
					_, taken := held[e.Method]
					assert.False(t, taken, "%s took %s, which the lock holds", k, e.Method)
				}
			}
		})
	}
}

// A new route whose rule name a locked route holds takes the JS SDK method's
// name, with the resource after its first word.
func TestJSName(t *testing.T) {
	assert.Equal(t, "GenerateUserResetPasswordToken", jsName("admin.user.generateResetPasswordToken"))
	assert.Equal(t, "CreateAuthUser", jsName("auth.createUser"))
	assert.Equal(t, "ExportInventoryItem", jsName("admin.inventoryItem.export"))
	assert.Equal(t, "", jsName(""))
}
