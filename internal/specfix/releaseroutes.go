package specfix

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// RoutesKey is where the specfix command puts the server's route table
// (openapi/routes.json, written by `make route-facts` from the installed
// @medusajs/medusa, @medusajs/types and @medusajs/js-sdk) for the rule
// release-routes. The rule removes it; without it the rule does nothing.
const RoutesKey = "x-medusa-routes"

// Routes is the content of openapi/routes.json.
type Routes struct {
	Medusa   string            `json:"medusa"`
	Packages map[string]string `json:"packages"`
	Routes   []*Route          `json:"routes"`
	// Schemas: the @medusajs/types answers as JSON Schema (draft 7), by
	// type name; a route's answer refers to them as "#/definitions/<name>".
	Schemas map[string]any `json:"schemas"`
}

// Route is one HTTP method of one route file the server mounts.
type Route struct {
	Method         string       `json:"method"`
	Path           string       `json:"path"` // "/admin/users/{id}/reset-password"
	Auth           *RouteAuth   `json:"auth,omitempty"`
	PublishableKey bool         `json:"publishable_key,omitempty"`
	Body           string       `json:"body,omitempty"`  // the body validator's export name
	Query          string       `json:"query,omitempty"` // the query validator's export name
	File           string       `json:"file"`
	Answer         *RouteAnswer `json:"answer,omitempty"`
}

// RouteAuth is what the route's authenticate middleware takes.
type RouteAuth struct {
	Actor        []string `json:"actor"`
	Types        []string `json:"types"`
	Optional     bool     `json:"optional,omitempty"`
	Unregistered bool     `json:"unregistered,omitempty"`
}

// RouteAnswer is the @medusajs/types type the route answers with: Declared
// by the route's own declaration, SDK by the JS SDK's method SDKMethod for
// it; Schema is the chosen one (Declared, else SDK) as JSON Schema.
type RouteAnswer struct {
	Declared  string         `json:"declared,omitempty"`
	SDK       string         `json:"sdk,omitempty"`
	SDKMethod string         `json:"sdk_method,omitempty"`
	Refused   string         `json:"refused,omitempty"` // why neither type is taken
	Schema    map[string]any `json:"schema,omitempty"`
}

func (a *RouteAuth) key() string {
	if a == nil {
		return ""
	}
	t := slices.Clone(a.Types)
	slices.Sort(t)
	return fmt.Sprintf("%v %v %v %v", a.Actor, t, a.Optional, a.Unregistered)
}

// releaseRoutes gives every route the installed server mounts under the
// spec's namespace (/store or /admin) and /auth, and that the spec lacks, an
// operation built from the release's own code (facts in openapi/routes.json):
//   - path: the route file's; under /auth a {actor_type} segment is the
//     spec's actor (customer for the store, user for the admin: the actor
//     the router authenticates the namespace with), and an /auth route with
//     a fixed actor goes to that actor's spec;
//   - operationId: Medusa's convention (method, then each segment in Pascal
//     case, a parameter's name with its first letter upper case:
//     PostUsersIdResetPassword, GetActor_typeProviders);
//   - security: that of the documented operations whose routes authenticate
//     the same way (actor, ways, optional), the most frequent one; on /store
//     the publishable-key header of the documented store operations;
//   - query parameters: those of a documented operation with the same query
//     validator, else one per validator key, as other operations document
//     that key (documentedAs) or typed from the validator's kind;
//   - JSON body: that of a documented operation with the same body
//     validator, else the validator's shape;
//   - answer (200, JSON): the route's @medusajs/types type; each named type
//     the spec has as a component is that component, any other is added.
//
// Routes outside those namespaces (/hooks, payment providers' webhooks;
// /cloud, Medusa Cloud's login) are not API calls and are left out.
func releaseRoutes(doc map[string]any, rep *Report) error {
	raw, _ := doc[RoutesKey].(*Routes)
	delete(doc, RoutesKey)
	if raw == nil || len(raw.Routes) == 0 {
		return nil
	}
	vals, _ := doc[ValidatorsKey].(*Validators)
	paths, _ := doc["paths"].(map[string]any)
	ns := namespaceOf(paths)
	if ns == "" {
		return nil
	}
	actor := ""
	for _, r := range raw.Routes {
		if strings.HasPrefix(r.Path, "/"+ns+"/") && r.Auth != nil && len(r.Auth.Actor) == 1 {
			actor = r.Auth.Actor[0]
			break
		}
	}
	b := routeBuilder{doc: doc, raw: raw, vals: vals, rep: rep, defs: map[string]string{}}
	b.index(ns, actor)
	n := 0
	for _, r := range raw.Routes {
		p, ok := specPath(r, ns, actor)
		if !ok || b.documented[strings.ToUpper(r.Method)+" "+pathParam.ReplaceAllString(p, "{}")] {
			continue
		}
		op, err := b.operation(r, p)
		if err != nil {
			return fmt.Errorf("%s %s: %w", r.Method, r.Path, err)
		}
		item, _ := paths[p].(map[string]any)
		if item == nil {
			item = map[string]any{}
			paths[p] = item
		}
		item[strings.ToLower(r.Method)] = op
		n++
		rep.Notes = append(rep.Notes, fmt.Sprintf("release-routes: %s %s added (%s)", r.Method, p, r.File))
	}
	rep.add("release-routes", n)
	b.gainedBodies()
	return nil
}

// gainedBodies: a documented operation without a request body whose route's
// body validator takes at least one key that is not one of the operation's
// query parameters gets that body, from the validator's shape, not required (the server took the call without one when the spec
// was written: POST /admin/order-edits/{id}/request gained
// {no_notification} in 2.21). The SDK method of a route the names lock has
// without a body keeps its signature (gensdk's gained-body rule).
func (b *routeBuilder) gainedBodies() {
	n := 0
	for _, op := range operations(b.doc) {
		if op.op["requestBody"] != nil {
			continue
		}
		r := b.facts[factsKey(op)]
		if r == nil || r.Body == "" || b.vals == nil {
			continue
		}
		shape := b.vals.Bodies[strings.ToUpper(r.Method)+" "+pathParam.ReplaceAllString(r.Path, "{}")]
		if shape == nil {
			continue
		}
		schema := bodySchema(shape, 0)
		props, _ := schema["properties"].(map[string]any)
		if len(props) == 0 {
			continue // a body validator that takes nothing
		}
		query := map[string]bool{}
		for _, p := range listOf(op.op["parameters"]) {
			if pm := resolve(b.doc, p); pm != nil && pm["in"] == "query" {
				name, _ := pm["name"].(string)
				query[name] = true
			}
		}
		news := 0
		for k := range props {
			if !query[k] {
				news++
			}
		}
		if news == 0 {
			// every key is one the operation takes in its query (2.21's
			// POST /store/carts/{id}/taxes body validator takes only
			// fields): the body would add nothing
			b.rep.Notes = append(b.rep.Notes, fmt.Sprintf("release-bodies: %s %s: its validator %s takes only keys of its query; left out", strings.ToUpper(op.method), op.path, r.Body))
			continue
		}
		op.op["requestBody"] = map[string]any{
			"required":    false,
			"description": "Taken by the route's body validator (" + r.Body + "); the spec documents none.",
			"content": map[string]any{"application/json": map[string]any{
				"schema": schema,
			}},
		}
		n++
		b.rep.Notes = append(b.rep.Notes, fmt.Sprintf("release-bodies: %s %s: the body its validator %s takes added", strings.ToUpper(op.method), op.path, r.Body))
	}
	b.rep.add("release-bodies", n)
}

// namespaceOf: "store" or "admin", the first segment of most of the spec's paths.
func namespaceOf(paths map[string]any) string {
	count := map[string]int{}
	for p := range paths {
		seg := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0]
		if seg == "store" || seg == "admin" {
			count[seg]++
		}
	}
	switch {
	case count["store"] > count["admin"]:
		return "store"
	case count["admin"] > 0:
		return "admin"
	}
	return ""
}

// specPath is the path the spec of namespace ns (authenticating actor) gives
// route r, or false when r is not one of its routes.
func specPath(r *Route, ns, actor string) (string, bool) {
	switch {
	case strings.HasPrefix(r.Path, "/"+ns+"/"):
		return r.Path, true
	case !strings.HasPrefix(r.Path, "/auth/"):
		return "", false
	case strings.Contains(r.Path, "{actor_type}"):
		return strings.Replace(r.Path, "{actor_type}", actor, 1), actor != ""
	case r.Auth != nil && len(r.Auth.Actor) == 1 && r.Auth.Actor[0] != "*":
		return r.Path, r.Auth.Actor[0] == actor
	}
	return r.Path, true
}

type routeBuilder struct {
	doc  map[string]any
	raw  *Routes
	vals *Validators
	rep  *Report
	// documented: "METHOD /path/{}" of the spec's operations
	documented map[string]bool
	// byQuery, byBody: a documented operation per validator name
	byQuery, byBody map[string]map[string]any
	security        map[string]any // auth key → the most frequent security
	publishable     any            // a documented publishable-key header parameter
	errors          map[string]any // the error answers (non-2xx) most documented operations list
	known           map[string][]any
	defs            map[string]string // definition name → component name
	facts           map[string]*Route // "METHOD /path/{}" (the spec's path) → its route
}

func (b *routeBuilder) index(ns, actor string) {
	b.documented = map[string]bool{}
	b.byQuery, b.byBody = map[string]map[string]any{}, map[string]map[string]any{}
	b.known = map[string][]any{}
	facts := map[string]*Route{}
	b.facts = facts
	for _, r := range b.raw.Routes {
		if p, ok := specPath(r, ns, actor); ok {
			facts[strings.ToUpper(r.Method)+" "+pathParam.ReplaceAllString(p, "{}")] = r
		}
	}
	secCount := map[string]map[string]int{}
	secFirst := map[string]any{}
	errCount, errFirst := map[string]int{}, map[string]map[string]any{}
	for _, op := range operations(b.doc) {
		k := factsKey(op)
		b.documented[k] = true
		if resp, ok := op.op["responses"].(map[string]any); ok {
			errs := map[string]any{}
			for code, v := range resp {
				if !strings.HasPrefix(code, "2") {
					errs[code] = v
				}
			}
			if len(errs) > 0 {
				ek := shapeKey(errs)
				if _, ok := errFirst[ek]; !ok {
					errFirst[ek] = errs
				}
				errCount[ek]++
			}
		}
		for _, p := range listOf(op.op["parameters"]) {
			pm := resolve(b.doc, p)
			if pm == nil {
				continue
			}
			name, _ := pm["name"].(string)
			switch {
			case pm["in"] == "query":
				b.known[name] = append(b.known[name], p)
			case pm["in"] == "header" && strings.EqualFold(name, "x-publishable-api-key") && b.publishable == nil:
				b.publishable = p
			}
		}
		r := facts[k]
		if r == nil {
			continue
		}
		if r.Query != "" && b.byQuery[r.Query] == nil && op.op["parameters"] != nil {
			b.byQuery[r.Query] = op.op
		}
		if r.Body != "" && b.byBody[r.Body] == nil && op.op["requestBody"] != nil {
			b.byBody[r.Body] = op.op
		}
		if sec, ok := op.op["security"]; ok {
			ak := r.Auth.key()
			if secCount[ak] == nil {
				secCount[ak] = map[string]int{}
			}
			sk := shapeKey(sec)
			if _, ok := secFirst[sk]; !ok {
				secFirst[sk] = sec
			}
			secCount[ak][sk]++
		}
	}
	b.errors = nil
	best := ""
	for _, ek := range sortedKeys(anyMap(errCount)) {
		if best == "" || errCount[ek] > errCount[best] {
			best = ek
		}
	}
	if best != "" {
		b.errors = errFirst[best]
	}
	b.security = map[string]any{}
	for ak, counts := range secCount {
		best := ""
		for _, sk := range sortedKeys(anyMap(counts)) {
			if best == "" || counts[sk] > counts[best] {
				best = sk
			}
		}
		b.security[ak] = secFirst[best]
	}
}

func (b *routeBuilder) operation(r *Route, p string) (map[string]any, error) {
	op := map[string]any{
		"operationId":    medusaOperationID(r.Method, r.Path),
		"summary":        fmt.Sprintf("%s %s", r.Method, p),
		"description":    fmt.Sprintf("Not in Medusa's spec: added from Medusa %s's route table (%s).", b.raw.Medusa, r.File),
		"x-medusa-route": r.File,
	}
	if r.Answer != nil && r.Answer.SDKMethod != "" {
		op["x-medusa-sdk-method"] = r.Answer.SDKMethod
	}
	if sec, ok := b.security[r.Auth.key()]; ok && r.Auth != nil {
		op["security"] = deepCopy(sec)
		op["x-authenticated"] = !r.Auth.Optional
	}
	var params []any
	for _, m := range pathParam.FindAllString(p, -1) {
		params = append(params, map[string]any{
			"name": strings.Trim(m, "{}"), "in": "path", "required": true,
			"schema": map[string]any{"type": "string"},
		})
	}
	if r.PublishableKey && b.publishable != nil {
		params = append(params, deepCopy(b.publishable))
	}
	params = append(params, b.queryParams(r)...)
	if len(params) > 0 {
		op["parameters"] = params
	}
	if body := b.body(r); body != nil {
		op["requestBody"] = body
	}
	answer := map[string]any{"description": "OK"}
	if r.Answer != nil && r.Answer.Schema != nil {
		s, err := b.convert(r.Answer.Schema, 0)
		if err != nil {
			return nil, err
		}
		answer["content"] = map[string]any{"application/json": map[string]any{"schema": s}}
		if r.Answer.Declared != "" || r.Answer.SDK != "" {
			answer["description"] = "OK: " + firstOf(r.Answer.Declared, r.Answer.SDK)
		}
	}
	responses := map[string]any{"200": answer}
	// The error answers every Medusa route can give (the same JSON error
	// body): those most documented operations of the spec list.
	for code, v := range b.errors {
		responses[code] = deepCopy(v)
	}
	op["responses"] = responses
	return op, nil
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// queryParams: a documented operation's with the same validator, else one
// per validator key.
func (b *routeBuilder) queryParams(r *Route) []any {
	if r.Query == "" {
		return nil
	}
	if src := b.byQuery[r.Query]; src != nil {
		var out []any
		for _, p := range listOf(src["parameters"]) {
			if pm := resolve(b.doc, p); pm != nil && pm["in"] == "query" {
				out = append(out, deepCopy(p))
			}
		}
		return out
	}
	if b.vals == nil {
		return nil
	}
	shape := b.vals.Queries[strings.ToUpper(r.Method)+" "+pathParam.ReplaceAllString(r.Path, "{}")]
	if shape == nil {
		return nil
	}
	var out []any
	for _, name := range sortedKeys(anyMap(shape.Keys)) {
		facts := shape.Keys[name]
		if p := documentedAs(b.doc, b.known[name], facts); p != nil {
			out = append(out, p)
			continue
		}
		s := queryKind(facts)
		if s == nil {
			b.rep.Notes = append(b.rep.Notes, fmt.Sprintf("release-routes: %s %s: query key %q has no type a query string sends; left out", r.Method, r.Path, name))
			continue
		}
		p := map[string]any{"name": name, "in": "query", "schema": s, "description": "Taken by the route's query validator (" + r.Query + ")."}
		if !facts.Optional {
			p["required"] = true
		}
		out = append(out, p)
	}
	return out
}

// queryKind types a query validator key that no operation documents: a list
// when it takes one (of its items' kind), else its first scalar kind.
func queryKind(k QueryKey) map[string]any {
	scalar := func(kinds []string) string {
		for _, c := range kinds {
			switch c {
			case "string", "number", "boolean":
				return c
			}
		}
		return ""
	}
	if k.takes("array") {
		it := scalar(k.Items)
		if it == "" {
			it = "string"
		}
		return map[string]any{"type": "array", "items": map[string]any{"type": it}}
	}
	if t := scalar(k.Kinds); t != "" {
		return map[string]any{"type": t}
	}
	return nil
}

func (b *routeBuilder) body(r *Route) map[string]any {
	if r.Body == "" {
		return nil
	}
	if src := b.byBody[r.Body]; src != nil {
		body, _ := deepCopy(src["requestBody"]).(map[string]any)
		return body
	}
	if b.vals == nil {
		return nil
	}
	shape := b.vals.Bodies[strings.ToUpper(r.Method)+" "+pathParam.ReplaceAllString(r.Path, "{}")]
	if shape == nil {
		return nil
	}
	return map[string]any{
		"required":    true,
		"description": "Taken by the route's body validator (" + r.Body + ").",
		"content": map[string]any{"application/json": map[string]any{
			"schema": bodySchema(shape, 0),
		}},
	}
}

// bodySchema is a validator shape as a schema: each key not refused a
// property, required unless optional, typed by its kind or its own shape (a
// list of them when the key takes a list); a key with neither takes any
// JSON value.
func bodySchema(s *Shape, depth int) map[string]any {
	props := map[string]any{}
	var req []any
	for _, name := range sortedKeys(anyMap(s.Keys)) {
		k := s.Keys[name]
		if k.Refused {
			continue
		}
		var p map[string]any
		switch {
		case k.Shape != nil && depth < 8:
			p = bodySchema(k.Shape, depth+1)
			if k.List {
				p = map[string]any{"type": "array", "items": p}
			}
		case k.Kind != nil:
			p = kindSchema(k.Kind)
			delete(p, "description")
		default:
			p = map[string]any{}
		}
		if k.Nullable {
			p["nullable"] = true
		}
		props[name] = p
		if !k.Optional {
			req = append(req, name)
		}
	}
	out := map[string]any{"type": "object", "properties": props}
	if len(req) > 0 {
		out["required"] = req
	}
	return out
}

// convert turns a JSON Schema of the facts into an OpenAPI 3.0 schema: a
// reference to a named type is the spec's component of that name when it
// has one, else the type is added as a component; "T | null" is T,
// nullable; a value of several types is any value.
func (b *routeBuilder) convert(v any, depth int) (map[string]any, error) {
	s, ok := v.(map[string]any)
	if !ok {
		if v == true || v == nil {
			return map[string]any{}, nil
		}
		return nil, fmt.Errorf("schema %v is not an object", v)
	}
	if depth > 64 {
		return nil, fmt.Errorf("schema nested deeper than 64 levels")
	}
	if ref, ok := s["$ref"].(string); ok {
		name, err := b.component(ref)
		if err != nil {
			return nil, err
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}, nil
	}
	out := map[string]any{}
	nullable := false
	switch t := s["type"].(type) {
	case string:
		out["type"] = t
	case []any:
		var kinds []string
		for _, x := range t {
			if x == "null" {
				nullable = true
			} else if xs, ok := x.(string); ok {
				kinds = append(kinds, xs)
			}
		}
		if len(kinds) == 1 {
			out["type"] = kinds[0]
		}
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		list, ok := s[k].([]any)
		if !ok {
			continue
		}
		var branches []any
		for _, br := range list {
			if bm, ok := br.(map[string]any); ok && bm["type"] == "null" {
				nullable = true
				continue
			}
			c, err := b.convert(br, depth+1)
			if err != nil {
				return nil, err
			}
			branches = append(branches, c)
		}
		if len(branches) == 1 {
			one := branches[0].(map[string]any)
			if _, isRef := one["$ref"]; isRef {
				return one, nil // a nullable record: the record (null decodes to its zero value)
			}
			for kk, vv := range one {
				out[kk] = vv
			}
		} else if len(branches) > 1 {
			out["oneOf"] = branches
		}
	}
	if c, ok := s["const"]; ok {
		if c == nil {
			nullable = true
		} else {
			out["enum"] = []any{c}
		}
	}
	if e, ok := s["enum"].([]any); ok {
		var vals []any
		for _, x := range e {
			if x == nil {
				nullable = true
			} else {
				vals = append(vals, x)
			}
		}
		out["enum"] = vals
	}
	for _, k := range []string{"format", "required"} {
		if x, ok := s[k]; ok {
			out[k] = deepCopy(x)
		}
	}
	if props, ok := s["properties"].(map[string]any); ok {
		pm := map[string]any{}
		for _, k := range sortedKeys(props) {
			c, err := b.convert(props[k], depth+1)
			if err != nil {
				return nil, err
			}
			pm[k] = c
		}
		out["properties"] = pm
		if out["type"] == nil {
			out["type"] = "object"
		}
	}
	switch it := s["items"].(type) {
	case map[string]any:
		c, err := b.convert(it, depth+1)
		if err != nil {
			return nil, err
		}
		out["items"] = c
	case []any: // a tuple: a list of any value
		out["items"] = map[string]any{}
	}
	if out["type"] == "array" && out["items"] == nil {
		out["items"] = map[string]any{}
	}
	switch ap := s["additionalProperties"].(type) {
	case map[string]any:
		c, err := b.convert(ap, depth+1)
		if err != nil {
			return nil, err
		}
		if len(c) == 0 {
			out["additionalProperties"] = true
		} else {
			out["additionalProperties"] = c
		}
	case bool:
		if ap && out["properties"] == nil {
			out["additionalProperties"] = true
		}
	}
	if nullable && len(out) > 0 {
		out["nullable"] = true
	}
	return out, nil
}

var defRef = regexp.MustCompile(`^#/definitions/(.+)$`)

// component is the component a facts reference names: the spec's own of
// that name, else the converted definition, added once.
func (b *routeBuilder) component(ref string) (string, error) {
	m := defRef.FindStringSubmatch(ref)
	if m == nil {
		return "", fmt.Errorf("reference %q is not to a definition", ref)
	}
	name := m[1]
	if got, ok := b.defs[name]; ok {
		return got, nil
	}
	schemas := component(b.doc, "schemas")
	goName := componentName(name)
	b.defs[name] = goName
	if _, ok := schemas[goName]; ok {
		return goName, nil
	}
	def, ok := b.raw.Schemas[name]
	if !ok {
		return "", fmt.Errorf("no definition %q in the route facts", name)
	}
	schemas[goName] = map[string]any{} // placeholder for cycles
	c, err := b.convert(def, 0)
	if err != nil {
		return "", err
	}
	c["x-schemaName"] = goName
	c["description"] = fmt.Sprintf("@medusajs/types %s (Medusa %s); not in Medusa's spec.", name, b.raw.Medusa)
	schemas[goName] = c
	b.rep.add("release-routes-types", 1)
	return goName, nil
}

// componentName keeps letters, digits and underscores.
func componentName(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' {
			return r
		}
		return -1
	}, s)
}

// medusaOperationID names an operation the way Medusa's spec does: the
// method in Pascal case, then every path segment after /store, /admin or
// /auth in Pascal case (words joined), a parameter by its name with the first
// letter upper case: GET /admin/api-keys/{id} → GetApiKeysId,
// POST /auth/user/{auth_provider} → PostActor_typeAuth_provider (the spec's
// /auth paths are written for its actor; their operationIds keep the route's
// {actor_type}).
func medusaOperationID(method, path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var b strings.Builder
	b.WriteString(upperFirst(strings.ToLower(method)))
	for i, s := range segs {
		if i == 0 && (s == "store" || s == "admin" || s == "auth") {
			continue
		}
		if strings.HasPrefix(s, "{") {
			b.WriteString(upperFirst(strings.Trim(s, "{}")))
			continue
		}
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' }) {
			b.WriteString(upperFirst(w))
		}
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
