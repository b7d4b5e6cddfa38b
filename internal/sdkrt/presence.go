package sdkrt

import (
	"bytes"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// Field says how one key of a decoded answer came: not at all, as JSON null,
// or with a value. A record the SDK's methods return keeps one per field in
// its JSON field (gen/*/presence.gen.go), so a user can tell a key the server
// left out, or sent as null, from a zero value. The zero Field is "did not
// come" (and is what a record has that no answer filled).
type Field struct{ state uint8 }

const (
	fieldAbsent uint8 = iota
	fieldNull
	fieldValue
)

// Came reports whether the answer had the key, null or not.
func (f Field) Came() bool { return f.state != fieldAbsent }

// Null reports whether the key came as JSON null.
func (f Field) Null() bool { return f.state == fieldNull }

// Valid reports whether the key came with a value other than null.
func (f Field) Valid() bool { return f.state == fieldValue }

// String is "absent", "null" or "value".
func (f Field) String() string {
	switch f.state {
	case fieldNull:
		return "null"
	case fieldValue:
		return "value"
	}
	return "absent"
}

// DecodeFill is Decode, then fill(body) once the answer decoded, before the
// body's buffer is reused (fill must not keep it): the generated methods
// fill their records' presence so.
func DecodeFill(resp *http.Response, err error, out any, fill func([]byte)) error {
	return decodeWith(Unmarshal, resp, err, out, fill)
}

// Keys calls fn with each key of the JSON object data and its raw value, in
// order. data is JSON the decoder accepted; anything that is not an object
// calls fn for nothing, and a malformed tail ends the walk.
func Keys(data []byte, fn func(key string, raw []byte)) {
	var s Scanner
	s.Reset(data)
	if !s.Object() {
		return
	}
	for s.NextKey() {
		start, end := s.i, skipValue(s.data, s.i)
		if end < 0 {
			return
		}
		s.i = end
		fn(string(s.Key()), s.data[start:end])
	}
}

// Omit rewrites the JSON object data: the keys in drop are left out, those
// in null are written as null. The generated MarshalJSON of a decoded
// record calls it so that encoding it back invents no value the answer did
// not have.
func Omit(data []byte, drop, null map[string]bool) []byte {
	if len(drop) == 0 && len(null) == 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	out = append(out, '{')
	first := true
	Keys(data, func(key string, raw []byte) {
		if drop[key] {
			return
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		out = strconv.AppendQuote(out, key)
		out = append(out, ':')
		if null[key] {
			out = append(out, "null"...)
		} else {
			out = append(out, raw...)
		}
	})
	return append(out, '}')
}

// IsZero reports whether v is its type's zero value.
func IsZero(v any) bool {
	rv := reflect.ValueOf(v)
	return !rv.IsValid() || rv.IsZero()
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index after the string starting at data[i] ('"'),
// or -1.
func skipString(data []byte, i int) int {
	for j := i + 1; j <= len(data); {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		// a quote after an odd number of backslashes is escaped
		n := 0
		for b := q - 1; b > i && data[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
	return -1
}

// skipValue returns the index after the JSON value starting at data[i], or
// -1.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end := skipString(data, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	default:
		// a number, true, false or null; an empty one is malformed (and
		// would stop a walk from moving on)
		j := i
		for j < len(data) {
			switch data[j] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				if j == i {
					return -1
				}
				return j
			}
			j++
		}
		return j
	}
}

// Mark adds key to *drop when f did not come and to *null when it came as
// null (the generated MarshalJSON calls it for fields holding their zero
// value).
func Mark(drop, null *map[string]bool, f Field, key string) {
	switch f.state {
	case fieldAbsent:
		if *drop == nil {
			*drop = map[string]bool{}
		}
		(*drop)[key] = true
	case fieldNull:
		if *null == nil {
			*null = map[string]bool{}
		}
		(*null)[key] = true
	}
}

// Scanner reads a JSON document once, front to back, for the generated
// presence methods: a record's method walks its object's keys (NextKey),
// notes each (Field), and hands a value that holds a record to that
// record's method, which goes on from there, so each byte is read once
// whatever the nesting. Every value NextKey or NextElem stops at must be
// consumed: by Skip, or by Object or Array and their walk. On malformed
// input the walk ends (there is nothing more to read), never panics.
type Scanner struct {
	data []byte
	i    int
	key  []byte
}

// Reset starts s over data.
func (s *Scanner) Reset(data []byte) { s.data, s.i, s.key = data, 0, nil }

func (s *Scanner) space() { s.i = skipSpace(s.data, s.i) }

func (s *Scanner) stop() { s.i = len(s.data) }

// Object enters the object at the current value and reports true; a value
// that is not an object is skipped and Object reports false.
func (s *Scanner) Object() bool {
	s.space()
	if s.i < len(s.data) && s.data[s.i] == '{' {
		s.i++
		return true
	}
	s.Skip()
	return false
}

// Array enters the array at the current value, or skips a value that is not
// one and reports false.
func (s *Scanner) Array() bool {
	s.space()
	if s.i < len(s.data) && s.data[s.i] == '[' {
		s.i++
		return true
	}
	s.Skip()
	return false
}

// NextKey moves to the next key of the object entered and stops at its
// value; false (past the closing brace) when there is none.
func (s *Scanner) NextKey() bool {
	s.space()
	if s.i >= len(s.data) {
		return false
	}
	switch s.data[s.i] {
	case '}':
		s.i++
		return false
	case ',':
		s.i++
		s.space()
	}
	if s.i >= len(s.data) || s.data[s.i] != '"' {
		s.stop()
		return false
	}
	end := skipString(s.data, s.i)
	if end < 0 {
		s.stop()
		return false
	}
	key := s.data[s.i+1 : end-1]
	if bytes.IndexByte(key, '\\') >= 0 || !utf8.Valid(key) {
		var name string
		if json.Unmarshal(s.data[s.i:end], &name) != nil {
			s.stop()
			return false
		}
		key = []byte(name)
	}
	s.i = skipSpace(s.data, end)
	if s.i >= len(s.data) || s.data[s.i] != ':' {
		s.stop()
		return false
	}
	s.i++
	s.space()
	s.key = key
	return true
}

// Key is the key NextKey stopped at (switch string(s.Key()) does not
// allocate).
func (s *Scanner) Key() []byte { return s.key }

// NextElem moves to the next element of the array entered; false (past the
// closing bracket) when there is none.
func (s *Scanner) NextElem() bool {
	s.space()
	if s.i >= len(s.data) {
		return false
	}
	switch s.data[s.i] {
	case ']':
		s.i++
		return false
	case ',':
		s.i++
		s.space()
	}
	if s.i >= len(s.data) {
		return false
	}
	return true
}

// Field is how the current value came: null or a value.
func (s *Scanner) Field() Field {
	if bytes.HasPrefix(s.data[min(s.i, len(s.data)):], []byte("null")) {
		return Field{fieldNull}
	}
	return Field{fieldValue}
}

// Skip consumes the current value.
func (s *Scanner) Skip() {
	end := skipValue(s.data, s.i)
	if end < 0 {
		s.stop()
		return
	}
	s.i = end
}
