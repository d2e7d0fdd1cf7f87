package aws

import (
	"encoding/json"
	"testing"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// FuzzAttributeReaders feeds arbitrary JSON values to what the rules read from the graph — a launch
// template's metadata_options, a node group's ami_type, a can edge's evidence, statements, actions and access
// levels, a pod's derived egress — and checks the readers never fail and the metadata rule's invariants hold:
// a disabled endpoint answers nobody; IMDSv2 answers no forged request; IMDSv1 answers everyone.
//
//	go test -run '^$' -fuzz=FuzzAttributeReaders -fuzztime=60s ./internal/paths/rules/aws
func FuzzAttributeReaders(f *testing.F) {
	for _, tc := range metadataCases(f) {
		b, _ := json.Marshal(tc.Options)
		f.Add(b)
	}
	f.Add([]byte(`{"evidence":[{"file":"a.tf","line":3,"what":"x"}],"statements":[{"policy":"p","statement":1}],"access":["read","admin"],"actions":["s3:GetObject","x:Y"],"actions_total":2}`))
	f.Add([]byte(`[{"http_tokens":["required"]},7]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		m, _ := v.(map[string]any)
		g := graph.New()
		g.Add(model.Facts{Nodes: []model.Node{
			{ID: "lt", Kind: model.KindWorkload, Type: "aws_launch_template", Attrs: map[string]any{"metadata_options": v}},
			{ID: "ng", Kind: model.KindHost, Type: "aws_eks_node_group", Attrs: map[string]any{"ami_type": v}},
			{ID: "pod", Kind: model.KindWorkload, Type: "Deployment", Attrs: map[string]any{"host_network": v}},
		}, Edges: []model.Edge{{From: "pod", To: "lt", Kind: model.EdgeCan, Attrs: m}}})
		g.Freeze()
		g.Extend(model.Facts{Derived: []model.Derived{{Node: "pod", Key: "egress", Value: v}}})
		c := paths.NewContext(g, nil)
		lt, _ := g.Node("lt")
		for _, s := range []imds{settingsOf(c, lt), eksDefault(c.Node("ng"))} {
			checkInvariants(t, s)
		}
		e := g.Out("pod")[0]
		_ = edgeEvidence(e, "x")
		_ = statementsOf(e)
		_ = edgeAssumptions(e)
		_, _ = levels(strs(e.Attrs["access"]))
		_ = actionsOf(e, paths.Read)
		_ = egressOf(c.Node("pod"))
		_ = hostNetwork(c.Node("pod"))
		_ = block(lt, "metadata_options")
	})
}

func checkInvariants(t *testing.T, s imds) {
	t.Helper()
	for _, who := range []caller{forged, container, onHost} {
		got := s.allows(who)
		switch {
		case s.disabled && got:
			t.Fatalf("a disabled endpoint answers %v: %+v", who, s)
		case s.required && who == forged && got:
			t.Fatalf("IMDSv2 answers a forged request: %+v", s)
		case !s.required && !s.disabled && !got:
			t.Fatalf("IMDSv1 refuses %v: %+v", who, s)
		}
		if got {
			_ = s.why(who)
		}
	}
}
