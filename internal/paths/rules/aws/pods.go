package aws

import (
	"fmt"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// podIdentity is a role a pod holds through its ServiceAccount: IRSA or EKS Pod Identity.
type podIdentity struct {
	sa, role *model.Node
	podSA    *model.Edge // pod → ServiceAccount
	saRole   *model.Edge // ServiceAccount → role (method irsa or eks-pod-identity)
	method   string
}

// podIdentities returns the IAM roles a pod's ServiceAccount gives it.
func podIdentities(c *paths.Context, w *model.Node) []podIdentity {
	var out []podIdentity
	for _, sa := range follow(c, w.ID, model.EdgeUsesIdentity, "ServiceAccount") {
		for _, e := range saRoles(c, sa.node.ID) {
			role := c.Node(e.To)
			if role == nil || role.Kind != model.KindIdentity || role.Type == "ServiceAccount" {
				continue
			}
			out = append(out, podIdentity{sa: sa.node, role: role, podSA: sa.edge, saRole: e, method: str(e.Attrs["method"])})
		}
	}
	return out
}

// saRoles returns a ServiceAccount's uses-identity edges to cloud roles.
func saRoles(c *paths.Context, sa string) []*model.Edge {
	var es []*model.Edge
	for _, e := range outOf(c, sa, model.EdgeUsesIdentity) {
		if m := str(e.Attrs["method"]); m == "irsa" || m == "eks-pod-identity" {
			es = append(es, e)
		}
	}
	return es
}

// sharedBy counts the pod workloads that use a ServiceAccount.
func sharedBy(c *paths.Context, sa string) int {
	n := 0
	for _, e := range inOf(c, sa, model.EdgeUsesIdentity) {
		if w := c.Node(e.From); w != nil && w.Kind == model.KindWorkload {
			n++
		}
	}
	return n
}

// podRoleControl is the change that takes the role from the pod: a ServiceAccount of its own when it shares
// one (or uses the namespace's default), else narrowing or removing the role.
func podRoleControl(c *paths.Context, w *model.Node, id podIdentity) paths.Control {
	if id.sa.Name == "default" || sharedBy(c, id.sa.ID) > 1 {
		return paths.ControlAt("dedicated-sa", w, fmt.Sprintf("give %s a ServiceAccount of its own, without role %s unless it calls AWS", name(c, w.ID), id.role.Name))
	}
	return workloadRoleControl(c, w, id.role)
}

// podRole: code in a pod holds the IAM role its ServiceAccount maps to. For IRSA the EKS pod identity webhook
// projects a web identity token into every container (/var/run/secrets/eks.amazonaws.com/serviceaccount/token)
// with AWS_ROLE_ARN in the environment, whatever automountServiceAccountToken says; for EKS Pod Identity the
// agent on the node (169.254.170.23) exchanges the projected token for the role.
type podRole struct{}

func (podRole) Meta() paths.Meta {
	return paths.Meta{ID: "aws.pod-role", Title: "Code in a pod holds the IAM role of its ServiceAccount",
		Technique: "T1528", TechniqueName: "Steal Application Access Token",
		// The token and the role ARN are where every AWS SDK looks first.
		Likelihood: 0.95,
		Rationale:  "IRSA and EKS Pod Identity give every container of the pod a token that the role's trust accepts",
		Control:    "give the pod a ServiceAccount of its own, and its role only what the pod needs",
		From:       []paths.Kind{paths.Exec}, To: []paths.Kind{paths.Creds}}
}

func (r podRole) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if w == nil || w.Kind != model.KindWorkload {
		return nil
	}
	var steps []paths.Step
	for _, id := range podIdentities(c, w) {
		how := fmt.Sprintf("IRSA projects a web identity token for %s into every container of %s (automountServiceAccountToken does not matter: the EKS webhook mounts its own token volume)",
			id.sa.Name, name(c, w.ID))
		assumptions := edgeAssumptions(id.saRole)
		if id.method == "eks-pod-identity" {
			how = fmt.Sprintf("EKS Pod Identity gives the pods of ServiceAccount %s the role through the node's pod identity agent", id.sa.Name)
			if eg := egressOf(w); eg.known && !hostNetwork(w) && limited(w) {
				assumptions = appendNew(assumptions, fmt.Sprintf("NetworkPolicies limit the egress of %s: the EKS Pod Identity Agent at 169.254.170.23 is assumed reachable", w.ID))
			}
		}
		reason := fmt.Sprintf("%s, and %s trusts it: code in the pod holds %s", how, name(c, id.role.ID), name(c, id.role.ID))
		ev := append(edgeEvidence(id.saRole, "ServiceAccount role"), edgeEvidence(id.podSA, "serviceAccountName")...)
		steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: id.role.ID}, Reason: reason, Evidence: ev,
			Likelihood: lower(r.Meta().Likelihood, 0.9, len(assumptions) > 0 && id.method == "eks-pod-identity"),
			Control:    podRoleControl(c, w, id), Assumptions: assumptions, Via: keys(id.podSA, id.saRole)})
	}
	return steps
}

func limited(w *model.Node) bool {
	d, ok := w.Derived["egress"]
	if !ok {
		return false
	}
	m, _ := d.Value.(map[string]any)
	l, _ := m["limited"].(bool)
	return l
}

// tokenFile: reading files in a Lambda function (path traversal) reads /proc/self/environ, where the runtime
// keeps the execution role's credentials. (The IRSA token file of a pod is the k8s rules' k8s.sa-token-file-read.)
type tokenFile struct{}

func (tokenFile) Meta() paths.Meta {
	return paths.Meta{ID: "aws.function-environ", Title: "A file read in a Lambda function takes its role's credentials",
		Technique: "T1552.001", TechniqueName: "Unsecured Credentials: Credentials In Files",
		// The path is fixed and documented; a traversal that reads arbitrary files of the process reads it.
		Likelihood: 0.7,
		Rationale:  "a function's /proc/self/environ holds AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN of its execution role, usable from anywhere until they expire",
		Control:    "fix the file read; give the function a role with only what it needs",
		From:       []paths.Kind{paths.FileRead}, To: []paths.Kind{paths.Creds}}
}

func (r tokenFile) Steps(c *paths.Context, s paths.State) []paths.Step {
	w := c.Node(s.Node)
	if w == nil || w.Type != "aws_lambda_function" {
		return nil
	}
	var steps []paths.Step
	for _, role := range follow(c, w.ID, model.EdgeUsesIdentity, "aws_iam_role") {
		reason := fmt.Sprintf("/proc/self/environ of %s holds the credentials of its execution role %s", name(c, w.ID), name(c, role.node.ID))
		steps = append(steps, paths.Step{To: paths.State{Kind: paths.Creds, Node: role.node.ID}, Reason: reason,
			Evidence: edgeEvidence(role.edge, "role"), Control: workloadRoleControl(c, w, role.node), Via: keys(role.edge)})
	}
	return steps
}
