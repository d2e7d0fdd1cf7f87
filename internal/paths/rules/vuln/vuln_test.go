package vuln

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// system draws the graph a scan of a small Node.js service gives once the vulnerability stage has run:
//
//	k8s:shop/Deployment/web -runs-> image:web:1.0 -contains-> module:web/package-lock.json
//	    -contains-> pkg:npm/axios@1.6.0 -affected-by-> vuln:CVE-2024-39338 (ssrf, CVSS 7.5)
//	k8s:shop/Deployment/web -part-of-> service:web <-part-of- pkg:npm/left@1.0.0 -affected-by-> vuln:CVE-X (rce)
//
// edit changes the affected-by edge of axios (VEX, reachability, KEV …) before the graph is frozen.
func system(edit func(axios *model.Edge, v *model.Node)) *graph.Graph {
	at := func(file string, line int) model.Provenance {
		return model.Provenance{File: file, Line: line, Extractor: "test"}
	}
	axiosVuln := model.Node{ID: "vuln:CVE-2024-39338", Kind: model.KindVulnerability, Type: "osv", Name: "CVE-2024-39338",
		Attrs: map[string]any{"classes": []any{"ssrf"}, "score": 7.5, "summary": "axios follows path-relative URLs as protocol-relative ones"},
		Prov:  at("osv:npm/CVE-2024-39338.json", 1)}
	affected := model.Edge{From: "pkg:npm/axios@1.6.0", To: axiosVuln.ID, Kind: model.EdgeAffectedBy,
		Attrs: map[string]any{"installed": "1.6.0", "fixed": "1.7.4", "range": "introduced 1.3.2, fixed 1.7.4"},
		Prov:  at("web/package-lock.json", 66)}
	if edit != nil {
		edit(&affected, &axiosVuln)
	}
	g := graph.New()
	g.Add(model.Facts{
		Nodes: []model.Node{
			{ID: "k8s:shop/Deployment/web", Kind: model.KindWorkload, Type: "Deployment", Name: "web", Prov: at("deploy/web.yaml", 1)},
			{ID: "image:web:1.0", Kind: model.KindImage, Type: "container image", Name: "web:1.0", Prov: at("deploy/web.yaml", 20)},
			{ID: "module:web/package-lock.json", Kind: model.KindModule, Name: "web/package-lock.json", Prov: at("web/package-lock.json", 1)},
			{ID: "pkg:npm/axios@1.6.0", Kind: model.KindPackage, Type: "npm", Name: "axios",
				Attrs: map[string]any{"name": "axios", "version": "1.6.0"}, Prov: at("web/package-lock.json", 66)},
			{ID: "pkg:npm/left@1.0.0", Kind: model.KindPackage, Type: "npm", Name: "left",
				Attrs: map[string]any{"name": "left", "version": "1.0.0"}, Prov: at("other/package-lock.json", 9)},
			{ID: "service:web", Kind: model.KindService, Name: "web", Prov: at("seam.yaml", 3)},
			axiosVuln,
			{ID: "vuln:CVE-X", Kind: model.KindVulnerability, Name: "CVE-X",
				Attrs: map[string]any{"classes": []any{"remote-code-execution"}, "score": 9.8}, Prov: at("osv:npm/CVE-X.json", 1)},
			{ID: "vuln:CVE-INFO", Kind: model.KindVulnerability, Name: "CVE-INFO",
				Attrs: map[string]any{"score": 5.3}, Prov: at("osv:npm/CVE-INFO.json", 1)},
		},
		Edges: []model.Edge{
			{From: "k8s:shop/Deployment/web", To: "image:web:1.0", Kind: model.EdgeRuns, Prov: at("deploy/web.yaml", 20)},
			{From: "image:web:1.0", To: "module:web/package-lock.json", Kind: model.EdgeContains, Prov: at("web/Dockerfile", 4)},
			{From: "module:web/package-lock.json", To: "pkg:npm/axios@1.6.0", Kind: model.EdgeContains, Prov: at("web/package-lock.json", 66)},
			affected,
			{From: "pkg:npm/axios@1.6.0", To: "vuln:CVE-INFO", Kind: model.EdgeAffectedBy, Prov: at("web/package-lock.json", 66)},
			{From: "k8s:shop/Deployment/web", To: "service:web", Kind: model.EdgePartOf, Prov: at("seam.yaml", 3)},
			{From: "pkg:npm/left@1.0.0", To: "service:web", Kind: model.EdgePartOf, Prov: at("seam.yaml", 3)},
			{From: "pkg:npm/left@1.0.0", To: "vuln:CVE-X", Kind: model.EdgeAffectedBy, Prov: at("other/package-lock.json", 9)},
		},
	})
	g.Freeze()
	return g
}

// got is what a test compares of a foothold.
type got struct {
	Class      string
	Node       string
	Likelihood float64
	Reachable  bool
	Control    string
}

func footholds(g *graph.Graph) []got {
	c := paths.NewContext(g, []paths.FootholdSource{Vulnerabilities{}})
	var out []got
	for _, fh := range (Vulnerabilities{}).Footholds(c, "k8s:shop/Deployment/web") {
		out = append(out, got{fh.Class, fh.Node, math.Round(fh.Likelihood*1000) / 1000, fh.Reachable, fh.Control.Title})
	}
	return out
}

func TestFootholds(t *testing.T) {
	const upgrade = "upgrade axios to 1.7.4 or later (fixes CVE-2024-39338)"
	rce := got{"remote-code-execution", "vuln:CVE-X", 0.64, true, "upgrade left to a version without CVE-X"}
	tests := []struct {
		name string
		edit func(*model.Edge, *model.Node)
		want []got
	}{
		{"the image's lockfile pins axios; left is known through the service",
			nil, []got{{"ssrf", "vuln:CVE-2024-39338", 0.6, true, upgrade}, rce}},
		{"VEX not_affected removes the foothold",
			func(e *model.Edge, _ *model.Node) { e.Attrs["vex_status"] = "not_affected" }, []got{rce}},
		{"VEX under_investigation keeps it",
			func(e *model.Edge, _ *model.Node) { e.Attrs["vex_status"] = "under_investigation" },
			[]got{{"ssrf", "vuln:CVE-2024-39338", 0.6, true, upgrade}, rce}},
		{"not reachable lowers it and keeps it",
			func(e *model.Edge, _ *model.Node) { e.Attrs["reachable"] = false },
			[]got{{"ssrf", "vuln:CVE-2024-39338", 0.12, false, upgrade}, rce}},
		{"known exploited raises it",
			func(e *model.Edge, _ *model.Node) { e.Attrs["kev"] = true },
			[]got{{"ssrf", "vuln:CVE-2024-39338", 0.95, true, upgrade}, rce}},
		{"high EPSS raises it, capped at 1 with KEV",
			func(e *model.Edge, _ *model.Node) { e.Attrs["kev"] = true; e.Attrs["epss"] = 0.9 },
			[]got{{"ssrf", "vuln:CVE-2024-39338", 1, true, upgrade}, rce}},
		{"tiny EPSS lowers it",
			func(e *model.Edge, _ *model.Node) { e.Attrs["epss"] = 0.004 },
			[]got{{"ssrf", "vuln:CVE-2024-39338", 0.42, true, upgrade}, rce}},
		{"no score is an assumed 0.4",
			func(_ *model.Edge, v *model.Node) { delete(v.Attrs, "score") },
			[]got{{"ssrf", "vuln:CVE-2024-39338", 0.4, true, upgrade}, rce}},
		{"no fixed version",
			func(e *model.Edge, _ *model.Node) { delete(e.Attrs, "fixed") },
			[]got{{"ssrf", "vuln:CVE-2024-39338", 0.6, true, "upgrade axios to a version without CVE-2024-39338"}, rce}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, footholds(system(tt.edit))); diff != "" {
				t.Errorf("footholds (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFootholdExplains checks that the foothold names the vulnerability and package, says every factor, and
// rests on the lockfile line and the route's edges.
func TestFootholdExplains(t *testing.T) {
	g := system(func(e *model.Edge, _ *model.Node) { e.Attrs["reachability"] = "axios is not imported by Go code" })
	c := paths.NewContext(g, nil)
	fhs := (Vulnerabilities{}).Footholds(c, "k8s:shop/Deployment/web")
	if len(fhs) != 2 {
		t.Fatalf("got %d footholds, want 2", len(fhs))
	}
	fh := fhs[0]
	if want := "CVE-2024-39338 in axios 1.6.0"; fh.Label != want {
		t.Errorf("label %q, want %q", fh.Label, want)
	}
	wantReason := "CVE-2024-39338 in axios 1.6.0, a ssrf vulnerability (CVSS 7.5 → 0.6): Deployment web runs container image web:1.0, " +
		"built with module:web/package-lock.json, which pins pkg:npm/axios@1.6.0"
	if fh.Reason != wantReason {
		t.Errorf("reason\n got %q\nwant %q", fh.Reason, wantReason)
	}
	var files []string
	for _, e := range fh.Evidence {
		files = append(files, e.File)
	}
	if diff := cmp.Diff([]string{"web/package-lock.json", "osv:npm/CVE-2024-39338.json", "deploy/web.yaml", "web/Dockerfile", "web/package-lock.json"}, files); diff != "" {
		t.Errorf("evidence files (-want +got):\n%s", diff)
	}
	if fh.Control.ID != "upgrade:pkg:npm/axios@1.6.0" || fh.Control.File != "web/package-lock.json" || fh.Control.Line != 66 {
		t.Errorf("control %+v", fh.Control)
	}
	if diff := cmp.Diff([]string{"the vulnerable code is assumed reachable: axios is not imported by Go code"}, fh.Assumptions); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
}
