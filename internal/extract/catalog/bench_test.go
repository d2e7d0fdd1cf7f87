package catalog

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// genCatalog writes one team's catalog-info.yaml: a Group, a System, three Components with dependencies and
// APIs, a database Resource and an API (7 documents, about 90 lines).
func genCatalog(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-%d\nspec:\n  type: team\n  parent: engineering\n  members: [user-%d-a, user-%d-b]\n", i, i, i)
	fmt.Fprintf(&b, "---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-%d\n  annotations:\n    seam.dev/tier: \"%d\"\nspec:\n  owner: team-%d\n  domain: domain-%d\n", i, 1+i%4, i, i%10)
	for c := 0; c < 3; c++ {
		fmt.Fprintf(&b, "---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-%d-%d\n  tags: [go, http]\n", i, c)
		fmt.Fprintf(&b, "  annotations:\n    github.com/project-slug: acme/svc-%d-%d\n    backstage.io/kubernetes-id: svc-%d-%d\n", i, c, i, c)
		fmt.Fprintf(&b, "spec:\n  type: service\n  lifecycle: production\n  owner: team-%d\n  system: system-%d\n", i, i)
		fmt.Fprintf(&b, "  dependsOn: [resource:db-%d, component:svc-%d-%d]\n  providesApis: [api-%d-%d]\n  consumesApis: [api-%d-0]\n", i, (i+1)%200, c, i, c, (i+7)%200)
	}
	fmt.Fprintf(&b, "---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: db-%d\nspec:\n  type: database\n  owner: team-%d\n  system: system-%d\n", i, i, i)
	fmt.Fprintf(&b, "---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: api-%d-0\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-%d\n  definition:\n    $text: ./openapi.yaml\n", i, i)
	return []byte(b.String())
}

// BenchmarkExtract reads 200 team catalog files (1,400 entities) per iteration.
func BenchmarkExtract(b *testing.B) {
	const files = 200
	fsys := fstest.MapFS{}
	var paths []string
	for i := 0; i < files; i++ {
		p := fmt.Sprintf("teams/team-%03d/catalog-info.yaml", i)
		fsys[p] = &fstest.MapFile{Data: genCatalog(i)}
		paths = append(paths, p)
	}
	e := New()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paths {
			f, err := e.Extract(ctx, extract.Input{FS: fsys, Paths: []string{p}})
			if err != nil || len(f.Nodes) < 7 || len(f.Diagnostics) > 0 {
				b.Fatalf("%s: %v %d nodes %+v", p, err, len(f.Nodes), f.Diagnostics)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files), "ns/file")
}
