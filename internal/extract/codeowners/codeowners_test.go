package codeowners

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture is one CODEOWNERS file under testdata: the scanned root and the file's path inside it.
type fixture struct{ root, path string }

var fixtureFiles = []fixture{
	{"github", ".github/CODEOWNERS"},
	{"gitlab", ".gitlab/CODEOWNERS"},
	{"invalid", "CODEOWNERS"},
	{"docs", "docs/CODEOWNERS"},
}

func extractFixture(t testing.TB, fx fixture) model.Facts {
	t.Helper()
	e := New()
	if !e.FileRequired(fx.path, nil) {
		t.Fatalf("FileRequired(%q) = false", fx.path)
	}
	f, err := e.Extract(context.Background(), extract.Input{FS: os.DirFS(filepath.Join("testdata", fx.root)),
		Paths: []string{fx.path}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// summary is what each fixture's comment promises.
type summary struct {
	Dialect     string
	RuleLines   []int
	Sections    []string // name@line
	Owners      []string // owner node ID: kind
	OwnedBy     []string // owner ID @ rule line
	Diagnostics []string // line:severity
}

func summarise(f model.Facts) summary {
	var s summary
	for _, n := range f.Nodes {
		switch n.Kind {
		case model.KindConfig:
			s.Dialect = n.Attrs["dialect"].(string)
			for _, r := range n.Attrs["rules"].([]any) {
				s.RuleLines = append(s.RuleLines, r.(map[string]any)["line"].(int))
			}
			secs, _ := n.Attrs["sections"].([]any)
			for _, sec := range secs {
				m := sec.(map[string]any)
				s.Sections = append(s.Sections, fmt.Sprintf("%s@%d", m["name"], m["line"]))
			}
		case model.KindOwner:
			s.Owners = append(s.Owners, n.ID+": "+n.Attrs["owner_kind"].(string))
		}
	}
	for _, e := range f.Edges {
		if e.Kind == model.EdgeOwnedBy {
			s.OwnedBy = append(s.OwnedBy, fmt.Sprintf("%s@%d", e.To, e.Prov.Line))
		}
	}
	for _, d := range f.Diagnostics {
		s.Diagnostics = append(s.Diagnostics, fmt.Sprintf("%d:%s", d.Line, d.Severity))
	}
	return s
}

func TestExtractFixtures(t *testing.T) {
	tests := []struct {
		fx   fixture
		want summary
	}{
		{fixtureFiles[0], summary{Dialect: "github", RuleLines: []int{10, 12, 13, 14, 15, 16, 18, 19, 22, 28},
			Owners: []string{"owner:@acme/devops: team", "owner:@acme/frontend: team", "owner:@acme/payments: team",
				"owner:@acme/security: team", "owner:@acme/web: team", "owner:@octocat: user",
				"owner:docs@acme.example: email"},
			OwnedBy:     []string{"owner:@acme/security@28"},
			Diagnostics: []string{"25:warning"}}},
		{fixtureFiles[1], summary{Dialect: "gitlab", RuleLines: []int{9, 10, 13, 14, 15, 18, 19, 22, 23, 26},
			Sections: []string{"Docs@12", "Backend@17", "Security@21", "docs@25"},
			Owners: []string{"owner:@@maintainer: role", "owner:@@owner: role", "owner:@acme/backend: team",
				"owner:@acme/devs: team", "owner:@acme/platform/sre: team", "owner:@acme/security: team",
				"owner:@acme/writers: team", "owner:@jdoe: user"}}},
		{fixtureFiles[2], summary{Dialect: "gitlab", RuleLines: []int{11, 12, 13},
			Owners:      []string{"owner:@acme/lib: team", "owner:@acme/tools: team", "owner:tools@acme.example: email"},
			Diagnostics: []string{"7:warning", "8:warning", "9:warning", "10:warning", "12:warning"}}},
		{fixtureFiles[3], summary{Dialect: "github", RuleLines: []int{4},
			Owners: []string{"owner:@acme/docs: team"}, OwnedBy: []string{"owner:@acme/docs@4"}}},
	}
	for _, tt := range tests {
		t.Run(tt.fx.root, func(t *testing.T) {
			got := summarise(extractFixture(t, tt.fx))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestFixtureOwnership checks the ownership answers the fixture comments promise.
func TestFixtureOwnership(t *testing.T) {
	read := func(fx fixture) Rules {
		data, err := os.ReadFile(filepath.Join("testdata", fx.root, fx.path))
		if err != nil {
			t.Fatal(err)
		}
		r, _ := Parse(fx.path, data)
		return r
	}
	gh := read(fixtureFiles[0])
	tests := []struct {
		path string
		want []string
	}{
		{"index.html", []string{"@Acme/Web"}},
		{"web/app.js", []string{"@acme/frontend"}},
		{"docs/a.md", []string{"docs@acme.example"}},
		{"services/payments/api.go", []string{"@acme/payments", "@octocat", "docs@acme.example"}},
		{"services/billing/api.go", []string{"@Acme/Web"}}, // the invalid line was skipped
		{"gen/types.go", nil},
		{"#notes.md", []string{"@octocat"}},
		{".github/CODEOWNERS", []string{"@acme/security"}},
	}
	for _, tt := range tests {
		owners, _, ok := gh.Owners(tt.path)
		if !ok || !cmp.Equal(owners, tt.want) {
			t.Errorf("github Owners(%q) = %v, %v; want %v", tt.path, owners, ok, tt.want)
		}
	}
	gl := read(fixtureFiles[1])
	var got []string
	for _, r := range gl.Matches("app/models/user.rb") {
		got = append(got, fmt.Sprintf("%q %v %d", r.Section, r.Owners, r.Approvals))
	}
	want := []string{`"" [@acme/devs] 0`, `"Backend" [@acme/backend] 2`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gitlab Matches (-want +got):\n%s", diff)
	}
	if owners, rule, _ := gl.Owners("user guide.md"); !cmp.Equal(owners, []string{"@acme/writers"}) || rule.Line != 26 {
		t.Errorf("gitlab Owners(user guide.md) = %v from line %d; want [@acme/writers] from 26 ([docs] *.md)", owners, rule.Line)
	}
	// Matches merges [Docs] and [docs]: the later [docs] rule wins over the escaped-space rule of [Docs].
	var secs []string
	for _, r := range gl.Matches("user guide.md") {
		secs = append(secs, fmt.Sprintf("%s@%d", r.Section, r.Line))
	}
	if diff := cmp.Diff([]string{"docs@26"}, secs); diff != "" {
		t.Errorf("gitlab Matches(user guide.md) (-want +got):\n%s", diff)
	}
}

func TestGolden(t *testing.T) {
	for _, fx := range fixtureFiles {
		t.Run(fx.root, func(t *testing.T) {
			got, err := json.MarshalIndent(extractFixture(t, fx), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", fx.root+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("golden mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"CODEOWNERS": true, ".github/CODEOWNERS": true, "docs/CODEOWNERS": true, ".gitlab/CODEOWNERS": true,
		"sub/CODEOWNERS": false, "codeowners": false, "CODEOWNERS.md": false, ".github/codeowners": false,
	}
	for p, want := range tests {
		if got := New().FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
	locs := append(GitHubLocations(), GitLabLocations()...)
	sort.Strings(locs)
	for _, l := range locs {
		if !New().FileRequired(l, nil) {
			t.Errorf("a platform location is not read: %s", l)
		}
	}
}

func TestExtractErrors(t *testing.T) {
	fsys := fstest.MapFS{"CODEOWNERS": {Data: []byte("* @a\n")}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{".github/CODEOWNERS"}})
	if err != nil || len(f.Diagnostics) != 1 || f.Diagnostics[0].Severity != model.SeverityError {
		t.Errorf("missing file: %v %+v", err, f)
	}
	f, _ = New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"CODEOWNERS"}, MaxFileSize: 2})
	if len(f.Nodes) != 0 || len(f.Diagnostics) != 1 {
		t.Errorf("size cap: %+v", f)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().Extract(ctx, extract.Input{FS: fsys, Paths: []string{"CODEOWNERS"}}); err == nil {
		t.Error("cancelled: want an error")
	}
	// An empty file is a config node with no rules, no owners.
	f = ExtractBytes("CODEOWNERS", nil)
	if len(f.Nodes) != 1 || len(f.Nodes[0].Attrs["rules"].([]any)) != 0 || len(f.Edges) != 0 {
		t.Errorf("empty file: %+v", f)
	}
}

func TestDeterministic(t *testing.T) {
	for _, fx := range fixtureFiles {
		a, _ := json.Marshal(extractFixture(t, fx))
		for i := 0; i < 5; i++ {
			b, _ := json.Marshal(extractFixture(t, fx))
			if string(a) != string(b) {
				t.Fatalf("%s: runs differ", fx.root)
			}
		}
	}
}

// FuzzExtract must never panic; every fact carries provenance and every edge ends at a node of the same facts.
func FuzzExtract(f *testing.F) {
	for _, fx := range fixtureFiles {
		data, err := os.ReadFile(filepath.Join("testdata", fx.root, fx.path))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("^[]][x] @a\n\\\n**/**/ @@b\n/\xff\\\xc3 @u\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		facts := ExtractBytes("CODEOWNERS", data)
		ids := map[string]bool{}
		for _, n := range facts.Nodes {
			if n.Prov.File == "" || n.Prov.Extractor != Name {
				t.Fatalf("node without provenance: %+v", n)
			}
			ids[n.ID] = true
		}
		for _, e := range facts.Edges {
			if !ids[e.From] || !ids[e.To] || e.Prov.Line <= 0 {
				t.Fatalf("dangling edge or no line: %+v", e)
			}
		}
		rules, _ := Parse("CODEOWNERS", data)
		for _, p := range []string{"a", "docs/x.md", strings.Repeat("a/", 20) + "b"} {
			rules.Owners(p)
			rules.Matches(p)
		}
	})
}
