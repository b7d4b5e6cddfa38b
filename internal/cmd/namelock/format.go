package namelock

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// UnmarshalJSON reads an entry of either lock format: aliases as an object
// (alias → the generated type it stands for, the current format) or as a
// list of alias names (the first format, before the lock recorded what each
// alias stands for), so that the API gate can compare with a release whose
// lock is older than the code. Unknown fields are refused as in Parse.
func (e *Entry) UnmarshalJSON(b []byte) error {
	type plain Entry // without this method
	var raw struct {
		plain
		Aliases json.RawMessage `json:"aliases,omitempty"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	*e = Entry(raw.plain)
	e.Aliases = nil
	a := bytes.TrimSpace(raw.Aliases)
	switch {
	case len(a) == 0 || bytes.Equal(a, []byte("null")):
	case a[0] == '{':
		if err := json.Unmarshal(a, &e.Aliases); err != nil {
			return fmt.Errorf("aliases: %w", err)
		}
	case a[0] == '[':
		var names []string
		if err := json.Unmarshal(a, &names); err != nil {
			return fmt.Errorf("aliases: %w", err)
		}
		e.Aliases = make(map[string]string, len(names))
		for _, n := range names {
			e.Aliases[n] = "" // the first format did not record the type
		}
	default:
		return fmt.Errorf("aliases: want an object (alias: type) or a list of names, got %.20s", a)
	}
	return nil
}
