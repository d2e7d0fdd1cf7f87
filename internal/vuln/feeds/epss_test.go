package feeds

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readEPSSFixture(t *testing.T, name string) *EPSS {
	t.Helper()
	e, diags, err := readEPSSFile(t, name)
	if err != nil || len(diags) > 0 {
		t.Fatalf("ReadEPSS(%s): %v, %v", name, err, diags)
	}
	return e
}

func readEPSSFile(t *testing.T, name string) (*EPSS, []string, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "epss", name))
	if err != nil {
		t.Fatal(err)
	}
	e, diags, err := ReadEPSS(bytes.NewReader(data), name)
	return e, diagLines(diags, name, "epss"), err
}

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadEPSS(t *testing.T) {
	e := readEPSSFixture(t, "scores.csv")
	if e.ModelVersion != "v2025.03.14" || e.ScoreDate != "2026-11-30T00:00:00+0000" || e.Len() != 6 {
		t.Errorf("header: %q %q, %d scores", e.ModelVersion, e.ScoreDate, e.Len())
	}
	tests := []struct {
		cve  string
		want EPSSScore
		ok   bool
	}{
		{"CVE-2021-44228", EPSSScore{"CVE-2021-44228", 0.94358, 0.99982, 5}, true},
		{" cve-2024-0001", EPSSScore{"CVE-2024-0001", 0.00043, 0.11211, 8}, true},
		{"CVE-2099-0001", EPSSScore{}, false},
		{"not a cve", EPSSScore{}, false},
	}
	for _, tt := range tests {
		got, ok := e.Lookup(tt.cve)
		if ok != tt.ok {
			t.Errorf("Lookup(%q) found = %v", tt.cve, ok)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Lookup(%q) (-want +got):\n%s", tt.cve, diff)
		}
	}
}

func TestReadEPSSGzip(t *testing.T) {
	data, err := os.ReadFile("testdata/epss/scores.csv")
	if err != nil {
		t.Fatal(err)
	}
	plain, _, err := ReadEPSS(bytes.NewReader(data), "epss.csv")
	if err != nil {
		t.Fatal(err)
	}
	zipped, diags, err := ReadEPSS(bytes.NewReader(gzipped(t, data)), "epss.csv.gz")
	if err != nil || len(diags) > 0 {
		t.Fatalf("gzip: %v, %v", err, diags)
	}
	if diff := cmp.Diff(plain, zipped, cmp.AllowUnexported(EPSS{})); diff != "" {
		t.Errorf("gzip reads differently (-plain +gzip):\n%s", diff)
	}
	// A gzip header followed by garbage is an error for the file, not a crash.
	if _, _, err := ReadEPSS(bytes.NewReader([]byte{0x1f, 0x8b, 0, 0}), "bad.csv.gz"); err == nil {
		t.Error("broken gzip: no error")
	}
	// A stream cut short after some rows keeps the rows and says where it stopped.
	z := gzipped(t, bytes.Repeat(data, 50))
	e, diags, err := ReadEPSS(bytes.NewReader(z[:len(z)/2]), "cut.csv.gz")
	if err != nil || e.Len() == 0 || len(diags) == 0 || !strings.Contains(diags[len(diags)-1].Message, "reading stopped") {
		t.Errorf("cut gzip: %v, %d scores, %v", err, e.Len(), diags)
	}
}

func TestReadEPSSMalformed(t *testing.T) {
	e, diags, err := readEPSSFile(t, "malformed.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`4 warning: row skipped: "GHSA-jfh8-c2jp-5v3q" is not a CVE ID`,
		`5 warning: row skipped: CVE-2017-5638: epss "high" is not a number in 0–1`,
		`6 warning: row skipped: CVE-2022-22965: epss "1.5" is not a number in 0–1`,
		`7 warning: row skipped: CVE-2023-4966: percentile missing`,
		`8 warning: CVE-2021-44228 scored again (first at line 3); the first score is kept`,
		`11 warning: row skipped: CVE-2024-0002: epss "NaN" is not a number in 0–1`,
	}
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if s, _ := e.Lookup("CVE-2021-44228"); e.Len() != 2 || s.Probability != 0.94358 {
		t.Errorf("%d scores, first Log4Shell score %v", e.Len(), s)
	}
}

func TestReadEPSSLayouts(t *testing.T) {
	tests := []struct {
		file  string
		diags []string
		cve   string
		want  EPSSScore
	}{
		{"reordered.csv", nil, "CVE-2021-44228", EPSSScore{"CVE-2021-44228", 0.94358, 0.99982, 2}},
		{"noheader.csv", []string{"1 warning: no header line: columns read as cve,epss,percentile"},
			"CVE-2017-5638", EPSSScore{"CVE-2017-5638", 0.94367, 0.99958, 2}},
		{"nopercentile.csv", nil, "CVE-2021-44228", EPSSScore{"CVE-2021-44228", 0.94358, -1, 2}},
	}
	for _, tt := range tests {
		e, diags, err := readEPSSFile(t, tt.file)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.diags, diags); diff != "" {
			t.Errorf("%s: diagnostics (-want +got):\n%s", tt.file, diff)
		}
		got, _ := e.Lookup(tt.cve)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: Lookup (-want +got):\n%s", tt.file, diff)
		}
	}
}

func TestReadEPSSOddInput(t *testing.T) {
	tests := []struct {
		name, in string
		diags    []string
	}{
		{"empty", "", nil},
		{"BOM and CRLF", "\ufeffcve,epss,percentile\r\nCVE-2021-44228,0.9,0.9\r\n", nil},
		{"header without the columns", "id,score\nCVE-2021-44228,0.9,0.9\n",
			[]string{`1 error: header "id,score" has no cve and epss columns: columns read as cve,epss,percentile`}},
		{"not EPSS at all", "hello\n",
			[]string{`1 error: header "hello" has no cve and epss columns: columns read as cve,epss,percentile`}},
		{"overlong line", "cve,epss\n" + strings.Repeat("x", maxEPSSLine+1) + "\n",
			[]string{"2 error: line longer than 65536 bytes: reading stopped"}},
	}
	for _, tt := range tests {
		_, diags, err := ReadEPSS(strings.NewReader(tt.in), "x.csv")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.diags, diagLines(diags, "x.csv", "epss")); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	var none *EPSS
	if _, ok := none.Lookup("CVE-2021-44228"); ok || none.Len() != 0 {
		t.Error("nil EPSS found something")
	}
}

func TestReadEPSSTooLarge(t *testing.T) {
	data := []byte("cve,epss\n" + strings.Repeat("CVE-2021-44228,0.5\n", 100))
	// The cap applies after decompression, so a small gzip that expands past it is refused.
	for name, in := range map[string][]byte{"plain": data, "gzip": gzipped(t, data)} {
		if _, _, err := readEPSS(bytes.NewReader(in), name, int64(len(data))-1); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: %v, want ErrTooLarge", name, err)
		}
		if _, _, err := readEPSS(bytes.NewReader(in), name, int64(len(data))); err != nil {
			t.Errorf("%s at the cap: %v", name, err)
		}
	}
}
