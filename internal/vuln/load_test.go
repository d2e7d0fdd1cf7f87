package vuln

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A database directory may hold files that are not advisories: feeds beside them, hidden directories, links.
func TestLoadSkips(t *testing.T) {
	dir := t.TempDir()
	good, _ := os.ReadFile(filepath.Join(fixtureDir, "NuGet", "GHSA-f1c7-nug0-0009.json"))
	write := func(rel string, data []byte) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("NuGet/GHSA-f1c7-nug0-0009.json", good)
	write("kev.json", []byte(`{"vulnerabilities": []}`))                       // the KEV feed, read by the stage
	write("epss.csv", []byte("cve,epss,percentile\n"))                         // not JSON at all
	write(".git/objects/x.json", []byte("not json"))                           // hidden: never read
	write("NuGet/.partial.json", []byte("{"))                                  // an update's partial download
	os.Symlink(filepath.Join(fixtureDir, "npm"), filepath.Join(dir, "linked")) // not followed
	l, err := load(context.Background(), dir, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.advisories) != 1 || l.malformed != 0 {
		t.Errorf("want the one advisory, got %d (%d malformed)", len(l.advisories), l.malformed)
	}
	var got []string
	for _, d := range l.diags {
		got = append(got, d.String())
	}
	want := []string{"osv:linked: info: symbolic link in the vulnerability database not followed (vuln)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := load(ctx, fixtureDir, DefaultLimits); err == nil {
		t.Error("want the context's error")
	}
}

// Two advisories of one alias group from different files, and the same advisory twice: one record, the
// later modification kept.
func TestMergeDuplicates(t *testing.T) {
	a1, _, _ := parseAdvisory([]byte(`{"id":"OSV-1","modified":"2099-01-01T00:00:00Z","aliases":["CVE-2099-9"],"summary":"old"}`), "a/OSV-1.json")
	a2, _, _ := parseAdvisory([]byte(`{"id":"OSV-1","modified":"2099-05-01T00:00:00Z","aliases":["CVE-2099-9"],"summary":"new"}`), "b/OSV-1.json")
	a3, _, _ := parseAdvisory([]byte(`{"id":"GHSA-x","aliases":["CVE-2099-9"],"published":"2098-01-01T00:00:00Z"}`), "c/GHSA-x.json")
	vulns, _, _, diags := merge([]*advisory{a3, a1, a2})
	if len(vulns) != 1 || vulns[0].ID != "CVE-2099-9" || vulns[0].Summary != "new" {
		t.Errorf("got %+v", vulns)
	}
	if diff := cmp.Diff([]string{"CVE-2099-9", "GHSA-x", "OSV-1"}, vulns[0].Aliases); diff != "" {
		t.Error(diff)
	}
	if len(diags) != 1 || diags[0].File != "osv:a/OSV-1.json" {
		t.Errorf("want the older copy reported, got %v", diags)
	}
}
