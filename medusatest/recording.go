package medusatest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// formatVersion is the version of the recording format; a file of another
// version must be recorded again.
const formatVersion = 1

// recording is one test's recording file, testdata/medusatest/<test>.json:
// what the test's Server was, and every exchange in the order the requests
// were sent. Bodies that are JSON are kept as JSON (indented with the file,
// readable and diffable); other text as a string; anything else as base64
// (a request body over maxKeptBody as its SHA-256 only).
type recording struct {
	Format           int    `json:"medusatest_recording"`
	Test             string `json:"test"`
	MedusaVersion    string `json:"medusa_version"`
	URL              string `json:"url"`
	AdminEmail       string `json:"admin_email"`
	AdminToken       string `json:"admin_token"` // a stub JWT standing in for the admin's
	PublishableKeyID string `json:"publishable_key_id"`
	// Run is the suffix Server.Name used: replayed, the test names its
	// data as it did when recorded, so its requests are the same.
	Run       string     `json:"run"`
	Exchanges []exchange `json:"exchanges"`
}

// exchange is one request and its answer. A request is matched by its
// method, path, query and body; Call counts the identical requests before
// it plus one (omitted for the first), so repeated calls (a read before and
// after a write) replay in order.
type exchange struct {
	Method string              `json:"method"`
	Path   string              `json:"path"`
	Query  map[string][]string `json:"query,omitempty"`
	Call   int                 `json:"call,omitempty"`
	// Request is the body as matched: canonical JSON (keys sorted, secrets
	// replaced), text, or the SHA-256 of anything else.
	Request *payload `json:"request,omitempty"`

	Status   int                 `json:"status"`
	Header   map[string][]string `json:"header,omitempty"`
	Response *payload            `json:"response,omitempty"`
	// Error is a transport error the request met instead of an answer.
	Error string `json:"error,omitempty"`
}

// payload is a body in the most readable form it fits.
type payload struct {
	JSON   json.RawMessage `json:"json,omitempty"`
	Text   *string         `json:"text,omitempty"`
	Base64 string          `json:"base64,omitempty"`
	SHA256 string          `json:"sha256,omitempty"`
}

// recordingPath is where t's recording lives: testdata/medusatest/ and the
// test's name, one directory per subtest level, with the characters a file
// name should not hold replaced.
func recordingPath(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		p = unsafeChars.ReplaceAllString(p, "_")
		if p == "" || p == "." || p == ".." {
			p = "_" + p
		}
		parts[i] = p
	}
	parts[len(parts)-1] += ".json"
	return filepath.Join(append([]string{"testdata", "medusatest"}, parts...)...)
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]`)

func loadRecording(path string) (*recording, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rec recording
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("medusatest: %s is not a recording: %w", path, err)
	}
	if rec.Format != formatVersion {
		return nil, fmt.Errorf("medusatest: %s has recording format %d, this kit reads %d: record it again", path, rec.Format, formatVersion)
	}
	return &rec, nil
}

// save writes the recording atomically (a reader never sees half a file).
func (rec *recording) save(path string) error {
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return fmt.Errorf("medusatest: encoding the recording: %w", err)
	}
	data = append(data, '\n')
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".recording-*")
	if err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("medusatest: writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("medusatest: writing %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("medusatest: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("medusatest: writing %s: %w", path, err)
	}
	return nil
}
