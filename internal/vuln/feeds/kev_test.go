package feeds

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
)

func readKEVFixture(t *testing.T, name string) (*KEV, []model.Diagnostic, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "kev", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadKEV(f, name)
}

// kevIDs lists the entries' CVE IDs with their lines.
func kevIDs(k *KEV) []string {
	var out []string
	for _, e := range k.Entries {
		out = append(out, e.CVEID+"@"+itoa(e.Line))
	}
	return out
}

func TestReadKEVCatalog(t *testing.T) {
	k, diags, err := readKEVFixture(t, "catalog.json")
	if err != nil || len(diags) > 0 {
		t.Fatalf("ReadKEV: %v, %v", err, diags)
	}
	header := []string{k.Title, k.CatalogVersion, k.DateReleased, itoa(k.Count)}
	if diff := cmp.Diff([]string{"CISA Catalog of Known Exploited Vulnerabilities", "2026.11.28",
		"2026-11-28T16:59:35.6125Z", "4"}, header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	// Sorted by CVE ID; the lower-case ID is normalised; lines are the entries' opening braces.
	want := []string{"CVE-2017-5638@20", "CVE-2021-44228@7", "CVE-2022-22965@33", "CVE-2023-4966@47"}
	if diff := cmp.Diff(want, kevIDs(k)); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	e, ok := k.Lookup(" cve-2021-44228 ")
	if !ok {
		t.Fatal("Lookup(cve-2021-44228) not found")
	}
	wantEntry := KEVEntry{CVEID: "CVE-2021-44228", VendorProject: "Apache", Product: "Log4j2",
		VulnerabilityName: "Apache Log4j2 Remote Code Execution Vulnerability", DateAdded: "2021-12-10",
		ShortDescription: "JNDI lookups in logged messages let an attacker load and run remote code.",
		RequiredAction:   "Apply updates per vendor instructions.", DueDate: "2021-12-24",
		KnownRansomwareCampaignUse: "Known", Notes: "https://logging.apache.org/log4j/2.x/security.html",
		CWEs: []string{"CWE-20", "CWE-400", "CWE-502"}, Line: 7}
	if diff := cmp.Diff(wantEntry, e); diff != "" {
		t.Errorf("Lookup (-want +got):\n%s", diff)
	}
	if !e.Ransomware() {
		t.Error("Log4Shell: Ransomware() = false")
	}
	if s, _ := k.Lookup("CVE-2022-22965"); s.Ransomware() {
		t.Error("Spring4Shell: Ransomware() = true for Unknown")
	}
	if _, ok := k.Lookup("CVE-2099-0001"); ok {
		t.Error("Lookup of an absent CVE found something")
	}
}

func TestReadKEVMalformed(t *testing.T) {
	k, diags, err := readKEVFixture(t, "malformed.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"CVE-2021-44228@7", "CVE-2022-22965@12", "CVE-2023-4966@13"}, kevIDs(k)); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	want := []string{
		`1 info: catalog states count 9, 3 entries read`,
		`3 warning: catalogVersion: json: cannot unmarshal number into Go value of type string`,
		`4 warning: dateReleased "yesterday" is not an RFC 3339 time`,
		`8 warning: entry skipped: cveID "" is not a CVE ID`,
		`9 warning: entry skipped: cveID "GHSA-jfh8-c2jp-5v3q" is not a CVE ID`,
		`10 warning: entry skipped: cwes is string, want []string`,
		`11 warning: CVE-2021-44228 listed again (first at line 7); the first entry is kept`,
		`12 warning: CVE-2022-22965: dateAdded "04/04/2022" is not a YYYY-MM-DD date`,
		`12 warning: CVE-2022-22965: knownRansomwareCampaignUse "Maybe" is neither Known nor Unknown`,
		`13 warning: CVE-2023-4966: dueDate "" is not a YYYY-MM-DD date`,
		`14 warning: entry skipped: a JSON string, not an object`,
	}
	if diff := cmp.Diff(want, diagLines(diags, "malformed.json", "kev")); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestReadKEVTruncated(t *testing.T) {
	k, diags, err := readKEVFixture(t, "truncated.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"CVE-2021-44228@6"}, kevIDs(k)); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	got := diagLines(diags, "truncated.json", "kev")
	if len(got) != 2 || !strings.HasPrefix(got[0], "1 info: catalog states count 2, 1 entries read") ||
		got[1] != `7 error: KEV catalog broken off: invalid character '\n' in string literal; 1 entries read before it` {
		t.Errorf("diagnostics: %q", got)
	}
}

func TestReadKEVNotACatalog(t *testing.T) {
	for _, in := range []string{"", "[]", `"KEV"`, "<html>"} {
		k, _, err := ReadKEV(strings.NewReader(in), "x.json")
		if !errors.Is(err, errNotCatalog) || k != nil {
			t.Errorf("ReadKEV(%q) = %v, %v; want errNotCatalog", in, k, err)
		}
	}
	// An object without vulnerabilities is an empty catalog, not an error.
	k, diags, err := ReadKEV(strings.NewReader(`{"title": "empty"}`), "x.json")
	if err != nil || k.Len() != 0 || len(diags) != 0 {
		t.Errorf("empty catalog: %v, %v, %v", k, diags, err)
	}
	// A nil catalog answers lookups.
	var none *KEV
	if _, ok := none.Lookup("CVE-2021-44228"); ok || none.Len() != 0 {
		t.Error("nil KEV found something")
	}
}

func TestReadKEVTooLarge(t *testing.T) {
	data, err := os.ReadFile("testdata/kev/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := readKEV(strings.NewReader(string(data)), "catalog.json", int64(len(data))-1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("one byte over the cap: %v, want ErrTooLarge", err)
	}
	if _, _, err := readKEV(strings.NewReader(string(data)), "catalog.json", int64(len(data))); err != nil {
		t.Errorf("exactly at the cap: %v", err)
	}
}

// diagLines renders diagnostics as "line severity: message", checking file and extractor on the way.
func diagLines(ds []model.Diagnostic, file, extractor string) []string {
	var out []string
	for _, d := range ds {
		line := itoa(d.Line) + " " + string(d.Severity) + ": " + d.Message
		if d.File != file || d.Extractor != extractor {
			line += " [" + d.File + " " + d.Extractor + "]"
		}
		out = append(out, line)
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
