//go:build integration

package main

import (
	"testing"

	"github.com/medusa-sdk/medusa-go/v2/medusatest"
)

// TestSyncLive is the service's test against the real Medusa medusatest
// starts (or the one MEDUSATEST_URL names: make test's).
func TestSyncLive(t *testing.T) {
	syncScenario(t, medusatest.Start(t))
}
