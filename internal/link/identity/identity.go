// Package identity links workloads to the cloud identities whose credentials they hold: a Kubernetes
// ServiceAccount to the IAM role it assumes through IRSA (the eks.amazonaws.com/role-arn annotation) or EKS Pod
// Identity, checked against the role's trust policy; EC2 instances and launch templates, Lambda functions, ECS
// tasks and EKS node groups to their roles where the configuration names them by a literal name or ARN rather
// than a reference (references are already edges), each checked against the trust the role grants to the
// compute service; and Kubernetes workloads to the node groups they are scheduled on.
//
// Decisions:
//   - A trust policy that does not admit the ServiceAccount (or the compute service) makes a refused link, never
//     an edge: the workload cannot obtain those credentials.
//   - An IRSA trust without a condition on the token's subject admits every ServiceAccount of the cluster: the
//     link is made, with that said as an assumption.
//   - A role named by an annotation but not defined in the scanned files becomes an implicit identity node
//     whose ID is its ARN; its permissions are unknown, which is an assumption.
//   - Several roles with the name an annotation gives (one per environment's root module): every one whose
//     account is not known to differ is linked, at medium confidence.
//   - Pods run on the node groups of the only EKS cluster in the scan, unless a Fargate profile selects their
//     namespace; with several clusters Seam cannot tell where manifests are applied and makes no runs-on edge.
package identity

import (
	"context"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Builder is the identity link builder.
type Builder struct{}

// New returns the identity builder.
func New() *Builder { return &Builder{} }

// Name returns "identity".
func (*Builder) Name() string { return "identity" }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "workloads to the cloud identities they hold: IRSA and Pod Identity, instance profiles, task, Lambda and node roles, checked against trust policies; pods to the node groups they run on"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"ServiceAccount annotations (eks.amazonaws.com/role-arn)", "aws_eks_pod_identity_association",
		"aws_iam_role (assume_role_policy)", "aws_iam_openid_connect_provider", "aws_iam_instance_profile",
		"aws_instance", "aws_launch_template", "aws_lambda_function", "aws_ecs_task_definition",
		"aws_eks_node_group", "aws_eks_fargate_profile", "aws_eks_cluster", "Kubernetes workloads",
	}
}

// Build makes the links.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	w := &work{b: b, in: in, ix: in.Index, roles: rolesByName(in)}
	w.irsa()
	if err := ctx.Err(); err != nil {
		return model.Facts{}, err
	}
	w.podIdentity()
	w.compute()
	w.runsOn()
	return w.out, nil
}

// work holds one Build's state and output.
type work struct {
	b     *Builder
	in    *link.Input
	ix    *link.Index
	roles map[string][]*model.Node // role name → roles with that name, sorted by ID
	out   model.Facts
}

func (w *work) edge(from string, kind model.EdgeKind, to string, l link.Link) {
	w.out.Edges = append(w.out.Edges, link.NewEdge(w.b, from, kind, to, l))
	for _, a := range l.Assumptions {
		w.out.Assumptions = append(w.out.Assumptions, model.Assumption{Subject: from, Attribute: string(kind),
			Reason: a, Assumed: "the link is made", Prov: link.NewEdge(w.b, from, kind, to, l).Prov})
	}
}

func (w *work) broken(from string, kind model.EdgeKind, to string, l link.Link) {
	w.out.Broken = append(w.out.Broken, link.NewBroken(w.b, from, kind, to, l))
}

// rolesByName indexes the IAM roles of the scan (managed ones and data sources of existing ones) by name.
func rolesByName(in *link.Input) map[string][]*model.Node {
	out := map[string][]*model.Node{}
	for _, n := range in.Graph.NodesOfKind(model.KindIdentity) {
		if n.Type != "aws_iam_role" && n.Type != "data.aws_iam_role" {
			continue
		}
		if name, ok := n.Attrs["name"].(string); ok && name != "" {
			out[name] = append(out[name], n)
		}
	}
	return out
}
