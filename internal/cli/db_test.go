package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/vuln"
)

// The clock of the update (SEAM_NOW) and a later one for status: 2 days 3 hours after.
const (
	dbUpdateNow = "2026-12-01T12:00:00Z"
	dbStatusNow = "2026-12-03T15:00:00Z"
)

// osvServer serves testdata/db as osv.dev serves its exports, over TLS on 127.0.0.1:
// /osv/ecosystems.txt, /osv/<Ecosystem>/all.zip (zipped in memory from testdata/db/<Ecosystem>/*.json),
// /feeds/kev.json and /feeds/epss.csv. Anything else is a 404. The server's client becomes dbHTTPClient.
func osvServer(t *testing.T) *httptest.Server {
	t.Helper()
	files := map[string][]byte{"/osv/ecosystems.txt": []byte("Go\nPyPI\nnpm\n")}
	for _, eco := range []string{"Go", "PyPI", "npm"} {
		files["/osv/"+eco+"/all.zip"] = zipDir(t, filepath.Join("testdata", "db", eco))
	}
	for name, path := range map[string]string{"/feeds/kev.json": "kev.json", "/feeds/epss.csv": "epss.csv"} {
		data, err := os.ReadFile(filepath.Join("testdata", "db", path))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	dbHTTPClient = srv.Client()
	t.Cleanup(func() { dbHTTPClient = nil })
	return srv
}

// zipDir zips the advisories of dir under their base names, with a fixed time so the bytes are stable.
func zipDir(t *testing.T, dir string) []byte {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no advisories in %s: %v", dir, err)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: filepath.Base(n), Method: zip.Deflate,
			Modified: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// runDB calls the CLI with an environment.
func runDB(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return out.String(), errb.String(), code
}

// updateArgs are the flags pointing seam db update at the test server.
func updateArgs(srv *httptest.Server, extra ...string) []string {
	return append([]string{"db", "update", "--url", srv.URL + "/osv",
		"--kev-url", srv.URL + "/feeds/kev.json", "--epss-url", srv.URL + "/feeds/epss.csv"}, extra...)
}

// tree lists every file under dir (relative, slash-separated) with its SHA-256 and modification time.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sum := sha256.Sum256(data)
		out[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:]) + " " + fi.ModTime().String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestDBUpdateThenStatus updates the default database (SEAM_CACHE_DIR) from the test server, checks the
// layout, that vuln.Open at the final path uses the index built before the swap, and what status reports.
func TestDBUpdateThenStatus(t *testing.T) {
	srv := osvServer(t)
	cache := t.TempDir()
	env := map[string]string{"SEAM_CACHE_DIR": cache, "SEAM_NOW": dbUpdateNow}
	out, errOut, code := runDB(t, env, updateArgs(srv)...)
	if code != ExitOK || out != "" {
		t.Fatalf("update: exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
	dir := filepath.Join(cache, "vulndb")
	// One line per file with its size, in the sorted order update fetches, then a summary.
	want := `seam: fetched Go/all.zip \(\d+ B\)
seam: fetched PyPI/all.zip \(\d+ B\)
seam: fetched npm/all.zip \(\d+ B\)
seam: fetched kev.json \(\d+ B\)
seam: fetched epss.csv.gz \(\d+ B\)
seam: database at ` + regexp.QuoteMeta(dir) + `: 5 files, 4 advisories \(3 vulnerabilities\) in 3 ecosystems
`
	if !regexp.MustCompile("^" + want + "$").MatchString(errOut) {
		t.Errorf("progress:\n%s\nwant to match:\n%s", errOut, want)
	}
	layout := []string{".seam-index", "Go/all.zip", "PyPI/all.zip", "epss.csv.gz", "kev.json", "manifest.json", "npm/all.zip"}
	if diff := cmp.Diff(layout, keys(tree(t, dir))); diff != "" {
		t.Errorf("layout (-want +got):\n%s", diff)
	}
	checkNoLeftovers(t, cache)
	checkIndexReused(t, dir)

	env["SEAM_NOW"] = dbStatusNow
	out, errOut, code = runDB(t, env, "db", "status", "--format", "json")
	if code != ExitOK {
		t.Fatalf("status: exit %d, stderr:\n%s", code, errOut)
	}
	var st dbStatus
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status JSON: %v\n%s", err, out)
	}
	if st.Dir != dir || !st.Present || st.Integrity != "ok" || st.AgeHours == nil || *st.AgeHours != 51 || len(st.Files) != 5 {
		t.Errorf("status: %+v", st)
	}
	wantIndex := &dbIndexStatus{BuiltAt: time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC), Advisories: 4, Vulnerabilities: 3,
		Ecosystems: []vuln.EcosystemCount{{Ecosystem: "Go", Advisories: 1}, {Ecosystem: "PyPI", Advisories: 2}, {Ecosystem: "npm", Advisories: 1}}}
	if diff := cmp.Diff(wantIndex, st.Index); diff != "" {
		t.Errorf("index (-want +got):\n%s", diff)
	}
	out, errOut, code = runDB(t, env, "db", "status")
	if code != ExitOK {
		t.Fatalf("status: exit %d, stderr:\n%s", code, errOut)
	}
	golden(t, "db/status.txt", strings.ReplaceAll(strings.ReplaceAll(out, dir, "$DIR"), srv.URL, "$SERVER"))
}

// checkNoLeftovers: after an update, the parent holds the database and nothing else (no lock, no .new-*).
func checkNoLeftovers(t *testing.T, parent string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if diff := cmp.Diff([]string{"vulndb"}, names); diff != "" {
		t.Errorf("beside the database (-want +got):\n%s", diff)
	}
}

// checkIndexReused opens the swapped-in database as a scan does and checks that it read the index the update
// built (its build time is the update's clock; a rebuild would stamp the wall clock) without rewriting it.
func checkIndexReused(t *testing.T, dir string) {
	t.Helper()
	idx := filepath.Join(dir, ".seam-index")
	before, err := os.Stat(idx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := vuln.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != idx {
		t.Errorf("opened %s, want the update's index %s", db.Path(), idx)
	}
	if got := db.Info().BuiltAt; !got.Equal(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("index built at %s: rebuilt after the swap", got)
	}
	after, err := os.Stat(idx)
	if err != nil || !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Errorf("index rewritten by Open: %v", err)
	}
}

// TestDBUpdateFailureKeepsDatabase: an ecosystem the server does not have (404) fails the update with exit 3
// and a message naming the URL, and leaves the previous database byte for byte and time for time.
func TestDBUpdateFailureKeepsDatabase(t *testing.T) {
	srv := osvServer(t)
	dir := filepath.Join(t.TempDir(), "vulndb")
	env := map[string]string{"SEAM_NOW": dbUpdateNow}
	if _, errOut, code := runDB(t, env, updateArgs(srv, "--dir", dir, "--ecosystem", "Go", "--ecosystem", "PyPI", "--no-feeds")...); code != ExitOK {
		t.Fatalf("first update: exit %d\n%s", code, errOut)
	}
	before := tree(t, dir)
	if diff := cmp.Diff([]string{".seam-index", "Go/all.zip", "PyPI/all.zip", "manifest.json"}, keys(before)); diff != "" {
		t.Errorf("--no-feeds layout (-want +got):\n%s", diff)
	}
	env["SEAM_NOW"] = dbStatusNow
	_, errOut, code := runDB(t, env, updateArgs(srv, "--dir", dir, "--ecosystem", "Go", "--ecosystem", "Hackage", "-q")...)
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	wantMsg := "seam: db update: GET " + srv.URL + "/osv/Hackage/all.zip: 404 Not Found; the database at " + dir + " is unchanged\n"
	if errOut != wantMsg {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, wantMsg)
	}
	if diff := cmp.Diff(before, tree(t, dir)); diff != "" {
		t.Errorf("database changed by a failed update (-before +after):\n%s", diff)
	}
	checkNoLeftovers(t, filepath.Dir(dir))
	if out, errOut, code := runDB(t, env, "db", "status", "--dir", dir); code != ExitOK || !regexp.MustCompile(`(?m)^integrity +ok:`).MatchString(out) {
		t.Errorf("status after a failed update: exit %d\n%s%s", code, out, errOut)
	}
}

// TestDBStatusMissing: no database is said plainly, with how to get one, and exits 0.
func TestDBStatusMissing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "none")
	out, errOut, code := runDB(t, nil, "db", "status", "--dir", dir)
	want := "vulnerability database  " + dir + "\nstatus                  none: run seam db update --dir " + dir +
		" to download one (or give --vuln-db to a scan)\n"
	if code != ExitOK || out != want || errOut != "" {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr: %s", code, out, want, errOut)
	}
	out, _, code = runDB(t, map[string]string{"HOME": dir}, "db", "status", "--format", "json")
	var st dbStatus
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != ExitOK {
		t.Fatalf("exit %d, %v\n%s", code, err, out)
	}
	wantSt := dbStatus{Dir: filepath.Join(dir, ".cache", "seam", "vulndb"), Integrity: "no database",
		Hint: "run seam db update to download one (or give --vuln-db to a scan)"}
	if diff := cmp.Diff(wantSt, st); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestDBStatusCorrupt: a file changed after the update is reported, and status exits 3.
func TestDBStatusCorrupt(t *testing.T) {
	srv := osvServer(t)
	dir := filepath.Join(t.TempDir(), "vulndb")
	env := map[string]string{"SEAM_NOW": dbUpdateNow}
	if _, errOut, code := runDB(t, env, updateArgs(srv, "--dir", dir)...); code != ExitOK {
		t.Fatalf("update: exit %d\n%s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "kev.json"), []byte(`{"vulnerabilities": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runDB(t, env, "db", "status", "--dir", dir)
	if code != ExitFailed || !strings.Contains(out, "integrity               database differs from its manifest: kev.json: ") ||
		!strings.Contains(errOut, "run seam db update to replace it") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

// TestDBUsage: how seam db is invoked wrongly exits 2 with a message, and nothing is fetched.
func TestDBUsage(t *testing.T) {
	srv := osvServer(t)
	dir := filepath.Join(t.TempDir(), "vulndb")
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"no subcommand", []string{"db"}, "db needs a subcommand: update or status"},
		{"argument", []string{"db", "status", "extra"}, `unknown command "extra" for "seam db status"`},
		{"format", []string{"db", "status", "--dir", dir, "--format", "xml"}, `unknown format "xml" for db status (choose one of: json, table)`},
		{"plain http", []string{"db", "update", "--dir", dir, "--url", "http://127.0.0.1:1/osv", "--no-feeds"}, `db update: only https URLs are fetched: "http://127.0.0.1:1/osv"`},
		{"http feed", []string{"db", "update", "--dir", dir, "--url", srv.URL, "--kev-url", "ftp://x/kev.json"}, `db update: only https URLs are fetched: "ftp://x/kev.json"`},
		{"bad ecosystem", []string{"db", "update", "--dir", dir, "--url", srv.URL + "/osv", "--no-feeds", "--ecosystem", "../x"}, `db update: bad ecosystem list: ecosystem name "../x"`},
		{"no home", []string{"db", "update"}, "db: no cache directory: set SEAM_CACHE_DIR or HOME, or give --vuln-db"},
		{"bad clock", []string{"db", "status", "--dir", dir}, `SEAM_NOW="soon" is neither YYYY-MM-DD nor RFC 3339`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if tt.name == "bad clock" {
				env["SEAM_NOW"] = "soon"
			}
			_, errOut, code := runDB(t, env, tt.args...)
			if code != ExitUsage || !strings.HasPrefix(errOut, "seam: "+tt.msg) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, ExitUsage, tt.msg)
			}
		})
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("a refused update created %s", dir)
	}
}

// TestDBUpdateQuiet: -q prints nothing on success.
func TestDBUpdateQuiet(t *testing.T) {
	srv := osvServer(t)
	dir := filepath.Join(t.TempDir(), "vulndb")
	out, errOut, code := runDB(t, nil, updateArgs(srv, "--dir", dir, "--ecosystem", "npm", "--no-feeds", "-q")...)
	if code != ExitOK || out != "" || errOut != "" {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestDBStatusPlainDirectory: a directory of OSV JSON that seam db update did not build has no manifest;
// status says so and gives the index's counts and age instead of the update's.
func TestDBStatusPlainDirectory(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("testdata", "db", "npm", "GHSA-fict-npm0-0021.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "GHSA-fict-npm0-0021.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runDB(t, map[string]string{"SEAM_NOW": dbStatusNow}, "db", "status", "--dir", dir)
	for _, want := range []string{"updated                 unknown: not built by seam db update\n", "integrity               no manifest\n",
		"index                   built 2026-12-03T15:00:00Z: 1 advisories", "age                     less than an hour since the index was built\n",
		"npm        1           -     -     -\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if code != ExitOK || errOut != "" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
