package vuln

import (
	"archive/zip"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fixtureDir is the fixture database; testdata/osv/README.md says what each advisory exercises.
const fixtureDir = "testdata/osv"

// zipTree writes the *.json files below dir into a zip at dst, naming each entry by name(rel).
func zipTree(t testing.TB, dir, dst string, keep func(rel string) (string, bool)) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		name, ok := keep(filepath.ToSlash(rel))
		if !ok {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// fixtureSources gives the fixture in the three shapes a database comes in: the directory of JSON, one zip of
// it (as osv.dev's all.zip, entries "Go/GO-….json"), and a directory of per-ecosystem zips
// ("Go/all.zip" holding "GO-….json").
func fixtureSources(t testing.TB) map[string]string {
	tmp := t.TempDir()
	one := filepath.Join(tmp, "all.zip")
	zipTree(t, fixtureDir, one, func(rel string) (string, bool) { return rel, true })
	perEco := filepath.Join(tmp, "per-ecosystem")
	ecos, _ := os.ReadDir(fixtureDir)
	for _, e := range ecos {
		if e.IsDir() {
			zipTree(t, filepath.Join(fixtureDir, e.Name()), filepath.Join(perEco, e.Name(), "all.zip"),
				func(rel string) (string, bool) { return rel, true })
		}
	}
	return map[string]string{"dir": fixtureDir, "zip": one, "zips": perEco}
}

// openFixture opens a source with its index in a temporary cache directory.
func openFixture(t testing.TB, src string) *DB {
	t.Helper()
	db, err := OpenWith(context.Background(), src, Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// row is a match reduced to what the table checks.
type row struct {
	Vuln, Range, Fixed, Source string
}

func TestMatchFixture(t *testing.T) {
	tests := []struct {
		eco, name, version string
		want               []row
	}{
		// Go: two introduced/fixed pairs, aliases merged, pseudo-versions, +incompatible.
		{"Go", "example.com/fictional/webkit", "v1.3.0", []row{{"CVE-2099-1001", "introduced 0, fixed 1.4.2", "1.4.2", "Go/GHSA-f1c7-w3bk-0001.json"}}},
		{"Go", "example.com/fictional/webkit", "v2.0.5", []row{{"CVE-2099-1001", "introduced 2.0.0, fixed 2.1.3", "2.1.3", "Go/GO-2099-0001.json"}}},
		{"Go", "example.com/fictional/webkit", "v1.4.2", nil},
		{"Go", "example.com/fictional/webkit", "v2.1.3+incompatible", nil},
		{"Go", "example.com/fictional/webkit", "v2.1.2+incompatible", []row{{"CVE-2099-1001", "introduced 2.0.0, fixed 2.1.3", "2.1.3", "Go/GO-2099-0001.json"}}},
		{"Go", "example.com/fictional/webkit", "v0.0.0-20190101000000-abcdefabcdef", []row{{"CVE-2099-1001", "introduced 0, fixed 1.4.2", "1.4.2", "Go/GHSA-f1c7-w3bk-0001.json"}}},
		{"Go", "example.com/Fictional/webkit", "v1.3.0", nil}, // Go module paths are case-sensitive
		{"Go", "example.com/fictional/pseudo", "v0.0.0-20210301000000-0123456789ab", []row{{"GO-2099-0002", "introduced 0.0.0-20200101000000-000000000000, fixed 0.0.0-20230601000000-abcdefabcdef", "0.0.0-20230601000000-abcdefabcdef", "Go/GO-2099-0002.json"}}},
		{"Go", "example.com/fictional/pseudo", "v0.0.0-20230601000000-abcdefabcdef", nil},
		// npm: pre-releases and last_affected; the withdrawn advisory affects everything but is skipped.
		{"npm", "@fictional/left-trim", "3.0.0-alpha.1", nil},
		{"npm", "@fictional/left-trim", "3.0.0-beta.2", []row{{"CVE-2099-1002", "introduced 3.0.0-beta.1, fixed 3.2.0", "3.2.0", "npm/GHSA-f1c7-npm0-0002.json"}}},
		{"npm", "@fictional/left-trim", "3.2.0-rc.1", []row{{"CVE-2099-1002", "introduced 3.0.0-beta.1, fixed 3.2.0", "3.2.0", "npm/GHSA-f1c7-npm0-0002.json"}}},
		{"npm", "@fictional/left-trim", "3.2.0", nil},
		{"npm", "@fictional/left-trim", "1.5.0", []row{{"CVE-2099-1002", "introduced 1.0.0, last affected 1.5.0", "3.2.0", "npm/GHSA-f1c7-npm0-0002.json"}}},
		{"npm", "@fictional/left-trim", "1.5.1", nil},
		{"npm", "fictional-colors", "0.9.0", []row{{"GHSA-f1c7-npm0-0004", "introduced 0, fixed 1.0.1", "1.0.1", "npm/GHSA-f1c7-npm0-0004.json"}}},
		// PyPI: PEP 503 names, epochs, dev and post releases; versions list beside a GIT range.
		{"PyPI", "FICTIONAL.parser", "1!1.2", []row{{"CVE-2099-2002", "introduced 1!1.0, fixed 1!1.5", "1!1.5", "PyPI/GHSA-f1c7-pypi-0005.json"}}},
		{"PyPI", "fictional_parser", "1!1.5.dev1", []row{{"CVE-2099-2002", "introduced 1!1.0, fixed 1!1.5", "1!1.5", "PyPI/GHSA-f1c7-pypi-0005.json"}}},
		{"PyPI", "fictional-parser", "2.0", nil},
		{"PyPI", "fictional-parser", "1!1.5.post1", nil},
		{"PyPI", "fictional-tarball", "0.9.2", []row{{"PYSEC-2099-2", "version 0.9.2 listed as affected", "", "PyPI/PYSEC-2099-2.json"}}},
		{"PyPI", "fictional-tarball", "1.0.0rc1", []row{{"PYSEC-2099-2", "version 1.0.0rc1 listed as affected", "", "PyPI/PYSEC-2099-2.json"}}},
		{"PyPI", "fictional-tarball", "0.9.3", nil},
		// Maven, RubyGems, crates.io (limit), Packagist, NuGet, Debian.
		{"Maven", "org.fictional:fictional-core", "2.9.10.8", []row{{"CVE-2099-3003", "introduced 2.0, fixed 2.14.1", "2.14.1", "Maven/GHSA-f1c7-mvn0-0006.json"}}},
		{"Maven", "org.fictional:fictional-core", "2.14.1-SNAPSHOT", []row{{"CVE-2099-3003", "introduced 2.0, fixed 2.14.1", "2.14.1", "Maven/GHSA-f1c7-mvn0-0006.json"}}},
		{"Maven", "org.fictional:fictional-core", "2.14.1", nil},
		{"RubyGems", "fictional-rack", "2.2.3.pre1", []row{{"GHSA-f1c7-gem0-0007", "introduced 0, fixed 2.2.3", "2.2.3", "RubyGems/GHSA-f1c7-gem0-0007.json"}}},
		{"RubyGems", "fictional-rack", "2.2.3", nil},
		{"crates.io", "fictional-zip", "0.6.0", []row{{"RUSTSEC-2099-0001", "introduced 0.5.0, fixed 0.7.2, limit 0.9.0", "0.7.2", "crates.io/RUSTSEC-2099-0001.json"}}},
		{"crates.io", "fictional_zip", "0.8.5", []row{{"RUSTSEC-2099-0001", "introduced 0.8.0, no fixed version, limit 0.9.0", "", "crates.io/RUSTSEC-2099-0001.json"}}},
		{"crates.io", "fictional_zip", "0.9.1", nil},
		{"Packagist", "fictional/mailer", "5.4.0", []row{{"GHSA-f1c7-php0-0008", "introduced 5.0.0, fixed 5.4.1", "5.4.1", "Packagist/GHSA-f1c7-php0-0008.json"}}},
		{"Packagist", "fictional/mailer", "v5.4.1", nil},
		{"NuGet", "fictional.json", "12.0.3", []row{{"GHSA-f1c7-nug0-0009", "introduced 0, fixed 13.0.1", "13.0.1", "NuGet/GHSA-f1c7-nug0-0009.json"}}},
		{"Debian:12", "fictional-ssl", "1:3.0.11-1~deb12u1", []row{{"CVE-2099-4004", "introduced 0, fixed 1:3.0.11-1~deb12u2", "1:3.0.11-1~deb12u2", "Debian/DSA-9999-1.json"}}},
		{"Debian:12", "fictional-ssl", "1:3.0.11-1~deb12u2", nil},
		{"Debian:11", "fictional-ssl", "1:1.1.1n-0+deb11u5", []row{{"CVE-2099-4004", "introduced 0, fixed 1:1.1.1w-0+deb11u1", "1:1.1.1w-0+deb11u1", "Debian/DSA-9999-1.json"}}},
		{"Debian", "fictional-ssl", "1:3.0.11-1~deb12u1", nil}, // no release: release-specific entries do not apply
	}
	for kind, src := range fixtureSources(t) {
		db := openFixture(t, src)
		for _, tt := range tests {
			ms, _ := db.Match([]Package{{ID: "p", Ecosystem: tt.eco, Name: tt.name, Version: tt.version}})
			var got []row
			for _, m := range ms {
				got = append(got, row{m.Vulnerability.ID, m.Range, m.Fixed, m.Source})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s: %s %s@%s (-want +got):\n%s", kind, tt.eco, tt.name, tt.version, diff)
			}
		}
	}
}

func TestMatchRecord(t *testing.T) {
	db := openFixture(t, fixtureDir)
	ms, diags := db.Match([]Package{{ID: "pkg:golang/example.com/fictional/webkit@v2.0.5", Ecosystem: "Go",
		Name: "example.com/fictional/webkit", Version: "v2.0.5"}})
	if len(diags) != 0 || len(ms) != 1 {
		t.Fatalf("want one match and no diagnostics, got %v %v", ms, diags)
	}
	m := ms[0]
	want := Vulnerability{
		ID:               "CVE-2099-1001",
		Aliases:          []string{"CVE-2099-1001", "GHSA-f1c7-w3bk-0001", "GO-2099-0001"},
		Summary:          "fictional webkit router allows path traversal",
		Details:          "fictional webkit router allows path traversal. This advisory is a fictional fixture for Seam's tests.",
		Severity:         []Severity{{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}},
		DatabaseSeverity: "HIGH",
		CWEs:             []string{"CWE-22"},
		Published:        mustTime(t, "2099-01-05T00:00:00Z"),
		Modified:         mustTime(t, "2099-03-01T00:00:00Z"),
		References:       []string{"https://example.invalid/ghsa/0001", "https://example.invalid/GO-2099-0001"},
	}
	if diff := cmp.Diff(want, m.Vulnerability); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	wantImports := []GoImport{{Path: "example.com/fictional/webkit/router", Symbols: []string{"Router.ServeHTTP", "parsePath"}}}
	if diff := cmp.Diff(wantImports, m.Imports); diff != "" {
		t.Errorf("imports (-want +got):\n%s", diff)
	}
	// Only GO-2099-0001 has the second branch; the GHSA's entry stops at 1.4.2.
	if diff := cmp.Diff([]Hit{{AdvisoryID: "GO-2099-0001", Source: "Go/GO-2099-0001.json",
		Range: "introduced 2.0.0, fixed 2.1.3", Fixed: "2.1.3", Imports: wantImports}}, m.Hits); diff != "" {
		t.Errorf("hits (-want +got):\n%s", diff)
	}
}

func TestMatchDiagnostics(t *testing.T) {
	db := openFixture(t, fixtureDir)
	ms, diags := db.Match([]Package{
		{ID: "b", Ecosystem: "npm", Name: "@fictional/left-trim", Version: "latest"},
		{ID: "a", Ecosystem: "crates.io", Name: "fictional-git-only", Version: "1.0.0"},
		{ID: "c", Ecosystem: "PyPI", Name: "fictional-parser", Version: "not a version"},
		{ID: "d", Ecosystem: "Debian", Name: "fictional-ssl", Version: "1.0"},
		{ID: "e", Ecosystem: "npm", Name: "no-advisories-here", Version: "latest"}, // no advisory: no noise
	})
	if len(ms) != 0 {
		t.Errorf("unparsable and git-only must not match, got %v", ms)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		"a: warning: crates.io fictional-git-only: advisory RUSTSEC-2099-0002 gives only git commit ranges and no version list; version 1.0.0 not compared (vuln)",
		`b: warning: npm @fictional/left-trim: installed version "latest" is not a semantic version; not compared with the ranges of 1 advisory entries (vuln)`,
		`c: warning: PyPI fictional-parser: installed version "not a version" is not a PEP 440 version; not compared with the ranges of 2 advisory entries (vuln)`,
		"testdata/osv: info: 1 operating-system packages name no distribution release; release-specific advisories were not matched (vuln)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestMatchOrderAndDedupe(t *testing.T) {
	db := openFixture(t, fixtureDir)
	pkgs := []Package{
		{ID: "z", Ecosystem: "npm", Name: "@fictional/left-trim", Version: "3.1.0"},
		{ID: "a", Ecosystem: "NuGet", Name: "Fictional.Json", Version: "1.0.0"},
		{ID: "m", Ecosystem: "npm", Name: "@fictional/left-trim", Version: "3.1.0"},
	}
	ms, _ := db.Match(pkgs)
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.Package.ID+" "+m.Vulnerability.ID)
	}
	if diff := cmp.Diff([]string{"a GHSA-f1c7-nug0-0009", "m CVE-2099-1002", "z CVE-2099-1002"}, ids); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// One DB serves concurrent scans (run with -race).
func TestMatchConcurrent(t *testing.T) {
	db := openFixture(t, fixtureDir)
	var pkgs []Package
	for i := range 600 {
		pkgs = append(pkgs, Package{ID: "p" + strconv.Itoa(i), Ecosystem: "npm", Name: "@fictional/left-trim", Version: "3.1." + strconv.Itoa(i%3)})
	}
	done := make(chan int)
	for range 4 {
		go func() { ms, _ := db.Match(pkgs); done <- len(ms) }()
	}
	for range 4 {
		if n := <-done; n != 600 {
			t.Errorf("want 600 matches, got %d", n)
		}
	}
}
