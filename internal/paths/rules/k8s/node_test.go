package k8s

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// colocated draws a node group with three workloads on it — a Deployment with its token, a DaemonSet whose
// ServiceAccount turns automounting off, a second Deployment sharing the first one's ServiceAccount — one
// on a Fargate profile, and one with no placement at all.
func colocated(t *testing.T) *paths.Context {
	ng := node("infra:aws_eks_node_group.general", model.KindHost, "aws_eks_node_group", nil)
	fp := node("infra:aws_eks_fargate_profile.batch", model.KindHost, "aws_eks_fargate_profile", nil)
	api, apiSA := pod("shop", "api", nil), sa("shop", "api", nil)
	admin := pod("shop", "admin", nil)
	agent, agentSA := pod("logging", "agent", map[string]any{"$type": "DaemonSet"}), sa("logging", "agent", map[string]any{"automount_service_account_token": false})
	job, jobSA := pod("batch", "report", nil), sa("batch", "report", nil)
	stray, straySA := pod("misc", "stray", nil), sa("misc", "stray", nil)
	nodes := []model.Node{ng, fp, api, apiSA, admin, agent, agentSA, job, jobSA, stray, straySA}
	edges := []model.Edge{uses(api, apiSA), uses(admin, apiSA), uses(agent, agentSA), uses(job, jobSA), uses(stray, straySA),
		edge(api.ID, model.EdgeRunsOn, ng.ID, map[string]any{"assumptions": []any{"the only cluster"}}),
		edge(admin.ID, model.EdgeRunsOn, ng.ID, nil), edge(agent.ID, model.EdgeRunsOn, ng.ID, nil),
		edge(job.ID, model.EdgeRunsOn, fp.ID, map[string]any{"method": "fargate-profile"})}
	return build(t, nodes, edges, nil)
}

func TestNodePods(t *testing.T) {
	const ctl = "node-isolation:infra:aws_eks_node_group.general"
	host := paths.State{Kind: paths.Host, Node: "infra:aws_eks_node_group.general"}
	tests := []struct {
		name  string
		rule  paths.Rule
		state paths.State
		want  []string
	}{
		{"tokens: one step per ServiceAccount with a token; none for automount off or Fargate", nodePodTokens{}, host,
			[]string{"creds(k8s:shop/ServiceAccount/api) 0.720 " + ctl}}, // first by its pod admin, which carries no assumption
		{"exec: every pod on the node group, the DaemonSet surely", nodePodExec{}, host, []string{
			"exec(k8s:logging/DaemonSet/agent) 0.900 " + ctl,
			"exec(k8s:shop/Deployment/admin) 0.720 " + ctl,
			"exec(k8s:shop/Deployment/api) 0.720 " + ctl + " assumes=1"}},
		{"the implicit nodes hold the pods with no placement", nodePodExec{}, paths.State{Kind: paths.Host, Node: ImplicitNodes},
			[]string{"exec(k8s:misc/Deployment/stray) 0.720 node-isolation:" + ImplicitNodes + " assumes=1"}},
		{"the Fargate profile is no shared node", nodePodExec{}, paths.State{Kind: paths.Host, Node: "infra:aws_eks_fargate_profile.batch"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := colocated(t)
			got := run(c, tt.rule, tt.state)
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			if tt.state.Node != ImplicitNodes {
				mustEvidence(t, got)
			}
		})
	}
}
