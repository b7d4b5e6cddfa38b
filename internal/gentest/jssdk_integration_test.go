//go:build integration

package gentest

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// jsFetch matches a JS SDK call: client.fetch(`/path/${x}`, { method: "POST", ... }).
var (
	jsFetch  = regexp.MustCompile("(?s)client\\.fetch(?:Stream)?\\(\\s*([`\"])(.*?)[`\"]\\s*(,\\s*\\{(.*?)\\n\\s{8,16}\\}\\))?")
	jsMethod = regexp.MustCompile(`method:\s*"(\w+)"`)
	jsParam  = regexp.MustCompile(`\$\{[^}]+\}`)
	goParam  = regexp.MustCompile(`\{[^}]+\}`)
)

// jsNotInGo are the routes the JS SDK of the target release calls that have no generated
// method, and why (README, "Coming from the JS SDK").
var jsNotInGo = map[string]string{
	// The auth routes: package authn sends them itself.
	"POST /auth/{}/{}": "authn", "POST /auth/{}/{}/register": "authn", "GET /auth/{}/{}/callback": "authn",
	"POST /auth/{}/{}/reset-password": "authn", "POST /auth/{}/{}/update": "authn",
	// auth.listProviders(actor): one method per actor type the server
	// mounts (Admin.ListAuthProviders for users, Store.ListAuthProviders for
	// customers).
	"GET /auth/{}/providers": "per actor type",
	// A path built from a variable prefix or with the query in it: the
	// generated AcceptInvite, tax-rate, tax-region and promotion-rule methods.
	"POST /admin/invites/accept?token={}": "query in the path", "GET /{}/{}": "prefix", "POST /{}/{}": "prefix",
	"DELETE /{}/{}": "prefix", "POST /admin/promotions/{}/{}/batch": "rule type as a path parameter",
	// Product option routes of older releases: 2.18.0 serves only GET and
	// batch under /admin/products/{id}/options (the rest answers 404).
	"GET /admin/products/{}/options/{}": "gone", "POST /admin/products/{}/options": "gone",
	"POST /admin/products/{}/options/{}": "gone", "DELETE /admin/products/{}/options/{}": "gone",
}

// TestJSSDKRoutesHaveMethods reads @medusajs/js-sdk as the test server
// installed it and checks that every route it calls has a generated method,
// or is a route the list above explains (RBAC routes are counted apart: the
// spec has none of them, the server mounts them only with the rbac flag).
func TestJSSDKRoutesHaveMethods(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "medusa-server", "node_modules", "@medusajs", "js-sdk")
	pkg, err := os.ReadFile(filepath.Join(dir, "package.json"))
	require.NoError(t, err, "the test server's node_modules (make medusa-up) hold the JS SDK")
	require.Contains(t, string(pkg), `"version": "`+medusatest.TargetRelease(t)+`"`, "the JS SDK of the release the SDK targets")

	have := map[string]bool{}
	for _, a := range apis() {
		for _, op := range a.ops {
			have[op.Method+" "+goParam.ReplaceAllString(op.Path, "{}")] = true
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "dist", "*", "*.js"))
	require.NoError(t, err)
	calls, matched, rbac := 0, 0, 0
	var missing []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range jsFetch.FindAllStringSubmatch(string(b), -1) {
			method := "GET"
			if mm := jsMethod.FindStringSubmatch(m[4]); mm != nil {
				method = mm[1]
			}
			route := method + " /" + strings.TrimPrefix(jsParam.ReplaceAllString(m[2], "{}"), "/")
			calls++
			switch {
			case have[route]:
				matched++
			case strings.Contains(route, "/rbac/") || strings.Contains(route, "/roles"):
				rbac++
			case jsNotInGo[route] == "":
				missing = append(missing, route+" ("+filepath.Base(f)+")")
			}
		}
	}
	sort.Strings(missing)
	t.Logf("JS SDK calls: %d, with a generated method: %d, RBAC (no spec): %d, explained: %d", calls, matched, rbac, calls-matched-rbac-len(missing))
	assert.Greater(t, calls, 400, "the JS SDK was read")
	assert.Empty(t, missing, "routes the JS SDK calls that have no generated method")
}
