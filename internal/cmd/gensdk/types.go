package main

import (
	"fmt"
	"regexp"
	"strings"
)

// sdkOp is one method of the SDK layer: its name, its parameters and answer
// written with the SDK's own type names, and the aliases that give those
// names to oapi-codegen's types.
type sdkOp struct {
	*operation
	gen     *genMethod
	params  []param // after ctx, with SDK type names
	result  string  // the SDK type of the 2xx JSON answer; "" when none
	aliases []alias
	list    *listShape
}

// alias is a type alias the SDK layer declares: Name = Target.
type alias struct {
	Name, Target, Doc string
}

// genSuffix matches the names oapi-codegen derives from an operationId:
// <OpID>Params, <OpID>JSONRequestBody, <OpID>200JSONResponseBody.
var genSuffix = regexp.MustCompile(`^(Params|JSONRequestBody|JSONBody|\d{3}JSONResponseBody)$`)

// opDerived reports whether typ is a name oapi-codegen made from opID (as
// opposed to a component schema's name, which is already a good name).
func opDerived(opID, typ string) bool {
	rest, ok := strings.CutPrefix(typ, opID)
	return ok && genSuffix.MatchString(rest)
}

// sdkTypes names the types of op's signature after the SDK method:
// <Method>Params for the query, <Method>Body for an inline request body,
// <Method>Result for an inline answer. Component schemas keep their names
// (StoreCreateCart, StoreCartResponse); a body alias that only forwards to a
// component is resolved to it. taken holds the names already used in the
// package; a name that is taken keeps oapi-codegen's name.
func (p *genPackage) sdkTypes(op *operation, m *genMethod, taken map[string]bool) *sdkOp {
	so := &sdkOp{operation: op, gen: m}
	rename := func(genType, suffix, doc string) string {
		target := genType
		// Follow aliases to a component: PostCartsJSONRequestBody = StoreCreateCart;
		// not to a struct literal (a body with no property is `= struct{}`,
		// see the rule validator-shapes), which keeps the SDK's name.
		for i := 0; i < 4; i++ {
			next, ok := p.aliases[target]
			if !ok || strings.HasPrefix(next, "struct") {
				break
			}
			target = next
		}
		if !opDerived(op.ID, target) {
			return target
		}
		name := op.Name + suffix
		if name == genType {
			return genType
		}
		if taken[name] {
			return genType
		}
		taken[name] = true
		so.aliases = append(so.aliases, alias{Name: name, Target: genType, Doc: fmt.Sprintf(doc, op.Name)})
		return name
	}
	for _, prm := range m.params {
		typ := prm.typ
		star := strings.HasPrefix(typ, "*")
		bare := strings.TrimPrefix(typ, "*")
		switch {
		case prm.name == "params" && opDerived(op.ID, bare):
			bare = rename(bare, "Params", "%sParams is the query of %[1]s.")
		case prm.name == "body" && opDerived(op.ID, bare):
			bare = rename(bare, "Body", "%sBody is the request body of %[1]s.")
		}
		if star {
			bare = "*" + bare
		}
		so.params = append(so.params, param{prm.name, bare})
	}
	if res := p.successType(op.ID); res != "" {
		if opDerived(op.ID, res) || strings.HasPrefix(res, "struct") {
			res = rename(res, "Result", "%sResult is the answer of %[1]s.")
		}
		so.result = res
	}
	return so
}

// signature returns the parameters after ctx (", id string, params *P") and
// the matching call arguments (", id, params"), with the SDK's type names.
func (so *sdkOp) signature() (params, args string) {
	var ps, as strings.Builder
	for _, p := range so.params {
		fmt.Fprintf(&ps, ", %s %s", p.name, p.typ)
		fmt.Fprintf(&as, ", %s", p.name)
	}
	return ps.String(), as.String()
}

// paramsType is the SDK type of the query parameters, or "".
func (so *sdkOp) paramsType() string {
	for _, prm := range so.params {
		if prm.name == "params" {
			return strings.TrimPrefix(prm.typ, "*")
		}
	}
	return ""
}
