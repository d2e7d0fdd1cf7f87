package exposure

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// outcome is what a fixture must produce, in a form a person can check against the fixture's comments.
type outcome struct {
	exposes []string // targets of internet -exposes-> edges
	refused []string // targets of refused internet -exposes-> links
	exposed []string // nodes with a derived exposure
	reach   []string // network-reach edges "from -> to"
	routes  []string // routes-to edges the builder adds, "from -> to"
}

var outcomes = map[string]outcome{
	"webshop": {
		exposes: []string{"k8s:shop/Ingress/webshop"},
		exposed: []string{"k8s:shop/Deployment/api", "k8s:shop/Deployment/storefront"},
		reach: []string{
			"infra/terraform:aws_launch_template.node -> infra/terraform:aws_db_instance.orders",
			"k8s:shop/Deployment/api -> infra/terraform:aws_db_instance.orders",
			"k8s:shop/Deployment/storefront -> infra/terraform:aws_db_instance.orders",
			"k8s:shop/Deployment/worker -> infra/terraform:aws_db_instance.orders",
		},
	},
	"alb-targets": {
		exposes: []string{"aws_lb.web"},
		refused: []string{"aws_instance.legacy"},
		exposed: []string{"aws_ecs_service.api", "aws_lambda_function.fn", "aws_launch_template.app"},
		reach:   []string{"aws_instance.legacy -> aws_db_instance.main", "aws_launch_template.app -> aws_db_instance.main"},
		routes:  []string{"aws_autoscaling_group.app -> aws_launch_template.app"},
	},
	"alb-closed": {
		refused: []string{"aws_alb.internal", "aws_instance.app", "aws_lb.vpc_only"},
	},
	"public-instance": {
		exposes: []string{"aws_db_instance.reporting", "aws_instance.bastion"},
		refused: []string{"aws_instance.app", "aws_instance.edge"},
		exposed: []string{"aws_db_instance.reporting", "aws_instance.bastion"},
		reach: []string{
			"aws_instance.app -> aws_db_instance.reporting", "aws_instance.bastion -> aws_db_instance.reporting",
			"aws_instance.batch -> aws_db_instance.reporting",
		},
	},
	"public-asg": {
		exposes: []string{"aws_autoscaling_group.edge"},
		refused: []string{"aws_autoscaling_group.relay"},
		exposed: []string{"aws_launch_template.edge"},
		routes: []string{"aws_autoscaling_group.edge -> aws_launch_template.edge", "aws_autoscaling_group.jobs -> aws_launch_template.jobs",
			"aws_autoscaling_group.relay -> aws_launch_template.relay"},
	},
	"lambda-url": {
		exposes: []string{"aws_lambda_function_url.admin", "aws_lambda_function_url.preview", "aws_lambda_function_url.webhook"},
		exposed: []string{"aws_lambda_function.admin", "aws_lambda_function.preview", "aws_lambda_function.webhook"},
		routes: []string{
			"aws_lambda_function_url.admin -> aws_lambda_function.admin",
			"aws_lambda_function_url.preview -> aws_lambda_function.preview",
			"aws_lambda_function_url.webhook -> aws_lambda_function.webhook",
		},
	},
	"http-api": {
		exposes: []string{"aws_apigatewayv2_route.create_order", "aws_apigatewayv2_route.delete_order", "aws_apigatewayv2_route.list_orders"},
		exposed: []string{"aws_lambda_function.orders"},
	},
	"rest-api": {
		exposes: []string{"aws_api_gateway_method.get_items", "aws_api_gateway_method.post_items"},
		refused: []string{"aws_api_gateway_method.internal_any"},
		exposed: []string{"aws_lambda_function.items"},
		routes:  []string{"aws_api_gateway_method.get_items -> aws_api_gateway_integration.get_items"},
	},
	"k8s-default-deny": {
		exposes: []string{"k8s:store/Ingress/web"},
		refused: []string{"k8s:store/Deployment/web"},
		reach:   []string{"k8s:store/Deployment/web -> k8s:store/Deployment/backend"},
	},
	"k8s-internal-lb": {
		refused: []string{"k8s:pay/Ingress/backoffice", "k8s:pay/Service/ledger", "k8s:pay/Service/payments", "k8s:pay/Service/reports"},
	},
	"k8s-public-lb": {
		exposes: []string{"k8s:shop/Ingress/legacy", "k8s:shop/Service/api", "k8s:shop/Service/storefront"},
		refused: []string{"k8s:shop/Service/metrics"},
		exposed: []string{"k8s:shop/Deployment/api", "k8s:shop/Deployment/legacy", "k8s:shop/Deployment/storefront"},
	},
}

// built caches each fixture's facts (and graphs its graph), so the tests below share one run per fixture.
var (
	built  = map[string]model.Facts{}
	graphs = map[string]*graph.Graph{}
)

func facts(t *testing.T, name string) model.Facts {
	t.Helper()
	if f, ok := built[name]; ok {
		return f
	}
	for _, fx := range fixtures {
		if fx.name == name {
			g := linktest.Dir(t, fx.dir)
			f := linktest.Build(t, g, New())
			built[name], graphs[name] = f, g
			return f
		}
	}
	t.Fatalf("no fixture %q", name)
	return model.Facts{}
}

func summarise(f model.Facts) outcome {
	var o outcome
	for _, e := range f.Edges {
		switch e.Kind {
		case model.EdgeExposes:
			o.exposes = append(o.exposes, e.To)
		case model.EdgeNetworkReach:
			o.reach = append(o.reach, e.From+" -> "+e.To)
		case model.EdgeRoutesTo:
			o.routes = append(o.routes, e.From+" -> "+e.To)
		}
	}
	for _, b := range f.Broken {
		if b.From == model.InternetID && b.Kind == model.EdgeExposes {
			o.refused = append(o.refused, b.To)
		}
	}
	for _, d := range f.Derived {
		if d.Key == "exposure" {
			o.exposed = append(o.exposed, d.Node)
		}
	}
	for _, s := range [][]string{o.exposes, o.refused, o.exposed, o.reach, o.routes} {
		sort.Strings(s)
	}
	return o
}

// TestOutcomes checks, per fixture, what the internet reaches, what is refused, which workloads carry an
// exposure, and the network-reach and routes-to edges: the right answers each fixture's comment gives.
func TestOutcomes(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			want, ok := outcomes[fx.name]
			if !ok {
				t.Fatalf("no expected outcome for fixture %s", fx.name)
			}
			got := summarise(facts(t, fx.name))
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(outcome{})); diff != "" {
				t.Errorf("outcome (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAuthentication checks the authentication each exposure reports.
func TestAuthentication(t *testing.T) {
	want := map[string]string{
		"lambda-url/aws_lambda_function_url.webhook":   authNone,
		"lambda-url/aws_lambda_function_url.preview":   authNone,
		"lambda-url/aws_lambda_function_url.admin":     authIAM,
		"http-api/aws_apigatewayv2_route.list_orders":  authNone,
		"http-api/aws_apigatewayv2_route.create_order": authJWT,
		"http-api/aws_apigatewayv2_route.delete_order": authIAM,
		"rest-api/aws_api_gateway_method.get_items":    authNone,
		"rest-api/aws_api_gateway_method.post_items":   authIAM,
		"alb-targets/aws_lb.web":                       authNone,
		"webshop/k8s:shop/Ingress/webshop":             authNone,
	}
	got := map[string]string{}
	for key := range want {
		fixture, node, _ := strings.Cut(key, "/")
		for _, e := range facts(t, fixture).Edges {
			if e.Kind == model.EdgeExposes && e.To == node {
				got[key], _ = e.Attrs["authentication"].(string)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("authentication (-want +got):\n%s", diff)
	}
}

// TestUnknownCIDRIsAnAssumption checks that the bastion's SSH rule from var.admin_cidr exposes it, with the
// assumption on the edge and as a model.Assumption, and a lower confidence than a rule Seam can read.
func TestUnknownCIDRIsAnAssumption(t *testing.T) {
	f := facts(t, "public-instance")
	const text = "var.admin_cidr is unknown; assumed to admit the internet"
	var edge *model.Edge
	for i, e := range f.Edges {
		if e.Kind == model.EdgeExposes && e.To == "aws_instance.bastion" {
			edge = &f.Edges[i]
		}
	}
	if edge == nil {
		t.Fatal("no exposes edge to the bastion")
	}
	if diff := cmp.Diff([]any{text}, edge.Attrs["assumptions"]); diff != "" {
		t.Errorf("edge assumptions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]any{22}, edge.Attrs["ports"]); diff != "" {
		t.Errorf("ports (-want +got):\n%s", diff)
	}
	if edge.Attrs["confidence_label"] != "medium" {
		t.Errorf("confidence = %v, want medium", edge.Attrs["confidence_label"])
	}
	found := false
	for _, a := range f.Assumptions {
		found = found || (a.Subject == "aws_instance.bastion" && a.Reason == text && a.Prov.File == "main.tf" && a.Prov.Line > 0)
	}
	if !found {
		t.Errorf("no model.Assumption %q on aws_instance.bastion among %v", text, f.Assumptions)
	}
}

// TestRefusalsNameTheControl checks that each refusal names the control that blocks and points at it: the
// evidence holds the file:line of the node that says so.
func TestRefusalsNameTheControl(t *testing.T) {
	tests := []struct {
		fixture, to string
		reason      []string // phrases the reason must hold
		control     string   // node whose file:line the evidence must hold
	}{
		{"alb-closed", "aws_lb.vpc_only", []string{"web-vpc-only", "10.0.0.0/16"}, "aws_security_group.vpc_only"},
		{"alb-closed", "aws_alb.internal", []string{"internal = true"}, "aws_alb.internal"},
		{"k8s-default-deny", "k8s:store/Deployment/web", []string{"store/default-deny-ingress", "default deny"}, "k8s:store/NetworkPolicy/default-deny-ingress"},
		{"k8s-internal-lb", "k8s:pay/Service/payments", []string{"service.beta.kubernetes.io/aws-load-balancer-internal"}, "k8s:pay/Service/payments"},
		{"k8s-internal-lb", "k8s:pay/Ingress/backoffice", []string{"alb.ingress.kubernetes.io/scheme: internal"}, "k8s:pay/Ingress/backoffice"},
		{"public-instance", "aws_instance.edge", []string{"aws_route_table.isolated", "no route to an internet gateway"}, "aws_route_table.isolated"},
		{"public-instance", "aws_instance.app", []string{"10.20.0.0/16"}, "aws_security_group.internal"},
		{"k8s-public-lb", "k8s:shop/Service/metrics", []string{"infra:aws_route_table.private"}, "infra:aws_route_table.private"},
		{"rest-api", "aws_api_gateway_method.internal_any", []string{"PRIVATE"}, "aws_api_gateway_rest_api.internal"},
		{"alb-targets", "aws_instance.legacy", []string{"aws_lb_listener.admin", "8080"}, "aws_lb_listener.admin"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture+"/"+tt.to, func(t *testing.T) {
			var b *model.BrokenLink
			for i, x := range facts(t, tt.fixture).Broken {
				if x.To == tt.to {
					b = &facts(t, tt.fixture).Broken[i]
				}
			}
			if b == nil {
				t.Fatalf("no refused link to %s", tt.to)
			}
			for _, p := range tt.reason {
				if !strings.Contains(b.Reason, p) {
					t.Errorf("reason %q does not mention %q", b.Reason, p)
				}
			}
			n, ok := graphs[tt.fixture].Node(tt.control)
			if !ok {
				t.Fatalf("no node %s", tt.control)
			}
			want := n.Prov.File + ":" + itoa(n.Prov.Line)
			var at []string
			for _, e := range b.Evidence {
				at = append(at, e.File+":"+itoa(e.Line))
			}
			if !contains(at, want) {
				t.Errorf("evidence %v does not point at %s (%s)", at, tt.control, want)
			}
		})
	}
}

// TestEgressBlocksReach checks the refused network-reach of a workload whose group states no egress rule.
func TestEgressBlocksReach(t *testing.T) {
	for _, b := range facts(t, "public-instance").Broken {
		if b.From == "aws_instance.edge" && b.Kind == model.EdgeNetworkReach && b.To == "aws_db_instance.reporting" {
			if !strings.Contains(b.Reason, "allow no egress") {
				t.Errorf("reason = %q", b.Reason)
			}
			return
		}
	}
	t.Error("no refused network-reach from aws_instance.edge to the database")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestRoutes checks the hop chains of derived exposures.
func TestRoutes(t *testing.T) {
	tests := []struct {
		fixture, node string
		hops          []string // of the first route
		ports         []any
	}{
		{"webshop", "k8s:shop/Deployment/storefront",
			[]string{"internet", "k8s:shop/Ingress/webshop", "k8s:shop/Service/storefront", "k8s:shop/Deployment/storefront"}, []any{3000}},
		{"alb-targets", "aws_launch_template.app",
			[]string{"internet", "aws_lb.web", "aws_lb_listener.https", "aws_lb_target_group.app", "aws_autoscaling_group.app", "aws_launch_template.app"}, []any{8080}},
		{"alb-targets", "aws_ecs_service.api",
			[]string{"internet", "aws_lb.web", "aws_lb_listener.https", "aws_lb_listener_rule.api", "aws_lb_target_group.api", "aws_ecs_service.api"}, []any{9000}},
		{"http-api", "aws_lambda_function.orders",
			[]string{"internet", "aws_apigatewayv2_route.create_order", "aws_apigatewayv2_integration.orders", "aws_lambda_function.orders"}, []any{443}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture+"/"+tt.node, func(t *testing.T) {
			for _, d := range facts(t, tt.fixture).Derived {
				if d.Node != tt.node || d.Key != "exposure" {
					continue
				}
				first := d.Value.(map[string]any)["routes"].([]any)[0].(map[string]any)
				if diff := cmp.Diff(anyStrings(tt.hops), first["hops"]); diff != "" {
					t.Errorf("hops (-want +got):\n%s", diff)
				}
				if diff := cmp.Diff(tt.ports, first["ports"]); diff != "" {
					t.Errorf("ports (-want +got):\n%s", diff)
				}
				return
			}
			t.Errorf("no exposure on %s", tt.node)
		})
	}
}

// TestStorefrontPolicyAdmitsTheController checks the example's storefront: its NetworkPolicy admits only the
// ingress-nginx namespace on 3000, which is where the Ingress's traffic comes from, so the policy is listed
// as the control that admits the route.
func TestStorefrontPolicyAdmitsTheController(t *testing.T) {
	for _, d := range facts(t, "webshop").Derived {
		if d.Node == "k8s:shop/Deployment/storefront" && d.Key == "exposure" {
			route := d.Value.(map[string]any)["routes"].([]any)[0].(map[string]any)
			ctl := route["controls"].([]any)[0].(map[string]any)
			if ctl["id"] != "k8s:shop/NetworkPolicy/storefront-from-ingress" || ctl["kind"] != "network-policy" {
				t.Errorf("control = %v", ctl)
			}
			return
		}
	}
	t.Error("the storefront is not exposed")
}

// TestEgress checks the egress property: only the web pods of k8s-default-deny are kept from the metadata
// service.
func TestEgress(t *testing.T) {
	got := map[string]any{}
	for _, name := range []string{"k8s-default-deny", "webshop"} {
		for _, d := range facts(t, name).Derived {
			if d.Key == "egress" {
				v := d.Value.(map[string]any)
				got[d.Node] = []any{v["limited"], v["metadata_reachable"]}
			}
		}
	}
	want := map[string]any{
		"k8s:store/Deployment/web":       []any{true, false},
		"k8s:store/Deployment/backend":   []any{false, true},
		"k8s:store/Deployment/worker":    []any{false, true},
		"k8s:tools/Deployment/debug":     []any{false, true},
		"k8s:shop/Deployment/api":        []any{false, true},
		"k8s:shop/Deployment/storefront": []any{false, true},
		"k8s:shop/Deployment/worker":     []any{false, true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("egress (-want +got):\n%s", diff)
	}
}

// TestReachableFromCluster checks the summary property that replaces pod-to-pod edges where no policy
// isolates a workload.
func TestReachableFromCluster(t *testing.T) {
	got := map[string]any{}
	for _, d := range facts(t, "k8s-default-deny").Derived {
		if d.Key == "reachable_from_cluster" {
			got[d.Node] = d.Value.(map[string]any)["all_pods"]
		}
	}
	want := map[string]any{"k8s:store/Deployment/backend": false, "k8s:store/Deployment/web": false,
		"k8s:store/Deployment/worker": false, "k8s:tools/Deployment/debug": true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reachable_from_cluster (-want +got):\n%s", diff)
	}
}

// TestEvidenceEverywhere checks that every edge, refused link and derived property the builder makes points
// at a file and line.
func TestEvidenceEverywhere(t *testing.T) {
	for _, fx := range fixtures {
		f := facts(t, fx.name)
		for _, e := range f.Edges {
			if e.Prov.File == "" || e.Prov.Line == 0 || e.Prov.Extractor != "link/exposure" {
				t.Errorf("%s: edge %s has provenance %v", fx.name, e.Key(), e.Prov)
			}
		}
		for _, b := range f.Broken {
			if len(b.Evidence) == 0 || b.Prov.File == "" || b.Prov.Line == 0 {
				t.Errorf("%s: refused link to %s has no file:line (%v)", fx.name, b.To, b.Prov)
			}
		}
		for _, d := range f.Derived {
			if d.Prov.File == "" || d.Prov.Line == 0 {
				t.Errorf("%s: derived %s of %s has provenance %v", fx.name, d.Key, d.Node, d.Prov)
			}
		}
	}
}

// TestAppliedFactsLand applies the builder's facts to the example's graph, as the engine does: every edge
// must land (no endpoint missing) and the derived properties must be on their nodes.
func TestAppliedFactsLand(t *testing.T) {
	g := linktest.Dir(t, "testdata/alb-targets") // no seam.yaml: the builder brings the internet node
	f := linktest.Apply(t, g, New())
	for _, d := range g.Diagnostics() {
		if d.Extractor == "link/exposure" {
			t.Errorf("diagnostic: %s", d)
		}
	}
	if got := len(linktest.EdgesOfKind(g, model.EdgeExposes, "link/exposure")); got != countKind(f, model.EdgeExposes) {
		t.Errorf("%d exposes edges in the graph, %d made", got, countKind(f, model.EdgeExposes))
	}
	n, _ := g.Node("aws_launch_template.app")
	if _, ok := n.Derived["exposure"]; !ok {
		t.Error("the launch template carries no exposure after Extend")
	}
}

func countKind(f model.Facts, k model.EdgeKind) int {
	n := 0
	for _, e := range f.Edges {
		if e.Kind == k {
			n++
		}
	}
	return n
}

// TestDeterministic builds twice over the same graph and expects the same facts.
func TestDeterministic(t *testing.T) {
	g := linktest.Dir(t, "../../../examples/webshop")
	a, b := linktest.Build(t, g, New()), linktest.Build(t, g, New())
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two builds differ:\n%s", diff)
	}
}

// TestCancelled checks that a cancelled context stops the build with its error.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := graph.New()
	g.Freeze()
	if _, err := New().Build(ctx, &link.Input{Graph: g}); err == nil {
		t.Error("Build with a cancelled context returned no error")
	}
}
