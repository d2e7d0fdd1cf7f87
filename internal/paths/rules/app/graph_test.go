package app

import (
	"fmt"
	"math"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// Small graphs for the rules' table tests, drawn in each test's comment. Every node is defined at a file
// and line of its own, so evidence can be checked by place.

func prov(file string, line int) model.Provenance {
	return model.Provenance{File: file, Line: line, Extractor: "fixture"}
}

// workload returns a Kubernetes Deployment node; ports are container ports (name:number, number alone).
func workload(id string, line int, ports ...any) model.Node {
	var ps []any
	for i := 0; i+1 < len(ports); i += 2 {
		ps = append(ps, map[string]any{"name": ports[i], "container_port": ports[i+1]})
	}
	attrs := map[string]any{}
	if len(ps) > 0 {
		attrs["containers"] = []any{map[string]any{"name": "main", "ports": ps}}
	}
	return model.Node{ID: id, Kind: model.KindWorkload, Type: "Deployment", Name: id, Attrs: attrs, Prov: prov("deploy/app.yaml", line)}
}

func image(id string) model.Node {
	return model.Node{ID: id, Kind: model.KindImage, Type: "container image", Implicit: true, Prov: prov("deploy/app.yaml", 1)}
}

// codeFlaw returns a code-flaw node as the detectors make it, at file:line.
func codeFlaw(class, confidence, language, sink, file string, line int) model.Node {
	attrs := map[string]any{"class": class, "language": language, "sink": sink, "tool": "seam", "function": "handler"}
	if confidence != "" {
		attrs["confidence"] = confidence
	}
	return model.Node{ID: fmt.Sprintf("code-flaw:%s:%d:%s", file, line, class), Kind: model.KindCodeFlaw, Type: class,
		Name: "request input reaches " + sink, Attrs: attrs, Prov: prov(file, line)}
}

func store(id, typ string, attrs map[string]any, line int) model.Node {
	return model.Node{ID: id, Kind: model.KindDataStore, Type: typ, Name: id, Attrs: attrs, Prov: prov("infra/main.tf", line)}
}

// linkEdge returns an edge a link builder made: its confidence, reason and evidence at file:line.
func linkEdge(from string, kind model.EdgeKind, to string, confidence float64, file string, line int, extra map[string]any) model.Edge {
	attrs := map[string]any{"confidence": confidence, "reason": fmt.Sprintf("%s %s %s", from, kind, to),
		"evidence": []any{map[string]any{"file": file, "line": line, "what": string(kind)}}}
	for k, v := range extra {
		attrs[k] = v
	}
	return model.Edge{From: from, To: to, Kind: kind, Attrs: attrs, Prov: model.Provenance{File: file, Line: line, Extractor: "link/fixture"}}
}

// factEdge returns an edge an extractor made (no link attributes).
func factEdge(from string, kind model.EdgeKind, to string, file string, line int) model.Edge {
	return model.Edge{From: from, To: to, Kind: kind, Prov: prov(file, line)}
}

// derive returns a derived property of a node, resting on file:line.
func derive(node, key string, value map[string]any, file string, line int) model.Derived {
	return model.Derived{Node: node, Key: key, Value: value, Prov: model.Provenance{File: file, Line: line, Extractor: "link/exposure"}}
}

// build freezes the nodes and edges into a graph and sets the derived properties, as the link stage does.
func build(nodes []model.Node, edges []model.Edge, derived ...model.Derived) *graph.Graph {
	g := graph.New()
	g.Add(model.Facts{Nodes: nodes, Edges: edges})
	g.Freeze()
	if len(derived) > 0 {
		g.Extend(model.Facts{Derived: derived})
	}
	return g
}

// step is what the tables compare of a paths.Step.
type step struct {
	To       string
	L        float64 // rounded to 3 places
	Control  string
	Evidence []string // file:line
	Assumes  int      // how many assumptions
}

func summarize(steps []paths.Step) []step {
	var out []step
	for _, s := range steps {
		st := step{To: s.To.String(), L: math.Round(s.Likelihood*1000) / 1000, Control: s.Control.ID, Assumes: len(s.Assumptions)}
		for _, e := range s.Evidence {
			st.Evidence = append(st.Evidence, fmt.Sprintf("%s:%d", e.File, e.Line))
		}
		out = append(out, st)
	}
	return out
}

// stepsOf runs one rule from one state over g with the code-flaw source.
func stepsOf(g *graph.Graph, r paths.Rule, s paths.State) []paths.Step {
	return r.Steps(paths.NewContext(g, []paths.FootholdSource{CodeFlaws{}}), s)
}

func reachOf(id string) paths.State { return paths.State{Kind: paths.Reach, Node: id} }
