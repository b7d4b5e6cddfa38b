package main

import (
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
