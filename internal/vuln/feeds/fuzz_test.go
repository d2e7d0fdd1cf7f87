package feeds

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// addFixtures seeds a fuzzer with every file of a testdata directory.
func addFixtures(f *testing.F, dir string) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzReadKEV: any input reads without panic; every entry kept has a well-formed, unique CVE ID, a positive
// line, and is found by Lookup; entries are sorted; every diagnostic has a line.
func FuzzReadKEV(f *testing.F) {
	addFixtures(f, "kev")
	f.Fuzz(func(t *testing.T, data []byte) {
		k, diags, err := ReadKEV(bytes.NewReader(data), "kev.json")
		if err != nil {
			return
		}
		for i, e := range k.Entries {
			if _, ok := normalizeCVE(e.CVEID); !ok || e.Line < 1 {
				t.Fatalf("entry %d: %q at line %d", i, e.CVEID, e.Line)
			}
			if i > 0 && k.Entries[i-1].CVEID >= e.CVEID {
				t.Fatalf("entries not sorted and unique at %d: %q, %q", i, k.Entries[i-1].CVEID, e.CVEID)
			}
			if got, ok := k.Lookup(e.CVEID); !ok || got.Line != e.Line {
				t.Fatalf("Lookup(%q) = %v, %v", e.CVEID, got, ok)
			}
		}
		for _, d := range diags {
			if d.Line < 1 || d.File != "kev.json" {
				t.Fatalf("diagnostic without a place: %v", d)
			}
		}
	})
}

// FuzzReadEPSS: any input, plain or gzip, reads without panic; every score kept is a probability with a line.
func FuzzReadEPSS(f *testing.F) {
	addFixtures(f, "epss")
	data, err := os.ReadFile("testdata/epss/scores.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(gzipped(f, data))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, diags, err := ReadEPSS(bytes.NewReader(data), "epss.csv")
		if err != nil {
			return
		}
		for id, s := range e.scores {
			if _, ok := normalizeCVE(id); !ok || s.CVE != id || s.Line < 1 || s.Probability < 0 || s.Probability > 1 ||
				(s.Percentile != -1 && (s.Percentile < 0 || s.Percentile > 1)) {
				t.Fatalf("bad score kept: %+v", s)
			}
		}
		for _, d := range diags {
			if d.Line < 1 {
				t.Fatalf("diagnostic without a line: %v", d)
			}
		}
	})
}
