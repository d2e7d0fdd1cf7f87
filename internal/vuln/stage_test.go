package vuln

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/vuln/feeds"
)

// stageGraph draws what extraction gives for a small system:
//
//	module:app/go.mod -contains-> pkg:golang/example.com/fictional/webkit@1.3.0    (GO-2099-0001 = CVE-2099-1001,
//	                                                                               CWE-22; app/main.go imports
//	                                                                               its router but calls neither
//	                                                                               vulnerable symbol)
//	module:web/package-lock.json -contains-> pkg:npm/%40fictional/left-trim@1.5.0  (GHSA-f1c7-npm0-0002,
//	                                                                               last_affected 1.5.0)
//	vuln:CVE-2099-7777 (a Trivy finding: RCE in left-trim 1.5.0, fixed 1.6.0)
//	vex:web/vex.json#1: CVE-2099-7777 not_affected for pkg:npm/%40fictional/left-trim
func stageGraph() *graph.Graph {
	at := func(f string, l int) model.Provenance { return model.Provenance{File: f, Line: l, Extractor: "test"} }
	const gopkg, npmpkg = "pkg:golang/example.com/fictional/webkit@1.3.0", "pkg:npm/%40fictional/left-trim@1.5.0"
	g := graph.New()
	g.Add(model.Facts{
		Nodes: []model.Node{
			{ID: "module:app/go.mod", Kind: model.KindModule, Type: "go.mod", Prov: at("app/go.mod", 1)},
			{ID: gopkg, Kind: model.KindPackage, Type: "golang", Name: "example.com/fictional/webkit",
				Attrs: map[string]any{"purl": gopkg, "version": "1.3.0"}, Prov: at("app/go.mod", 5)},
			{ID: "module:web/package-lock.json", Kind: model.KindModule, Type: "package-lock.json", Prov: at("web/package-lock.json", 1)},
			{ID: npmpkg, Kind: model.KindPackage, Type: "npm", Name: "@fictional/left-trim",
				Attrs: map[string]any{"purl": npmpkg, "version": "1.5.0"}, Prov: at("web/package-lock.json", 40)},
			{ID: "vuln:CVE-2099-7777", Kind: model.KindVulnerability, Type: "trivy", Name: "CVE-2099-7777",
				Attrs: map[string]any{
					"aliases": []any{"CVE-2099-7777"}, "summary": "Remote code execution through a crafted pattern",
					"cvss":    []any{map[string]any{"version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},
					"affects": []any{map[string]any{"package": npmpkg, "installed": "1.5.0", "fixed": "1.6.0", "source": "trivy"}},
				}, Prov: at("reports/trivy.json", 12)},
			{ID: "vex:web/vex.json#1", Kind: model.KindConfig, Type: "vex-statement", Name: "CVE-2099-7777",
				Attrs: map[string]any{"vulnerability": "CVE-2099-7777", "ids": []any{"CVE-2099-7777"},
					"products": []any{"pkg:npm/%40fictional/left-trim"}, "status": "not_affected",
					"justification": "vulnerable_code_not_in_execute_path"}, Prov: at("web/vex.json", 9)},
		},
		Edges: []model.Edge{
			{From: "module:app/go.mod", To: gopkg, Kind: model.EdgeContains, Prov: at("app/go.mod", 5)},
			{From: "module:web/package-lock.json", To: npmpkg, Kind: model.EdgeContains, Prov: at("web/package-lock.json", 40)},
		},
	})
	g.Freeze()
	return g
}

var stageFS = fstest.MapFS{
	"app/go.mod": {Data: []byte("module example.com/shop/app\n\ngo 1.22\n\nrequire example.com/fictional/webkit v1.3.0\n")},
	"app/main.go": {Data: []byte(`package main

import "example.com/fictional/webkit/router"

func main() { println(router.Version()) }
`)},
}

const stageKEV = `{"catalogVersion": "2099.01.01", "dateReleased": "2099-01-01T00:00:00.000Z", "count": 1,
 "vulnerabilities": [{"cveID": "CVE-2099-1001", "vendorProject": "Fictional", "product": "webkit",
  "vulnerabilityName": "Fictional webkit path traversal", "dateAdded": "2099-01-02",
  "shortDescription": "x", "requiredAction": "Apply updates.", "dueDate": "2099-01-23",
  "knownRansomwareCampaignUse": "Unknown", "notes": "", "cwes": ["CWE-22"]}]}`

func TestStage(t *testing.T) {
	db, err := OpenWith(context.Background(), "testdata/osv", Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	kev, _, err := feeds.ReadKEV(strings.NewReader(stageKEV), "kev.json")
	if err != nil {
		t.Fatal(err)
	}
	facts := Stage(context.Background(), stageGraph(), StageOptions{DB: db, KEV: kev, FS: stageFS})

	type edge struct {
		From, To                     string
		Sources                      []string
		Installed, Fixed, Vex, Where string
		Reachable, KEV               any
	}
	var got []edge
	for _, e := range facts.Edges {
		s, _ := e.Attrs["vex_status"].(string)
		got = append(got, edge{e.From, e.To, link.Strings(e.Attrs["sources"]), str(e.Attrs["installed"]), str(e.Attrs["fixed"]),
			s, e.Prov.File, e.Attrs["reachable"], e.Attrs["kev"]})
	}
	want := []edge{
		{"pkg:golang/example.com/fictional/webkit@1.3.0", "vuln:CVE-2099-1001", []string{"osv-db"}, "1.3.0", "1.4.2", "", "app/go.mod", false, true},
		{"pkg:npm/%40fictional/left-trim@1.5.0", "vuln:CVE-2099-7777", []string{"trivy"}, "1.5.0", "1.6.0", "not_affected", "web/package-lock.json", nil, nil},
	}
	npmVuln := wantNPMVuln(t, db)
	want = append(want, edge{"pkg:npm/%40fictional/left-trim@1.5.0", npmVuln, []string{"osv-db"}, "1.5.0", "3.2.0", "", "web/package-lock.json", nil, nil})
	sortEdges := cmp.Transformer("sort", func(in []edge) []edge {
		out := append([]edge(nil), in...)
		for i := range out {
			for j := i + 1; j < len(out); j++ {
				if out[j].From+out[j].To < out[i].From+out[i].To {
					out[i], out[j] = out[j], out[i]
				}
			}
		}
		return out
	})
	if diff := cmp.Diff(want, got, sortEdges); diff != "" {
		t.Errorf("affected-by edges (-want +got):\n%s", diff)
	}

	nodes := map[string]model.Node{}
	for _, n := range facts.Nodes {
		nodes[n.ID] = n
	}
	goVuln := nodes["vuln:CVE-2099-1001"]
	if diff := cmp.Diff([]any{"path-traversal"}, goVuln.Attrs["classes"]); diff != "" {
		t.Errorf("classes of the Go vulnerability (-want +got):\n%s", diff)
	}
	if goVuln.Attrs["score"] != 7.5 || goVuln.Attrs["severity"] != "high" || goVuln.Attrs["kev"] != true {
		t.Errorf("the Go vulnerability: score %v, severity %v, kev %v; want 7.5, high, true", goVuln.Attrs["score"], goVuln.Attrs["severity"], goVuln.Attrs["kev"])
	}
	if !strings.HasPrefix(goVuln.Prov.File, "osv:Go/") {
		t.Errorf("a database advisory's provenance is %q, want osv:Go/…", goVuln.Prov.File)
	}
	trivy := nodes["vuln:CVE-2099-7777"]
	if diff := cmp.Diff([]any{"remote-code-execution"}, trivy.Attrs["classes"]); diff != "" {
		t.Errorf("an imported finding is classified from its text (-want +got):\n%s", diff)
	}
	if trivy.Attrs["score"] != 9.8 || trivy.Prov.File != "reports/trivy.json" {
		t.Errorf("the imported node is completed at its own place: score %v, file %s", trivy.Attrs["score"], trivy.Prov.File)
	}
	for _, e := range facts.Edges {
		if e.To == "vuln:CVE-2099-1001" && !strings.Contains(str(e.Attrs["reachability"]), "parsePath") {
			t.Errorf("reachability reason %q does not say which symbols were looked for", e.Attrs["reachability"])
		}
	}
}

// wantNPMVuln returns the node ID the database gives the left-trim advisory.
func wantNPMVuln(t *testing.T, db *DB) string {
	t.Helper()
	p, _ := PackageFromPURL("pkg:npm/%40fictional/left-trim@1.5.0")
	ms, _ := db.Match([]Package{p})
	if len(ms) != 1 {
		t.Fatalf("the fixture database gives %d matches for left-trim 1.5.0, want 1", len(ms))
	}
	return model.VulnerabilityID(append([]string{ms[0].Vulnerability.ID}, ms[0].Vulnerability.Aliases...)...)
}

func TestStageWithoutDatabase(t *testing.T) {
	facts := Stage(context.Background(), stageGraph(), StageOptions{})
	if len(facts.Edges) != 1 || facts.Edges[0].To != "vuln:CVE-2099-7777" {
		t.Fatalf("without a database only the imported finding becomes an edge, got %v", facts.Edges)
	}
}

func str(v any) string { s, _ := v.(string); return s }
