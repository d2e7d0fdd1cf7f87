package aws

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// computeSystem holds an ECS service running a task definition with a task role (and an execution role, which
// only the ECS agent uses), and a Lambda function with its execution role:
//
//	svc -runs-> task -uses-identity-> task-role      task -references-> exec-role
//	fn -uses-identity-> fn-role
func computeSystem() *graph.Graph {
	s := &sys{}
	s.node("svc", model.KindWorkload, "aws_ecs_service", "orders", nil)
	s.node("task", model.KindWorkload, "aws_ecs_task_definition", "orders", nil)
	s.node("task-role", model.KindIdentity, "aws_iam_role", "orders-task", nil)
	s.node("exec-role", model.KindIdentity, "aws_iam_role", "orders-exec", nil)
	s.node("fn", model.KindWorkload, "aws_lambda_function", "resize", nil)
	s.node("fn-role", model.KindIdentity, "aws_iam_role", "resize", nil)
	s.edge("svc", model.EdgeRuns, "task", nil).edge("task", model.EdgeUsesIdentity, "task-role", nil).
		edge("task", model.EdgeReferences, "exec-role", nil).edge("fn", model.EdgeUsesIdentity, "fn-role", nil)
	return s.graph()
}

func TestComputeRoles(t *testing.T) {
	g := computeSystem()
	for _, tc := range []struct {
		name  string
		rule  paths.Rule
		state paths.State
		want  []got
	}{
		{"task definition: its task role, not the execution role", taskRole{}, st(paths.Exec, "task"), []got{{"creds(task-role)", 0, "workload-role:task-role", "main.tf:1", 0}}},
		{"service: the task role of the definition it runs", taskRole{}, st(paths.Exec, "svc"), []got{{"creds(task-role)", 0, "workload-role:task-role", "main.tf:1", 0}}},
		{"a function is not a task", taskRole{}, st(paths.Exec, "fn"), nil},
		{"function: its execution role", functionRole{}, st(paths.Exec, "fn"), []got{{"creds(fn-role)", 0, "workload-role:fn-role", "main.tf:1", 0}}},
		{"a task is not a function", functionRole{}, st(paths.Exec, "task"), nil},
		{"a file read in a function: /proc/self/environ", tokenFile{}, st(paths.FileRead, "fn"), []got{{"creds(fn-role)", 0, "workload-role:fn-role", "main.tf:1", 0}}},
		{"a file read in a task: no credentials on disk", tokenFile{}, st(paths.FileRead, "task"), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, run(g, tc.rule, tc.state)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

// podIdentitySystem holds pods and ServiceAccounts:
//
//	api -uses-identity-> sa-api -uses-identity[irsa]-> api-role
//	web, jobs -uses-identity-> sa-default -uses-identity[irsa]-> shared-role     (the namespace's default SA)
//	batch -uses-identity-> sa-batch -uses-identity[eks-pod-identity]-> batch-role  (egress limited)
//	plain -uses-identity-> sa-plain                                              (no role)
func podIdentitySystem() *graph.Graph {
	s := &sys{}
	for _, w := range []string{"api", "web", "jobs", "batch", "plain"} {
		s.node(w, model.KindWorkload, "Deployment", w, map[string]any{"namespace": "shop"})
	}
	for _, sa := range []string{"api", "default", "batch", "plain"} {
		s.node("sa-"+sa, model.KindIdentity, "ServiceAccount", sa, map[string]any{"namespace": "shop"})
	}
	for _, r := range []string{"api-role", "shared-role", "batch-role"} {
		s.node(r, model.KindIdentity, "aws_iam_role", r, nil)
	}
	s.edge("api", model.EdgeUsesIdentity, "sa-api", nil).edge("web", model.EdgeUsesIdentity, "sa-default", nil).
		edge("jobs", model.EdgeUsesIdentity, "sa-default", nil).edge("batch", model.EdgeUsesIdentity, "sa-batch", nil).
		edge("plain", model.EdgeUsesIdentity, "sa-plain", nil)
	s.edge("sa-api", model.EdgeUsesIdentity, "api-role", map[string]any{"method": "irsa",
		"evidence": []any{map[string]any{"file": "api.yaml", "line": 7, "what": "annotation"}}})
	s.edge("sa-default", model.EdgeUsesIdentity, "shared-role", map[string]any{"method": "irsa",
		"assumptions": []any{"the trust has no :sub condition: every ServiceAccount of the cluster"}})
	s.edge("sa-batch", model.EdgeUsesIdentity, "batch-role", map[string]any{"method": "eks-pod-identity"})
	s.derive("batch", "egress", map[string]any{"limited": true, "metadata_reachable": false})
	return s.graph()
}

func TestPodRole(t *testing.T) {
	g := podIdentitySystem()
	for _, tc := range []struct {
		pod  string
		want []got
	}{
		{"api", []got{{"creds(api-role)", 0.95, "workload-role:api-role", "api.yaml:7", 0}}},
		// The default ServiceAccount with a role: every pod on it holds the role; the fix is the pod's own SA.
		{"web", []got{{"creds(shared-role)", 0.95, "dedicated-sa:web", "main.tf:1", 1}}},
		{"jobs", []got{{"creds(shared-role)", 0.95, "dedicated-sa:jobs", "main.tf:1", 1}}},
		// Pod Identity through the node's agent, which the limited egress may not admit: assumed, lower.
		{"batch", []got{{"creds(batch-role)", 0.855, "workload-role:batch-role", "main.tf:1", 1}}},
		{"plain", nil},
	} {
		t.Run(tc.pod, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, run(g, podRole{}, st(paths.Exec, tc.pod))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
	// The reason says the token is projected whatever automountServiceAccountToken says.
	if ss := steps(g, podRole{}, st(paths.Exec, "api")); len(ss) != 1 || !strings.Contains(ss[0].Reason, "automountServiceAccountToken does not matter") {
		t.Errorf("the IRSA step must say automount does not matter: %+v", ss)
	}
}
