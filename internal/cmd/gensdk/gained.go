package main

import "strings"

// gainedBody is the gained-body rule: a route the names lock has without a
// request body whose operation now takes one (specfix's release-bodies: a
// validator that came to take a body in a later Medusa release) keeps its
// method's signature, which sends an empty body, and gets a sibling,
// <Method>With, whose parameters add the body. It returns the body
// parameter, or nil when the rule does not apply (the route is new, or its
// signature is the lock's, or it changed in another way, which the API gate
// reports).
func gainedBody(op *operation, so *sdkOp) *param {
	if !op.Locked {
		return nil
	}
	var rest []string
	var body *param
	for i, p := range so.params {
		if p.name == "body" {
			body = &so.params[i]
			continue
		}
		rest = append(rest, p.typ)
	}
	if body == nil || strings.Join(rest, ", ") != op.LockedIn {
		return nil
	}
	return body
}

// renderGained writes the locked method of a route that gained a body: its
// locked signature, calling with (the sibling that takes the body) with the
// body's zero value, which encodes as {} for an object.
func renderGained(w func(string, ...any), so *sdkOp, body *param, with string) {
	var ps, as strings.Builder
	for _, p := range so.params {
		if p.name == body.name {
			as.WriteString(", " + zeroOf(p.typ))
			continue
		}
		ps.WriteString(", " + p.name + " " + p.typ)
		as.WriteString(", " + p.name)
	}
	ret, res := "error", "return a."
	if so.result != "" {
		ret = "(*" + so.result + ", error)"
	}
	w("//\n// It sends an empty body; %s sends one.\n", with)
	w("func (a *API) %s(ctx context.Context%s, opts ...RequestEditorFn) %s {\n", so.Name, ps.String(), ret)
	w("\t%s%s(ctx%s, opts...)\n}\n\n", res, with, as.String())
	w("// %s is %s with a request body, %s: the route's\n", with, so.Name, strings.TrimPrefix(body.typ, "*"))
	w("// validator came to take one after the method was locked without it.\n")
}

// zeroOf is the Go expression of an empty value of typ: T{} or &T{}.
func zeroOf(typ string) string {
	if t, ok := strings.CutPrefix(typ, "*"); ok {
		return "&" + t + "{}"
	}
	return typ + "{}"
}
