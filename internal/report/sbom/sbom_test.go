package sbom

import (
	"bytes"
	"testing"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"
	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/report/sbom/sbomtest"
)

// shop is a small system drawn by hand:
//
//	k8s:shop/Deployment/web -runs-> image:reg/web:1.0 -contains-> module:web/package-lock.json
//	    module:web/package-lock.json -contains-> pkg:npm/axios@1.6.0, pkg:npm/qs@6.5.0
//	    image:reg/web:1.0 -contains-> pkg:deb/debian/openssl@3.0.11   (an OS package, straight in the image)
//	image:reg/batch:1.0 (no workload runs it) -contains-> module:batch/go.mod -contains-> pkg:golang/example.com/c@v1.0.0
//	pkg:npm/axios@1.6.0 -part-of-> service:web; module:web/package-lock.json -part-of-> service:web
//	service:web -depends-on-> service:api; pkg:npm/axios@1.6.0 -depends-on-> pkg:npm/qs@6.5.0
//	image:reg/web:1.0 -part-of-> service:web -part-of-> business-service:shop
//	image:reg/web:1.0 -part-of-> business-service:shop                (the service is the better home)
//
// and five vulnerabilities, one per analysis rule:
//
//	vuln:CVE-2024-0001 (ssrf foothold) on axios, deployed          → exploitable
//	vuln:CVE-2024-0002 on qs, reachable false                       → not_affected, code_not_reachable
//	vuln:CVE-2024-0003 (rce foothold) on c, in no workload's image  → in_triage, not deployed
//	vuln:CVE-2024-0004 on openssl with an OpenVEX not_affected, and on qs with nothing said
//	                                                                → two entries: not_affected; in_triage (#2)
//	vuln:GHSA-aaaa-bbbb-cccc (moderate, no CVSS) on nothing         → left out
func shop(t *testing.T) *graph.Graph {
	t.Helper()
	prov := func(file string, line int) model.Provenance {
		return model.Provenance{File: file, Line: line, Extractor: "test"}
	}
	pkg := func(id, name, version string, line int) model.Node {
		return model.Node{ID: id, Kind: model.KindPackage, Type: "npm", Name: name, Prov: prov("web/package-lock.json", line),
			Attrs: map[string]any{"name": name, "version": version, "purl": id}}
	}
	vuln := func(id string, attrs map[string]any) model.Node {
		return model.Node{ID: "vuln:" + id, Kind: model.KindVulnerability, Type: "osv", Name: id, Attrs: attrs,
			Prov: prov("osv:npm/"+id+".json", 1)}
	}
	edge := func(from, kind, to string, attrs map[string]any) model.Edge {
		return model.Edge{From: from, To: to, Kind: model.EdgeKind(kind), Attrs: attrs, Prov: prov("x", 1)}
	}
	cvss := []any{map[string]any{"version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "score": 7.5}}
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{
		{ID: "k8s:shop/Deployment/web", Kind: model.KindWorkload, Type: "Deployment", Name: "web", Prov: prov("deploy/web.yaml", 1)},
		{ID: "image:reg/web:1.0", Kind: model.KindImage, Type: "container image", Name: "reg/web:1.0", Prov: prov("deploy/web.yaml", 20)},
		{ID: "image:reg/batch:1.0", Kind: model.KindImage, Type: "container image", Name: "reg/batch:1.0", Prov: prov("ci.yml", 4)},
		{ID: "module:web/package-lock.json", Kind: model.KindModule, Type: "package-lock.json v3", Name: "web/package-lock.json", Prov: prov("web/package-lock.json", 1)},
		{ID: "module:batch/go.mod", Kind: model.KindModule, Type: "go.mod", Name: "batch/go.mod", Prov: prov("batch/go.mod", 1),
			Attrs: map[string]any{"module_path": "example.com/batch"}},
		{ID: "service:web", Kind: model.KindService, Type: "Component", Name: "web", Prov: prov("catalog-info.yaml", 3),
			Attrs: map[string]any{"description": "the shop's pages"}},
		{ID: "business-service:shop", Kind: model.KindBusinessService, Type: "business-service", Name: "shop", Prov: prov("seam.yaml", 2)},
		{ID: "service:api", Kind: model.KindService, Type: "Component", Name: "api", Prov: prov("catalog-info.yaml", 20)},
		pkg("pkg:npm/axios@1.6.0", "axios", "1.6.0", 10),
		pkg("pkg:npm/qs@6.5.0", "qs", "6.5.0", 20),
		{ID: "pkg:deb/debian/openssl@3.0.11", Kind: model.KindPackage, Type: "deb", Name: "openssl", Prov: prov("web/Dockerfile", 3),
			Attrs: map[string]any{"name": "openssl", "version": "3.0.11"}},
		{ID: "pkg:golang/example.com/c@v1.0.0", Kind: model.KindPackage, Type: "golang", Name: "example.com/c", Prov: prov("batch/go.mod", 5),
			Attrs: map[string]any{"name": "example.com/c", "version": "v1.0.0"}},
		vuln("CVE-2024-0001", map[string]any{"aliases": []any{"CVE-2024-0001", "GHSA-1111-2222-3333"}, "classes": []any{"ssrf"},
			"cvss": cvss, "cwes": []any{"CWE-918"}, "summary": "SSRF", "published": "2024-01-02"}),
		vuln("CVE-2024-0002", map[string]any{"severity": "low", "summary": "ReDoS"}),
		vuln("CVE-2024-0003", map[string]any{"classes": []any{"remote-code-execution"}, "cwes": []any{"CWE-94", "CWE-20"},
			"cvss": []any{map[string]any{"version": "4.0", "vector": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "score": 9.3}}}),
		vuln("CVE-2024-0004", map[string]any{"severity": "medium"}),
		vuln("GHSA-aaaa-bbbb-cccc", map[string]any{"severity": "moderate"}),
	}, Edges: []model.Edge{
		edge("k8s:shop/Deployment/web", "runs", "image:reg/web:1.0", nil),
		edge("image:reg/web:1.0", "contains", "module:web/package-lock.json", nil),
		edge("image:reg/web:1.0", "contains", "pkg:deb/debian/openssl@3.0.11", nil),
		edge("module:web/package-lock.json", "contains", "pkg:npm/axios@1.6.0", nil),
		edge("module:web/package-lock.json", "contains", "pkg:npm/qs@6.5.0", nil),
		edge("image:reg/batch:1.0", "contains", "module:batch/go.mod", nil),
		edge("module:batch/go.mod", "contains", "pkg:golang/example.com/c@v1.0.0", nil),
		edge("pkg:npm/axios@1.6.0", "part-of", "service:web", nil),
		edge("module:web/package-lock.json", "part-of", "service:web", nil),
		edge("service:web", "depends-on", "service:api", nil),
		edge("image:reg/web:1.0", "part-of", "service:web", nil),
		edge("image:reg/web:1.0", "part-of", "business-service:shop", nil),
		edge("service:web", "part-of", "business-service:shop", nil),
		edge("pkg:npm/axios@1.6.0", "depends-on", "pkg:npm/qs@6.5.0", nil),
		edge("pkg:npm/axios@1.6.0", "affected-by", "vuln:CVE-2024-0001", map[string]any{"installed": "1.6.0", "fixed": "1.7.4"}),
		edge("pkg:npm/qs@6.5.0", "affected-by", "vuln:CVE-2024-0002", map[string]any{"installed": "6.5.0", "reachable": false,
			"reachability": "qs.parse is never called"}),
		edge("pkg:golang/example.com/c@v1.0.0", "affected-by", "vuln:CVE-2024-0003", map[string]any{"installed": "v1.0.0"}),
		edge("pkg:deb/debian/openssl@3.0.11", "affected-by", "vuln:CVE-2024-0004", map[string]any{"installed": "3.0.11",
			"vex_status": "not_affected", "vex_justification": "vulnerable_code_not_in_execute_path", "vex_statement": "web.openvex.json:12"}),
		edge("pkg:npm/qs@6.5.0", "affected-by", "vuln:CVE-2024-0004", map[string]any{"installed": "6.5.0"}),
	}})
	g.Freeze()
	return g
}

// TestTree checks where each component nests and what it depends on.
func TestTree(t *testing.T) {
	bom := Build(shop(t), Options{Repository: "shop"})
	got := map[string][]string{}
	var walk func(parent string, cs *[]cdx.Component)
	walk = func(parent string, cs *[]cdx.Component) {
		if cs == nil {
			return
		}
		for _, c := range *cs {
			got[parent] = append(got[parent], c.BOMRef)
			walk(c.BOMRef, c.Components)
		}
	}
	walk("(top)", bom.Components)
	want := map[string][]string{
		"(top)":                        {"business-service:shop", "image:reg/batch:1.0", "service:api"},
		"business-service:shop":        {"service:web"},
		"service:web":                  {"image:reg/web:1.0"},
		"image:reg/web:1.0":            {"module:web/package-lock.json", "pkg:deb/debian/openssl@3.0.11"},
		"module:web/package-lock.json": {"pkg:npm/axios@1.6.0", "pkg:npm/qs@6.5.0"},
		"image:reg/batch:1.0":          {"module:batch/go.mod"},
		"module:batch/go.mod":          {"pkg:golang/example.com/c@v1.0.0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("component tree (-want +got):\n%s", diff)
	}
	deps := map[string][]string{}
	for _, d := range *bom.Dependencies {
		if d.Dependencies != nil {
			deps[d.Ref] = *d.Dependencies
		}
	}
	wantDeps := map[string][]string{
		"repository:shop":              {"business-service:shop", "image:reg/batch:1.0", "service:api"},
		"business-service:shop":        {"image:reg/web:1.0", "service:web"},
		"image:reg/web:1.0":            {"module:web/package-lock.json", "pkg:deb/debian/openssl@3.0.11"},
		"image:reg/batch:1.0":          {"module:batch/go.mod"},
		"module:web/package-lock.json": {"pkg:npm/axios@1.6.0", "pkg:npm/qs@6.5.0"},
		"module:batch/go.mod":          {"pkg:golang/example.com/c@v1.0.0"},
		"service:web":                  {"image:reg/web:1.0", "module:web/package-lock.json", "pkg:npm/axios@1.6.0", "service:api"},
		"pkg:npm/axios@1.6.0":          {"pkg:npm/qs@6.5.0"},
	}
	if diff := cmp.Diff(wantDeps, deps); diff != "" {
		t.Errorf("dependencies (-want +got):\n%s", diff)
	}
}

// TestVulnerabilities checks one vulnerability entry per analysis, with its state, justification, detail and
// the packages it applies to.
func TestVulnerabilities(t *testing.T) {
	bom := Build(shop(t), Options{Repository: "shop"})
	type row struct {
		Ref, ID       string
		State         cdx.ImpactAnalysisState
		Justification cdx.ImpactAnalysisJustification
		Detail        string
		Affects       []string
	}
	var got []row
	for _, v := range *bom.Vulnerabilities {
		r := row{Ref: v.BOMRef, ID: v.ID, State: v.Analysis.State, Justification: v.Analysis.Justification, Detail: v.Analysis.Detail}
		for _, a := range *v.Affects {
			r.Affects = append(r.Affects, a.Ref)
		}
		got = append(got, r)
	}
	want := []row{
		{"vuln:CVE-2024-0001", "CVE-2024-0001", cdx.IASExploitable, "", "a foothold (ssrf) on Seam's attack paths in a deployed image", []string{"pkg:npm/axios@1.6.0"}},
		{"vuln:CVE-2024-0002", "CVE-2024-0002", cdx.IASNotAffected, cdx.IAJCodeNotReachable, "qs.parse is never called", []string{"pkg:npm/qs@6.5.0"}},
		{"vuln:CVE-2024-0003", "CVE-2024-0003", cdx.IASInTriage, "", NotDeployed, []string{"pkg:golang/example.com/c@v1.0.0"}},
		{"vuln:CVE-2024-0004", "CVE-2024-0004", cdx.IASInTriage, "", "affected version deployed; not a foothold class Seam's attack paths use", []string{"pkg:npm/qs@6.5.0"}},
		{"vuln:CVE-2024-0004#2", "CVE-2024-0004", cdx.IASNotAffected, cdx.IAJCodeNotReachable,
			"VEX not_affected: justification vulnerable_code_not_in_execute_path; VEX statement at web.openvex.json:12", []string{"pkg:deb/debian/openssl@3.0.11"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("vulnerabilities (-want +got):\n%s", diff)
	}
	first := (*bom.Vulnerabilities)[0]
	score := 7.5
	wantFirst := cdx.Vulnerability{Ratings: &[]cdx.VulnerabilityRating{{Score: &score, Severity: cdx.SeverityHigh,
		Method: cdx.ScoringMethodCVSSv31, Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}},
		CWEs: &[]int{918}, Description: "SSRF", Published: "2024-01-02T00:00:00Z", Recommendation: "upgrade pkg:npm/axios@1.6.0 to 1.7.4"}
	gotFirst := cdx.Vulnerability{Ratings: first.Ratings, CWEs: first.CWEs, Description: first.Description,
		Published: first.Published, Recommendation: first.Recommendation}
	if diff := cmp.Diff(wantFirst, gotFirst); diff != "" {
		t.Errorf("CVE-2024-0001 details (-want +got):\n%s", diff)
	}
}

// TestAnalyse is the rule table of the package comment, one edge at a time.
func TestAnalyse(t *testing.T) {
	foothold := &model.Node{ID: "vuln:X", Attrs: map[string]any{"classes": []any{"sql-injection"}}}
	plain := &model.Node{ID: "vuln:Y"}
	tests := []struct {
		name     string
		v        *model.Node
		edge     map[string]any
		deployed bool
		want     analysis
	}{
		{"VEX beats reachability", foothold, map[string]any{"vex_status": "fixed", "reachable": false}, true,
			analysis{State: cdx.IASResolved, Detail: "VEX fixed"}},
		{"VEX affected", plain, map[string]any{"vex_status": "affected", "vex_statement": "a.json:3"}, false,
			analysis{State: cdx.IASExploitable, Detail: "VEX affected: VEX statement at a.json:3"}},
		{"VEX under investigation", plain, map[string]any{"vex_status": "under_investigation"}, true,
			analysis{State: cdx.IASInTriage, Detail: "VEX under_investigation"}},
		{"CycloneDX justification kept", plain, map[string]any{"vex_status": "not_affected", "vex_justification": "protected_at_perimeter"}, true,
			analysis{State: cdx.IASNotAffected, Justification: cdx.IAJProtectedAtPerimeter, Detail: "VEX not_affected: justification protected_at_perimeter"}},
		{"not reachable beats not deployed", foothold, map[string]any{"reachable": false, "reachability": "no call"}, false,
			analysis{State: cdx.IASNotAffected, Justification: cdx.IAJCodeNotReachable, Detail: "no call"}},
		{"not deployed beats foothold", foothold, nil, false, analysis{State: cdx.IASInTriage, Detail: NotDeployed}},
		{"reachable foothold", foothold, map[string]any{"reachable": true, "reachability": "main calls db.Query"}, true,
			analysis{State: cdx.IASExploitable, Detail: "a foothold (sql-injection) on Seam's attack paths in a deployed image; reachable: main calls db.Query"}},
		{"deployed, no foothold", plain, nil, true,
			analysis{State: cdx.IASInTriage, Detail: "affected version deployed; not a foothold class Seam's attack paths use"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analyse(tt.v, &model.Edge{Attrs: tt.edge}, tt.deployed)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestWriteValid checks the BOM against the CycloneDX 1.6 schema and that it is byte-identical across runs,
// with a serial number that follows the content, not the clock.
func TestWriteValid(t *testing.T) {
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	var a, b bytes.Buffer
	if err := Write(&a, shop(t), Options{Repository: "shop", ToolVersion: "test", Now: now}); err != nil {
		t.Fatal(err)
	}
	sbomtest.Validate(t, a.Bytes())
	if err := Write(&b, shop(t), Options{Repository: "shop", ToolVersion: "test", Now: now}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.String(), b.String()); diff != "" {
		t.Errorf("two writes differ:\n%s", diff)
	}
	later := Build(shop(t), Options{Repository: "shop", ToolVersion: "test", Now: now.Add(time.Hour)})
	other := Build(shop(t), Options{Repository: "other", ToolVersion: "test", Now: now})
	first := Build(shop(t), Options{Repository: "shop", ToolVersion: "test", Now: now})
	if later.SerialNumber != first.SerialNumber || other.SerialNumber == first.SerialNumber {
		t.Errorf("serial numbers: first %s, an hour later %s, other repository %s", first.SerialNumber, later.SerialNumber, other.SerialNumber)
	}
	if first.Metadata.Timestamp != "2026-03-04T05:06:07Z" || first.SpecVersion != cdx.SpecVersion1_6 ||
		!bytes.Contains(a.Bytes(), []byte(`"$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json"`)) {
		t.Errorf("timestamp %q, spec %v, or $schema not 1.6", first.Metadata.Timestamp, first.SpecVersion)
	}
}

// TestEmptyGraph writes a valid BOM of nothing but the repository.
func TestEmptyGraph(t *testing.T) {
	g := graph.New()
	g.Freeze()
	var buf bytes.Buffer
	if err := Write(&buf, g, Options{}); err != nil {
		t.Fatal(err)
	}
	sbomtest.Validate(t, buf.Bytes())
}

// recorder is a testing.TB that remembers whether it was failed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

// TestValidateRejects makes sure the schema check can fail: a component type CycloneDX does not know.
func TestValidateRejects(t *testing.T) {
	r := &recorder{TB: t}
	sbomtest.Validate(r, []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"gadget","name":"x"}]}`))
	if !r.failed {
		t.Error("a component of type gadget passed the schema")
	}
}
