package medusatest

import (
	"errors"
	"flag"
	"io/fs"
	"net/http"
	"os"
	"strconv"
	"testing"
)

var recordFlag = flag.Bool("medusatest.record", false, "record the exchanges of medusatest.Replay tests again, against the server Start gives")

// Recording reports whether Replay tests record (-medusatest.record, or
// MEDUSATEST_RECORD=1 for every package of a `go test ./...`) rather than
// replay.
func Recording() bool {
	if *recordFlag {
		return true
	}
	on, _ := strconv.ParseBool(os.Getenv(EnvRecord))
	return on
}

// Replay returns a Server that answers t's requests from t's recording,
// testdata/medusatest/<test name>.json (a directory per subtest level),
// with no Medusa, Node.js or PostgreSQL: the test, its seeds and the
// service it tests (give it Server.URL and Server.HTTPClient) replay what
// they sent when it was recorded. A request with no recorded answer fails
// with an error wrapping ErrNotRecorded that names its method and path
// and the nearest recorded requests, and fails the test.
//
// With -medusatest.record (or MEDUSATEST_RECORD=1) Replay is Start's server
// instead, and when the test passes its exchanges are written there, with
// every credential replaced by a stand-in (a replayed login gives the client
// a stub JWT that expires in 2100). Requests are matched by method, path,
// query and body, and identical requests in the order they were sent.
// Commit the file: it is the test's fixture. A package whose tests only
// replay needs no TestMain (Main starts a server).
func Replay(t testing.TB) *Server {
	t.Helper()
	path := recordingPath(t.Name())
	if Recording() {
		return record(t, path)
	}
	rec, err := loadRecording(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("medusatest: %s has no recording at %s: record it once with `go test -run '^%s$' -medusatest.record` (or %s=1), which needs a server (see Start)", t.Name(), path, t.Name(), EnvRecord)
	}
	if err != nil {
		t.Fatalf("%v", err)
	}
	tp := newReplayTape(t, path, rec)
	t.Cleanup(tp.finishReplay)
	s, err := newServer(t, nil, tp, rec.Run)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return s
}

// record gives t Start's server, its exchanges recorded into path when t
// passes.
func record(t testing.TB, path string) *Server {
	p, err := shared.get(t.Logf)
	if err != nil {
		t.Fatalf("%v", err)
	}
	run := randomSecret()[:8]
	rec := &recording{
		Format: formatVersion, Test: t.Name(), MedusaVersion: p.b.version, URL: p.b.url,
		AdminEmail: p.b.adminEmail, AdminToken: stubJWT(p.token), PublishableKeyID: p.pkID, Run: run,
	}
	tp := newRecordTape(t, path, rec, http.DefaultTransport)
	tp.pre = []knownSecret{{p.token, rec.AdminToken}, {p.b.adminPass, replayedPassword}, {p.pk, replayedKey}}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("medusatest: %s failed, so %s was not written", t.Name(), path)
			return
		}
		out := tp.build()
		if err := out.save(path); err != nil {
			t.Errorf("%v", err)
			return
		}
		t.Logf("medusatest: recorded %d exchanges into %s", len(out.Exchanges), path)
	})
	s, err := newServer(t, p, tp, run)
	if err != nil {
		t.Fatalf("%v", err)
	}
	return s
}

// The stand-ins of a replayed Server's admin password and publishable key.
const (
	replayedPassword = "medusatest-admin-password"
	replayedKey      = "pk_medusatest_replayed"
)

// Replaying reports whether s answers from a recording (Replay, not
// recording): no server runs, and only what was recorded can be asked.
func (s *Server) Replaying() bool { return s.tape != nil && s.tape.replay }
