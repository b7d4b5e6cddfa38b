package main

import (
	"encoding/json"
	"testing"
)

func TestReadBodyKinds(t *testing.T) {
	var doc map[string]any
	spec := `{"paths": {
	  "/up": {"post": {"requestBody": {"content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Up"}}}},
	                   "responses": {"200": {"description": "ok"}}}},
	  "/bad": {"post": {"requestBody": {"content": {"multipart/form-data": {"schema": {"properties": {"n": {"type": "integer"}}}}}}}},
	  "/sse": {"get": {"responses": {"200": {"$ref": "#/components/responses/Stream"}}}}},
	 "components": {
	  "schemas": {"Up": {"required": ["files"], "properties": {
	    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
	    "file": {"type": "string", "format": "binary"},
	    "note": {"type": "string"}}}},
	  "responses": {"Stream": {"content": {"text/event-stream": {"schema": {"type": "string"}}}}}}}`
	if err := json.Unmarshal([]byte(spec), &doc); err != nil {
		t.Fatal(err)
	}
	up := &operation{}
	if err := readBodyKinds(doc, "/up", "post", up); err != nil {
		t.Fatal(err)
	}
	want := []formField{{Name: "file", GoName: "File", Kind: "file"}, {Name: "files", GoName: "Files", Kind: "files", Required: true}, {Name: "note", GoName: "Note", Kind: "string"}}
	if !up.Multipart || up.Stream || len(up.Form) != len(want) {
		t.Fatalf("got %+v", up)
	}
	for i, f := range want {
		if up.Form[i] != f {
			t.Errorf("field %d: got %+v, want %+v", i, up.Form[i], f)
		}
	}
	if err := readBodyKinds(doc, "/bad", "post", &operation{}); err == nil {
		t.Error("an integer form field must stop generation")
	}
	sse := &operation{}
	if err := readBodyKinds(doc, "/sse", "get", sse); err != nil || !sse.Stream || sse.Multipart {
		t.Errorf("stream: %+v %v", sse, err)
	}
}
