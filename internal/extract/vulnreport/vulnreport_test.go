package vulnreport

import (
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/lockfile"
	"github.com/seam-sec/seam/internal/model"
)

// vuln is what a test states about one vulnerability node.
type vuln struct {
	ID, Type, Severity string
	Aliases            []string
	Affects            []string // "package installed→fixed @line"
}

func summarise(n model.Node) vuln {
	v := vuln{ID: n.ID, Type: n.Type, Severity: n.Attrs["severity"].(string)}
	for _, a := range n.Attrs["aliases"].([]any) {
		v.Aliases = append(v.Aliases, a.(string))
	}
	for _, a := range n.Attrs["affects"].([]any) {
		m := a.(map[string]any)
		fixed, _ := m["fixed"].(string)
		v.Affects = append(v.Affects, m["package"].(string)+" "+m["installed"].(string)+"→"+fixed+" @"+strconv.Itoa(m["line"].(int)))
	}
	return v
}

// TestVulnerabilities states the right answer for every finding of the fixtures (testdata/README.md).
func TestVulnerabilities(t *testing.T) {
	tests := []struct {
		file string
		want []vuln
	}{
		{"trivy-fs.json", []vuln{
			{"vuln:CVE-2021-23337", "trivy", "high", []string{"CVE-2021-23337", "GHSA-35jh-r3h4-6jhm"}, []string{"pkg:npm/lodash@4.17.20 4.17.20→4.17.21 @12"}},
			{"vuln:CVE-2021-44906", "trivy", "critical", []string{"CVE-2021-44906"}, []string{"pkg:npm/minimist@1.2.5 1.2.5→1.2.6 @24"}},
			{"vuln:CVE-2023-45288", "trivy", "medium", []string{"CVE-2023-45288", "GHSA-4v7x-pqxf-cx7m", "GO-2024-2687"},
				[]string{"pkg:golang/golang.org/x/net@0.17.0 0.17.0→0.23.0 @44"}},
		}},
		{"grype.json", []vuln{
			{"vuln:CVE-2021-23337", "grype", "high", []string{"CVE-2021-23337", "GHSA-35jh-r3h4-6jhm"}, []string{"pkg:npm/lodash@4.17.20 4.17.20→4.17.21 @3"}},
			{"vuln:CVE-2023-42366", "grype", "low", []string{"CVE-2023-42366"},
				[]string{"pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1 1.36.1-r15→ @70"}},
			{"vuln:CVE-2024-2511", "grype", "medium", []string{"CVE-2024-2511"},
				[]string{"pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1 3.1.4-r5→3.1.4-r6 @42"}},
		}},
		{"osv-scanner.json", []vuln{
			{"vuln:CVE-2020-14343", "osv-scanner", "critical", []string{"CVE-2020-14343", "GHSA-8q59-q68h-6hv4", "PYSEC-2021-142"},
				[]string{"pkg:pypi/pyyaml@5.3.1 5.3.1→5.4 @57"}},
			{"vuln:CVE-2023-45288", "osv-scanner", "medium", []string{"CVE-2023-45288", "GHSA-4v7x-pqxf-cx7m", "GO-2024-2687"},
				[]string{"pkg:golang/golang.org/x/net@0.17.0 0.17.0→0.23.0 @6"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var got []vuln
			for _, n := range extractFixture(t, tt.file).Nodes {
				if n.Kind == model.KindVulnerability {
					got = append(got, summarise(n))
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("vulnerabilities (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSameIDsAsLockfile reads testdata/merge (the lockfiles trivy-fs.json scanned) with the lockfile
// extractor: every package and module the report names is a node the lockfile extractor makes too.
func TestSameIDsAsLockfile(t *testing.T) {
	lf, err := lockfile.New().Extract(context.Background(), extract.Input{FS: os.DirFS("testdata/merge"),
		Paths: []string{"services/api/go.mod", "services/web/package-lock.json"}, MaxFileSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, n := range lf.Nodes {
		have[n.ID] = true
	}
	var missing []string
	for _, n := range extractFixture(t, "trivy-fs.json").Nodes {
		if (n.Kind == model.KindPackage || n.Kind == model.KindModule) && !have[n.ID] {
			missing = append(missing, n.ID)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("report nodes the lockfile extractor does not make: %v (it makes %v)", missing, have)
	}
}

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"trivy.json": true, "reports/trivy-image.json": true, "grype-results.json": true, "osv-scanner.json": true,
		"ci/api.trivy.json": true, "osv_scanner_results.json": true, "Trivy.JSON": true,
		"trivy.yaml": false, "package.json": false, "pkg/testdata/trivy.json": false, "sbom.json": false,
	}
	for p, want := range tests {
		if got := New().FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]bool{
		`{"SchemaVersion": 2, "ArtifactName": "x"`:           true,
		`{"matches": [], "source": {}}`:                      true,
		"\ufeff{\"results\": [{\"source\": {\"path\": \"a\"": true,
		`{"bomFormat": "CycloneDX", "specVersion": "1.6"}`:   false,
		`{"version": "2.1.0", "runs": []}`:                   false,
		`{"@context": "https://openvex.dev/ns/v0.2.0"}`:      false,
		`not json`: false,
	}
	for head, want := range tests {
		if got := Sniff([]byte(head)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", head, got, want)
		}
	}
}

// TestUnknownFormat: a file given with --import that is no report is an error; found in the repository
// under a report's name, an info.
func TestUnknownFormat(t *testing.T) {
	f := Parse("/tmp/x/settings.json", strings.NewReader("{\"severity\": \"HIGH\"}"))
	want := []model.Diagnostic{{File: "import:settings.json", Line: 1, Severity: model.SeverityError, Extractor: Name,
		Message: "not an osv-scanner, Trivy or Grype JSON report (top-level keys: severity); not imported"}}
	if diff := cmp.Diff(want, f.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	fsys := fstest.MapFS{"trivy-sbom.json": {Data: []byte(`{"bomFormat": "CycloneDX", "specVersion": "1.6"}`)}}
	if f, _ := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"trivy-sbom.json"}}); len(f.Diagnostics) != 0 {
		t.Errorf("a CycloneDX report under a scanner's name is package cyclonedx's: %v", f.Diagnostics)
	}
	if f := Parse("big.json", strings.NewReader("[]")); len(f.Diagnostics) != 1 || f.Diagnostics[0].Severity != model.SeverityError {
		t.Errorf("a top-level array: %v", f.Diagnostics)
	}
}

// TestNoSecretsStored: the password in a description's URL is redacted, and Trivy's secret findings leave
// nothing behind.
func TestNoSecretsStored(t *testing.T) {
	fsys := fstest.MapFS{}
	data, _ := os.ReadFile("testdata/trivy-image.json")
	fsys["trivy.json"] = &fstest.MapFile{Data: data}
	f, _ := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"trivy.json"}})
	for _, n := range f.Nodes {
		s := strings.ToLower(strings.Join(flatten(n.Attrs), " "))
		if strings.Contains(s, "hunter2") || strings.Contains(s, "aws_access_key_id") {
			t.Errorf("%s stores a secret: %v", n.ID, n.Attrs)
		}
	}
}

func flatten(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return nil
}

func TestPaths(t *testing.T) {
	rel := map[string]string{
		"services/web/package-lock.json": "services/web/package-lock.json", "./go.mod": "go.mod",
		"/home/runner/work/x/go.mod": "", `C:\src\go.mod`: "", "../go.mod": "", "https://x/y": "", ".": "",
		`web\package-lock.json`: "web/package-lock.json",
	}
	for in, want := range rel {
		got, ok := relativePath(in)
		if got != want || ok != (want != "") {
			t.Errorf("relativePath(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	grype := []struct{ dir, loc, want string }{
		{".", "/services/web/package-lock.json", "services/web/package-lock.json"},
		{"services", "/web/package-lock.json", "services/web/package-lock.json"},
		{"/home/me/shop", "/go.mod", ""},
		{".", "", ""},
	}
	for _, tt := range grype {
		if got := grypeLocation(tt.dir, tt.loc); got != tt.want {
			t.Errorf("grypeLocation(%q, %q) = %q, want %q", tt.dir, tt.loc, got, tt.want)
		}
	}
}
