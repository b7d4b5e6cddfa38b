package specfix

import (
	"fmt"
	"strings"
	"unicode"
)

// namedVariants names the branches of a "typed" oneOf. Medusa writes some
// unions as inline objects that each carry a `type` property with its own
// default: the geo zones of a service zone (country, province, city, zip) and
// the answer of POST /store/carts/{id}/complete (order, or cart with an
// error). oapi-codegen would name the branches by position
// (…GeoZones0 … GeoZones3, AsPostCartsIdComplete200JSONResponseBody0) and
// could not tell them apart.
//
// Rule: a oneOf whose branches are all inline objects with a `type` property
// of distinct single values (a one-value enum, else a default) gets each
// branch moved to components.schemas as <Context><Value> (the context is the
// component and property, or the operation, it sits in) and a discriminator
// on `type` mapping each value to its branch. The generated union then has
// named As/From methods and ValueByDiscriminator.
func namedVariants(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	var fail error
	var visit func(v any, ctx string)
	visit = func(v any, ctx string) {
		switch v := v.(type) {
		case map[string]any:
			if vals, ok := typedBranches(v["oneOf"]); ok && fail == nil {
				if err := nameBranches(schemas, v, ctx, vals); err != nil {
					fail = err
					return
				}
				rep.add("named-variants", len(vals))
			}
			for _, k := range sortedKeys(v) {
				next := ctx
				if props, ok := v["properties"].(map[string]any); ok && k == "properties" {
					for _, p := range sortedKeys(props) {
						visit(props[p], ctx+goName(p))
					}
					continue
				}
				visit(v[k], next)
			}
		case []any:
			for _, c := range v {
				visit(c, ctx)
			}
		}
	}
	for _, name := range sortedKeys(schemas) {
		visit(schemas[name], name)
	}
	for _, op := range operations(doc) {
		id, _ := op.op["operationId"].(string)
		visit(op.op, goName(id))
	}
	return fail
}

// typedBranches returns the `type` value of each branch of oneOf when every
// branch is an inline object that has one, and the values are distinct.
func typedBranches(oneOf any) ([]string, bool) {
	branches, ok := oneOf.([]any)
	if !ok || len(branches) < 2 {
		return nil, false
	}
	seen := map[string]bool{}
	var vals []string
	for _, b := range branches {
		s, ok := b.(map[string]any)
		if !ok || s["$ref"] != nil {
			return nil, false
		}
		props, _ := s["properties"].(map[string]any)
		typ, _ := props["type"].(map[string]any)
		val := ""
		if enum, ok := typ["enum"].([]any); ok && len(enum) == 1 {
			val, _ = enum[0].(string)
		} else {
			val, _ = typ["default"].(string)
		}
		if val == "" || seen[val] {
			return nil, false
		}
		seen[val] = true
		vals = append(vals, val)
	}
	return vals, true
}

func nameBranches(schemas map[string]any, union map[string]any, ctx string, vals []string) error {
	branches := union["oneOf"].([]any)
	mapping := map[string]any{}
	for i, b := range branches {
		name := ctx + goName(vals[i])
		if _, taken := schemas[name]; taken {
			return fmt.Errorf("named-variants: %s already exists", name)
		}
		schemas[name] = b
		ref := "#/components/schemas/" + name
		branches[i] = map[string]any{"$ref": ref}
		mapping[vals[i]] = ref
	}
	union["discriminator"] = map[string]any{"propertyName": "type", "mapping": mapping}
	return nil
}

// goName turns "geo_zones" or "reset-password" into "GeoZones" and "ResetPassword".
func goName(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
