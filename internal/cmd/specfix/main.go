// Command specfix applies the general spec rules of package specfix to one
// Medusa OpenAPI file and writes the result as JSON for oapi-codegen.
//
// Usage: go run ./internal/cmd/specfix -in openapi/specs/store.oas.yaml -out openapi/specs/store.fixed.json
//
// -validators openapi/validators.json -lock openapi/lock.json gives the rule
// validator-shapes the server's body validators; the file must be of the
// release the lock pins (regenerate it with `make validator-facts`).
//
// -models openapi/models.json gives the rule model-columns the server's data
// models, checked against the same lock (regenerate it with `make model-facts`).
//
// -routes openapi/routes.json gives the rule release-routes the server's route
// table and answer types, checked against the same lock (`make route-facts`).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/speclock"
	"github.com/medusa-sdk/medusa-go/v2/internal/specfix"
)

func main() {
	in := flag.String("in", "", "input spec (YAML or JSON)")
	out := flag.String("out", "", "output JSON spec")
	quiet := flag.Bool("q", false, "do not print the rule report")
	only := flag.String("only", "", "comma-separated rule names to apply (default: all); used for baseline measurements")
	validators := flag.String("validators", "", "the server's body validator shapes (openapi/validators.json) for the rule validator-shapes")
	models := flag.String("models", "", "the server's data models (openapi/models.json) for the rule model-columns")
	routes := flag.String("routes", "", "the server's route table (openapi/routes.json) for the rule release-routes")
	lock := flag.String("lock", "", "with -validators, -models or -routes: the spec lock whose Medusa release they must be of")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "specfix: -in and -out are required")
		os.Exit(2)
	}
	if err := run(*in, *out, *quiet, *only, facts{*validators, *models, *routes}, *lock); err != nil {
		fmt.Fprintln(os.Stderr, "specfix:", err)
		os.Exit(1)
	}
}

// facts names the facts files (each optional).
type facts struct{ validators, models, routes string }

func run(in, out string, quiet bool, only string, f facts, lock string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("%w (run the spec step first: go run ./internal/cmd/specsync)", err)
	}
	doc, err := specfix.Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if f.validators != "" {
		v, err := loadValidators(f.validators, lock)
		if err != nil {
			return err
		}
		doc[specfix.ValidatorsKey] = v
	}
	if f.models != "" {
		m, err := loadModels(f.models, lock)
		if err != nil {
			return err
		}
		doc[specfix.ModelsKey] = m
	}
	if f.routes != "" {
		r, err := loadRoutes(f.routes, lock)
		if err != nil {
			return err
		}
		doc[specfix.RoutesKey] = r
	}
	var names []string
	if only != "" {
		names = strings.Split(only, ",")
	}
	rep, err := specfix.Apply(doc, names...)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	delete(doc, specfix.ValidatorsKey) // when -only left the rule out
	delete(doc, specfix.ModelsKey)
	delete(doc, specfix.RoutesKey)
	enc, err := specfix.Encode(doc)
	if err != nil {
		return err
	}
	if !quiet {
		fmt.Printf("specfix: %s: %s\n", in, rep)
	}
	if old, err := os.ReadFile(out); err == nil && bytes.Equal(old, enc) {
		return nil
	}
	return os.WriteFile(out, enc, 0o644)
}

// loadValidators reads the validator shapes and checks they are of the
// pinned release.
func loadValidators(path, lock string) (*specfix.Validators, error) {
	var v specfix.Validators
	if err := loadFacts(path, &v); err != nil {
		return nil, err
	}
	if err := sameRelease(path, v.Medusa, lock, "make validator-facts"); err != nil {
		return nil, err
	}
	return &v, nil
}

// loadModels reads the data models and checks they are of the pinned
// release.
func loadModels(path, lock string) (*specfix.Models, error) {
	var m specfix.Models
	if err := loadFacts(path, &m); err != nil {
		return nil, err
	}
	if m.Medusa == "" {
		return nil, fmt.Errorf("%s: no \"medusa\" release: run make model-facts", path)
	}
	if err := sameRelease(path, m.Medusa, lock, "make model-facts"); err != nil {
		return nil, err
	}
	return &m, nil
}

// loadRoutes reads the route table and checks it is of the pinned release.
func loadRoutes(path, lock string) (*specfix.Routes, error) {
	var r specfix.Routes
	if err := loadFacts(path, &r); err != nil {
		return nil, err
	}
	if r.Medusa == "" {
		return nil, fmt.Errorf("%s: no \"medusa\" release: run make route-facts", path)
	}
	if err := sameRelease(path, r.Medusa, lock, "make route-facts"); err != nil {
		return nil, err
	}
	if lock != "" {
		// each package the lock pins that the facts were read from is of
		// the pinned version (@medusajs/types, @medusajs/js-sdk, the converter)
		l, err := speclock.Read(lock)
		if err != nil {
			return nil, err
		}
		for _, p := range slices.Sorted(maps.Keys(r.Packages)) {
			if want, ok := l.NPM[p]; ok && want != r.Packages[p] {
				return nil, fmt.Errorf("%s was read from %s %s, %s pins %s: run make route-facts", path, p, r.Packages[p], lock, want)
			}
		}
	}
	return &r, nil
}

func loadFacts(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// sameRelease checks that facts of Medusa release got are of the release the
// lock's SDK targets ("medusa", not the spec pair's "spec_release"; no lock:
// no check).
func sameRelease(path, got, lock, remake string) error {
	if lock == "" {
		return nil
	}
	pin, err := speclock.Target(lock)
	if err != nil {
		return err
	}
	if pin != got {
		return fmt.Errorf("%s is of Medusa %s, %s pins %s: run %s", path, got, lock, pin, remake)
	}
	return nil
}
