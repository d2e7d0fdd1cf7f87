package flaw

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/image"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// TestCopies: which COPY sources take a file (relative to the build context) into the image.
func TestCopies(t *testing.T) {
	tests := []struct {
		src, rel string
		how      string // "" when it does not copy the file
		conf     link.Confidence
	}{
		{".", "internal/x.go", "build context", link.High},
		{"./", "x.py", "build context", link.High},
		{"/", "x.py", "build context", link.High}, // an absolute source is relative to the context
		{"worker.py", "worker.py", "file", link.High},
		{"src/", "src/app/main.py", "directory", link.High},
		{"./src", "src/app/main.py", "directory", link.High},
		{"src", "srcs/main.py", "", 0}, // a prefix of a name is not its directory
		{"*.py", "worker.py", "glob", link.Medium},
		{"*.py", "app/worker.py", "", 0}, // Go's Match: * does not cross /
		{"cmd/*", "cmd/api/main.go", "glob", link.Medium},
		{"go.mod", "internal/x.go", "", 0},
		{"${APP_DIR}", "internal/x.go", "variable", link.Low},
	}
	for _, tt := range tests {
		cv, ok := copies(tt.src, tt.rel)
		if ok != (tt.how != "") || cv.how != tt.how || cv.confidence != tt.conf {
			t.Errorf("copies(%q, %q) = %q %v %v, want %q %v", tt.src, tt.rel, cv.how, cv.confidence, ok, tt.how, tt.conf)
		}
	}
}

// TestReached: the stages whose files reach the image, with COPY --from as evidence.
//
//	0 deps   FROM node            ← copied by build
//	1 build  FROM deps, COPY --from=deps
//	2 test   FROM build           (not reached: the final stage does not copy from it)
//	3 final  FROM nginx, COPY --from=build
func TestReached(t *testing.T) {
	n := &model.Node{ID: "dockerfile:web/Dockerfile", Attrs: map[string]any{
		"stages": []any{
			map[string]any{"name": "deps"}, map[string]any{"name": "build", "base_stage": 0},
			map[string]any{"name": "test", "base_stage": 1}, map[string]any{"name": "final"},
		},
		"final_stage": 3,
		"copies": []any{
			map[string]any{"instruction": "COPY", "sources": []any{"package.json"}, "stage": 0, "line": 3},
			map[string]any{"instruction": "COPY", "sources": []any{"src/"}, "stage": 1, "line": 6},
			map[string]any{"instruction": "COPY", "sources": []any{"e2e/"}, "stage": 2, "line": 9},
			map[string]any{"instruction": "COPY", "sources": []any{"/app/dist"}, "stage": 3, "line": 12, "from": "build", "from_stage": 1},
		},
	}}
	d := readDockerfile(n)
	reached := d.reached("")
	var got []int
	for i := range d.stages {
		if _, ok := reached[i]; ok {
			got = append(got, i)
		}
	}
	if diff := cmp.Diff([]int{0, 1, 3}, got); diff != "" {
		t.Errorf("reached stages (-want +got):\n%s", diff)
	}
	if cv, ok := d.covers("src/app.ts", reached); !ok || cv.op.line != 6 || len(cv.via) != 1 || cv.via[0].Line != 12 {
		t.Errorf("src/app.ts: %+v %v", cv, ok)
	}
	if _, ok := d.covers("e2e/checkout.ts", reached); ok {
		t.Error("the test stage's copy reaches the image")
	}
	if _, ok := d.covers("e2e/checkout.ts", d.reached("test")); !ok {
		t.Error("built with --target test, the test stage is the image")
	}
}

// TestPlace: where unresolved SARIF paths are placed among the files of a scan.
func TestPlace(t *testing.T) {
	pl := &placer{byBase: map[string][]string{}, dirs: map[string]bool{}}
	for _, f := range []string{"services/api/Dockerfile", "tools/api/Dockerfile", "services/api/go.mod",
		"deploy/api.yaml", "services/api/internal/handlers/preview.go", "README.md"} {
		pl.byBase[filepath.Base(f)] = append(pl.byBase[filepath.Base(f)], f)
		for d := filepath.Dir(f); d != "."; d = filepath.Dir(d) {
			pl.dirs[d] = true
		}
	}
	tests := []struct {
		in, file, method string
		cands            []string
	}{
		{"/home/runner/work/shop/shop/services/api/internal/handlers/preview.go", "services/api/internal/handlers/preview.go", MethodPathSuffix, nil},
		{"/src/services/api/go.mod", "services/api/go.mod", MethodPathSuffix, nil},
		{"../api/Dockerfile", "", MethodPathSuffix, []string{"services/api/Dockerfile", "tools/api/Dockerfile"}},
		{"/builds/acme/shop/services/api/cmd/api/main.go", "services/api/cmd/api/main.go", MethodDirectorySuffix, nil},
		{"/w/deploy/extra.yaml", "deploy/extra.yaml", MethodDirectorySuffix, nil},
		{"/home/runner/work/shop/shop/README.md", "README.md", MethodPathSuffix, nil},
		{"/home/runner/work/shop/shop/main.go", "", "", nil}, // a root-level file no node names cannot be placed
		{"/opt/elsewhere/x.go", "", "", nil},
		{"/x/api/Dockerfile", "", "", nil}, // shares only api/Dockerfile with either: no suffix relation, api/ unknown
	}
	for _, tt := range tests {
		file, method, cands := pl.place(tt.in)
		if file != tt.file || method != tt.method || !cmp.Equal(cands, tt.cands) {
			t.Errorf("place(%q) = %q %q %v, want %q %q %v", tt.in, file, method, cands, tt.file, tt.method, tt.cands)
		}
	}
}

// TestSourceDir reads Backstage source locations.
func TestSourceDir(t *testing.T) {
	tests := []struct {
		value, catalog, dir string
		isURL, err          bool
	}{
		{"url:https://github.com/acme/webshop/tree/main/services/api", "catalog-info.yaml", "services/api", true, false},
		{"url:https://github.com/acme/webshop/tree/main/services/api/", "catalog-info.yaml", "services/api", true, false},
		{"url:https://github.com/acme/webshop/blob/main/services/api/main.go", "x.yaml", "services/api/main.go", true, false},
		{"url:https://gitlab.com/acme/platform/webshop/-/tree/main/services/api", "x.yaml", "services/api", true, false},
		{"url:https://bitbucket.org/acme/webshop/src/main/services/api/", "x.yaml", "services/api", true, false},
		{"url:https://dev.azure.com/acme/shop/_git/webshop?path=/services/api", "x.yaml", "services/api", true, false},
		{"url:https://github.com/acme/webshop", "x.yaml", "", true, false}, // the repository root
		{"dir:.", "services/api/catalog-info.yaml", "services/api", false, false},
		{"dir:../worker", "services/api/catalog-info.yaml", "services/worker", false, false},
		{"dir:../../..", "services/api/catalog-info.yaml", "", false, true},
		{"dir:/etc", "catalog-info.yaml", "", false, true},
		{"url:https://github.com/acme/webshop/tree/main/../../x", "x.yaml", "", true, true},
		{"github:acme/webshop", "x.yaml", "", false, true},
	}
	for _, tt := range tests {
		dir, isURL, err := sourceDir(tt.value, tt.catalog)
		if dir != tt.dir || isURL != tt.isURL || (err != nil) != tt.err {
			t.Errorf("sourceDir(%q) = %q %v %v, want %q %v error %v", tt.value, dir, isURL, err, tt.dir, tt.isURL, tt.err)
		}
	}
}

// TestAgreesWithImageBuilder: the builder works out which Dockerfile builds an image itself, because it runs
// beside the image builder; every image it matches must be one the image builder links to the same
// Dockerfile, over these fixtures, the image builder's own and the example.
func TestAgreesWithImageBuilder(t *testing.T) {
	all, _ := filepath.Glob("../image/testdata/*")
	var dirs []string
	for _, d := range all {
		if info, err := os.Stat(d); err == nil && info.IsDir() {
			dirs = append(dirs, d)
		}
	}
	dirs = append(dirs, webshop, "testdata/undeployed", "testdata/ciprefix", "testdata/ecs")
	matched := 0
	for _, dir := range dirs {
		g := linktest.Dir(t, dir)
		builtFrom := map[string]string{}
		for _, e := range linktest.Build(t, g, image.New()).Edges {
			if e.Kind == model.EdgeBuiltFrom {
				builtFrom[e.From] = strings.TrimPrefix(e.To, "dockerfile:")
			}
		}
		w := &work{b: New(), in: &link.Input{Graph: g, Index: link.NewIndex(g)}, g: g, byPath: map[string]*dockerfile{},
			byName: map[string][]*dockerfile{}, byImage: map[string][]*build{}, byRepo: map[string][]*build{},
			pushed: map[string]bool{}, units: map[string]*unit{}, dfUnits: map[string][]*unit{}, edges: map[string]*proposal{}}
		w.readDockerfiles()
		for _, img := range g.NodesOfKind(model.KindImage) {
			m, ok := w.matchImage(img)
			if !ok {
				continue
			}
			matched++
			if want, got := builtFrom[img.ID], m.units[0].df.path; want != got {
				t.Errorf("%s: %s is built from %q by this builder's reading, %q by the image builder's", dir, img.ID, got, want)
			}
		}
	}
	if matched < 10 {
		t.Errorf("only %d images matched: the comparison proves little", matched)
	}
}
