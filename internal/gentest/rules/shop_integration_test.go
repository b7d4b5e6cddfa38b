//go:build integration

package rules_test

import (
	"testing"

	"github.com/medusa-sdk/medusa-go/v2/internal/testshop"
)

// The shop the tests build (internal/testshop, shared with
// internal/gentest/rules), under the names these tests use.
type shop = testshop.Shop

var (
	ctxT        = testshop.Ctx
	adminClient = testshop.AdminClient
	setUpShop   = testshop.SetUp
	freeCountry = testshop.FreeCountry
)

func fromJSON[T any](t *testing.T, s string) T { return testshop.FromJSON[T](t, s) }
