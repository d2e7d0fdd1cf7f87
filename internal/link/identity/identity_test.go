package identity

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// render prints what the builder made, one fact a line, for golden comparison: edges with method,
// confidence and reason; refused links with the reason; assumptions.
func render(f model.Facts) string {
	var lines []string
	for _, e := range f.Edges {
		lines = append(lines, fmt.Sprintf("edge %s [%v %v] %v @%s:%d", e.Key(), e.Attrs["method"], e.Attrs["confidence_label"], e.Attrs["reason"], e.Prov.File, e.Prov.Line))
		if as, ok := e.Attrs["assumptions"].([]any); ok {
			for _, a := range as {
				lines = append(lines, fmt.Sprintf("  assumes %v", a))
			}
		}
	}
	for _, b := range f.Broken {
		lines = append(lines, fmt.Sprintf("refused %s -%s-> %s [%s] %s @%s:%d", b.From, b.Kind, b.To, b.Method, b.Reason, b.Prov.File, b.Prov.Line))
	}
	for _, n := range f.Nodes {
		lines = append(lines, fmt.Sprintf("node %s %s implicit=%v", n.ID, n.Type, n.Implicit))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// TestFixtures checks every fact the builder makes on each fixture against its golden file; the fixtures'
// README files say what each must and must not link.
func TestFixtures(t *testing.T) {
	for _, name := range []string{"irsa", "podidentity", "compute"} {
		t.Run(name, func(t *testing.T) {
			g := linktest.Dir(t, filepath.Join("testdata", name))
			golden(t, name, render(linktest.Build(t, g, New())))
		})
	}
}

// TestIRSA states the decisions of the irsa fixture directly, so a golden update cannot hide them.
func TestIRSA(t *testing.T) {
	g := linktest.Dir(t, "testdata/irsa")
	f := linktest.Build(t, g, New())
	var linked, refused []string
	for _, e := range f.Edges {
		if e.Kind == model.EdgeUsesIdentity {
			linked = append(linked, e.From+" → "+e.To)
		}
	}
	for _, b := range f.Broken {
		refused = append(refused, b.From+" → "+b.To)
	}
	sort.Strings(linked)
	wantLinked := []string{
		"k8s:shop/ServiceAccount/api → aws_iam_role.api",                                   // trust names exactly this SA
		"k8s:shop/ServiceAccount/external → arn:aws:iam::444455556666:role/partner-reader", // outside the scan: implicit
		"k8s:shop/ServiceAccount/legacy → aws_iam_role.legacy",                             // no sub condition: admits all
	}
	if diff := cmp.Diff(wantLinked, linked); diff != "" {
		t.Errorf("linked (-want +got):\n%s", diff)
	}
	// The trust of shop-reports names shop:billing: the reports ServiceAccount must not get it.
	if diff := cmp.Diff([]string{"k8s:shop/ServiceAccount/reports → aws_iam_role.reports"}, refused); diff != "" {
		t.Errorf("refused (-want +got):\n%s", diff)
	}
}

// TestExample checks the example's IRSA links and the pods' node group.
func TestExample(t *testing.T) {
	g := linktest.Dir(t, "../../../examples/webshop")
	f := linktest.Build(t, g, New())
	got := map[string]bool{}
	for _, e := range f.Edges {
		got[e.Key()] = true
	}
	for _, want := range []string{
		"k8s:shop/ServiceAccount/api -uses-identity-> infra/terraform:module.irsa_api.aws_iam_role.this",
		"k8s:shop/ServiceAccount/worker -uses-identity-> infra/terraform:module.irsa_worker.aws_iam_role.this",
		"k8s:shop/Deployment/api -runs-on-> infra/terraform:aws_eks_node_group.default",
	} {
		if !got[want] {
			t.Errorf("missing %s", want)
		}
	}
	if len(f.Broken) != 0 {
		t.Errorf("refused links on the example: %+v", f.Broken)
	}
}
