package vuln

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// fixtureFiles returns the bytes of every fixture advisory, to seed the fuzzers.
func fixtureFiles(f *testing.F) [][]byte {
	paths, _ := filepath.Glob(filepath.Join(fixtureDir, "*", "*.json"))
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// FuzzParseAdvisory: any bytes give an advisory or an error, never a panic, and an advisory has an ID.
func FuzzParseAdvisory(f *testing.F) {
	for _, data := range fixtureFiles(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, _, err := parseAdvisory(data, "fuzz.json")
		if err == nil && a.ID == "" {
			t.Fatal("advisory without an ID")
		}
	})
}

// fuzzPackages are looked up in every fuzzed index: they hit the fixture's postings.
var fuzzPackages = []Package{
	{ID: "a", Ecosystem: "Go", Name: "example.com/fictional/webkit", Version: "v1.3.0"},
	{ID: "b", Ecosystem: "npm", Name: "@fictional/left-trim", Version: "3.1.0"},
	{ID: "c", Ecosystem: "PyPI", Name: "fictional-parser", Version: "1!1.2"},
	{ID: "d", Ecosystem: "Debian:12", Name: "fictional-ssl", Version: "1:3.0.11-1~deb12u1"},
}

// FuzzIndex: a corrupt index is an error from Open or diagnostics from Match, never a panic.
func FuzzIndex(f *testing.F) {
	dst := filepath.Join(f.TempDir(), "db.idx")
	if _, err := Build(context.Background(), fixtureDir, dst); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(dst)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add(data[:40])
	f.Fuzz(func(t *testing.T, b []byte) {
		db, err := openReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		db.Match(fuzzPackages)
	})
}

// FuzzDecode drives the record and postings decoders directly, past the checksums that guard them in a file.
func FuzzDecode(f *testing.F) {
	vulns, entries, owners, _ := merge(mustLoad(f).advisories)
	_, parts := encodeSections(vulns, entries, owners)
	f.Add(parts[3])
	f.Add(parts[4])
	e := &enc{}
	encodeVuln(e, &vulns[0])
	f.Add(e.b)
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeVuln(b)
		if ps, err := decodePostings(b, 3); err == nil {
			for i := range ps {
				ev := &evaluator{eco: "npm", installed: "1.0.0", parsed: map[string]parsedVersion{}}
				ev.entry(&ps[i])
			}
		}
	})
}

func mustLoad(tb testing.TB) *loaded {
	l, err := load(context.Background(), fixtureDir, DefaultLimits)
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// FuzzPackageFromPURL: any string maps to a package or to false, never a panic.
func FuzzPackageFromPURL(f *testing.F) {
	for _, s := range []string{"pkg:golang/github.com/gin-gonic/gin@v1.9.1", "pkg:deb/debian/openssl@3.0.11-1?distro=debian-12",
		"pkg:apk/alpine/busybox@1.36.1-r5?distro=alpine-3.19.1", "pkg:deb/ubuntu/x@1?distro=ubuntu-22.04", "pkg:maven/g/a@1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, ok := PackageFromPURL(s); ok && (p.Ecosystem == "" || p.Name == "" || p.Version == "") {
			t.Fatalf("incomplete package %+v", p)
		}
	})
}
