package specfix

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Unions without a `type` tag (named-variants handles those) are numbered by
// oapi-codegen: …Prices0 / …Prices1, …RuleValue0 / …RuleValue1. Three rules
// give them shapes and names a caller can read.

// visitUnions calls fn on every oneOf/anyOf schema in the components and
// operations, with a context name (component + properties, or operationId +
// properties) like named-variants uses.
func visitUnions(doc map[string]any, fn func(u map[string]any, key, ctx string) error) error {
	schemas := component(doc, "schemas")
	var fail error
	var visit func(v any, ctx string)
	visit = func(v any, ctx string) {
		if fail != nil {
			return
		}
		switch v := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(v) {
				if props, ok := v["properties"].(map[string]any); ok && k == "properties" {
					for _, p := range sortedKeys(props) {
						visit(props[p], ctx+goName(p))
					}
					continue
				}
				if k == "parameters" {
					continue // query-shapes owns parameter schemas
				}
				visit(v[k], ctx)
			}
			// inner unions first: their names do not depend on the outer one
			for _, k := range []string{"oneOf", "anyOf"} {
				if _, ok := v[k].([]any); ok && v["discriminator"] == nil && fail == nil {
					fail = fn(v, k, ctx)
				}
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

// mergeExclusiveBranches: a union of inline objects that differ only in one
// required property each (a price given per currency_code or per region_id;
// an answer that is {user} or {message}) becomes one object with every
// property, the distinguishing ones optional, and a description saying that
// exactly one of them is set. A Go caller fills one struct instead of
// wrapping each value; the server still validates that one key is given.
func mergeExclusiveBranches(doc map[string]any, rep *Report) error {
	return visitUnions(doc, func(u map[string]any, key, _ string) error {
		branches := u[key].([]any)
		if len(branches) < 2 {
			return nil
		}
		objs := make([]map[string]any, len(branches))
		keys := make([]string, len(branches))
		for i, b := range branches {
			s, ok := b.(map[string]any)
			if !ok || s["$ref"] != nil || typeOf(doc, s) != "object" || s["allOf"] != nil || s["oneOf"] != nil || s["anyOf"] != nil {
				return nil
			}
			objs[i] = s
		}
		// each branch has exactly one required property no other branch has,
		// and the other properties are the same everywhere
		var common string
		for i, s := range objs {
			props, _ := s["properties"].(map[string]any)
			var own []string
			for _, r := range stringList(s["required"]) {
				shared := false
				for j, o := range objs {
					if op, _ := o["properties"].(map[string]any); j != i && op[r] != nil {
						shared = true
					}
				}
				if !shared && props[r] != nil {
					own = append(own, r)
				}
			}
			if len(own) != 1 {
				return nil
			}
			keys[i] = own[0]
			rest := map[string]any{}
			for k, v := range props {
				if k != own[0] {
					rest[k] = v
				}
			}
			var req []string
			for _, r := range sortedStrings(stringList(s["required"])) {
				if r != own[0] {
					req = append(req, r)
				}
			}
			sig := shapeKey(rest) + strings.Join(req, ",")
			if i > 0 && sig != common {
				return nil
			}
			common = sig
		}
		merged := map[string]any{"type": "object", "properties": map[string]any{}}
		var required []any
		for i, s := range objs {
			props, _ := s["properties"].(map[string]any)
			for k, v := range props {
				merged["properties"].(map[string]any)[k] = v
			}
			if i == 0 {
				for _, r := range stringList(s["required"]) {
					if r != keys[0] {
						required = append(required, r)
					}
				}
			}
		}
		if len(required) > 0 {
			merged["required"] = required
		}
		quoted := make([]string, len(keys))
		for i, k := range keys {
			quoted[i] = "`" + k + "`"
		}
		desc, _ := u["description"].(string)
		if desc == "" {
			desc, _ = objs[0]["description"].(string)
		}
		merged["description"] = strings.TrimSpace(desc + " Exactly one of " + strings.Join(quoted, ", ") + " is set.")
		delete(u, key)
		for k, v := range merged {
			u[k] = v
		}
		rep.add("merge-exclusive-branches", 1)
		return nil
	})
}

// namedBranches names the inline branches of the other untagged unions by
// what they hold: String, Number, Integer, Bool, List, Object, or
// With<Property> for an object told apart by a required property (e.g.
// WithValue). Each inline branch moves to components.schemas as
// <Context><Name>; a union whose branches would share a name, or whose names
// are taken, keeps oapi-codegen's numbers.
func namedBranches(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	return visitUnions(doc, func(u map[string]any, key, ctx string) error {
		branches := u[key].([]any)
		names := make([]string, len(branches))
		seen := map[string]bool{}
		inline := 0
		for i, b := range branches {
			s, _ := b.(map[string]any)
			if s == nil {
				return nil
			}
			if ref, ok := s["$ref"].(string); ok {
				n, _ := schemaRefName(ref)
				seen[n] = true
				continue
			}
			n := branchName(doc, s, branches, i)
			if n == "" {
				return nil
			}
			names[i] = ctx + n
			inline++
		}
		if inline == 0 {
			return nil
		}
		for _, n := range names {
			if n == "" {
				continue
			}
			if seen[n] || schemas[n] != nil {
				return nil
			}
			seen[n] = true
		}
		for i, n := range names {
			if n == "" {
				continue
			}
			schemas[n] = branches[i]
			branches[i] = map[string]any{"$ref": "#/components/schemas/" + n}
		}
		rep.add("named-branches", inline)
		return nil
	})
}

func branchName(doc map[string]any, s map[string]any, all []any, self int) string {
	if s["oneOf"] != nil || s["anyOf"] != nil || s["allOf"] != nil {
		return ""
	}
	switch typeOf(doc, s) {
	case "string":
		return "String"
	case "number":
		return "Number"
	case "integer":
		return "Integer"
	case "boolean":
		return "Bool"
	case "array":
		return "List"
	case "object":
		props, _ := s["properties"].(map[string]any)
		if len(props) == 0 {
			return "Object"
		}
		for _, r := range sortedStrings(stringList(s["required"])) {
			if props[r] == nil {
				continue
			}
			own := true
			for j, o := range all {
				if j == self {
					continue
				}
				if op, _ := resolve(doc, o)["properties"].(map[string]any); op[r] != nil {
					own = false
				}
			}
			if own {
				return "With" + goName(r)
			}
		}
	}
	return ""
}

// tagFromNames: a union of component schemas that all have one string
// property whose enum lists the same values, one per branch, where each value
// names exactly one branch (AdminCreateFlatRateShippingOption /
// AdminCreateCalculatedShippingOption and price_type flat / calculated).
// Each branch's enum becomes its own value and the union gets a
// discriminator on that property, so From<Variant> sets the tag and
// As<Variant> checks it.
func tagFromNames(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	return visitUnions(doc, func(u map[string]any, key, _ string) error {
		if key != "oneOf" {
			return nil
		}
		branches := u[key].([]any)
		if len(branches) < 2 {
			return nil
		}
		names := make([]string, len(branches))
		for i, b := range branches {
			ref, _ := b.(map[string]any)["$ref"].(string)
			n, ok := schemaRefName(ref)
			if !ok || schemas[n] == nil {
				return nil
			}
			names[i] = n
		}
		first, _ := schemas[names[0]].(map[string]any)
		props, _ := first["properties"].(map[string]any)
		for _, p := range sortedKeys(props) {
			values := enumSet(props[p])
			if len(values) != len(branches) {
				continue
			}
			mapping := map[string]any{}
			owner := map[string]string{}
			ok := true
			for _, n := range names {
				s, _ := schemas[n].(map[string]any)
				sp, _ := s["properties"].(map[string]any)
				if fmt.Sprint(enumSet(sp[p])) != fmt.Sprint(values) {
					ok = false
					break
				}
				var hit []string
				for _, v := range values {
					if strings.Contains(strings.ToLower(n), strings.ToLower(v)) {
						hit = append(hit, v)
					}
				}
				if len(hit) != 1 || owner[hit[0]] != "" {
					ok = false
					break
				}
				owner[hit[0]] = n
				mapping[hit[0]] = "#/components/schemas/" + n
			}
			if !ok {
				continue
			}
			for v, n := range owner {
				sp := schemas[n].(map[string]any)["properties"].(map[string]any)
				prop := sp[p].(map[string]any)
				prop["enum"] = []any{v}
			}
			u["discriminator"] = map[string]any{"propertyName": p, "mapping": mapping}
			rep.add("tag-from-names", 1)
			return nil
		}
		return nil
	})
}

func enumSet(v any) []string {
	s, _ := v.(map[string]any)
	if t, _ := s["type"].(string); t != "string" {
		return nil
	}
	out := sortedStrings(stringList(s["enum"]))
	return out
}

func stringList(v any) []string {
	l, _ := v.([]any)
	var out []string
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// sameBranchOnce: a union that lists the same branch twice (2.18.0 spells
// raw_refund_amount as string | number | string | number) keeps each branch
// once; a union left with one branch becomes that branch. Identical means the
// same JSON, documentation included, so no information is lost.
func sameBranchOnce(doc map[string]any, rep *Report) error {
	return visitUnions(doc, func(u map[string]any, key, _ string) error {
		branches := u[key].([]any)
		seen := map[string]bool{}
		kept := make([]any, 0, len(branches))
		for _, b := range branches {
			raw, err := json.Marshal(b) // map keys sorted: a canonical form
			if err != nil {
				return err
			}
			if seen[string(raw)] {
				continue
			}
			seen[string(raw)] = true
			kept = append(kept, b)
		}
		if len(kept) == len(branches) {
			return nil
		}
		rep.add("same-branch-once", len(branches)-len(kept))
		if len(kept) > 1 {
			u[key] = kept
			return nil
		}
		only, ok := kept[0].(map[string]any)
		if !ok {
			u[key] = kept
			return nil
		}
		delete(u, key)
		for k, v := range only {
			if _, has := u[k]; !has {
				u[k] = v
			}
		}
		return nil
	})
}
