package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const presenceGen = `package admin

type ThingResponse struct {
	Thing Thing ` + "`json:\"thing\"`" + `
}

type Thing struct {
	Id       string        ` + "`json:\"id\"`" + `
	Parts    []Part        ` + "`json:\"parts\"`" + `
	Owner    *Owner        ` + "`json:\"owner,omitempty\"`" + `
	Extra    Extra         ` + "`json:\"extra\"`" + `
	Ignored  string        ` + "`json:\"-\"`" + `
}

type Part struct{ Sku string ` + "`json:\"sku\"`" + ` }
type Owner struct{ Name string ` + "`json:\"name\"`" + ` }

// Extra has additional properties: JSON methods of its own.
type Extra struct{ AdditionalProperties map[string]any ` + "`json:\"-\"`" + ` }

func (a *Extra) UnmarshalJSON(b []byte) error { return nil }

type Unused struct{ X string }
`

const presenceSDK = `package admin

func (a *API) GetThing() (*ThingResponse, error) {
	out := new(ThingResponse)
	return out, decodeAnswer(nil, nil, out)
}
`

func TestPresence(t *testing.T) {
	recs, err := planPresence([]byte(presenceGen), []byte(presenceSDK))
	require.NoError(t, err)
	var names []string
	for _, r := range recs {
		names = append(names, r.name)
	}
	assert.Equal(t, []string{"Owner", "Part", "Thing", "ThingResponse"}, names, "what the answer reaches; not Extra (its own JSON methods) nor Unused")
	thing := recs[2]
	var keys []string
	for _, f := range thing.fields {
		keys = append(keys, f.key+":"+f.form)
	}
	assert.Equal(t, []string{"id:", "parts:list", "owner:ptr", "extra:"}, keys, `json:"-" is no key; Extra is not filled`)

	gen, err := addPresenceFields([]byte(presenceGen), recs)
	require.NoError(t, err)
	assert.Contains(t, string(gen), "\tJSON ThingPresence `json:\"-\"`\n}")
	assert.NotContains(t, string(gen), "ExtraPresence")

	out, err := renderPresence("admin", recs)
	require.NoError(t, err)
	src := string(out)
	for _, want := range []string{
		"type Field = sdkrt.Field",
		"func decodeAnswer(resp *http.Response, err error, out any) error {",
		"type ThingPresence struct {\n\tId    Field\n\tParts Field\n\tOwner Field\n\tExtra Field\n\n\tdecoded bool\n}",
		"case \"parts\":\n\t\t\tt.JSON.Parts = s.Field()\n\t\t\tif s.Array() {\n\t\t\t\tfor i := 0; s.NextElem(); i++ {\n\t\t\t\t\tif i < len(t.Parts) {\n\t\t\t\t\t\tt.Parts[i].presence(s)",
		"if t.Owner != nil {\n\t\t\t\tt.Owner.presence(s)\n\t\t\t} else {\n\t\t\t\ts.Skip()\n\t\t\t}",
		"case \"extra\":\n\t\t\tt.JSON.Extra = s.Field()\n\t\t\ts.Skip()",
		"default:\n\t\t\ts.Skip()",
		"func (t Thing) MarshalJSON() ([]byte, error) {",
		"sdkrt.Mark(&drop, &null, t.JSON.Owner, \"owner\")",
	} {
		assert.True(t, strings.Contains(src, want), "presence.gen.go has %q", want)
	}
}

// A record with JSON methods of its own (additional properties) gets no
// presence, but the walk goes through it to the records it holds: an entity
// of GET /admin/translations/entities holds its translations, whose
// presence stayed "did not come" before (the strict sweep's presence check).
func TestPresenceWalksThroughOwnJSONRecords(t *testing.T) {
	gen := `package admin

type BagResponse struct {
	Bags []Bag ` + "`json:\"bags\"`" + `
}

type Bag struct {
	Id                   string         ` + "`json:\"id\"`" + `
	Items                []Item         ` + "`json:\"items\"`" + `
	AdditionalProperties map[string]any ` + "`json:\"-\"`" + `
}

func (a *Bag) UnmarshalJSON(b []byte) error { return nil }

type Empty struct {
	AdditionalProperties map[string]any ` + "`json:\"-\"`" + `
}

func (a *Empty) UnmarshalJSON(b []byte) error { return nil }

type Item struct {
	Sku   string ` + "`json:\"sku\"`" + `
	Extra Empty  ` + "`json:\"extra\"`" + `
}
`
	sdk := "package admin\n\nfunc f() { out := new(BagResponse); _ = out }\n"
	recs, err := planPresence([]byte(gen), []byte(sdk))
	require.NoError(t, err)
	var names []string
	for _, r := range recs {
		names = append(names, fmt.Sprintf("%s pass=%v %d", r.name, r.pass, len(r.fields)))
	}
	assert.Equal(t, []string{"Bag pass=true 1", "BagResponse pass=false 1", "Item pass=false 2"}, names,
		"Bag is walked through (its items only); Empty leads nowhere and is dropped")
	out, err := renderPresence("admin", recs)
	require.NoError(t, err)
	src := string(out)
	assert.NotContains(t, src, "BagPresence")
	assert.NotContains(t, src, "func (t Bag) MarshalJSON")
	assert.Contains(t, src, "func (t *Bag) presence(s *sdkrt.Scanner) {\n\tif !s.Object() {\n\t\treturn\n\t}\n\tfor s.NextKey() {\n\t\tswitch string(s.Key()) {\n\t\tcase \"items\":\n\t\t\tif s.Array() {")
	assert.Contains(t, src, "case \"extra\":\n\t\t\tt.JSON.Extra = s.Field()\n\t\t\ts.Skip()", "Item's field holding Empty is not walked into")
	withFields, err := addPresenceFields([]byte(gen), recs)
	require.NoError(t, err)
	assert.NotContains(t, string(withFields), "JSON BagPresence")
}

// A union's variants get presence when an answer reaches the union: its As
// methods fill them (fillBranch) from the union's bytes.
func TestPresenceReachesUnionVariants(t *testing.T) {
	gen := `package store

type DoneResult struct {
	union []byte
}

func (t DoneResult) AsDoneOrder() (DoneOrder, error) { return DoneOrder{}, nil }
func (t DoneResult) AsDoneCart() (DoneCart, error)   { return DoneCart{}, nil }
func (t *DoneResult) UnmarshalJSON(b []byte) error   { return nil }

type DoneOrder struct {
	Order Order ` + "`json:\"order\"`" + `
}

type DoneCart struct {
	Type string ` + "`json:\"type\"`" + `
}

type Order struct {
	Id string ` + "`json:\"id\"`" + `
}
`
	sdk := "package store\n\nfunc f() { out := new(DoneResult); _ = out }\n"
	recs, err := planPresence([]byte(gen), []byte(sdk))
	require.NoError(t, err)
	var names []string
	for _, r := range recs {
		names = append(names, r.name)
	}
	assert.Equal(t, []string{"DoneCart", "DoneOrder", "Order"}, names, "the variants and what they hold; not the union itself")
	out, err := renderPresence("store", recs)
	require.NoError(t, err)
	assert.Contains(t, string(out), "func fillBranch(v any, data []byte) {")
}
