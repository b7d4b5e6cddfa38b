// Package medusatest runs a real Medusa for the tests of a service built on
// the SDK, and makes the data they need in one line each.
//
// Start (or Main, in TestMain) gives a test the run's server: installed once
// per machine into the user's cache from the npm lock embedded here (the
// SDK's target release, TargetRelease), on the machine's PostgreSQL or the
// database MEDUSATEST_DATABASE_URL names, migrated once, shared by every test
// binary of one `go test ./...` (leases in the state directory; a supervisor
// stops it MEDUSATEST_IDLE after the last one), or the server MEDUSATEST_URL
// names. The seeds (Region, SalesChannel, StockLocation, Product, Customer,
// Cart) build through the SDK with names unique to the test and return the
// typed records. Replay answers a test from its recording instead, with no
// server (-medusatest.record makes it). See the README, "Testing your
// service".
package medusatest
