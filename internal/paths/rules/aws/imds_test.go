package aws

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// metadataCase is one case of testdata/metadata_options.json.
type metadataCase struct {
	Name    string `json:"name"`
	Options any    `json:"options"`
	Want    struct {
		Required    bool `json:"required"`
		Hop         int  `json:"hop"`
		Disabled    bool `json:"disabled"`
		Assumptions int  `json:"assumptions"`
	} `json:"want"`
}

func metadataCases(t testing.TB) []metadataCase {
	t.Helper()
	b, err := os.ReadFile("testdata/metadata_options.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Cases []metadataCase }
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Cases
}

// launchTemplate is a launch template node with the given metadata_options block (nil: none).
func launchTemplate(opts any) model.Node {
	attrs := map[string]any{}
	if opts != nil {
		attrs["metadata_options"] = []any{opts}
	}
	return model.Node{ID: "lt", Kind: model.KindWorkload, Type: "aws_launch_template", Name: "node", Attrs: attrs,
		Prov: model.Provenance{File: "eks.tf", Line: 7}}
}

func TestSettingsOf(t *testing.T) {
	for _, tc := range metadataCases(t) {
		t.Run(tc.Name, func(t *testing.T) {
			g := graph.New()
			g.Add(model.Facts{Nodes: []model.Node{launchTemplate(tc.Options)}})
			g.Freeze()
			c := paths.NewContext(g, nil)
			n, _ := g.Node("lt")
			m := settingsOf(c, n)
			type res struct {
				Required, Disabled bool
				Hop, Assumptions   int
			}
			want := res{tc.Want.Required, tc.Want.Disabled, tc.Want.Hop, tc.Want.Assumptions}
			if diff := cmp.Diff(want, res{m.required, m.disabled, m.hopLimit, len(m.assumptions)}); diff != "" {
				t.Errorf("settings (-want +got):\n%s\nassumptions: %q", diff, m.assumptions)
			}
		})
	}
}

// The account's instance metadata defaults fill what a launch template leaves unset, without an assumption.
func TestSettingsAccountDefaults(t *testing.T) {
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{launchTemplate(nil),
		{ID: "defaults", Kind: model.KindResource, Type: "aws_ec2_instance_metadata_defaults",
			Attrs: map[string]any{"http_tokens": "required", "http_put_response_hop_limit": 1}, Prov: model.Provenance{File: "account.tf", Line: 2}}}})
	g.Freeze()
	n, _ := g.Node("lt")
	m := settingsOf(paths.NewContext(g, nil), n)
	if !m.required || m.hopLimit != 1 || len(m.assumptions) != 0 || m.evidence.File != "account.tf" {
		t.Errorf("got required %v hop %d assumptions %q evidence %v; want the account's defaults", m.required, m.hopLimit, m.assumptions, m.evidence)
	}
}

func TestEKSDefault(t *testing.T) {
	for _, tc := range []struct {
		ami      any
		required bool
	}{{"AL2023_x86_64_STANDARD", true}, {"AL2_x86_64", false}, {nil, false}, {model.Unknown("var.ami_type"), false}} {
		attrs := map[string]any{}
		if tc.ami != nil {
			attrs["ami_type"] = tc.ami
		}
		m := eksDefault(&model.Node{ID: "ng", Type: "aws_eks_node_group", Attrs: attrs})
		if m.required != tc.required || m.hopLimit != 2 || len(m.assumptions) != 1 {
			t.Errorf("ami_type %v: required %v hop %d assumptions %d; want required %v, hop 2, one assumption", tc.ami, m.required, m.hopLimit, len(m.assumptions), tc.required)
		}
	}
}

// podSystem is a pod on an EKS node group started from launch template lt, whose node role is "node-role":
//
//	pod -runs-on-> ng -runs-> lt (metadata_options)
//	               ng -uses-identity-> node-role
//
// change edits the system before the graph is built.
func podSystem(opts any, change func(s *sys)) *graph.Graph {
	s := &sys{}
	s.node("pod", model.KindWorkload, "Deployment", "api", map[string]any{"namespace": "shop", "host_network": false})
	s.node("ng", model.KindHost, "aws_eks_node_group", "default", map[string]any{})
	s.f.Nodes = append(s.f.Nodes, launchTemplate(opts))
	s.node("node-role", model.KindIdentity, "aws_iam_role", "node", nil)
	s.edge("pod", model.EdgeRunsOn, "ng", nil).edge("ng", model.EdgeRuns, "lt", nil).edge("ng", model.EdgeUsesIdentity, "node-role", nil)
	s.derive("pod", "egress", map[string]any{"limited": false, "metadata_reachable": true, "reason": "no NetworkPolicy limits the egress of pod"})
	if change != nil {
		change(s)
	}
	return s.graph()
}

var (
	imdsv1     = map[string]any{"http_tokens": "optional", "http_put_response_hop_limit": 2}
	imdsv2Hop1 = map[string]any{"http_tokens": "required", "http_put_response_hop_limit": 1}
	imdsv2Hop2 = map[string]any{"http_tokens": "required", "http_put_response_hop_limit": 2}
	disabled   = map[string]any{"http_endpoint": "disabled", "http_tokens": "optional"}
)

func blockEgress(s *sys) {
	s.derive("pod", "egress", map[string]any{"limited": true, "metadata_reachable": false, "reason": "none admits 169.254.169.254:80"})
}

func onHostNetwork(s *sys) {
	s.f.Nodes[0].Attrs["host_network"] = true
	s.derive("pod", "egress", map[string]any{"limited": false, "metadata_reachable": true, "reason": "host network"})
}

func noLaunchTemplate(ami string) func(s *sys) {
	return func(s *sys) {
		s.f.Edges = s.f.Edges[:0]
		s.edge("pod", model.EdgeRunsOn, "ng", nil).edge("ng", model.EdgeUsesIdentity, "node-role", nil)
		s.f.Nodes[1].Attrs["ami_type"] = ami
	}
}

func fargate(s *sys) {
	s.f.Nodes[1].Type = "aws_eks_fargate_profile"
}

func TestMetadataFromPods(t *testing.T) {
	creds := "creds(node-role)"
	forge, exec := imdsForge{}, imdsExec{}
	for _, tc := range []struct {
		name   string
		opts   any
		change func(*sys)
		rule   paths.Rule
		state  paths.Kind
		want   []got
	}{
		{"SSRF with IMDSv1: the node role", imdsv1, nil, forge, paths.Forge, []got{{creds, 0.8, "imdsv2:lt", "eks.tf:7", 0}}},
		{"SSRF with IMDSv2 required: none", imdsv2Hop2, nil, forge, paths.Forge, nil},
		{"SSRF with the endpoint disabled: none", disabled, nil, forge, paths.Forge, nil},
		{"SSRF with metadata egress denied: none", imdsv1, blockEgress, forge, paths.Forge, nil},
		{"SSRF from a host-network pod with IMDSv1", imdsv1, onHostNetwork, forge, paths.Forge, []got{{creds, 0.8, "imdsv2:lt", "eks.tf:7", 0}}},
		{"SSRF on Fargate: no metadata service", imdsv1, fargate, forge, paths.Forge, nil},
		{"SSRF, node group without launch template, AL2: EKS default allows IMDSv1", nil, noLaunchTemplate("AL2_x86_64"), forge, paths.Forge,
			[]got{{creds, 0.64, "egress-metadata:pod", "main.tf:20", 1}}},
		{"SSRF, node group without launch template, AL2023: IMDSv2", nil, noLaunchTemplate("AL2023_x86_64_STANDARD"), forge, paths.Forge, nil},
		{"exec with IMDSv1", imdsv1, nil, exec, paths.Exec, []got{{creds, 0.9, "imdsv2:lt", "eks.tf:7", 0}}},
		{"exec with IMDSv2 and hop limit 2: the token reaches the container", imdsv2Hop2, nil, exec, paths.Exec, []got{{creds, 0.9, "imdsv2:lt", "eks.tf:7", 0}}},
		{"exec with IMDSv2 and hop limit 1: none", imdsv2Hop1, nil, exec, paths.Exec, nil},
		{"exec with IMDSv2, hop limit unset: assumed 2", map[string]any{"http_tokens": "required"}, nil, exec, paths.Exec, []got{{creds, 0.72, "imdsv2:lt", "eks.tf:7", 1}}},
		{"exec on the host network with hop limit 1: one hop, like the host", imdsv2Hop1, onHostNetwork, exec, paths.Exec, []got{{creds, 0.9, "imdsv2:lt", "eks.tf:7", 0}}},
		{"exec with metadata egress denied: none", imdsv1, blockEgress, exec, paths.Exec, nil},
		{"exec with the endpoint disabled: none", disabled, nil, exec, paths.Exec, nil},
		{"exec, node group without launch template, AL2023: hop 2 reaches containers", nil, noLaunchTemplate("AL2023_x86_64_STANDARD"), exec, paths.Exec,
			[]got{{creds, 0.72, "egress-metadata:pod", "main.tf:20", 1}}},
		{"exec on Fargate: none", imdsv1, fargate, exec, paths.Exec, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := podSystem(tc.opts, tc.change)
			if diff := cmp.Diff(tc.want, run(g, tc.rule, st(tc.state, "pod"))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

// The reason names the settings that let the request in, and the evidence cites the launch template first,
// then the runs-on and role edges and the derived egress.
func TestMetadataStepExplains(t *testing.T) {
	g := podSystem(imdsv1, nil)
	ss := steps(g, imdsExec{}, st(paths.Exec, "pod"))
	if len(ss) != 1 {
		t.Fatalf("got %d steps, want 1", len(ss))
	}
	s := ss[0]
	for _, want := range []string{`http_tokens = "optional"`, "IMDSv1", "aws_iam_role node", "aws_eks_node_group default"} {
		if !strings.Contains(s.Reason, want) {
			t.Errorf("reason %q does not say %q", s.Reason, want)
		}
	}
	if len(s.Evidence) != 4 || s.Evidence[3].File != "netpol.yaml" {
		t.Errorf("evidence %v: want launch template, runs-on, role and egress", s.Evidence)
	}
	if diff := cmp.Diff([]string{"pod -runs-on-> ng", "ng -uses-identity-> node-role"}, s.Via); diff != "" {
		t.Errorf("via (-want +got):\n%s", diff)
	}
}

// instanceSystem is an EC2 instance with an instance profile carrying "role":
//
//	vm -uses-identity-> profile -uses-identity-> role
func instanceSystem(opts any) *graph.Graph {
	s := &sys{}
	attrs := map[string]any{}
	if opts != nil {
		attrs["metadata_options"] = []any{opts}
	}
	s.node("vm", model.KindWorkload, "aws_instance", "reporting", attrs)
	s.node("profile", model.KindIdentity, "aws_iam_instance_profile", "reporting", nil)
	s.node("role", model.KindIdentity, "aws_iam_role", "reporting", nil)
	s.edge("vm", model.EdgeUsesIdentity, "profile", nil).edge("profile", model.EdgeUsesIdentity, "role", nil)
	return s.graph()
}

func TestMetadataOfInstances(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  any
		rule  paths.Rule
		state paths.Kind
		want  []got
	}{
		{"SSRF from an instance with IMDSv1", imdsv1, imdsForge{}, paths.Forge, []got{{"creds(role)", 0.8, "imdsv2:vm", "main.tf:10", 0}}},
		{"SSRF from an instance without metadata_options: the default, assumed", nil, imdsForge{}, paths.Forge, []got{{"creds(role)", 0.64, "imdsv2:vm", "main.tf:10", 1}}},
		{"SSRF from an instance with IMDSv2: none", imdsv2Hop1, imdsForge{}, paths.Forge, nil},
		{"code on the instance with IMDSv2 and hop 1: its own role", imdsv2Hop1, instanceRole{}, paths.Exec, []got{{"creds(role)", 0.95, "workload-role:role", "main.tf:10", 0}}},
		{"code on the instance with the endpoint disabled: none", disabled, instanceRole{}, paths.Exec, nil},
		{"the pod rule leaves instances to the instance rule", imdsv1, imdsExec{}, paths.Exec, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, run(instanceSystem(tc.opts), tc.rule, st(tc.state, "vm"))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

// An instance started from a launch template takes the template's settings and instance profile.
func TestInstanceFromLaunchTemplate(t *testing.T) {
	s := &sys{}
	s.node("vm", model.KindWorkload, "aws_instance", "worker", map[string]any{})
	s.f.Nodes = append(s.f.Nodes, launchTemplate(imdsv1))
	s.node("profile", model.KindIdentity, "aws_iam_instance_profile", "worker", nil)
	s.node("role", model.KindIdentity, "aws_iam_role", "worker", nil)
	s.edge("vm", model.EdgeReferences, "lt", nil).edge("lt", model.EdgeUsesIdentity, "profile", nil).edge("profile", model.EdgeUsesIdentity, "role", nil)
	want := []got{{"creds(role)", 0.8, "imdsv2:lt", "eks.tf:7", 0}}
	if diff := cmp.Diff(want, run(s.graph(), imdsForge{}, st(paths.Forge, "vm"))); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
}

func TestHostRole(t *testing.T) {
	asg := func(opts any) *graph.Graph {
		s := &sys{}
		s.node("asg", model.KindHost, "aws_autoscaling_group", "nodes", nil)
		s.f.Nodes = append(s.f.Nodes, launchTemplate(opts))
		s.node("profile", model.KindIdentity, "aws_iam_instance_profile", "nodes", nil)
		s.node("role", model.KindIdentity, "aws_iam_role", "nodes", nil)
		s.edge("asg", model.EdgeRuns, "lt", nil).edge("lt", model.EdgeUsesIdentity, "profile", nil).edge("profile", model.EdgeUsesIdentity, "role", nil)
		return s.graph()
	}
	for _, tc := range []struct {
		name string
		g    *graph.Graph
		host string
		want []got
	}{
		{"node group: its node role, IMDSv2 or not", podSystem(imdsv2Hop1, nil), "ng", []got{{"creds(node-role)", 0, "host-role:node-role", "main.tf:1", 0}}},
		{"node group with the endpoint disabled: none", podSystem(disabled, nil), "ng", nil},
		{"autoscaling group: the launch template's instance profile", asg(imdsv2Hop1), "asg", []got{{"creds(role)", 0, "host-role:role", "main.tf:1", 0}}},
		{"Fargate: no host to speak of", podSystem(imdsv1, fargate), "ng", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, run(tc.g, hostRole{}, st(paths.Host, tc.host))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}
