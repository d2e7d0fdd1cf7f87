package report

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleDocument is a small graph: an internet-facing Ingress routing to a Deployment that runs an image and
// uses a ServiceAccount, a Terraform bucket with an unknown name, one diagnostic and one assumption.
func sampleDocument() *Document {
	p := func(f string, l int, ex string) model.Provenance {
		return model.Provenance{File: f, Line: l, Extractor: ex}
	}
	g := graph.New()
	g.Add(model.Facts{
		Nodes: []model.Node{
			{ID: "internet", Kind: model.KindEntryPoint, Type: "internet", Name: "internet", Prov: p("seam.yaml", 3, "seam.yaml")},
			{ID: "k8s:shop/Ingress/web", Kind: model.KindExposure, Type: "Ingress", Name: "web", Prov: p("deploy/ingress.yaml", 1, "kubernetes")},
			{ID: "k8s:shop/Deployment/api", Kind: model.KindWorkload, Type: "Deployment", Name: "api", Prov: p("deploy/api.yaml", 1, "kubernetes"),
				Attrs: map[string]any{"replicas": 2, "note": "quotes \" and <html> & newlines\n"}},
			{ID: "k8s:shop/ServiceAccount/api", Kind: model.KindIdentity, Type: "ServiceAccount", Name: "api", Implicit: true, Prov: p("deploy/api.yaml", 18, "kubernetes")},
			{ID: "image:docker.io/library/nginx:1.27", Kind: model.KindImage, Type: "image", Name: "nginx:1.27", Prov: p("deploy/api.yaml", 20, "kubernetes")},
			{ID: "aws_s3_bucket.docs", Kind: model.KindDataStore, Type: "aws_s3_bucket", Name: "docs", Prov: p("infra/s3.tf", 4, "terraform"),
				Attrs: map[string]any{"bucket": model.Unknown("var.bucket_name")}},
		},
		Edges: []model.Edge{
			{From: "k8s:shop/Ingress/web", To: "k8s:shop/Deployment/api", Kind: model.EdgeRoutesTo, Prov: p("deploy/ingress.yaml", 12, "kubernetes")},
			{From: "k8s:shop/Deployment/api", To: "image:docker.io/library/nginx:1.27", Kind: model.EdgeRuns, Prov: p("deploy/api.yaml", 20, "kubernetes")},
			{From: "k8s:shop/Deployment/api", To: "k8s:shop/ServiceAccount/api", Kind: model.EdgeUsesIdentity, Prov: p("deploy/api.yaml", 18, "kubernetes")},
		},
		Diagnostics: []model.Diagnostic{{File: "deploy/broken.yaml", Line: 7, Column: 3, Severity: model.SeverityError, Extractor: "kubernetes", Message: "mapping values are not allowed here"}},
		Assumptions: []model.Assumption{{Subject: "aws_s3_bucket.docs", Attribute: "bucket", Reason: "var.bucket_name has no default and no value", Assumed: "unknown", Prov: p("infra/s3.tf", 5, "terraform")}},
	})
	g.Freeze()
	res := &engine.Result{Graph: g, FilesSeen: 9, FilesRead: 5,
		Stages:     []engine.Stage{{Name: "walk", Status: "ok"}, {Name: "extract", Status: "partial"}, {Name: "graph", Status: "ok"}, {Name: "link", Status: "skipped"}},
		Extractors: []engine.ExtractorStat{{Name: "kubernetes", Files: 3, Nodes: 4, Edges: 3, Diagnostics: 1}}}
	return NewDocument(res, []string{"shop"}, "test")
}

func TestWritersGolden(t *testing.T) {
	writers := map[string]Writer{
		"summary.txt": Table{}, "summary-color.txt": Table{style: Style{Color: true}},
		"graph.json": JSON{}, "graph.dot": DOT{}, "graph.mmd": Mermaid{},
	}
	for name, w := range writers {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := w.Write(&buf, sampleDocument()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/report -update)", err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("%s (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestDOTRendersWithGraphviz hands the DOT output to Graphviz itself. CI installs graphviz; elsewhere the test
// is skipped when dot is missing.
func TestDOTRendersWithGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("graphviz (dot) is required in CI: .ci/run installs it")
		}
		t.Skip("graphviz not installed")
	}
	var buf bytes.Buffer
	if err := (DOT{}).Write(&buf, sampleDocument()); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(dot, "-Tsvg")
	cmd.Stdin = &buf
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("dot -Tsvg: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("<svg")) {
		t.Errorf("dot did not produce SVG:\n%s", out)
	}
}
