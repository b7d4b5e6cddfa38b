//go:build integration

package gentest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/medusa-sdk/medusa-go/v2/internal/medusatest"
	"github.com/medusa-sdk/medusa-go/v2/internal/sdkrt"
)

// TestSweepListAndRetrieve calls every Store and Admin GET operation (the
// list and retrieve operations) on the real Medusa server, with data the test
// created, and decodes each 200 answer into the operation's generated type
// with unknown fields refused. A mismatch fails the test with the operation's
// name; operations that could not be called are listed in the log and in
// $SWEEP_REPORT (default /tmp/medusa-go-sweep.md) with the reason.
func TestSweepListAndRetrieve(t *testing.T) {
	srv := medusatest.Require(t)
	data := seed(t, srv)
	states := seedLifecycle(t, srv, data)

	adminTok := srv.AdminToken(t)
	ac := rawAdmin(t, srv, "Authorization", "Bearer "+adminTok)
	sc := rawStore(t, srv, "x-publishable-api-key", data.pubKey, "Authorization", "Bearer "+data.customer.Token)

	report := sweepReport{gaps: loadGaps(), presenceKnown: loadPresence()}
	for _, a := range apis() {
		client := any(ac)
		if a.name == "store" {
			client = sc
		}
		sw := &sweeper{t: t, api: a.name, client: reflect.ValueOf(client), bodies: map[string]any{}, data: data, report: &report}
		sw.run(a.ops)
		sw.lifecycle(states, a.ops)
	}
	report.write(t)
	// SWEEP_UPDATE_GAPS=1 adds this run's new gaps and keeps the known ones
	// (a run sees only what its data has: a draft order without shipping
	// methods sends none of their fields); =prune keeps only this run's.
	if mode := os.Getenv("SWEEP_UPDATE_GAPS"); mode != "" {
		keep := map[string]bool{}
		for p := range report.seen {
			keep[p] = true
		}
		if mode != "prune" {
			for p := range report.gaps {
				keep[p] = true
			}
		}
		if err := writeGaps(keep); err != nil {
			t.Errorf("writing %s: %v", gapsFile, err)
		}
	}
	report.updatePresence(t)
	var gone []string
	for p := range report.gaps {
		if !report.seen[p] {
			gone = append(gone, p)
		}
	}
	sort.Strings(gone)
	for _, p := range gone {
		t.Logf("known gap not seen this run (closed? check, then run with SWEEP_UPDATE_GAPS=prune): %s", p)
	}
}

type sweepReport struct {
	unknown   []string
	covered   []string
	uncovered []string
	mismatch  []string
	relations []string            // answers read again with fields=*relation
	refused   []string            // relation requests the server refused
	explained map[string][]string // allow-list explanation -> findings
	gaps      map[string]bool     // the known gaps (testdata/sweep-gaps.txt)
	seen      map[string]bool     // unexplained field paths of this run

	presence      []string        // missing required fields and nulls the type cannot hold, known
	presenceKnown map[string]bool // testdata/sweep-presence.txt
	presenceRun   map[string]int  // unexplained presence keys of this run, with occurrences
}

func (r *sweepReport) gapSeen(path string) {
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[path] = true
}

func (r *sweepReport) explain(why, finding string) {
	if r.explained == nil {
		r.explained = map[string][]string{}
	}
	r.explained[why] = append(r.explained[why], finding)
}

func (r *sweepReport) write(t *testing.T) {
	sort.Strings(r.uncovered)
	var b strings.Builder
	nExplained := 0
	for _, l := range r.explained {
		nExplained += len(l)
	}
	fmt.Fprintf(&b, "# Integration sweep: GET operations on the test server\n\ncovered and decoded strictly: %d\nread again with relations: %d\nmismatches: %d\nunexplained unknown fields: %d\nexplained findings: %d\nknown presence findings (missing required, null into non-nullable): %d occurrences, %d fields\nnot covered: %d\n\n",
		len(r.covered), len(r.relations), len(r.mismatch), len(r.unknown), nExplained, len(r.presence), len(r.presenceRun), len(r.uncovered))
	r.writePresence(&b)
	b.WriteString("## Mismatches\n\n")
	for _, m := range r.mismatch {
		fmt.Fprintf(&b, "- %s\n", m)
	}
	fmt.Fprintf(&b, "\n## Fields the server sends that the generated types lack (%d)\n\n", len(r.unknown))
	for _, u := range r.unknown {
		fmt.Fprintf(&b, "- %s\n", u)
	}
	fmt.Fprintf(&b, "\n## Findings the allow-list explains (%d)\n", nExplained)
	whys := make([]string, 0, len(r.explained))
	for w := range r.explained {
		whys = append(whys, w)
	}
	sort.Strings(whys)
	for _, w := range whys {
		fmt.Fprintf(&b, "\n### %s (%d)\n\n", w, len(r.explained[w]))
		for _, f := range r.explained[w] {
			fmt.Fprintf(&b, "- %s\n", f)
		}
	}
	b.WriteString("\n## Relation requests the server refused\n\n")
	for _, u := range r.refused {
		fmt.Fprintf(&b, "- %s\n", u)
	}
	b.WriteString("\n## Read again with relations\n\n")
	for _, u := range r.relations {
		fmt.Fprintf(&b, "- %s\n", u)
	}
	b.WriteString("\n## Not covered\n\n")
	for _, u := range r.uncovered {
		fmt.Fprintf(&b, "- %s\n", u)
	}
	b.WriteString("\n## Covered\n\n")
	for _, c := range r.covered {
		fmt.Fprintf(&b, "- %s\n", c)
	}
	path := os.Getenv("SWEEP_REPORT")
	if path == "" {
		path = os.TempDir() + "/medusa-go-sweep.md"
	}
	_ = os.WriteFile(path, []byte(b.String()), 0o644)
	t.Logf("sweep: %d covered, %d read again with relations (%d refused), %d type mismatches, %d unexplained unknown fields, %d explained findings, %d known presence findings on %d fields (%s), %d not covered (report: %s)",
		len(r.covered), len(r.relations), len(r.refused), len(r.mismatch), len(r.unknown), nExplained, len(r.presence), len(r.presenceRun), r.presenceClasses(), len(r.uncovered), path)
	t.Logf("sweep: order change action details read through their typed accessors: %s", detailsRead.summary())
	t.Logf("sweep: presence metadata (as the SDK's methods fill it) agrees with the JSON on %d answers, %d fields compared", presenceChecked.answers.Load(), presenceChecked.fields.Load())
	for _, u := range r.uncovered {
		t.Logf("not covered: %s", u)
	}
}

type sweeper struct {
	t      *testing.T
	api    string
	client reflect.Value
	bodies map[string]any // concrete path -> decoded 200 body
	data   *seeded
	report *sweepReport
	state  string // the lifecycle state read (lifecycleSweep), or ""
}

var paramRE = regexp.MustCompile(`\{[^}]+\}`)

// fixedParams are path parameters that name a kind rather than a record.
var fixedParams = map[string]string{
	"entity":    "product",
	"rule_type": "rules",
	"zone":      "orders",
}

func (s *sweeper) run(ops []operation) {
	var gets []operation
	for _, op := range ops {
		if op.Method == "GET" {
			gets = append(gets, op)
		}
	}
	// Lists before retrieves, shallow before deep, so IDs are known in time.
	sort.SliceStable(gets, func(i, j int) bool {
		ni, nj := strings.Count(gets[i].Path, "{"), strings.Count(gets[j].Path, "{")
		if ni != nj {
			return ni < nj
		}
		return gets[i].Path < gets[j].Path
	})
	for _, op := range gets {
		s.one(op)
	}
}

func (s *sweeper) one(op operation) {
	name := s.api + " " + op.ID + " (GET " + op.Path + ")"
	if s.state != "" {
		name += " [" + s.state + "]"
	}
	if strings.HasSuffix(op.Path, "/subscribe") {
		s.report.uncovered = append(s.report.uncovered, name+": server-sent event stream, not a JSON answer")
		return
	}
	values, concrete, why := s.pathValues(op.Path)
	if why != "" {
		s.report.uncovered = append(s.report.uncovered, name+": "+why)
		return
	}
	m := s.client.MethodByName(op.ID + "WithResponse")
	if !m.IsValid() {
		s.t.Errorf("%s: no generated method", name)
		return
	}
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	vi := 0
	for i := 1; i < mt.NumIn()-1; i++ {
		at := mt.In(i)
		if at.Kind() == reflect.String {
			args = append(args, reflect.ValueOf(values[vi]).Convert(at))
			vi++
			continue
		}
		args = append(args, s.params(op.ID, at))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	args[0] = reflect.ValueOf(ctx)
	out := m.Call(args)
	if out[0].IsNil() {
		err, _ := out[1].Interface().(error)
		var typeErr *json.UnmarshalTypeError
		var syntaxErr *json.SyntaxError
		if errors.As(err, &typeErr) || errors.As(err, &syntaxErr) {
			msg := fmt.Sprintf("%s: the generated client cannot decode the answer: %v", name, err)
			s.t.Error(msg)
			s.report.mismatch = append(s.report.mismatch, msg)
			return
		}
		s.report.uncovered = append(s.report.uncovered, fmt.Sprintf("%s: request failed: %v", name, err))
		return
	}
	resp := out[0].Elem()
	status := resp.FieldByName("HTTPResponse").Interface().(*http.Response).StatusCode
	body := resp.FieldByName("Body").Bytes()
	if status != http.StatusOK {
		s.report.uncovered = append(s.report.uncovered, fmt.Sprintf("%s: server answered %d: %.200s", name, status, oneLine(body)))
		return
	}
	var generic any
	_ = json.Unmarshal(body, &generic)
	s.bodies[concrete] = generic
	f := resp.FieldByName("JSON200")
	if !f.IsValid() {
		s.report.uncovered = append(s.report.uncovered, name+": spec declares no JSON 200 answer")
		return
	}
	if s.judge(name, body, f.Type().Elem()) {
		s.report.covered = append(s.report.covered, name+" path "+concrete)
	} else {
		s.report.covered = append(s.report.covered, name+" path "+concrete+" (with findings)")
	}
	s.relations(name, m, args, f.Type().Elem())
}

// judge decodes one 200 answer strictly into typ. A type mismatch fails the
// test; a field the type lacks is counted under its explanation when the
// allow-list explains it (explained.go), else listed, and fails the test
// when SWEEP_STRICT is set. It reports whether the answer had no findings.
func (s *sweeper) judge(name string, body []byte, typ reflect.Type) bool {
	problems := strictDecode(body, typ)
	var answer any
	if json.Unmarshal(body, &answer) == nil {
		problems = append(problems, detailsProblems(answer, typ)...)
	}
	if wrong, _ := presenceAgreement(body, typ); len(wrong) > 0 {
		for _, w := range wrong {
			problems = append(problems, "type mismatch: "+w)
		}
	}
	// The SDK decodes with a faster decoder than encoding/json: it must read
	// every real answer exactly as encoding/json does.
	if err := sdkrt.SameAsStd(body, typ); err != nil {
		s.t.Errorf("%s: the SDK's decoder differs from encoding/json: %v", name, err)
	}
	clean := true
	for _, p := range problems {
		msg := fmt.Sprintf("%s into %s: %s", name, typ.Name(), p)
		if field, ok := strings.CutPrefix(p, "unknown field "); ok {
			if why := explained(field); why != "" {
				s.report.explain(why, msg)
				continue
			}
			clean = false
			s.report.gapSeen(field)
			if os.Getenv("SWEEP_STRICT") == "" || s.report.gaps[field] {
				s.report.unknown = append(s.report.unknown, msg)
				continue
			}
		}
		clean = false
		s.t.Error(msg)
		s.report.mismatch = append(s.report.mismatch, msg)
	}
	for _, f := range presenceFindings(body, typ) {
		msg := fmt.Sprintf("%s into %s: %s", name, typ.Name(), f)
		if why := explainedPresence(f); why != "" {
			s.report.explain(why, msg)
			continue
		}
		clean = false
		s.report.presenceSeen(f.key)
		if os.Getenv("SWEEP_STRICT") == "" || s.report.presenceKnown[f.key] {
			s.report.presence = append(s.report.presence, msg)
			continue
		}
		s.t.Error(msg + " (not in " + presenceFile + ")")
		s.report.mismatch = append(s.report.mismatch, msg)
	}
	return clean
}

// strictDecode decodes body into a new value of typ and lists every type
// mismatch and every field the server sent that typ has no room for (found
// by comparing the body with the value encoded again).
func strictDecode(body []byte, typ reflect.Type) []string {
	var problems []string
	target := reflect.New(typ)
	if err := json.Unmarshal(body, target.Interface()); err != nil {
		problems = append(problems, "type mismatch: "+err.Error())
	}
	again, err := json.Marshal(target.Interface())
	if err != nil {
		return append(problems, "re-encoding: "+err.Error())
	}
	var orig, back any
	_ = json.Unmarshal(body, &orig)
	_ = json.Unmarshal(again, &back)
	seen := map[string]bool{}
	diffFields("", orig, back, func(path string) {
		if !seen[path] {
			seen[path] = true
			problems = append(problems, "unknown field "+path)
		}
	})
	sort.Strings(problems)
	return problems
}

// diffFields reports object keys with a non-null value in a that b lacks.
// Array elements are compared pairwise; paths use [] for any index.
func diffFields(path string, a, b any, report func(string)) {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return
		}
		for k, x := range av {
			if x == nil {
				continue
			}
			y, has := bv[k]
			if !has {
				report(path + "." + k)
				continue
			}
			diffFields(path+"."+k, x, y, report)
		}
	case []any:
		bv, ok := b.([]any)
		if !ok {
			return
		}
		for i := range av {
			if i < len(bv) {
				diffFields(path+"[]", av[i], bv[i], report)
			}
		}
	}
}

// params sets the query parameters some operations require (the spec does
// not always say so); other operations get nil params, the server's defaults.
func (s *sweeper) params(opID string, typ reflect.Type) reflect.Value {
	set := map[string]map[string][]string{
		"store GetPaymentProviders":     {"region_id": {s.data.ids["region"]}},
		"store GetShippingOptions":      {"cart_id": {s.data.ids["cart"]}},
		"admin GetTranslationsEntities": {"type": {"product"}},
		// The spec makes it optional; the loyalty plugin's validator requires it.
		"store GetStoreCreditAccounts":    {"currency_code": {"usd"}},
		"admin GetTranslationsStatistics": {"locales": {"fr-FR"}, "entity_types": {"product"}},
	}
	vals, ok := set[s.api+" "+opID]
	if !ok || typ.Kind() != reflect.Pointer || typ.Elem().Kind() != reflect.Struct {
		return reflect.Zero(typ)
	}
	p := reflect.New(typ.Elem())
	for i := 0; i < typ.Elem().NumField(); i++ {
		tag, _, _ := strings.Cut(typ.Elem().Field(i).Tag.Get("json"), ",")
		val, ok := vals[tag]
		if !ok {
			continue
		}
		fv := p.Elem().Field(i)
		ft := fv.Type()
		if ft.Kind() == reflect.Pointer {
			fv.Set(reflect.New(ft.Elem()))
			fv, ft = fv.Elem(), ft.Elem()
		}
		switch {
		case ft.Kind() == reflect.String:
			fv.SetString(val[0])
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.String:
			l := reflect.MakeSlice(ft, len(val), len(val))
			for j, v := range val {
				l.Index(j).SetString(v)
			}
			fv.Set(l)
		}
	}
	return p
}

func oneLine(b []byte) string { return strings.Join(strings.Fields(string(b)), " ") }

// pathValues picks a value for each path parameter: the first record's id in
// the answer of the list operation at the path prefix before the parameter.
func (s *sweeper) pathValues(tmpl string) (values []string, concrete, why string) {
	concrete = tmpl
	for {
		loc := paramRE.FindStringIndex(concrete)
		if loc == nil {
			return values, concrete, ""
		}
		param := concrete[loc[0]+1 : loc[1]-1]
		prefix := strings.TrimSuffix(concrete[:loc[0]], "/")
		val := fixedParams[param]
		if val == "" {
			val = s.idFrom(prefix, param)
		}
		if val == "" {
			return nil, "", fmt.Sprintf("no %s known: the list at %s was not called or is empty", param, prefix)
		}
		values = append(values, val)
		concrete = concrete[:loc[0]] + url.PathEscape(val) + concrete[loc[1]:]
	}
}

func (s *sweeper) idFrom(prefix, param string) string {
	switch param {
	case "workflow_id", "transaction_id":
		return s.fieldFromList("/admin/workflows-executions", "workflow_executions", param)
	case "idOrCode":
		// GET /store/gift-cards/{idOrCode} looks the card up by its code.
		if code := s.data.ids["gift_card_code"]; code != "" {
			return code
		}
	case "rule_attribute_id":
		return s.fieldFromList("/admin/promotions/rule-attribute-options/rules", "attributes", "id")
	}
	// Prefer what seeding created: its records have the sub-records
	// (addresses, variants, ...) the deeper operations read.
	seg := prefix[strings.LastIndexByte(prefix, '/')+1:]
	if id := s.data.ids[strings.TrimSuffix(strings.ReplaceAll(seg, "-", "_"), "s")]; id != "" {
		return id
	}
	body, ok := s.bodies[prefix]
	if !ok {
		// Records without a list at their prefix: what seeding created
		// (…/fulfillment-sets -> "fulfillment_set"), or a field of another list.
		return ""
	}
	key := "id"
	if param == "code" || param == "idOrCode" {
		key = "code"
	}
	m, _ := body.(map[string]any)
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		for _, item := range asList(m[k]) {
			if v := str(item, key); v != "" {
				return v
			}
			if v := str(item, "id"); v != "" {
				return v
			}
		}
	}
	return ""
}

func (s *sweeper) fieldFromList(path, listKey, field string) string {
	body, ok := s.bodies[path]
	if !ok {
		return ""
	}
	for _, item := range asList(str2obj(body, "")[listKey]) {
		if v := str(item, field); v != "" {
			return v
		}
	}
	return ""
}
