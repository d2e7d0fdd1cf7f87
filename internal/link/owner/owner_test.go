package owner

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/link/service"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

const example = "../../../examples/webshop"

// owned runs the service builder (stage derive) and then the owner builder over a fixture, as a scan does.
func owned(t *testing.T, dir string) (*graph.Graph, model.Facts) {
	t.Helper()
	g := linktest.Dir(t, dir)
	linktest.Apply(t, g, service.New())
	return g, linktest.Build(t, g, New())
}

// derived returns the owner derived for each node, by node ID.
func derived(f model.Facts) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, d := range f.Derived {
		if d.Key == Key {
			out[d.Node], _ = d.Value.(map[string]any)
		}
	}
	return out
}

type want struct {
	node, owner, source string
	rule                string // a part of the rule
	conflict            bool
}

func check(t *testing.T, f model.Facts, tests []want) {
	t.Helper()
	got := derived(f)
	for _, tt := range tests {
		v, ok := got[tt.node]
		if !ok {
			t.Errorf("%s: no derived owner", tt.node)
			continue
		}
		if tt.owner == "" {
			if v["orphan"] != true {
				t.Errorf("%s: owner %v, want an orphan", tt.node, v["owner"])
			}
			continue
		}
		if v["owner"] != tt.owner || v["source"] != tt.source {
			t.Errorf("%s: owner %v from %v (%v), want %s from %s", tt.node, v["owner"], v["source"], v["rule"], tt.owner, tt.source)
		}
		if rule, _ := v["rule"].(string); !strings.Contains(rule, tt.rule) {
			t.Errorf("%s: rule %q, want it to contain %q", tt.node, rule, tt.rule)
		}
		if (v["conflict"] == true) != tt.conflict {
			t.Errorf("%s: conflict %v, want %v", tt.node, v["conflict"], tt.conflict)
		}
	}
}

// TestExample checks the webshop's owners: the customer-documents bucket from seam.yaml resources, the VPC
// from seam.yaml paths (infra/**; CODEOWNERS /infra/ agrees one step lower), the storefront Deployment from
// its seam.yaml service's owner, the Backstage components through the group:default/* aliases, packages
// from their module, seam.yaml itself from CODEOWNERS; the Ingress both front services share is shared
// infrastructure, owned by the platform team through seam.yaml paths, with no conflict; the TLS Secret nothing
// defines is the one orphan.
func TestExample(t *testing.T) {
	g, f := owned(t, example)
	check(t, f, []want{
		{"infra/terraform:aws_s3_bucket.customer_documents", "owner:@acme/payments", SourceSeam, `resources "infra/terraform:aws_s3_bucket.customer_documents*"`, false},
		{"infra/terraform:aws_db_instance.orders", "owner:@acme/payments", SourceSeam, "resources", false},
		{"infra/terraform:aws_vpc.main", "owner:@acme/platform", SourceSeam, `paths "infra/**"`, false},
		{"k8s:shop/Deployment/storefront", "owner:@acme/storefront", SourceSeam, "owner of seam.yaml service storefront", false},
		{"k8s:shop/Deployment/api", "owner:@acme/payments", SourceSeam, "owner of seam.yaml service api", false},
		{"infra/terraform:module.irsa_api.aws_iam_role.this", "owner:@acme/payments", SourceSeam, "service api", false},
		{"service:default/api", "owner:@acme/payments", SourceBackstage, "spec.owner of component:default/api", false},
		{"business-service:webshop", "owner:@acme/platform", SourceBackstage, "spec.owner of system:default/webshop", false},
		{"business-service:api", "owner:@acme/payments", SourceSeam, "owner of seam.yaml service api", false},
		{"config:seam.yaml", "owner:@acme/security", SourceCodeowners, `CODEOWNERS line 25 "/seam.yaml @acme/security"`, false},
		{"pkg:golang/github.com/go-chi/chi/v5@5.1.0", "owner:@acme/payments", SourceModule, "module:services/api/go.mod", false},
		{"image:docker.io/library/golang:1.23.4-bookworm", "owner:@acme/payments", SourceDockerfile, "dockerfile:services/api/Dockerfile", false},
		{"k8s:shop/Ingress/webshop", "owner:@acme/platform", SourceSeam, `paths "deploy/**"`, false},
		{"k8s:shop/Secret/shop-tls", "", "", "", false},
	})
	vpc := derived(f)["infra/terraform:aws_vpc.main"]
	wantCands := []any{map[string]any{"owner": "owner:@acme/platform", "name": "Platform team", "source": SourceCodeowners,
		"rule": `CODEOWNERS line 20 "/infra/ @acme/platform": the first owner on the last matching line`,
		"file": "CODEOWNERS", "line": 20}}
	if diff := cmp.Diff(wantCands, vpc["candidates"]); diff != "" {
		t.Errorf("candidates of the VPC (-want +got):\n%s", diff)
	}
	// Ownership gaps are not input problems: the example makes no owner diagnostics at all.
	for _, d := range f.Diagnostics {
		t.Errorf("unexpected diagnostic: %s", d)
	}
	g.Extend(f)
	if got := linktest.Out(g, "infra/terraform:aws_s3_bucket.customer_documents", model.EdgeOwnedBy); !cmp.Equal(got,
		[]string{"infra/terraform:aws_s3_bucket.customer_documents -owned-by-> owner:@acme/payments"}) {
		t.Errorf("owned-by edges of the bucket: %v", got)
	}
	golden(t, "webshop.owners.txt", ownerLines(f))
}

// ownerLines renders every derived owner as "node owner source | rule".
func ownerLines(f model.Facts) []string {
	var out []string
	for id, v := range derived(f) {
		if v["orphan"] == true {
			out = append(out, id+" orphan")
			continue
		}
		out = append(out, fmt.Sprintf("%s %v %v | %v", id, v["owner"], v["source"], v["rule"]))
	}
	sort.Strings(out)
	return out
}

// TestConflicts checks testdata/conflict (see the comment of each of its files).
func TestConflicts(t *testing.T) {
	g, f := owned(t, "testdata/conflict")
	check(t, f, []want{
		{"tf:aws_s3_bucket.reports", "owner:@acme/team-a", SourceTag, "tag owner=team-a", true},
		{"tf:aws_sqs_queue.events", "owner:data-eng", SourceTag, "tag Team=data-eng", false},
		{"tf:aws_s3_bucket.scratch", "owner:@acme/fallback", SourceCodeowners, "first owner on the last matching line", false},
		{"k8s:apps/ConfigMap/labelled", "owner:@acme/team-a", SourceLabel, "label owner=team-a", true},
		{"k8s:apps/Deployment/shared", "owner:group:default/alpha", SourceBackstage, "component:default/alpha", true},
		{"image:registry.acme.example/shared:1.0.0", "owner:group:default/alpha", SourceWorkload, "which runs it", false},
		{"k8s:apps/ConfigMap/settings", "owner:@acme/team-a", SourceSeam, `paths "shared/**"`, true},
		{"infra/team-b:aws_sns_topic.alerts", "owner:@acme/team-b", SourceSeam, `paths "infra/team-b/**"`, false},
		{"infra/base:aws_vpc.main", "owner:@acme/platform", SourceSeam, `paths "infra/**"`, false},
	})
	var warned []string
	for _, d := range f.Diagnostics {
		if d.Severity == model.SeverityWarning {
			warned = append(warned, fmt.Sprintf("%s:%d", d.File, d.Line))
		}
	}
	// not k8s/apps.yaml:35, the image the shared Deployment runs: an image built elsewhere takes its users' owner
	wantWarned := []string{"k8s/apps.yaml:7", "k8s/apps.yaml:19", "k8s/apps.yaml:39", "shared/settings.yaml:2", "tf/main.tf:9"}
	if diff := cmp.Diff(wantWarned, warned); diff != "" {
		t.Errorf("conflict warnings (-want +got):\n%s", diff)
	}
	var implicit []string
	for _, n := range f.Nodes {
		implicit = append(implicit, fmt.Sprintf("%s %v %s:%d", n.ID, n.Implicit, n.Prov.File, n.Prov.Line))
	}
	if diff := cmp.Diff([]string{"owner:data-eng true tf/main.tf:17"}, implicit); diff != "" {
		t.Errorf("implicit owner nodes (-want +got):\n%s", diff)
	}
	if len(f.Assumptions) != 1 || f.Assumptions[0].Attribute != "tags.owner" || f.Assumptions[0].Subject != "tf:aws_s3_bucket.scratch" {
		t.Errorf("assumptions: %v", f.Assumptions)
	}
	scratch := derived(f)["tf:aws_s3_bucket.scratch"]
	cands, _ := scratch["candidates"].([]any)
	if len(cands) != 1 || cands[0].(map[string]any)["co_owner"] != true || cands[0].(map[string]any)["owner"] != "owner:@acme/second" {
		t.Errorf("the second owner on the CODEOWNERS line is a co-owner candidate: %v", cands)
	}
	g.Extend(f)
	if _, ok := g.Node("owner:data-eng"); !ok {
		t.Error("the implicit owner node is added to the graph")
	}
}

// TestOrphans checks testdata/orphan: nothing names an owner, so every node is an orphan (packages too),
// with no owned-by edge and no diagnostic (the summary counts them).
func TestOrphans(t *testing.T) {
	_, f := owned(t, "testdata/orphan")
	var ids []string
	for id, v := range derived(f) {
		if v["orphan"] != true {
			t.Errorf("%s has owner %v", id, v["owner"])
		}
		ids = append(ids, id)
	}
	sort.Strings(ids)
	wantIDs := []string{"k8s:tools/ConfigMap/settings", "module:app/go.mod", "pkg:golang/github.com/go-chi/chi/v5@5.1.0",
		"pkg:golang/stdlib@1.23.0", "tf:aws_s3_bucket.logs"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("orphans (-want +got):\n%s", diff)
	}
	if len(f.Edges) != 0 || len(f.Diagnostics) != 0 {
		t.Errorf("edges %v, diagnostics %v", f.Edges, f.Diagnostics)
	}
}

// TestDecide checks the precedence and the tie-break on hand-made proposals.
func TestDecide(t *testing.T) {
	ev := func(file string, line int) model.Evidence { return model.Evidence{File: file, Line: line} }
	tests := []struct {
		name      string
		cands     []candidate
		win       string
		conflicts []string
	}{
		{"a higher step wins without a conflict", []candidate{
			{owner: "owner:b", step: stepCodeowners, ev: ev("CODEOWNERS", 1)},
			{owner: "owner:a", step: stepBackstage, ev: ev("catalog-info.yaml", 9)},
		}, "owner:a", nil},
		{"a more specific glob wins without a conflict", []candidate{
			{owner: "owner:platform", step: stepSeamPaths, spec: 6, ev: ev("seam.yaml", 3)},
			{owner: "owner:b", step: stepSeamPaths, spec: 13, ev: ev("seam.yaml", 9)},
		}, "owner:b", nil},
		{"tag keys owner, team, owner-team", []candidate{
			{owner: "owner:z", step: stepTags, order: 2, ev: ev("a.tf", 1)},
			{owner: "owner:y", step: stepTags, order: 1, ev: ev("a.tf", 1)},
			{owner: "owner:x", step: stepTags, order: 0, ev: ev("a.tf", 1)},
		}, "owner:x", []string{"owner:y", "owner:z"}},
		{"the first in the files", []candidate{
			{owner: "owner:b", step: stepBackstage, ev: ev("catalog-info.yaml", 30)},
			{owner: "owner:a", step: stepBackstage, ev: ev("catalog-info.yaml", 12)},
		}, "owner:a", []string{"owner:b"}},
		{"one owner named twice is no conflict", []candidate{
			{owner: "owner:a", step: stepInherited, rule: "x", ev: ev("seam.yaml", 3)},
			{owner: "owner:a", step: stepInherited, rule: "y", ev: ev("catalog-info.yaml", 12)},
		}, "owner:a", nil},
		{"a co-owner never wins", []candidate{
			{owner: "owner:second", step: stepCodeowners, order: 1, coOwner: true, ev: ev("CODEOWNERS", 3)},
			{owner: "owner:first", step: stepCodeowners, order: 0, ev: ev("CODEOWNERS", 3)},
		}, "owner:first", nil},
		{"only co-owners: an orphan", []candidate{
			{owner: "owner:second", step: stepCodeowners, coOwner: true, ev: ev("CODEOWNERS", 3)},
		}, "", nil},
	}
	for _, tt := range tests {
		res := decide(tt.cands)
		win := ""
		if res.win != nil {
			win = res.win.owner
		}
		var conflicts []string
		for _, c := range res.conflicts {
			conflicts = append(conflicts, c.owner)
		}
		if win != tt.win || !cmp.Equal(conflicts, tt.conflicts) {
			t.Errorf("%s: winner %q, conflicts %v; want %q, %v", tt.name, win, conflicts, tt.win, tt.conflicts)
		}
	}
}

// TestAliases checks alias resolution: an alias two owners list goes to the first by ID, an alias that is an
// owner of its own stays that owner; both are warned about.
func TestAliases(t *testing.T) {
	seam := func(id string, line int, aliases ...any) model.Node {
		return model.Node{ID: model.OwnerID(id), Kind: model.KindOwner, Type: "team", Name: id,
			Attrs: map[string]any{"id": id, "aliases": aliases},
			Prov:  model.Provenance{File: "seam.yaml", Line: line, Extractor: "seam.yaml"}}
	}
	g := graph.New()
	g.Add(model.Facts{Nodes: []model.Node{
		seam("@acme/a", 3, "group:default/a", "shared", "@acme/c"),
		seam("@acme/b", 7, "shared", "B"),
		seam("@acme/c", 11),
	}})
	g.Freeze()
	nm, diags := newNames(New(), g)
	tests := map[string]string{
		"owner:group:default/a": "owner:@acme/a", "owner:shared": "owner:@acme/a", "owner:b": "owner:@acme/b",
		"owner:@acme/c": "owner:@acme/c", "owner:unknown": "owner:unknown",
	}
	for in, want := range tests {
		if got := nm.canonical(in); got != want {
			t.Errorf("canonical(%s) = %s, want %s", in, got, want)
		}
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d %s", d.File, d.Line, d.Message))
	}
	wantDiags := []string{
		`seam.yaml:3 alias "@acme/c" of owner owner:@acme/a is an owner of its own in seam.yaml; it stays that owner`,
		`seam.yaml:7 alias "shared" is listed by owners owner:@acme/a and owner:@acme/b; Seam gives it to owner:@acme/a`,
	}
	if diff := cmp.Diff(wantDiags, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestDeterministic checks that two builds give the same facts.
func TestDeterministic(t *testing.T) {
	g := linktest.Dir(t, example)
	linktest.Apply(t, g, service.New())
	a, b := linktest.Build(t, g, New()), linktest.Build(t, g, New())
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two builds differ (-first +second):\n%s", diff)
	}
}

// golden compares lines with testdata/golden/<name>, or rewrites it with -update.
func golden(t *testing.T, name string, lines []string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
