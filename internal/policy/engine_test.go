package policy

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// testGraph draws a small system that exercises every control of testdata/library:
//
//	infra/main.tf   aws_instance.web      IMDSv1 allowed          → SEAM-AWS-EC2-001 fail at line 13 (exact key)
//	                aws_instance.locked   IMDSv2 required         → nothing
//	                aws_launch_template.var tokens = var.tokens   → SEAM-AWS-EC2-001 unknown at 31 (prefix key)
//	                aws_instance.bare     no metadata_options     → SEAM-AWS-EC2-001 fail at 40 (the node's line)
//	deploy/api.yaml k8s:shop/Deployment/api token + host network  → SEAM-K8S-SA-001 at 7, SEAM-K8S-POD-001 at 3
//	infra/iam.tf    aws_iam_role.app -handles-> data-class:pii, on path p1 → SEAM-CROSS-PATH-001 at 5
func testGraph() (*graph.Graph, *paths.Result) {
	tf := func(addr string, line int, attrs map[string]any) model.Node {
		return model.Node{ID: "infra:" + addr, Kind: model.KindWorkload, Type: strings.Split(addr, ".")[0], Name: addr,
			Attrs: attrs, Prov: model.Provenance{File: "infra/main.tf", Line: line, Extractor: "terraform"}}
	}
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{
		tf("aws_instance.web", 10, map[string]any{"metadata_options": []any{map[string]any{"http_tokens": "optional"}},
			"lines": map[string]any{"metadata_options[0]": 12, "metadata_options[0].http_tokens": 13}}),
		tf("aws_instance.locked", 20, map[string]any{"metadata_options": []any{map[string]any{"http_tokens": "required"}}}),
		tf("aws_launch_template.var", 30, map[string]any{"metadata_options": []any{map[string]any{"http_tokens": model.Unknown("var.tokens")}},
			"lines": map[string]any{"metadata_options[0]": 31}}),
		tf("aws_instance.bare", 40, nil),
		{ID: "k8s:shop/Deployment/api", Kind: model.KindWorkload, Type: "Deployment", Name: "api",
			Attrs: map[string]any{"automount_effective": true, "host_network": true,
				"lines": map[string]any{"spec.template.spec.automountServiceAccountToken": 7}},
			Prov:    model.Provenance{File: "deploy/api.yaml", Line: 3, Extractor: "kubernetes"},
			Derived: map[string]model.DerivedValue{"owner": {Value: map[string]any{"owner": "owner:@acme/payments"}}}},
		{ID: "infra:aws_iam_role.app", Kind: model.KindIdentity, Type: "aws_iam_role", Name: "app",
			Prov: model.Provenance{File: "infra/iam.tf", Line: 5, Extractor: "terraform"}},
		{ID: "data-class:pii", Kind: model.KindDataClass, Type: "data-class", Name: "pii",
			Prov: model.Provenance{File: "seam.yaml", Line: 20, Extractor: "seam.yaml"}},
		{ID: "internet", Kind: model.KindEntryPoint, Type: "internet", Name: "internet"},
	}, Edges: []model.Edge{
		{From: "infra:aws_iam_role.app", To: "data-class:pii", Kind: model.EdgeHandles},
	}})
	g.Freeze()
	pr := &paths.Result{Paths: []paths.Path{{ID: "p1", Risk: 0.5,
		Entry: paths.State{Kind: paths.Entry, Node: "internet"}, Target: paths.State{Kind: paths.Read, Node: "data-class:pii"},
		Hops: []paths.Hop{{From: paths.State{Kind: paths.Entry, Node: "internet"}, To: paths.State{Kind: paths.Creds, Node: "infra:aws_iam_role.app"}}}}}}
	return g, pr
}

func testLibrary() Origin {
	return Origin{Source: SourceBuiltin, Path: "library", FS: os.DirFS("testdata/library")}
}

func loadTest(t testing.TB, origins ...Origin) *Set {
	t.Helper()
	s, err := Load(context.Background(), append([]Origin{testLibrary()}, origins...))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var testNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// brief is a result without its fingerprint, for readable expectations.
type brief struct {
	Control, Node, At, Status, Msg string
}

func briefs(rs []Result) []brief {
	var out []brief
	for _, r := range rs {
		out = append(out, brief{r.ControlID, r.NodeID, r.File + ":" + strconv.Itoa(r.Line), string(r.Status), r.Msg})
	}
	return out
}

func TestEvaluate(t *testing.T) {
	g, pr := testGraph()
	rep := Evaluate(context.Background(), loadTest(t), g, pr, Options{Now: testNow})
	want := []brief{
		{"SEAM-K8S-POD-001", "k8s:shop/Deployment/api", "deploy/api.yaml:3", "fail", "api uses the host network"},
		{"SEAM-K8S-SA-001", "k8s:shop/Deployment/api", "deploy/api.yaml:7", "fail", "api mounts its ServiceAccount token"},
		{"SEAM-CROSS-PATH-001", "infra:aws_iam_role.app", "infra/iam.tf:5", "fail", "infra:aws_iam_role.app is on 1 attack path(s) and handles personal data"},
		{"SEAM-AWS-EC2-001", "infra:aws_instance.web", "infra/main.tf:13", "fail", `aws_instance.web allows IMDSv1 (http_tokens is not "required")`},
		{"SEAM-AWS-EC2-001", "infra:aws_launch_template.var", "infra/main.tf:31", "unknown", "aws_launch_template.var may allow IMDSv1"},
		{"SEAM-AWS-EC2-001", "infra:aws_instance.bare", "infra/main.tf:40", "fail", `aws_instance.bare allows IMDSv1 (http_tokens is not "required")`},
	}
	if diff := cmp.Diff(want, briefs(rep.Results)); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if len(rep.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", rep.Diagnostics)
	}
	for _, r := range rep.Results {
		if r.Fingerprint != Fingerprint(r.ControlID, r.NodeID, r.Field) || len(r.Fingerprint) != 32 {
			t.Errorf("%s/%s: fingerprint %q", r.ControlID, r.NodeID, r.Fingerprint)
		}
		if r.NodeID == "k8s:shop/Deployment/api" && r.Owner != "@acme/payments" {
			t.Errorf("owner = %q, want @acme/payments", r.Owner)
		}
		if r.ControlID == "SEAM-CROSS-PATH-001" && !cmp.Equal(r.Related, []string{"data-class:pii"}) {
			t.Errorf("related = %v", r.Related)
		}
	}
	// Four controls over three distinct selections: the two Kubernetes controls share theirs.
	var costs []string
	for _, c := range rep.Costs {
		costs = append(costs, c.ControlID+" "+strconv.Itoa(c.Nodes)+" "+strconv.Itoa(c.Results))
	}
	wantCosts := []string{"SEAM-AWS-EC2-001 4 3", "SEAM-CROSS-PATH-001 1 1", "SEAM-K8S-POD-001 1 1", "SEAM-K8S-SA-001 1 1"}
	if diff := cmp.Diff(wantCosts, costs); diff != "" {
		t.Errorf("costs (-want +got):\n%s", diff)
	}
}

func TestEvaluateDeterministic(t *testing.T) {
	g, pr := testGraph()
	s := loadTest(t)
	first := Evaluate(context.Background(), s, g, pr, Options{Now: testNow, Workers: 1})
	for i := 0; i < 5; i++ {
		again := Evaluate(context.Background(), s, g, pr, Options{Now: testNow, Workers: 4})
		if diff := cmp.Diff(first.Results, again.Results); diff != "" {
			t.Fatalf("run %d differs:\n%s", i, diff)
		}
	}
}

func TestResolveLine(t *testing.T) {
	n := &model.Node{Prov: model.Provenance{Line: 9}, Attrs: map[string]any{"lines": map[string]any{
		"metadata_options[0]": 12, "metadata_options[0].http_tokens": float64(13), "tags": int64(20), "tags.owner": 21}}}
	tests := []struct {
		field string
		want  int
	}{
		{"metadata_options[0].http_tokens", 13}, // exact
		{"metadata_options[0].http_endpoint", 12},
		{"metadata_options[1].http_tokens", 9}, // no prefix of it is recorded
		{"tags.team", 20},
		{"tags.owner", 21},
		{"", 9},
	}
	for _, tt := range tests {
		if got := ResolveLine(n, tt.field); got != tt.want {
			t.Errorf("ResolveLine(%q) = %d, want %d", tt.field, got, tt.want)
		}
	}
}

func TestExceptions(t *testing.T) {
	g, pr := testGraph()
	cfg := &config.Config{File: "seam.yaml", Exceptions: []config.Exception{
		{Control: "SEAM-AWS-EC2-001", Resources: []string{"infra:aws_instance.web"}, Owner: "@acme/platform",
			Reason: "being replaced", Expires: "2026-12-31", Line: 4},
		{Control: "SEAM-K8S-SA-001", Resources: []string{"k8s:shop/*/api"}, Owner: "@acme/payments",
			Reason: "calls the API", Expires: "2026-11-30", Line: 9},
		{Control: "SEAM-K8S-POD-001", Resources: []string{"k8s:other/**"}, Owner: "@acme/payments",
			Reason: "stale", Expires: "2027-01-01", Line: 14},
		{Control: "SEAM-NOPE-X-001", Resources: []string{"*"}, Owner: "@acme/payments", Reason: "typo", Expires: "2027-01-01", Line: 19},
	}, Policies: config.Policies{Disable: []string{"SEAM-CROSS-PATH-001", "SEAM-GONE-X-001"}, DisableLines: []int{24, 25}}}
	s := loadTest(t)
	if err := s.Enforce(cfg); err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(context.Background(), s, g, pr, Options{Config: cfg, Now: testNow})
	status := map[string]string{}
	for _, r := range rep.Results {
		status[r.ControlID+" "+r.NodeID] = string(r.Status)
	}
	want := map[string]string{
		"SEAM-AWS-EC2-001 infra:aws_instance.web":        "excepted", // current exception
		"SEAM-AWS-EC2-001 infra:aws_launch_template.var": "unknown",
		"SEAM-AWS-EC2-001 infra:aws_instance.bare":       "fail",
		"SEAM-K8S-SA-001 k8s:shop/Deployment/api":        "fail", // its exception expired yesterday
		"SEAM-K8S-POD-001 k8s:shop/Deployment/api":       "fail",
		"SEAM-CONFIG-EXCEPTION-001 config:seam.yaml":     "fail",
	}
	if diff := cmp.Diff(want, status); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	for _, r := range rep.Results {
		if r.ControlID == ExpiredExceptionID {
			if r.File != "seam.yaml" || r.Line != 9 || r.Msg != "exception for SEAM-K8S-SA-001 expired on 2026-11-30 (owner @acme/payments: calls the API)" || r.Severity != Medium {
				t.Errorf("expired exception result: %+v", r)
			}
		}
		if r.ControlID == "SEAM-K8S-SA-001" && (r.Exception == nil || !r.Exception.Expired || r.Exception.Line != 9) {
			t.Errorf("the result excused by an expired exception must name it: %+v", r.Exception)
		}
	}
	if diff := cmp.Diff([]Disabled{{ControlID: "SEAM-CROSS-PATH-001", File: "seam.yaml", Line: 24}}, rep.Disabled); diff != "" {
		t.Errorf("disabled (-want +got):\n%s", diff)
	}
	var diags []string
	for _, d := range rep.Diagnostics {
		diags = append(diags, d.String())
	}
	wantDiags := []string{
		"seam.yaml:14: info: the exception for SEAM-K8S-POD-001 excuses nothing: no result of it matches k8s:other/** (policy)",
		"seam.yaml:19: warning: the exception names SEAM-NOPE-X-001, which is not a loaded control (policy)",
		"seam.yaml:25: warning: policies.disable names SEAM-GONE-X-001, which is not a loaded control (policy)",
	}
	if diff := cmp.Diff(wantDiags, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}
