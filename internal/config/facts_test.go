package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// factsJSON renders facts the way the golden files hold them.
func factsJSON(t testing.TB, f model.Facts) []byte {
	t.Helper()
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(data, '\n')
}

// TestFactsGolden compares the facts of every valid fixture with testdata/golden/<name>.facts.json.
// Regenerate with: go test ./internal/config -run TestFactsGolden -update
func TestFactsGolden(t *testing.T) {
	fsys := os.DirFS("testdata/valid")
	files, _ := fs.Glob(fsys, "*.yaml")
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			cfg, err := Load(fsys, f)
			if err != nil {
				t.Fatal(err)
			}
			got := factsJSON(t, cfg.Facts(f))
			golden := path.Join("testdata/golden", strings.TrimSuffix(f, ".yaml")+".facts.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("facts differ from %s (-want +got):\n%s", golden, diff)
			}
			if again := factsJSON(t, cfg.Facts(f)); !bytes.Equal(got, again) {
				t.Errorf("Facts is not deterministic")
			}
		})
	}
}

// TestFactsContract checks the rules every fact must follow, over the full fixture: provenance with file,
// line and extractor; valid kinds; JSON-compatible attributes; edge endpoints among the nodes; sorted output.
func TestFactsContract(t *testing.T) {
	cfg, err := Load(os.DirFS("testdata/valid"), "full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f := cfg.Facts("full.yaml")
	ids := map[string]bool{}
	for i, n := range f.Nodes {
		if i > 0 && f.Nodes[i-1].ID >= n.ID {
			t.Errorf("nodes not sorted or duplicated at %s", n.ID)
		}
		ids[n.ID] = true
		if !n.Kind.Valid() {
			t.Errorf("%s: invalid kind %q", n.ID, n.Kind)
		}
		if n.Prov.Extractor != ExtractorName {
			t.Errorf("%s: extractor %q", n.ID, n.Prov.Extractor)
		}
		if n.ID == model.InternetID {
			if n.Prov.File != BuiltinFile {
				t.Errorf("internet: provenance %v, want built-in", n.Prov)
			}
			continue
		}
		if n.Prov.File != "full.yaml" || n.Prov.Line < 1 {
			t.Errorf("%s: provenance %v", n.ID, n.Prov)
		}
		checkJSONCompatible(t, n.ID, n.Attrs)
	}
	for _, e := range f.Edges {
		if !ids[e.From] || !ids[e.To] {
			t.Errorf("edge %s has an endpoint not among the nodes", e.Key())
		}
		if !e.Kind.Valid() || e.Prov.File != "full.yaml" || e.Prov.Line < 1 || e.Prov.Extractor != ExtractorName {
			t.Errorf("edge %s: kind %q provenance %v", e.Key(), e.Kind, e.Prov)
		}
	}
}

// checkJSONCompatible fails when an attribute holds a type outside the model's JSON-compatible set.
func checkJSONCompatible(t *testing.T, id string, v any) {
	t.Helper()
	switch x := v.(type) {
	case nil, string, bool, float64, int:
	case []any:
		for _, e := range x {
			checkJSONCompatible(t, id, e)
		}
	case map[string]any:
		for _, e := range x {
			checkJSONCompatible(t, id, e)
		}
	default:
		t.Errorf("%s: attribute of type %T", id, v)
	}
}

// TestFactsInternet checks where the internet entry point comes from.
func TestFactsInternet(t *testing.T) {
	builtin := model.Provenance{File: BuiltinFile, Extractor: ExtractorName}
	declared, err := Load(os.DirFS("testdata/valid"), "internet-declared.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		cfg   *Config
		file  string
		want  model.Provenance
		nodes int
	}{
		{"no seam.yaml", Default(), "", builtin, 1},
		{"nil config", nil, "", builtin, 1},
		{"not declared", Default(), "seam.yaml", builtin, 2},
		{"declared", declared, "seam.yaml", model.Provenance{File: "seam.yaml", Line: 5, Extractor: ExtractorName}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.cfg.Facts(tt.file)
			if len(f.Nodes) != tt.nodes {
				t.Errorf("%d nodes, want %d", len(f.Nodes), tt.nodes)
			}
			for _, n := range f.Nodes {
				if n.ID == model.InternetID {
					if diff := cmp.Diff(tt.want, n.Prov); diff != "" {
						t.Errorf("internet provenance (-want +got):\n%s", diff)
					}
					return
				}
			}
			t.Errorf("no internet node")
		})
	}
}

func TestCrownJewelID(t *testing.T) {
	if got := CrownJewelID("vault", 3); got != "crown-jewel:vault" {
		t.Errorf("named: %q", got)
	}
	if got := CrownJewelID("", 3); got != "crown-jewel:3" {
		t.Errorf("unnamed: %q", got)
	}
}

// TestImports keeps the package low in the import graph: of Seam's own packages it may import only model, so
// that the engine, the CLI and any extractor can use it.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, "github.com/seam-sec/seam/") && p != "github.com/seam-sec/seam/internal/model" {
				t.Errorf("%s imports %s; config may import only internal/model", f, p)
			}
		}
	}
}
