package vuln

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

var fixedClock = func() time.Time { return time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC) }

func TestBuildInfo(t *testing.T) {
	for kind, src := range fixtureSources(t) {
		info, err := BuildWith(context.Background(), src, filepath.Join(t.TempDir(), "db.idx"), Options{Now: fixedClock})
		if err != nil {
			t.Fatal(err)
		}
		want := Info{
			Source: src, BuiltAt: fixedClock(), Format: formatVersion,
			Advisories: 15, Vulnerabilities: 13, Withdrawn: 1, Malformed: 1,
			Ecosystems: []EcosystemCount{{"Debian", 1}, {"Go", 3}, {"Maven", 1}, {"NuGet", 1}, {"Packagist", 1},
				{"PyPI", 3}, {"RubyGems", 1}, {"crates.io", 2}, {"npm", 2}},
			DiagnosticsTotal: 2,
		}
		if diff := cmp.Diff(want, info, cmpopts.IgnoreFields(Info{}, "Fingerprint", "Diagnostics")); diff != "" {
			t.Errorf("%s: info (-want +got):\n%s", kind, diff)
		}
		var got []string
		for _, d := range info.Diagnostics {
			got = append(got, d.File+":"+strconv.Itoa(d.Line))
		}
		// The malformed file is reported with its line; the bad range with its advisory.
		if diff := cmp.Diff([]string{"osv:npm/GHSA-f1c7-npm0-0004.json:1", "osv:npm/broken.json:4"}, got); diff != "" {
			t.Errorf("%s: diagnostics (-want +got):\n%s", kind, diff)
		}
	}
}

func TestOpenNoDatabase(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "missing"))
	if !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("want ErrNoDatabase, got %v", err)
	}
	if _, err := Build(context.Background(), filepath.Join(t.TempDir(), "missing"), "x"); !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("Build: want ErrNoDatabase, got %v", err)
	}
}

// Open of a source builds the index beside it once, reuses it while the source is unchanged and rebuilds it
// when a file changes.
func TestOpenCachesIndex(t *testing.T) {
	src := filepath.Join(t.TempDir(), "db")
	copyTree(t, fixtureDir, src)
	calls := 0
	clock := func() time.Time { calls++; return fixedClock().Add(time.Duration(calls) * time.Hour) }
	open := func() Info {
		db, err := OpenWith(context.Background(), src, Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if db.Path() != filepath.Join(src, ".seam-index") {
			t.Errorf("index at %s", db.Path())
		}
		return db.Info()
	}
	first := open()
	if again := open(); again.BuiltAt != first.BuiltAt {
		t.Errorf("unchanged source rebuilt: %v then %v", first.BuiltAt, again.BuiltAt)
	}
	newer := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(src, "Go", "GO-2099-0002.json"), newer, newer); err != nil {
		t.Fatal(err)
	}
	if changed := open(); changed.BuiltAt == first.BuiltAt || changed.Fingerprint == first.Fingerprint {
		t.Errorf("changed source not rebuilt")
	}
	// The index file itself is an openable database.
	db, err := Open(filepath.Join(src, ".seam-index"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenCorruptIndex(t *testing.T) {
	dst := filepath.Join(t.TempDir(), "db.idx")
	if _, err := Build(context.Background(), fixtureDir, dst); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(dst)
	cases := map[string][]byte{
		"truncated header": data[:20],
		"truncated body":   data[:len(data)-40],
		"bad version":      append(append([]byte{}, data[:8]...), append([]byte{9, 0, 0, 0}, data[12:]...)...),
	}
	flipped := append([]byte{}, data...)
	// A byte of RUSTSEC-2099-0001's summary, which only its record holds: found by the record's checksum
	// when a match reads it.
	flipped[bytes.Index(flipped, []byte("fictional_zip extracts"))+3] ^= 0xff
	for name, b := range cases {
		p := filepath.Join(t.TempDir(), "x.idx")
		os.WriteFile(p, b, 0o644)
		if db, err := Open(p); err == nil {
			db.Close()
			t.Errorf("%s: want an error", name)
		}
	}
	p := filepath.Join(t.TempDir(), "flipped.idx")
	os.WriteFile(p, flipped, 0o644)
	db, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, diags := db.Match([]Package{{ID: "p", Ecosystem: "crates.io", Name: "fictional-zip", Version: "0.6.0"}})
	if len(ms) != 0 || len(diags) != 1 || !strings.Contains(diags[0].Message, "checksum mismatch") {
		t.Errorf("want a corrupt-record diagnostic, got %v %v", ms, diags)
	}
}

func TestZipLimits(t *testing.T) {
	tmp := t.TempDir()
	z := filepath.Join(tmp, "evil.zip")
	f, _ := os.Create(z)
	zw := zip.NewWriter(f)
	good, _ := os.ReadFile(filepath.Join(fixtureDir, "NuGet", "GHSA-f1c7-nug0-0009.json"))
	for _, name := range []string{"../escape.json", "/abs.json", `dir\win.json`, "ok/GHSA-f1c7-nug0-0009.json", "later.json"} {
		w, _ := zw.Create(name)
		w.Write(good)
	}
	zw.Close()
	f.Close()
	l, err := load(context.Background(), z, Limits{MaxZipEntries: 4, MaxZipBytes: 1 << 20, MaxFileBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range l.diags {
		got = append(got, d.File+": "+d.Message)
	}
	want := []string{
		`osv:evil.zip: zip entry "../escape.json" escapes the export; refused`,
		`osv:evil.zip: zip entry "/abs.json" escapes the export; refused`,
		`osv:evil.zip: zip entry "dir\\win.json" escapes the export; refused`,
		"osv:evil.zip: zip has 5 entries, more than the limit of 4; the rest are ignored",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if len(l.advisories) != 1 || l.advisories[0].Source != "ok/GHSA-f1c7-nug0-0009.json" {
		t.Errorf("want the one safe entry, got %v", l.advisories)
	}
	l, _ = load(context.Background(), z, Limits{MaxZipEntries: 10, MaxZipBytes: int64(len(good)) + 10, MaxFileBytes: 100})
	if len(l.advisories) != 0 || len(l.diags) != 5 {
		t.Errorf("byte caps: want nothing loaded and five diagnostics, got %d %v", len(l.advisories), l.diags)
	}
}
