package k8s

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/link/rbac"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// FuzzRules feeds the rules workloads and RBAC summaries of any shape — the attributes are JSON the
// extractors and builders write, and a graph may come from elsewhere — and checks that no rule panics, that
// the steps are the same on a second run, and that every step is complete. Seeds are the workloads and
// ServiceAccounts of the fixture systems under testdata.
func FuzzRules(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, workload, summary string) {
		var wa, ra map[string]any
		if json.Unmarshal([]byte(workload), &wa) != nil || json.Unmarshal([]byte(summary), &ra) != nil {
			return
		}
		w := pod("apps", "app", wa)
		s := sa("apps", "app", wa)
		host := node("infra:aws_eks_node_group.general", model.KindHost, "aws_eks_node_group", nil)
		sec := secret("apps", "creds")
		nodes := []model.Node{w, s, host, sec, pod("apps", "other", nil)}
		edges := []model.Edge{uses(w, s), edge(w.ID, model.EdgeRunsOn, host.ID, wa),
			edge(w.ID, model.EdgeMounts, sec.ID, wa), edge(w.ID, model.EdgeReadsSecret, sec.ID, wa),
			edge(s.ID, model.EdgeCan, sec.ID, ra), edge(w.ID, model.EdgeConnectsTo, sec.ID, ra)}
		derived := map[string]map[string]any{s.ID: {"rbac": ra}, w.ID: {"reachable_from_cluster": ra}}
		first := steps(build(t, nodes, edges, derived), []string{w.ID, s.ID, host.ID, sec.ID})
		again := steps(build(t, nodes, edges, derived), []string{w.ID, s.ID, host.ID, sec.ID})
		if diff := cmp.Diff(first, again); diff != "" {
			t.Errorf("steps differ between runs:\n%s", diff)
		}
	})
}

// steps asks every rule for its steps from every state of its kinds on the given nodes.
func steps(c *paths.Context, ids []string) []string {
	var out []string
	for _, r := range Rules() {
		for _, k := range r.Meta().From {
			for _, id := range ids {
				got := run(c, r, paths.State{Kind: k, Node: id})
				for _, st := range got {
					if st.Control.ID == "" || st.Reason == "" || st.Likelihood <= 0 || st.Likelihood > 1 {
						out = append(out, "INCOMPLETE "+st.To.String())
					}
				}
				out = append(out, summary(got)...)
			}
		}
	}
	return out
}

// seeds returns (workload attributes, rbac summary) pairs from the fixture systems: every workload with the
// summary of some ServiceAccount, after the rbac builder.
func seeds(f *testing.F) [][2]string {
	dirs, _ := filepath.Glob(filepath.Join("testdata", "*", "deploy"))
	var out [][2]string
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			continue
		}
		g := linktest.Dir(f, filepath.Dir(d))
		linktest.Apply(f, g, rbac.New())
		var summaries []string
		for _, n := range g.NodesOfKind(model.KindIdentity) {
			if v, ok := n.Derived["rbac"]; ok {
				b, _ := json.Marshal(v.Value)
				summaries = append(summaries, string(b))
			}
		}
		summaries = append(summaries, `{}`)
		for i, n := range g.NodesOfKind(model.KindWorkload) {
			b, _ := json.Marshal(n.Attrs)
			out = append(out, [2]string{string(b), summaries[i%len(summaries)]})
		}
	}
	return out
}
