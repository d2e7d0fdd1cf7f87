package buildconfig

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixtures lists every build configuration under testdata (golden files excluded).
func fixtures(t testing.TB) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(os.DirFS("testdata"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && Format(p) != "" {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func extractFile(t *testing.T, fsys fs.FS, p string) model.Facts {
	t.Helper()
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{p}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// summary is what each fixture's comment promises: one line per build of the config node ("line ref |
// context | dockerfile"), the unknown parts per image, the attributes assumptions are about, diagnostics.
type summary struct {
	Builds      []string
	Unknown     []string // image: field=parts
	Assumptions []string // image attribute
	Diagnostics []string // line:severity
}

func summarise(f model.Facts) summary {
	var s summary
	for _, n := range f.Nodes {
		switch n.Kind {
		case model.KindConfig:
			for _, b := range n.Attrs["builds"].([]any) {
				m := b.(map[string]any)
				ctx := fmt.Sprint(m["context"])
				if r, ok := m["context_remote"]; ok {
					ctx = "remote " + r.(string)
				}
				df := fmt.Sprint(m["dockerfile"])
				if r, ok := m["no_dockerfile"]; ok {
					df = "none: " + r.(string)
				}
				s.Builds = append(s.Builds, fmt.Sprintf("%v %v | %s | %s", m["config_line"], m["ref"], ctx, df))
			}
		case model.KindImage:
			if u, ok := n.Attrs["unknown_parts"].(map[string]any); ok {
				for _, k := range sortedAnyKeys(u) {
					s.Unknown = append(s.Unknown, fmt.Sprintf("%s: %s=%v", n.Attrs["ref"], k, u[k]))
				}
			}
		}
	}
	for _, a := range f.Assumptions {
		s.Assumptions = append(s.Assumptions, strings.TrimPrefix(a.Subject, "image:")+" "+a.Attribute)
	}
	for _, d := range f.Diagnostics {
		s.Diagnostics = append(s.Diagnostics, fmt.Sprintf("%d:%s", d.Line, d.Severity))
	}
	return s
}

func sortedAnyKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

const ecr = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

// fixtureTests pairs every fixture under testdata with the summary its comment promises.
var fixtureTests = []struct {
	file string
	want summary
}{
	{"compose/docker-compose.yml", summary{
		Builds: []string{
			"19 ghcr.io/acme/shop-api:${GIT_SHA} | compose/services/api | compose/services/api/Dockerfile.prod",
			"19 ghcr.io/acme/shop-api:dev | compose/services/api | compose/services/api/Dockerfile.prod",
			"31 shop-web | compose/web | compose/web/Dockerfile",
			"34 ${REGISTRY}/shop/worker:1.0 | compose | compose/services/worker/worker.Dockerfile",
		},
		Unknown: []string{"ghcr.io/acme/shop-api:${GIT_SHA}: ref=[${GIT_SHA}]", "${REGISTRY}/shop/worker:1.0: ref=[${REGISTRY}]"},
		Assumptions: []string{"${REGISTRY}/shop/worker:1.0 ref", "docker.io/library/shop-web:latest ref",
			"ghcr.io/acme/shop-api:${GIT_SHA} ref", "ghcr.io/acme/shop-api:dev ref"},
	}},
	{"compose/compose.yaml", summary{
		Builds: []string{
			"7 compose-app | compose | compose/Dockerfile",
			"9 acme/docs:latest | remote https://github.com/acme/docs.git#main | <nil>",
		},
		Assumptions: []string{"docker.io/library/compose-app:latest ref"},
	}},
	{"skaffold/skaffold.yaml", summary{
		Builds: []string{
			"15 gcr.io/acme/payments-api:${tagPolicy.gitCommit} | skaffold/services/payments | skaffold/services/payments/Dockerfile.api",
			"22 gcr.io/acme/payments-worker:${tagPolicy.gitCommit} | skaffold/services/worker | skaffold/services/worker/Dockerfile",
			"24 gcr.io/acme/payments-jobs:${tagPolicy.gitCommit} | skaffold/services/jobs | none: skaffold builds this artifact with ko, without a Dockerfile",
			"30 gcr.io/acme/payments-api:${tagPolicy.gitCommit} | skaffold/services/payments | skaffold/services/payments/Dockerfile.release",
			"38 payments-api:latest | skaffold/services/payments | skaffold/services/payments/Dockerfile.dev",
		},
		Unknown: []string{
			"gcr.io/acme/payments-api:${tagPolicy.gitCommit}: ref=[${tagPolicy.gitCommit}]",
			"gcr.io/acme/payments-worker:${tagPolicy.gitCommit}: ref=[${tagPolicy.gitCommit}]",
			"gcr.io/acme/payments-jobs:${tagPolicy.gitCommit}: ref=[${tagPolicy.gitCommit}]",
		},
		// one per build with an unknown tag: the base api and its prod patch are two
		Assumptions: []string{
			"gcr.io/acme/payments-api:${tagPolicy.gitCommit} ref", "gcr.io/acme/payments-api:${tagPolicy.gitCommit} ref",
			"gcr.io/acme/payments-jobs:${tagPolicy.gitCommit} ref", "gcr.io/acme/payments-worker:${tagPolicy.gitCommit} ref",
		},
	}},
	{"workflows/.github/workflows/release.yml", summary{
		Builds: []string{
			"45 " + ecr + "/webshop/api:${{ steps.meta.outputs.tags }} | workflows/services/api | workflows/services/api/Dockerfile",
			"45 " + ecr + "/webshop/storefront:${{ steps.meta.outputs.tags }} | workflows/services/storefront | workflows/services/storefront/Dockerfile",
			"54 ghcr.io/acme/webshop-api:${{ github.sha }} | workflows/services/api | workflows/services/api/Dockerfile",
			"65 " + ecr + "/webshop/worker:${{ github.sha }} | workflows/services/worker | workflows/docker/worker.Dockerfile",
			"65 " + ecr + "/webshop/worker:latest | workflows/services/worker | workflows/docker/worker.Dockerfile",
		},
		Unknown: []string{
			ecr + "/webshop/api:${{ steps.meta.outputs.tags }}: ref=[${{ steps.meta.outputs.tags }}]",
			ecr + "/webshop/storefront:${{ steps.meta.outputs.tags }}: ref=[${{ steps.meta.outputs.tags }}]",
			"ghcr.io/acme/webshop-api:${{ github.sha }}: ref=[${{ github.sha }}]",
			ecr + "/webshop/worker:${{ github.sha }}: ref=[${{ github.sha }}]",
		},
		Assumptions: []string{
			ecr + "/webshop/api:${{ steps.meta.outputs.tags }} ref", ecr + "/webshop/api:${{ steps.meta.outputs.tags }} ref",
			ecr + "/webshop/storefront:${{ steps.meta.outputs.tags }} ref", ecr + "/webshop/storefront:${{ steps.meta.outputs.tags }} ref",
			ecr + "/webshop/worker:${{ github.sha }} ref", "ghcr.io/acme/webshop-api:${{ github.sha }} ref",
		},
	}},
	{"workflows/.github/workflows/nightly.yaml", summary{
		Builds: []string{
			"19 acme/reports:nightly-$GITHUB_RUN_NUMBER | workflows/tools/reports | workflows/tools/reports/Dockerfile",
			"20 acme/reports-cli:nightly | workflows/tools/cli | workflows/tools/cli/Containerfile",
		},
		Unknown:     []string{"acme/reports:nightly-$GITHUB_RUN_NUMBER: ref=[$GITHUB_RUN_NUMBER]"},
		Assumptions: []string{"acme/reports:nightly-$GITHUB_RUN_NUMBER ref"},
	}},
	{"make/Makefile", summary{
		Builds: []string{
			"20 registry.acme.example/platform/gateway:$(shell git describe --tags) | make/services/gateway | make/services/gateway/Dockerfile",
			"20 registry.acme.example/platform/gateway:latest | make/services/gateway | make/services/gateway/Dockerfile",
			"24 registry.acme.example/platform/billing:1.2.0-rc1 | make | make/docker/billing.Dockerfile",
		},
		Unknown:     []string{"registry.acme.example/platform/gateway:$(shell git describe --tags): ref=[$(shell git describe --tags)]"},
		Assumptions: []string{"registry.acme.example/platform/gateway:$(shell git describe --tags) ref"},
	}},
	{"make/images.mk", summary{
		Builds:      []string{"4 $(IMAGE_PREFIX)/search:dev | make/search | make/search/Dockerfile"},
		Unknown:     []string{"$(IMAGE_PREFIX)/search:dev: ref=[$(IMAGE_PREFIX)]"},
		Assumptions: []string{"$(IMAGE_PREFIX)/search:dev ref"},
	}},
	{"broken/docker-compose.yml", summary{Diagnostics: []string{"5:error"}}},
	{"broken/Makefile", summary{Builds: []string{"8 acme/other:1 | broken/other | broken/other/Dockerfile"},
		Diagnostics: []string{"5:warning"}}},
	{"broken/skaffold.yaml", summary{Diagnostics: []string{"2:info"}}},
	{"broken/.github/workflows/odd.yml", summary{Diagnostics: []string{"8:warning"}}},
}

func TestFixtures(t *testing.T) {
	tests := fixtureTests
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			got := summarise(extractFile(t, os.DirFS("testdata"), tt.file))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("summary (-want +got):\n%s", diff)
			}
		})
	}
	for _, p := range fixtures(t) {
		if !seen[p] {
			t.Errorf("fixture %s has no test case", p)
		}
	}
}

// TestGolden compares each fixture's full facts with testdata/golden/<path>.json (rewrite with -update).
func TestGolden(t *testing.T) {
	for _, p := range fixtures(t) {
		t.Run(p, func(t *testing.T) {
			f := extractFile(t, os.DirFS("testdata"), p)
			// Only what this extractor makes, so that the golden files do not follow model.Facts' encoding.
			got, err := json.MarshalIndent(struct {
				Nodes       []model.Node
				Diagnostics []model.Diagnostic
				Assumptions []model.Assumption
			}{f.Nodes, f.Diagnostics, f.Assumptions}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(p, "/", "_")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
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
