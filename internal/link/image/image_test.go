package image

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const ecr = "image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/"

// outcome is what a fixture's comment promises: the edges ("from -kind-> to method confidence") and the
// refused links ("from | to | method | reason").
type outcome struct {
	Edges  []string
	Broken []string
}

func summarise(f model.Facts) outcome {
	var o outcome
	for _, e := range f.Edges {
		o.Edges = append(o.Edges, fmt.Sprintf("%s %v %v", e.Key(), e.Attrs["method"], e.Attrs["confidence_label"]))
	}
	for _, b := range f.Broken {
		o.Broken = append(o.Broken, fmt.Sprintf("%s | %s | %s | %s", b.From, b.To, b.Method, b.Reason))
	}
	return o
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		dir  string
		want outcome
	}{
		{"testdata/elsewhere", outcome{
			Edges: []string{
				ecr + "shop/api:1.0.0 -built-from-> dockerfile:services/api/Dockerfile registry-path medium",
				ecr + "shop/api:1.0.0 -contains-> module:services/api/requirements.txt dockerfile-copy high",
			},
			Broken: []string{ecr + "payments/ledger:3.1.0 |  | search | the image is the organisation's (its ECR " +
				"registry is in account 123456789012, which the configuration here deploys to), but no build " +
				"configuration and no Dockerfile in the scanned files builds it: built elsewhere"},
		}},
		{"testdata/ambiguous", outcome{Broken: []string{"image:registry.acme.example/shop/api:2.0 |  | registry-path | " +
			"ambiguous: 2 Dockerfiles agree equally with the repository path shop/api (api/Dockerfile, " +
			"legacy/api/Dockerfile); Seam picks none"}}},
		{"testdata/compose", outcome{Edges: []string{
			"image:ghcr.io/acme/shop-api:1.2.0 -built-from-> dockerfile:docker/api.Dockerfile build-config high",
			"image:ghcr.io/acme/shop-api:1.2.0 -contains-> module:go.mod dockerfile-copy medium",
			"image:ghcr.io/acme/shop-api:1.2.0 -contains-> module:tools/go.mod dockerfile-copy medium",
			"image:ghcr.io/acme/shop-api:1.2.0 -contains-> module:web/package-lock.json dockerfile-copy medium",
			"image:ghcr.io/acme/shop-api:dev -built-from-> dockerfile:docker/api.Dockerfile build-config high",
			"image:ghcr.io/acme/shop-api:dev -contains-> module:go.mod dockerfile-copy medium",
			"image:ghcr.io/acme/shop-api:dev -contains-> module:tools/go.mod dockerfile-copy medium",
			"image:ghcr.io/acme/shop-api:dev -contains-> module:web/package-lock.json dockerfile-copy medium",
			"image:ghcr.io/acme/shop-web:dev -built-from-> dockerfile:web/Dockerfile build-config high",
			"image:ghcr.io/acme/shop-web:dev -contains-> module:web/package-lock.json dockerfile-copy high",
		}}},
		{"testdata/multistage", outcome{Edges: []string{
			ecr + "acme/payments-api:${{ github.sha }} -built-from-> dockerfile:services/payments-api/Dockerfile build-config high",
			ecr + "acme/payments-api:${{ github.sha }} -contains-> module:services/payments-api/go.mod dockerfile-copy high",
			ecr + "acme/payments-api:v2.3.1 -built-from-> dockerfile:services/payments-api/Dockerfile build-config high",
			ecr + "acme/payments-api:v2.3.1 -contains-> module:services/payments-api/go.mod dockerfile-copy high",
		}}},
		{"testdata/convention", outcome{Edges: []string{
			"image:registry.acme.example/team-7/backend:5 -built-from-> dockerfile:orders/Dockerfile directory low",
			"image:registry.acme.example/team-7/backend:5 -contains-> module:orders/requirements.txt dockerfile-copy high",
		}}},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.dir), func(t *testing.T) {
			g := linktest.Dir(t, tt.dir)
			f := linktest.Build(t, g, New())
			if diff := cmp.Diff(tt.want, summarise(f)); diff != "" {
				t.Errorf("links (-want +got):\n%s", diff)
			}
			checkEvidence(t, g, f)
		})
	}
}

// checkEvidence asserts that every edge and refused link carries evidence with a file and line, that an edge's
// provenance is its first evidence, and that every edge ends at nodes of the graph.
func checkEvidence(t *testing.T, g *graph.Graph, f model.Facts) {
	t.Helper()
	for _, e := range f.Edges {
		ev, _ := e.Attrs["evidence"].([]any)
		if len(ev) == 0 || e.Prov.File == "" || e.Prov.Line <= 0 || e.Prov.Extractor != "link/image" {
			t.Errorf("%s: no evidence or provenance: %+v", e.Key(), e.Prov)
			continue
		}
		first := ev[0].(map[string]any)
		if first["file"] != e.Prov.File || first["line"] != e.Prov.Line {
			t.Errorf("%s: provenance %v is not the first evidence %v", e.Key(), e.Prov, first)
		}
		for _, id := range []string{e.From, e.To} {
			if _, ok := g.Node(id); !ok {
				t.Errorf("%s: no node %s", e.Key(), id)
			}
		}
	}
	for _, b := range f.Broken {
		if len(b.Evidence) == 0 || b.Prov.File == "" || b.Prov.Line <= 0 {
			t.Errorf("refused link of %s without evidence: %+v", b.From, b)
		}
	}
}

// TestExample checks that the example's three services link to their Dockerfiles and lockfiles, whichever
// method finds them (the registry path, or a build configuration when the example has one).
func TestExample(t *testing.T) {
	g := linktest.Dir(t, "../../../examples/webshop")
	f := linktest.Apply(t, g, New())
	for _, svc := range []struct{ image, dockerfile, module string }{
		{"webshop/api:1.4.2", "services/api/Dockerfile", "services/api/go.mod"},
		{"webshop/storefront:2.3.0", "services/storefront/Dockerfile", "services/storefront/package-lock.json"},
		{"webshop/worker:0.9.1", "services/worker/Dockerfile", "services/worker/requirements.txt"},
	} {
		img := ecr + svc.image
		want := []string{img + " -built-from-> dockerfile:" + svc.dockerfile}
		if got := linktest.Out(g, img, model.EdgeBuiltFrom); !cmp.Equal(got, want) {
			t.Errorf("%s built-from = %v, want %v", svc.image, got, want)
		}
		want = []string{img + " -contains-> module:" + svc.module}
		if got := linktest.Out(g, img, model.EdgeContains); !cmp.Equal(got, want) {
			t.Errorf("%s contains = %v, want %v", svc.image, got, want)
		}
	}
	if len(f.Broken) > 0 {
		t.Errorf("refused links in the example: %v", f.Broken)
	}
	checkEvidence(t, g, f)
}

// TestEvidence checks what a link says for itself in the multi-stage fixture: the manifest's image line, the
// Dockerfile and the workflow line for built-from; the COPY line, the lockfile and each step of the stage
// chain that brings go.mod into the final image for contains.
func TestEvidence(t *testing.T) {
	g := linktest.Dir(t, "testdata/multistage")
	f := linktest.Build(t, g, New())
	var got []string
	for _, e := range f.Edges {
		if !strings.HasSuffix(e.From, ":v2.3.1") {
			continue
		}
		got = append(got, e.Attrs["reason"].(string))
		for _, ev := range e.Attrs["evidence"].([]any) {
			m := ev.(map[string]any)
			got = append(got, fmt.Sprintf("  %v:%v %v", m["file"], m["line"], m["what"]))
		}
		if as, ok := e.Attrs["assumptions"].([]any); ok {
			got = append(got, fmt.Sprintf("  assumes %v", as))
		}
	}
	const img = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/payments-api"
	want := []string{
		"github-actions .github/workflows/release.yml:12 builds its repository " + img + " (with another tag) from services/payments-api/Dockerfile",
		"  deploy/payments.yaml:20 k8s:payments/CronJob/settlement container settle runs " + img + ":v2.3.1",
		"  services/payments-api/Dockerfile:1 Dockerfile services/payments-api/Dockerfile",
		"  .github/workflows/release.yml:12 github-actions builds " + img + ":${{ github.sha }} from services/payments-api/Dockerfile",
		"  assumes [the tag " + img + ":v2.3.1 is built the way the configuration builds " + img + ":${{ github.sha }}]",
		"services/payments-api/Dockerfile:6 copies services/payments-api/go.mod (by name) into stage deps; stage build is " +
			"built FROM deps; the final stage copies from build (COPY --from, line 19)",
		"  services/payments-api/Dockerfile:6 COPY go.mod go.sum in stage deps",
		"  services/payments-api/go.mod:1 lockfile services/payments-api/go.mod",
		"  services/payments-api/Dockerfile:19 stage #3 copies from stage build (COPY --from)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
}

// TestGolden compares every fixture's full facts with testdata/<fixture>.golden.json (rewrite with -update).
func TestGolden(t *testing.T) {
	for _, dir := range []string{"elsewhere", "ambiguous", "compose", "multistage", "convention"} {
		t.Run(dir, func(t *testing.T) {
			f := linktest.Build(t, linktest.Dir(t, filepath.Join("testdata", dir)), New())
			// Only what this builder makes, so that the golden files do not follow model.Facts' encoding.
			got, err := json.MarshalIndent(struct {
				Edges       []model.Edge
				Broken      []model.BrokenLink
				Assumptions []model.Assumption
				Diagnostics []model.Diagnostic
			}{f.Edges, f.Broken, f.Assumptions, f.Diagnostics}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", dir+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
				t.Errorf("facts differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestDeterministic: the same graph gives the same facts, run after run.
func TestDeterministic(t *testing.T) {
	g := linktest.Dir(t, "testdata/compose")
	first, _ := json.Marshal(linktest.Build(t, g, New()))
	for i := 0; i < 5; i++ {
		again, _ := json.Marshal(linktest.Build(t, g, New()))
		if string(again) != string(first) {
			t.Fatal("two builds over one graph differ")
		}
	}
}
