package lockfile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem"
	"github.com/google/osv-scalibr/inventory"
	scalibrplugin "github.com/google/osv-scalibr/plugin"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/facts.json")

const goldenPath = "testdata/golden/facts.json"

// wantedFixtures walks testdata the way the engine walks a repository and returns every file the
// extractor wants, sorted.
func wantedFixtures(t testing.TB) []string {
	t.Helper()
	e := New()
	var paths []string
	err := fs.WalkDir(testdataFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if e.FileRequired(p, info) {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

func TestGolden(t *testing.T) {
	f := extractPaths(t, testdataFS, wantedFixtures(t)...)
	model.SortDiagnostics(f.Diagnostics)
	model.SortAssumptions(f.Assumptions)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "<version>" and ">=" readable in the golden file
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		Nodes       []model.Node       `json:"nodes"`
		Edges       []model.Edge       `json:"edges"`
		Diagnostics []model.Diagnostic `json:"diagnostics"`
		Assumptions []model.Assumption `json:"assumptions"`
	}{f.Nodes, f.Edges, f.Diagnostics, f.Assumptions}); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	if *update {
		if err := os.MkdirAll(filepath.Dir(goldenPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("facts differ from %s (-want +got); run go test -update if the change is intended:\n%s", goldenPath, diff)
	}
}

func TestDeterministic(t *testing.T) {
	paths := wantedFixtures(t)
	first := extractPaths(t, testdataFS, paths...)
	for i := 0; i < 5; i++ {
		if diff := cmp.Diff(first, extractPaths(t, testdataFS, paths...)); diff != "" {
			t.Fatalf("run %d differs (-first +now):\n%s", i, diff)
		}
	}
}

func TestFileRequired(t *testing.T) {
	e := New()
	tests := []struct {
		path string
		want bool
	}{
		{"go.mod", true},
		{"services/api/go.mod", true},
		{"go.sum", false}, // read through go.mod when the go line is below 1.17
		{"web/package-lock.json", true},
		{"web/npm-shrinkwrap.json", true},
		{"web/node_modules/left-pad/package-lock.json", false},
		{"web/package.json", false},
		{"yarn.lock", true},
		{"pnpm-lock.yaml", true},
		{"requirements.txt", true},
		{"requirements/dev-requirements.txt", true},
		{"requirements.in", false},
		{"notes.txt", false},
		{"poetry.lock", true},
		{"Pipfile.lock", true},
		{"Pipfile", false},
		{"uv.lock", true},
		{"pdm.lock", true},
		{"pom.xml", true},
		{"libs/parent-1.0.pom", true},
		{"gradle.lockfile", true},
		{"buildscript-gradle.lockfile", true},
		{"build.gradle", false},
		{"Gemfile.lock", true},
		{"gems.locked", true},
		{"Gemfile", false},
		{"Cargo.lock", true},
		{"Cargo.toml", false},
		{"composer.lock", true},
		{"src/Api/packages.lock.json", true},
		{"bin/Release/net8.0/Api.deps.json", true},
		{"packages.config", true},
		{"main.tf", false},
		{"Dockerfile", false},
	}
	for _, tt := range tests {
		info := fstest.MapFS{"f": {Data: []byte("x")}}
		fi, _ := fs.Stat(info, "f")
		if got := e.FileRequired(tt.path, fi); got != tt.want {
			t.Errorf("FileRequired(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// panicky is a scalibr plugin that panics on every file, as a parser bug would.
type panicky struct{}

func (panicky) Name() string                              { return "test/panicky" }
func (panicky) Version() int                              { return 0 }
func (panicky) Requirements() *scalibrplugin.Capabilities { return &scalibrplugin.Capabilities{} }
func (panicky) FileRequired(api filesystem.FileAPI) bool {
	return strings.HasSuffix(api.Path(), "boom.lock")
}
func (panicky) Extract(context.Context, *filesystem.ScanInput) (inventory.Inventory, error) {
	var pkgs []*extractor.Package
	_ = pkgs[3] // index out of range
	return inventory.Inventory{}, nil
}

func TestPluginPanicBecomesDiagnostic(t *testing.T) {
	e := New()
	e.plugins = append([]plugin{{pluginRow: pluginRow{ecosystem: "npm", format: "boom.lock"}, ex: panicky{}}}, e.plugins...)
	fsys := fstest.MapFS{"app/boom.lock": {Data: []byte("anything")}}
	f, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"app/boom.lock"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %v, want one", f.Diagnostics)
	}
	msg := f.Diagnostics[0].Message
	for _, frag := range []string{"osv-scalibr test/panicky crashed", "index out of range", "panicky.Extract"} {
		if !strings.Contains(msg, frag) {
			t.Errorf("message %q lacks %q", msg, frag)
		}
	}
	if strings.Contains(msg, "/") && strings.Contains(msg, ".go:") {
		t.Errorf("message %q leaks file paths", msg)
	}
}

func TestSizeCap(t *testing.T) {
	big := bytes.Repeat([]byte("# padding\n"), 200)
	fsys := fstest.MapFS{
		"big/requirements.txt":   {Data: append([]byte("flask==3.0.0\n"), big...)},
		"small/requirements.txt": {Data: []byte("-r ../big/requirements.txt\nrequests==2.31.0\n")},
	}
	e := New()
	f, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"big/requirements.txt", "small/requirements.txt"}, MaxFileSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Diagnostics) != 1 || f.Diagnostics[0].File != "big/requirements.txt" || f.Diagnostics[0].Severity != model.SeverityWarning {
		t.Errorf("diagnostics = %v, want one warning about big/requirements.txt", f.Diagnostics)
	}
	// The include is over the cap too: scalibr cannot open it, so small/ pins requests only.
	if diff := cmp.Diff([]string{"pkg:pypi/requests@2.31.0 line=2"}, edgeRows(f)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func TestIncludesStayInsideTheRoot(t *testing.T) {
	fsys := fstest.MapFS{
		"requirements.txt":      {Data: []byte("-r ../../etc/passwd\n-r /etc/hosts\n-r base-requirements.txt\n")},
		"base-requirements.txt": {Data: []byte("-r requirements.txt\nidna==3.6\n")}, // an include cycle
	}
	f := extractPaths(t, fsys, "requirements.txt")
	if diff := cmp.Diff([]string{"pkg:pypi/idna@3.6 line=3 via=base-requirements.txt"}, edgeRows(f)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func TestLocalParentPOM(t *testing.T) {
	// A module POM with a parent one directory up. scalibr merges local parents through the scanned FS
	// (nothing is fetched): the parent's dependencyManagement gives slf4j-api its version. A version taken
	// from a parent's property is lost by scalibr (it interpolates before merging parents); Seam keeps the
	// dependency with an unknown version instead of dropping it.
	fsys := fstest.MapFS{
		"pom.xml": {Data: []byte(`<project><modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0.0</version><packaging>pom</packaging>
  <properties><guava.version>33.0.0-jre</guava.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.9</version></dependency>
  </dependencies></dependencyManagement>
</project>`)},
		"api/pom.xml": {Data: []byte(`<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>
  <artifactId>api</artifactId>
  <dependencies>
    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>${guava.version}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
  </dependencies>
</project>`)},
	}
	f := extractPaths(t, fsys, "api/pom.xml")
	want := []string{
		"pkg:maven/com.google.guava/guava line=5 direct=true dev=false scope=compile",
		"pkg:maven/org.slf4j/slf4j-api@2.0.9 line=6 direct=true dev=false scope=compile",
	}
	if diff := cmp.Diff(want, edgeRows(f)); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
	if len(f.Assumptions) != 1 || f.Assumptions[0].Subject != "pkg:maven/com.google.guava/guava" ||
		!strings.Contains(f.Assumptions[0].Reason, "${guava.version}") {
		t.Errorf("assumptions = %+v, want one about guava's ${guava.version}", f.Assumptions)
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Extract(ctx, extract.Input{FS: testdataFS, Paths: []string{"go/go.mod"}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestErrorLine(t *testing.T) {
	lines := newLineIndex([]byte("a\nbb\nccc\n"))
	tests := []struct {
		offset int64
		want   int
	}{{0, 1}, {1, 1}, {2, 2}, {4, 2}, {5, 3}, {8, 3}, {9, 4}}
	for _, tt := range tests {
		if got := lines.lineAt(tt.offset); got != tt.want {
			t.Errorf("lineAt(%d) = %d, want %d", tt.offset, got, tt.want)
		}
	}
	if got := lines.find("bb", ""); got != 2 {
		t.Errorf("find(bb) = %d, want 2", got)
	}
	if got := newLineIndex([]byte("x 1.0\nname 2.0\nname 1.0\n")).find("name", "1.0"); got != 3 {
		t.Errorf("find(name, 1.0) = %d, want 3", got)
	}
}

// TestImports keeps the layering of STYLE.md: an extractor imports model (and the extract contract), never
// the graph, the engine or another extractor.
func TestImports(t *testing.T) {
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for name, file := range p.Files {
			for _, imp := range file.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.HasPrefix(path, "github.com/seam-sec/seam/") {
					continue
				}
				switch path {
				case "github.com/seam-sec/seam/internal/model", "github.com/seam-sec/seam/internal/extract":
				default:
					t.Errorf("%s imports %s", name, path)
				}
			}
		}
	}
}

func TestRepositoryURLsLoseCredentials(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://github.com/acme/ui", "https://github.com/acme/ui"},
		{"https://x-access-token:ghp_secret@github.com/acme/ui", "https://github.com/acme/ui"},
		{"https://ghp_secret@github.com/acme/ui", "https://github.com/acme/ui"},
	}
	for _, tt := range tests {
		if got := withoutUserinfo(tt.in); got != tt.want {
			t.Errorf("withoutUserinfo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
