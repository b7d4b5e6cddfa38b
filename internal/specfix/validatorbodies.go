package specfix

import (
	"fmt"
	"strings"
)

// paramsAreQuery moves query parameters that the spec documents as a request
// body back to the query. Medusa names its query validators …Params
// (AdminGetInviteAcceptParams) and its body validators otherwise; the docs
// generator sometimes puts a …Params schema in requestBody. The server reads
// those values from the query: POST /admin/invites/accept takes ?token= and
// refuses a token in its strict body.
//
// Rule: a JSON request body that is a $ref to a component named *Params with
// a `fields` property (every Medusa query validator is built on its select
// parameters, which bring `fields`; no body validator has one) gets
// each of its properties as a query parameter (required kept; a parameter of
// the same name already present wins), and the body is replaced by the body
// the server validates (validatorBodies, keyed by the Params component) or
// removed when there is none.
func paramsAreQuery(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	for _, op := range operations(doc) {
		body := resolve(doc, op.op["requestBody"])
		content, _ := body["content"].(map[string]any)
		mt, _ := content["application/json"].(map[string]any)
		sch, _ := mt["schema"].(map[string]any)
		ref, _ := sch["$ref"].(string)
		name, ok := schemaRefName(ref)
		if !ok || !strings.HasSuffix(name, "Params") {
			continue
		}
		params, _ := schemas[name].(map[string]any)
		if props, _ := params["properties"].(map[string]any); props["fields"] == nil {
			continue // a body that happens to be named …Params
		}
		required := map[string]bool{}
		if req, ok := params["required"].([]any); ok {
			for _, r := range req {
				if s, ok := r.(string); ok {
					required[s] = true
				}
			}
		}
		list, _ := op.op["parameters"].([]any)
		have := map[string]bool{}
		for _, p := range list {
			if pm := resolve(doc, p); pm != nil && pm["in"] == "query" {
				n, _ := pm["name"].(string)
				have[n] = true
			}
		}
		props, _ := params["properties"].(map[string]any)
		for _, k := range sortedKeys(props) {
			if have[k] {
				continue
			}
			ps := deepCopy(props[k]).(map[string]any)
			p := map[string]any{"name": k, "in": "query", "required": required[k], "schema": ps}
			if d, ok := ps["description"]; ok {
				p["description"] = d
			}
			list = append(list, p)
		}
		op.op["parameters"] = list
		if nb, ok := validatorBodies[name]; ok {
			bodyName := nb.name
			if _, taken := schemas[bodyName]; !taken {
				schemas[bodyName] = nb.schema()
			}
			op.op["requestBody"] = map[string]any{
				"required": true,
				"content": map[string]any{"application/json": map[string]any{
					"schema": map[string]any{"$ref": "#/components/schemas/" + bodyName},
				}},
			}
		} else {
			delete(op.op, "requestBody")
		}
		rep.add("params-are-query", 1)
	}
	return nil
}

// validatorBodies: the body the server validates on a route whose spec body
// was its …Params query schema, keyed by that schema's name.
var validatorBodies = map[string]struct {
	name   string
	schema func() map[string]any
}{
	// POST /admin/invites/accept: a strict {email, first_name, last_name}
	// (each optional); the token is in the query.
	"AdminGetInviteAcceptParams": {
		name: "AdminAcceptInvite",
		schema: func() map[string]any {
			str := func(d string) map[string]any { return map[string]any{"type": "string", "description": d} }
			return map[string]any{
				"type":        "object",
				"description": "The details of the user the invite creates.",
				"properties": map[string]any{
					"email":      str("The user's email (defaults to the invite's)."),
					"first_name": str("The user's first name."),
					"last_name":  str("The user's last name."),
				},
			}
		},
	},
}

// bodyFix corrects a request-body component the server's validator reads
// differently; like schemaFix it matches on the component name and does
// nothing when the component or property is absent.
type bodyFix struct {
	schema, why string
	apply       func(doc, s map[string]any) bool
}

var bodyFixes = []bodyFix{
	{
		schema: "StoreCreateCart",
		why:    "the cart validator takes each address as an object or as the id of an existing cart address",
		apply: func(doc, s map[string]any) bool {
			props, _ := s["properties"].(map[string]any)
			done := false
			schemas := component(doc, "schemas")
			for _, k := range []string{"shipping_address", "billing_address"} {
				p, _ := props[k].(map[string]any)
				if p == nil || p["oneOf"] != nil {
					continue
				}
				if schemas["AddressInputOrID"] == nil {
					branch := deepCopy(p).(map[string]any)
					delete(branch, "description")
					schemas["AddressID"] = map[string]any{
						"type":        "string",
						"description": "The ID of an existing cart address (caaddr_…), sent instead of an address object.",
					}
					schemas["AddressInputOrID"] = map[string]any{
						"description": "An address: the fields of a new one, or the ID of an existing cart address.",
						"oneOf":       []any{branch, map[string]any{"$ref": "#/components/schemas/AddressID"}},
					}
				}
				np := map[string]any{"$ref": "#/components/schemas/AddressInputOrID"}
				props[k] = np
				done = true
			}
			return done
		},
	},
	{
		schema: "UpdateCartData",
		why:    "the cart update validator is strict: it refuses billing_address_id, shipping_address_id, customer_id and currency_code, and takes promo_codes and locale",
		apply: func(_, s map[string]any) bool {
			props, _ := s["properties"].(map[string]any)
			if props == nil {
				return false
			}
			for _, k := range []string{"billing_address_id", "shipping_address_id", "customer_id", "currency_code"} {
				delete(props, k)
			}
			props["promo_codes"] = map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": "The promotion codes to apply to the cart."}
			props["locale"] = map[string]any{"type": "string", "description": "The cart's locale."}
			return true
		},
	},
}

func fixBodies(doc map[string]any, rep *Report) error {
	schemas := component(doc, "schemas")
	used := requestComponents(doc)
	for _, f := range bodyFixes {
		s, _ := schemas[f.schema].(map[string]any)
		if s == nil || !used[f.schema] {
			rep.Notes = append(rep.Notes, fmt.Sprintf("validator-bodies: %s not a request body in this spec; fix skipped", f.schema))
			continue
		}
		if f.apply(doc, s) {
			rep.add("validator-bodies", 1)
		}
	}
	return nil
}

// requestComponents lists the component schemas reachable from any
// operation's request body.
func requestComponents(doc map[string]any) map[string]bool {
	seen := map[string]bool{}
	for _, op := range operations(doc) {
		reachable(doc, op.op["requestBody"], seen)
	}
	return seen
}
