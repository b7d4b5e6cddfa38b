// Command specfix applies the general spec rules of package specfix to one
// Medusa OpenAPI file and writes the result as JSON for oapi-codegen.
//
// Usage: go run ./internal/cmd/specfix -in openapi/specs/store.oas.yaml -out openapi/specs/store.fixed.json
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/medusa-sdk/medusa-go/v2/internal/specfix"
)

func main() {
	in := flag.String("in", "", "input spec (YAML or JSON)")
	out := flag.String("out", "", "output JSON spec")
	quiet := flag.Bool("q", false, "do not print the rule report")
	only := flag.String("only", "", "comma-separated rule names to apply (default: all); used for baseline measurements")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "specfix: -in and -out are required")
		os.Exit(2)
	}
	if err := run(*in, *out, *quiet, *only); err != nil {
		fmt.Fprintln(os.Stderr, "specfix:", err)
		os.Exit(1)
	}
}

func run(in, out string, quiet bool, only string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("%w (run the spec step first: go run ./internal/cmd/specsync)", err)
	}
	doc, err := specfix.Decode(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var names []string
	if only != "" {
		names = strings.Split(only, ",")
	}
	rep, err := specfix.Apply(doc, names...)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
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
