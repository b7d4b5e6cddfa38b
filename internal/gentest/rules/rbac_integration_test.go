//go:build integration

package rules_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/medusa-sdk/medusa-go/v2"
	"github.com/medusa-sdk/medusa-go/v2/apierror"
	"github.com/medusa-sdk/medusa-go/v2/gen/admin"
	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
)

// TestRBACRoutes: Medusa's role-based access control routes (/admin/rbac/*
// and /admin/users/{id}/roles), which a server mounts only with its RBAC
// module and feature flag. make test-rbac starts such a server
// (MEDUSA_FF_RBAC=true: testdata/medusa-server/medusa-config.ts loads the
// module); on the default server the test proves what a user without them
// gets: a typed 404.
func TestRBACRoutes(t *testing.T) {
	srv := medusatest.Require(t)
	a := adminClient(t, srv)
	ctx := ctxT(t)
	if os.Getenv("MEDUSA_FF_RBAC") != "true" || !srv.Since(t, "2.21.0", "the RBAC routes are proven on Medusa 2.21") {
		_, err := a.Admin.ListRbacRoles(ctx, nil)
		e, ok := apierror.As(err)
		require.True(t, ok, "a typed error: %v", err)
		assert.Equal(t, http.StatusNotFound, e.StatusCode, "%v", err)
		return
	}
	// a resource name: letters, digits and _ only
	run := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(srv.UniqueName("r")))

	me, err := a.Admin.GetCurrentUser(ctx, nil)
	require.NoError(t, err)
	userID := me.User.Id

	_, err = a.Admin.ListCurrentRbacPermissions(ctx)
	require.NoError(t, err)

	// The policies the module derives from the server's routes: reading
	// products is one of them.
	var productRead *admin.AdminRbacPolicy
	for p, err := range a.Admin.ListRbacPoliciesAll(ctx, &admin.ListRbacPoliciesParams{Resource: &[]string{"product"}}) {
		require.NoError(t, err)
		if p.Operation == "read" {
			productRead = &p
			break
		}
	}
	require.NotNil(t, productRead, "a product:read policy")
	assert.Equal(t, "product", productRead.Resource)
	got, err := a.Admin.GetRbacPolicy(ctx, productRead.Id, nil)
	require.NoError(t, err)
	assert.Equal(t, productRead.Key, got.Policy.Key)
	_, err = a.Admin.GetRbacPoliciesAssignable(ctx, nil)
	require.NoError(t, err)

	// A policy of the test's own: created, renamed, deleted.
	own, err := a.Admin.CreateRbacPolicy(ctx, nil, admin.CreateRbacPolicyBody{
		Key: "medusa_go_" + run + ":read", Resource: "medusa_go_" + run, Operation: "read",
	})
	require.NoError(t, err)
	assert.Equal(t, "medusa_go_"+run, own.Policy.Resource)
	renamed, err := a.Admin.UpdateRbacPolicy(ctx, own.Policy.Id, nil, admin.UpdateRbacPolicyBody{Name: medusa.Set("Reads " + run)})
	require.NoError(t, err)
	assert.Equal(t, "Reads "+run, renamed.Policy.Name)
	gone, err := a.Admin.DeleteRbacPolicy(ctx, own.Policy.Id)
	require.NoError(t, err)
	assert.True(t, gone.Deleted)
	assert.Equal(t, own.Policy.Id, gone.Id)

	// A role: created, read, updated; given the product:read policy.
	role, err := a.Admin.CreateRbacRole(ctx, nil, admin.CreateRbacRoleBody{Name: "Catalogue " + run, Description: medusa.Set("reads products")})
	require.NoError(t, err)
	roleID := role.Role.Id
	assert.Equal(t, "Catalogue "+run, role.Role.Name)
	assert.Equal(t, "reads products", role.Role.Description)
	read, err := a.Admin.GetRbacRole(ctx, roleID, nil)
	require.NoError(t, err)
	assert.Equal(t, roleID, read.Role.Id)
	updated, err := a.Admin.UpdateRbacRole(ctx, roleID, nil, admin.UpdateRbacRoleBody{Name: medusa.Ptr("Catalogue readers " + run)})
	require.NoError(t, err)
	assert.Equal(t, "Catalogue readers "+run, updated.Role.Name)
	var listed bool
	for r, err := range a.Admin.ListRbacRolesAll(ctx, nil) {
		require.NoError(t, err)
		listed = listed || r.Id == roleID
	}
	assert.True(t, listed, "GET /admin/rbac/roles lists the new role")
	_, err = a.Admin.GetRbacRolesAssignable(ctx, nil)
	require.NoError(t, err)

	_, err = a.Admin.CreateRbacRolePolicy(ctx, roleID, nil, admin.CreateRbacRolePolicyBody{Policies: []string{productRead.Id}})
	require.NoError(t, err)
	withPolicies, err := a.Admin.GetRbacRole(ctx, roleID, &admin.GetRbacRoleParams{Fields: medusa.Ptr("*policies")})
	require.NoError(t, err)
	require.NotNil(t, withPolicies.Role.Policies)
	var ids []string
	for _, p := range *withPolicies.Role.Policies {
		ids = append(ids, p.Id)
	}
	assert.Contains(t, ids, productRead.Id, "the role holds the policy")
	var holds bool
	for r, err := range a.Admin.ListRbacPolicyRolesAll(ctx, productRead.Id, nil) {
		require.NoError(t, err)
		holds = holds || r.Id == roleID
	}
	assert.True(t, holds, "GET /admin/rbac/policies/{id}/roles lists the role")

	// The role's users, from both sides.
	added, err := a.Admin.CreateRbacRoleUser(ctx, roleID, admin.CreateRbacRoleUserBody{Users: []string{userID}})
	require.NoError(t, err)
	require.Len(t, added.Users, 1)
	assert.Equal(t, userID, added.Users[0].Id)
	var members []string
	for u, err := range a.Admin.ListRbacRoleUsersAll(ctx, roleID, nil) {
		require.NoError(t, err)
		members = append(members, u.Id)
	}
	assert.Equal(t, []string{userID}, members)
	removed, err := a.Admin.DeleteRbacRoleUsers(ctx, roleID, admin.DeleteRbacRoleUsersBody{Users: []string{userID}})
	require.NoError(t, err)
	assert.True(t, removed.Deleted)
	userRoles, err := a.Admin.CreateUserRole(ctx, userID, admin.CreateUserRoleBody{Roles: []string{roleID}})
	require.NoError(t, err)
	var roleIDs []string
	for _, r := range userRoles.Roles {
		roleIDs = append(roleIDs, r.Id)
	}
	assert.Contains(t, roleIDs, roleID)
	unassigned, err := a.Admin.DeleteUserRoles(ctx, userID, admin.DeleteUserRolesBody{Roles: []string{roleID}})
	require.NoError(t, err)
	assert.True(t, unassigned.Deleted)

	// Medusa 2.21 refuses to delete a role that still holds a policy
	// (404 "You tried to set relationship ..."); without it the role goes.
	_, err = a.Admin.DeleteRbacRole(ctx, roleID)
	e, ok := apierror.As(err)
	require.True(t, ok, "a typed error: %v", err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode, "%v", err)
	unlinked, err := a.Admin.DeleteRbacRolePolicy(ctx, roleID, productRead.Id)
	require.NoError(t, err)
	assert.True(t, unlinked.Deleted)
	assert.Equal(t, "rbac_role_policy", string(unlinked.Object), "the answer names the link, not the policy")
	deleted, err := a.Admin.DeleteRbacRole(ctx, roleID)
	require.NoError(t, err)
	assert.True(t, deleted.Deleted)
	_, err = a.Admin.GetRbacRole(ctx, roleID, nil)
	e, ok = apierror.As(err)
	require.True(t, ok, "a typed error: %v", err)
	assert.Equal(t, http.StatusNotFound, e.StatusCode, "%v", err)
}
