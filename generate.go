// Package medusa is the Go SDK for the Medusa v2 commerce API.
package medusa
