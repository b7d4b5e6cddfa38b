package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMethodName(t *testing.T) {
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/store/products", "ListProducts"},
		{"GET", "/store/products/{id}", "GetProduct"},
		{"POST", "/admin/products", "CreateProduct"},
		{"POST", "/admin/products/{id}", "UpdateProduct"},
		{"DELETE", "/admin/products/{id}", "DeleteProduct"},
		{"GET", "/admin/products/{id}/variants", "ListProductVariants"},
		{"POST", "/admin/products/{id}/variants/batch", "BatchProductVariants"},
		{"POST", "/store/carts/{id}/complete", "CompleteCart"},
		{"POST", "/store/carts/{id}/line-items", "CreateCartLineItem"},
		{"POST", "/store/carts/{id}/line-items/{line_id}", "UpdateCartLineItem"},
		{"GET", "/store/product-categories", "ListProductCategories"},
		{"GET", "/store/product-categories/{id}", "GetProductCategory"},
		{"POST", "/admin/api-keys/{id}/revoke", "RevokeAPIKey"},
		{"GET", "/store/customers/me", "GetCurrentCustomer"},
		{"POST", "/store/customers/me", "UpdateCurrentCustomer"},
		{"GET", "/store/customers/me/addresses", "ListCurrentCustomerAddresses"},
		{"POST", "/store/customers/me/addresses/{address_id}", "UpdateCurrentCustomerAddress"},
		{"GET", "/admin/users/me", "GetCurrentUser"},
		{"POST", "/admin/orders/{id}/mark-as-delivered", "MarkOrderAsDelivered"},
		{"POST", "/admin/payment-collections/{id}/mark-as-paid", "MarkPaymentCollectionAsPaid"},
		{"POST", "/admin/draft-orders/{id}/convert-to-order", "ConvertDraftOrderToOrder"},
		{"POST", "/store/carts/{id}/customer", "UpdateCartCustomer"},
		{"GET", "/admin/tax-regions/{id}", "GetTaxRegion"},
		{"POST", "/admin/batches", "CreateBatch"},
		{"GET", "/admin/addresses/{id}", "GetAddress"},
		{"GET", "/store", ""},
		{"POST", "/auth/customer/{auth_provider}", "AuthenticateCustomer"},
		{"POST", "/auth/user/{auth_provider}/register", "RegisterUser"},
		{"POST", "/auth/customer/{auth_provider}/update", "UpdateCustomerPassword"},
		{"POST", "/auth/user/{auth_provider}/update", "UpdateUserPassword"},
		{"POST", "/auth/user/{auth_provider}/reset-password", "ResetUserPassword"},
		{"POST", "/auth/user/{auth_provider}/callback", "CallbackUser"},
		{"GET", "/admin/search", "Search"},
		{"POST", "/store/search", "Search"},
		{"GET", "/admin/search-indexes", "ListSearchIndexes"},
		{"POST", "/admin/search-indexes/{id}/reindex", "ReindexSearchIndex"},
		{"DELETE", "/admin/search-indexes/{id}", "DeleteSearchIndex"},
		{"GET", "/admin/users/{id}/auth-providers", "ListUserAuthProviders"},
		{"POST", "/admin/users/{id}/reset-password", "ResetUserPassword"},
		{"POST", "/admin/inventory-items/export", "ExportInventoryItems"},
		{"GET", "/auth/user/providers", "ListAuthProviders"},
		{"GET", "/auth/customer/providers", "ListAuthProviders"},
		{"POST", "/auth/{auth_provider}/user", "CreateUser"},
		{"GET", "/auth/customer/{auth_provider}", "AuthenticateCustomer"},
		{"GET", "/auth/customer/{auth_provider}/callback", "GetCustomerCallback"},
		{"POST", "/auth/session", "CreateSession"},
		{"DELETE", "/auth/session", "DeleteSession"},
		{"POST", "/auth/token/refresh", "RefreshToken"},
	} {
		assert.Equal(t, tc.want, methodName(tc.method, tc.path), "%s %s", tc.method, tc.path)
	}
}

func TestNameOpsResolvesCollisions(t *testing.T) {
	ops := []*operation{
		{ID: "GetProductOptions", Method: "GET", Path: "/admin/product-options"},
		{ID: "GetProductsIdOptions", Method: "GET", Path: "/admin/products/{id}/options"},
		{ID: "PostClaimsIdInboundShippingMethod", Method: "POST", Path: "/admin/claims/{id}/inbound/shipping-method"},
		{ID: "PostClaimsIdInboundShippingMethodActionId", Method: "POST", Path: "/admin/claims/{id}/inbound/shipping-method/{action_id}"},
	}
	ops = append(ops,
		&operation{ID: "PostProductsImportTransactionIdConfirm", Method: "POST", Path: "/admin/products/import/{transaction_id}/confirm", Deprecated: true},
		&operation{ID: "PostProductsImportsTransactionIdConfirm", Method: "POST", Path: "/admin/products/imports/{transaction_id}/confirm"})
	nameOps(ops)
	assert.Equal(t, "ListProductOptions", ops[0].Name, "the shorter path keeps the name")
	assert.Equal(t, "PostProductsImportTransactionIdConfirm", ops[4].Name, "a deprecated route yields")
	assert.Equal(t, "ConfirmProductsImport", ops[5].Name)
	assert.Equal(t, "GetProductsIdOptions", ops[1].Name, "the longer one keeps its operationId")
	assert.Equal(t, "CreateClaimInboundShippingMethod", ops[2].Name)
	assert.Equal(t, "UpdateClaimInboundShippingMethod", ops[3].Name)
}

func TestGoIdent(t *testing.T) {
	assert.Equal(t, "PostActorTypeAuthProvider", goIdent("PostActor_typeAuth_provider"))
	assert.Equal(t, "GetProducts", goIdent("GetProducts"))
}
