package app

import (
	"fmt"
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// foothold is what TestCodeFlaws compares of a paths.Foothold.
type foothold struct {
	Class, Node, Control string
	L                    float64
	Evidence             []string
	Assumes              int
	Reachable            bool
}

func summarizeFootholds(fhs []paths.Foothold) []foothold {
	var out []foothold
	for _, f := range fhs {
		s := foothold{Class: f.Class, Node: f.Node, Control: f.Control.ID, L: math.Round(f.Likelihood*1000) / 1000,
			Assumes: len(f.Assumptions), Reachable: f.Reachable}
		for _, e := range f.Evidence {
			s.Evidence = append(s.Evidence, fmt.Sprintf("%s:%d", e.File, e.Line))
		}
		out = append(out, s)
	}
	return out
}

// TestCodeFlaws checks the code-flaw foothold source over the graph
//
//	web (deploy/app.yaml:10) -runs-> image:web (:12) ; web -part-of-> service:default/web (catalog-info.yaml:3)
//	and has-flaw edges (evidence services/web/Dockerfile:5) into code-flaw nodes from web, its image or its
//	service, as each case says.
func TestCodeFlaws(t *testing.T) {
	const w, img, svc = "k8s:app/Deployment/web", "image:registry.example.com/web:1", "service:default/web"
	high := codeFlaw("ssrf", "high", "go", "http.Get", "services/web/a.go", 20)
	medium := codeFlaw("sql-injection", "medium", "go", "db.Query", "services/web/b.go", 30)
	unstated := codeFlaw("command-injection", "", "python", "os.system", "services/web/c.py", 7)
	unreachable := codeFlaw("path-traversal", "high", "go", "os.Open", "services/web/d.go", 9)
	unreachable.Attrs["reachable"] = false
	hasFlaw := func(from string, f model.Node, conf float64, extra map[string]any) model.Edge {
		return linkEdge(from, model.EdgeHasFlaw, f.ID, conf, "services/web/Dockerfile", 5, extra)
	}
	base := []model.Node{workload(w, 10), image(img), workload("k8s:app/Deployment/other", 40),
		{ID: svc, Kind: model.KindService, Type: "Component", Name: "web", Prov: prov("catalog-info.yaml", 1)}}
	baseEdges := []model.Edge{factEdge(w, model.EdgeRuns, img, "deploy/app.yaml", 12),
		linkEdge(w, model.EdgePartOf, svc, 0.9, "catalog-info.yaml", 3, nil)}
	fix := func(f model.Node) string { return "fix-flaw:" + f.ID }
	tests := []struct {
		name  string
		flaws []model.Node
		edges []model.Edge
		want  []foothold
	}{
		{"direct, high confidence: 0.9", []model.Node{high}, []model.Edge{hasFlaw(w, high, 0.9, nil)},
			[]foothold{{"ssrf", high.ID, fix(high), 0.9, []string{"services/web/a.go:20", "services/web/Dockerfile:5"}, 0, true}}},
		{"through the image, medium: 0.6, the runs edge is evidence", []model.Node{medium}, []model.Edge{hasFlaw(img, medium, 0.9, nil)},
			[]foothold{{"sql-injection", medium.ID, fix(medium), 0.6,
				[]string{"services/web/b.go:30", "services/web/Dockerfile:5", "deploy/app.yaml:12"}, 0, true}}},
		{"through the service: 0.8 of it, assumed", []model.Node{high}, []model.Edge{hasFlaw(svc, high, 0.9, nil)},
			[]foothold{{"ssrf", high.ID, fix(high), 0.72, []string{"services/web/a.go:20", "services/web/Dockerfile:5", "catalog-info.yaml:3"}, 1, true}}},
		{"no stated confidence: 0.5, assumed", []model.Node{unstated}, []model.Edge{hasFlaw(w, unstated, 0.9, nil)},
			[]foothold{{"command-injection", unstated.ID, fix(unstated), 0.5, []string{"services/web/c.py:7", "services/web/Dockerfile:5"}, 1, true}}},
		{"a low-confidence link halves it and says so, with the link's own assumptions", []model.Node{high},
			[]model.Edge{hasFlaw(w, high, 0.3, map[string]any{"assumptions": []any{"the image is built from this directory"}})},
			[]foothold{{"ssrf", high.ID, fix(high), 0.45, []string{"services/web/a.go:20", "services/web/Dockerfile:5"}, 2, true}}},
		{"a medium link: 0.8 of it", []model.Node{high}, []model.Edge{hasFlaw(w, high, 0.6, nil)},
			[]foothold{{"ssrf", high.ID, fix(high), 0.72, []string{"services/web/a.go:20", "services/web/Dockerfile:5"}, 1, true}}},
		{"code not called: kept at 0.3 of it", []model.Node{unreachable}, []model.Edge{hasFlaw(w, unreachable, 0.9, nil)},
			[]foothold{{"path-traversal", unreachable.ID, fix(unreachable), 0.27, []string{"services/web/d.go:9", "services/web/Dockerfile:5"}, 0, false}}},
		{"two routes to one flaw: one foothold, the direct route", []model.Node{high},
			[]model.Edge{hasFlaw(img, high, 0.9, nil), hasFlaw(w, high, 0.9, nil)},
			[]foothold{{"ssrf", high.ID, fix(high), 0.9, []string{"services/web/a.go:20", "services/web/Dockerfile:5"}, 0, true}}},
		{"two flaws: by flaw ID", []model.Node{medium, high}, []model.Edge{hasFlaw(img, medium, 0.9, nil), hasFlaw(img, high, 0.9, nil)},
			[]foothold{
				{"ssrf", high.ID, fix(high), 0.9, []string{"services/web/a.go:20", "services/web/Dockerfile:5", "deploy/app.yaml:12"}, 0, true},
				{"sql-injection", medium.ID, fix(medium), 0.6, []string{"services/web/b.go:30", "services/web/Dockerfile:5", "deploy/app.yaml:12"}, 0, true},
			}},
		{"a finding of no foothold class is none", []model.Node{codeFlaw("", "high", "go", "log.Printf", "services/web/e.go", 3)},
			[]model.Edge{hasFlaw(w, codeFlaw("", "high", "go", "log.Printf", "services/web/e.go", 3), 0.9, map[string]any{"foothold": false})}, nil},
		{"another workload's flaw is not this one's", []model.Node{high}, []model.Edge{hasFlaw("k8s:app/Deployment/other", high, 0.9, nil)}, nil},
		{"a has-flaw edge from a node that is no workload, image or service", []model.Node{high,
			{ID: "pkg:golang/x@1", Kind: model.KindPackage, Type: "golang", Prov: prov("go.mod", 3)}},
			[]model.Edge{hasFlaw("pkg:golang/x@1", high, 0.9, nil)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := build(append(append([]model.Node(nil), base...), tt.flaws...), append(append([]model.Edge(nil), baseEdges...), tt.edges...))
			c := paths.NewContext(g, []paths.FootholdSource{CodeFlaws{}})
			got := summarizeFootholds(c.FootholdsOf(w))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("footholds (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCodeFlawsExplain checks what a foothold says: its reason names the flaw, the confidence, the tool and
// how the workload has it; its control points at the sink's line.
func TestCodeFlawsExplain(t *testing.T) {
	const w, img = "k8s:app/Deployment/web", "image:registry.example.com/web:1"
	f := codeFlaw("ssrf", "high", "go", "http.Get", "services/web/a.go", 20)
	f.Attrs["route"] = "GET /preview"
	g := build([]model.Node{workload(w, 10), image(img), f},
		[]model.Edge{factEdge(w, model.EdgeRuns, img, "deploy/app.yaml", 12), linkEdge(img, model.EdgeHasFlaw, f.ID, 0.9, "services/web/Dockerfile", 5, nil)})
	fhs := CodeFlaws{}.Footholds(paths.NewContext(g, nil), w)
	if len(fhs) != 1 {
		t.Fatalf("%d footholds, want 1", len(fhs))
	}
	want := paths.Foothold{Class: "ssrf", Node: f.ID, Likelihood: 0.9, Reachable: true,
		Reason: "request input reaches http.Get in handler (GET /preview) (high confidence, seam): k8s:app/Deployment/web runs image:registry.example.com/web:1, which has the flaw",
		Evidence: []model.Evidence{{File: "services/web/a.go", Line: 20, What: "request input reaches http.Get in handler (GET /preview)"},
			{File: "services/web/Dockerfile", Line: 5, What: "has-flaw"}, {File: "deploy/app.yaml", Line: 12, What: "runs " + img}},
		Control: paths.Control{ID: "fix-flaw:" + f.ID, Title: "fix the ssrf at services/web/a.go:20 (http.Get)", Node: f.ID,
			File: "services/web/a.go", Line: 20}}
	if diff := cmp.Diff(want, fhs[0]); diff != "" {
		t.Errorf("foothold (-want +got):\n%s", diff)
	}
}
