// Command typenames is the type-name guard of gen/store and gen/admin: it
// lists every exported identifier a user meets in a generated package (its
// types, their constants and their constructors, as go/doc groups them, and
// its package-level functions) that is not deprecated and whose name starts
// with one of the package's operationIds (PostProductsJSONBody,
// GetCartsIdParams; a function after New or Parse: NewPostProductsRequest),
// or contains "JSON"
// or "_" (AdminProduct_Options). Such names are the generator's, not a Go
// developer's; the naming rule in openapi/README.md ("Names of the generated types") says what
// a type is called instead.
//
//	go run ./internal/cmd/typenames               # counts per package; fails when one is > 0
//	go run ./internal/cmd/typenames -list         # every name, with why
//	go run ./internal/cmd/typenames -report       # counts only, never fails (before the rule reaches 0)
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/medusa-sdk/medusa-go/v2/internal/cmd/typenames/guard"
)

func main() {
	list := flag.Bool("list", false, "print every offending name with its reason")
	report := flag.Bool("report", false, "print the counts and exit 0 whatever they are")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"gen/store", "gen/admin"}
	}
	total := 0
	for _, dir := range dirs {
		res, err := guard.Check(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "typenames:", err)
			os.Exit(2)
		}
		if *list {
			for _, f := range res.Findings {
				fmt.Printf("%s.%s\t%s\t%s\n", res.Package, f.Name, f.Kind, f.Reason)
			}
		}
		fmt.Printf("typenames: %s: %d of %d exported names are operation-derived or contain JSON or _ (%d types, %d constants, %d functions checked)\n",
			res.Package, len(res.Findings), res.Checked, res.Types, res.Consts, res.Funcs)
		total += len(res.Findings)
	}
	if total > 0 && !*report {
		fmt.Fprintf(os.Stderr, "typenames: %d name(s) a user would meet do not follow the naming rule (openapi/README.md, \"Names of the generated types\"); run with -list\n", total)
		os.Exit(1)
	}
}
