package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A body alias is followed to the component it forwards to, but not to a
// struct literal: a body with no property (`= struct{}`, rule
// validator-shapes) keeps the SDK's <Method>Body name, so the method's
// signature does not change when its last property goes.
func TestSDKTypesBodyAliases(t *testing.T) {
	p := &genPackage{aliases: map[string]string{
		"PostCartsJSONRequestBody":           "StoreCreateCart",
		"PostCartsIdCustomerJSONRequestBody": "PostCartsIdCustomerJSONBody",
		"PostCartsIdCustomerJSONBody":        "struct{}",
		"PostAuthJSONRequestBody":            "PostAuthJSONBody",
		"PostAuthJSONBody":                   "map[string]interface{}",
	}, results: map[string]map[string]string{}}
	sig := func(id, name, body string) (string, []alias) {
		so := p.sdkTypes(&operation{ID: id, Name: name}, &genMethod{params: []param{{"body", body}}}, map[string]bool{})
		return so.params[0].typ, so.aliases
	}

	typ, aliases := sig("PostCarts", "CreateCart", "PostCartsJSONRequestBody")
	assert.Equal(t, "StoreCreateCart", typ, "a component keeps its name")
	assert.Empty(t, aliases)

	typ, aliases = sig("PostCartsIdCustomer", "UpdateCartCustomer", "PostCartsIdCustomerJSONRequestBody")
	assert.Equal(t, "UpdateCartCustomerBody", typ)
	assert.Equal(t, []alias{{Name: "UpdateCartCustomerBody", Target: "PostCartsIdCustomerJSONRequestBody", Doc: "UpdateCartCustomerBody is the request body of UpdateCartCustomer."}}, aliases)

	typ, _ = sig("PostAuth", "Authenticate", "PostAuthJSONRequestBody")
	assert.Equal(t, "map[string]interface{}", typ, "as released: a free-form body is a map")
}
