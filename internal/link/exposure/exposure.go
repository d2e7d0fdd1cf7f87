// Package exposure is the link builder that decides what the internet reaches and what can reach what inside:
// internet -exposes-> the load balancers, Ingresses, Services, public instances, function URLs, API routes
// and databases that admit it; routes-to hops the extractors do not make (autoscaling group → launch
// template, REST method → integration, function URL → function); a derived "exposure" property on every
// workload the internet reaches, with the hops, ports, authentication and controls on the way; refused links
// where a security group, a NetworkPolicy, an internal scheme or a private subnet blocks a hop;
// network-reach edges from workloads to the data stores their security groups admit, and between Kubernetes
// workloads where NetworkPolicies select the target; derived "reachable_from_cluster" and "egress"
// properties on Kubernetes workloads.
//
// Decisions where the task and the platforms leave a choice:
//   - Unknown values are never safe: an unknown CIDR, prefix list or security group not in the scan is
//     assumed to admit the traffic, an unknown `internal` is assumed internet-facing, an Ingress controller
//     whose class names no known controller is assumed internet-facing; each is a model.Assumption and is
//     repeated in the edge's or route's "assumptions".
//   - A security group (or loadBalancerSourceRanges) that admits public ranges but not every address still
//     exposes, with "source_ranges" on the edge and low confidence: part of the internet reaches it.
//   - Documented platform defaults are facts, not assumptions: the AWS Load Balancer Controller makes
//     internal load balancers unless told internet-facing; an ALB without security_groups gets the VPC's
//     default group, which admits only its own members; a subnet without a route table association uses the
//     VPC's main route table, which has only the local route unless the scan changes it; EKS's cluster
//     security group admits its own members.
//   - Refused exposures are reported as refused internet -exposes-> links to the node that would have been
//     reached (the load balancer, instance, Service or workload), with the blocking control's file:line.
//   - Kubernetes pods run on the node groups of the only EKS cluster in the scan (an assumption); with none
//     or several, pod-to-data-store reach is not computed.
package exposure

import (
	"context"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the builder's name; its facts have provenance extractor "link/exposure".
const Name = "exposure"

// Builder is the exposure link builder. It is stateless and safe for concurrent use.
type Builder struct{}

// New returns the exposure builder.
func New() *Builder { return &Builder{} }

// Name returns "exposure".
func (*Builder) Name() string { return Name }

// Describe says what the builder joins.
func (*Builder) Describe() string {
	return "decides what the internet reaches (load balancers, Ingresses, Services, public instances, function URLs, " +
		"API routes, databases) through security groups, routes and NetworkPolicies, and what reaches what inside"
}

// Inputs lists what the builder reads.
func (*Builder) Inputs() []string {
	return []string{
		"Kubernetes Ingress, Service, NetworkPolicy, Namespace, IngressClass and workload nodes; routes-to and selects edges",
		"aws_lb/aws_alb, listeners, listener rules, target groups and attachments, aws_autoscaling_group, aws_ecs_service",
		"aws_instance, aws_eip, aws_subnet, aws_route_table, aws_route, route table associations, aws_internet_gateway",
		"aws_security_group (inline rules), aws_security_group_rule, aws_vpc_security_group_ingress_rule/egress_rule",
		"aws_lambda_function_url, aws_lambda_permission, aws_api_gateway_*, aws_apigatewayv2_*",
		"aws_db_instance, aws_rds_cluster and other data stores with security groups; aws_eks_cluster, aws_eks_node_group",
		"protected-by, member-of, routes-to, runs and network-reach edges",
	}
}

// run holds one Build's state.
type run struct {
	b    *Builder
	g    *graph.Graph
	ix   *link.Index
	ctx  context.Context
	out  *collector
	sg   *sgIndex
	nets *netIndex
	kube *kubeIndex
}

// Build returns the exposure facts for the graph.
func (b *Builder) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	ix := in.Index
	if ix == nil {
		ix = link.NewIndex(in.Graph)
	}
	r := &run{b: b, g: in.Graph, ix: ix, ctx: ctx, out: newCollector(b, in.Graph)}
	r.out.ensureInternet()
	r.nets = newNetIndex(r)
	r.sg = r.buildSGIndex()
	r.kube = r.buildKubeIndex()
	steps := []func(){
		r.hopRoutes, r.loadBalancers, r.publicInstances, r.publicGroups, r.publicDatabases, r.functionURLs, r.restAPIs, r.httpAPIs,
		r.ingresses, r.loadBalancerServices, r.nodePortServices,
		r.podReach, r.podEgress, r.dataStoreReach,
	}
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		step()
	}
	return r.out.facts(), ctx.Err()
}

// node returns a graph node by ID, nil when absent.
func (r *run) node(id string) *model.Node {
	n, _ := r.g.Node(id)
	return n
}

// ofTypes returns the nodes of a kind whose Type is one of types, in ID order.
func (r *run) ofTypes(kind model.NodeKind, types ...string) []*model.Node {
	var out []*model.Node
	for _, n := range r.g.NodesOfKind(kind) {
		for _, t := range types {
			if n.Type == t {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// outOf returns the nodes an edge kind leads to from id, in edge order.
func (r *run) outOf(id string, kind model.EdgeKind) []*model.Node {
	var out []*model.Node
	for _, e := range r.g.Out(id) {
		if e.Kind == kind {
			if n := r.node(e.To); n != nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// inOf returns the nodes an edge kind comes from into id, in edge order.
func (r *run) inOf(id string, kind model.EdgeKind) []*model.Node {
	var out []*model.Node
	for _, e := range r.g.In(id) {
		if e.Kind == kind {
			if n := r.node(e.From); n != nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// edgeBetween returns the edge of a kind from → to, if the graph has one.
func (r *run) edgeBetween(from string, kind model.EdgeKind, to string) *model.Edge {
	for _, e := range r.g.Out(from) {
		if e.Kind == kind && e.To == to {
			return e
		}
	}
	return nil
}
