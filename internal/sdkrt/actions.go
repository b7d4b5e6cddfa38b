package sdkrt

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// ActionDetails reads an order change action's details (the object its
// answer held) into v, the generated details type of the action want, when
// the action is want. The keys named in bigNumbers are Medusa BigNumbers: a
// numeric string there reads as the number it spells. Keys v has no field
// for are left in details; the map is not changed.
func ActionDetails(got, want string, details map[string]any, v any, bigNumbers ...string) error {
	if got != want {
		return fmt.Errorf("medusa: the order change action is %q, not %q", got, want)
	}
	m, copied := details, false
	for _, k := range bigNumbers {
		s, ok := details[k].(string)
		if !ok {
			continue
		}
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return fmt.Errorf("medusa: %s details: %s is %q, not a number", want, k, s)
		}
		if !copied {
			m, copied = make(map[string]any, len(details)), true
			for kk, vv := range details {
				m[kk] = vv
			}
		}
		m[k] = json.Number(s)
	}
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("medusa: %s details: %w", want, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("medusa: %s details: %w", want, err)
	}
	return nil
}
