package engine

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// fake is a configurable extractor: it wants files by extension and makes one node per file, or fails the
// way a buggy extractor would.
type fake struct {
	name, ext string
	unit      extract.Unit
	panicOn   string
	errOn     string
	calls     [][]string
}

func (f *fake) Name() string       { return f.name }
func (f *fake) Unit() extract.Unit { return f.unit }
func (f *fake) FileRequired(p string, _ fs.FileInfo) bool {
	return path.Ext(p) == f.ext
}
func (f *fake) Extract(_ context.Context, in extract.Input) (model.Facts, error) {
	f.calls = append(f.calls, in.Paths)
	var facts model.Facts
	for _, p := range in.Paths {
		if p == f.panicOn {
			panic("boom")
		}
		if p == f.errOn {
			return facts, errors.New("cannot run")
		}
		data, err := fs.ReadFile(in.FS, p)
		if err != nil {
			return facts, err
		}
		facts.Nodes = append(facts.Nodes, model.Node{ID: f.name + ":" + p, Kind: model.KindResource, Name: strings.TrimSpace(string(data)),
			Prov: model.Provenance{File: p, Line: 1, Extractor: f.name}})
	}
	return facts, nil
}

func TestScanRunsEachExtractorOverItsFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"a.tf": {Data: []byte("A")}, "b.tf": {Data: []byte("B")}, "mod/c.tf": {Data: []byte("C")},
		"x.yaml": {Data: []byte("X")}, "crash.yaml": {Data: []byte("!")}, "fail.yaml": {Data: []byte("?")},
		"README.md": {Data: []byte("nobody wants me")},
	}
	root := &fake{name: "tf", ext: ".tf", unit: extract.UnitRoot}
	file := &fake{name: "yaml", ext: ".yaml", unit: extract.UnitFile, panicOn: "crash.yaml", errOn: "fail.yaml"}
	res, err := Scan(context.Background(), fsys, Options{Extractors: []extract.Extractor{root, file}, Workers: 1, Linkers: []link.Stage{}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([][]string{{"a.tf", "b.tf", "mod/c.tf"}}, root.calls); diff != "" {
		t.Errorf("a root-unit extractor gets all its files in one call (-want +got):\n%s", diff)
	}
	var ids []string
	for _, n := range res.Graph.Nodes() {
		ids = append(ids, n.ID)
	}
	if diff := cmp.Diff([]string{"tf:a.tf", "tf:b.tf", "tf:mod/c.tf", "yaml:x.yaml"}, ids); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	var diags []string
	for _, d := range res.Graph.Diagnostics() {
		msg, _, _ := strings.Cut(d.Message, "\n")
		diags = append(diags, d.File+": "+string(d.Severity)+": "+msg)
	}
	want := []string{
		"crash.yaml: error: extractor crashed (a Seam bug, please report it): boom",
		"fail.yaml: error: extractor failed: cannot run",
	}
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("a panic and an error become diagnostics (-want +got):\n%s", diff)
	}
	if res.FilesSeen != 7 || res.FilesRead != 6 {
		t.Errorf("files seen/read = %d/%d, want 7/6", res.FilesSeen, res.FilesRead)
	}
	var stages []string
	for _, s := range res.Stages {
		stages = append(stages, s.Name+" "+s.Status)
	}
	if diff := cmp.Diff([]string{"walk ok", "extract partial", "graph ok", "vulnerabilities skipped", "link skipped"}, stages); diff != "" {
		t.Errorf("stages (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(ExtractorStat{Name: "yaml", Files: 3, Nodes: 1, Diagnostics: 2}, res.Extractors[1], cmpIgnoreDuration); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

var cmpIgnoreDuration = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Duration" }, cmp.Ignore())

func TestScanCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Scan(ctx, fstest.MapFS{"a.tf": {Data: []byte("A")}}, Options{Extractors: []extract.Extractor{&fake{name: "tf", ext: ".tf"}}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// fakeBuilder is a configurable link builder: it links every node of the graph to a target, records what it
// saw, or fails the way a buggy builder would.
type fakeBuilder struct {
	name   string
	build  func(in *link.Input) (model.Facts, error)
	panics bool
}

func (b *fakeBuilder) Name() string     { return b.name }
func (b *fakeBuilder) Describe() string { return "test builder" }
func (b *fakeBuilder) Inputs() []string { return []string{"anything"} }
func (b *fakeBuilder) Build(_ context.Context, in *link.Input) (model.Facts, error) {
	if b.panics {
		panic("boom")
	}
	return b.build(in)
}

// TestLinkStages checks the staging contract: a builder of a later stage sees what an earlier stage made;
// builders of one stage do not see each other; a builder that fails or panics is a diagnostic and the others
// go on; derived properties land on their nodes.
func TestLinkStages(t *testing.T) {
	fsys := fstest.MapFS{"a.tf": {Data: []byte("A")}, "b.tf": {Data: []byte("B")}}
	prov := model.Provenance{File: "a.tf", Line: 1, Extractor: "link/first"}
	var sawInStage1, sawInStage2 int
	first := &fakeBuilder{name: "first", build: func(in *link.Input) (model.Facts, error) {
		return model.Facts{Edges: []model.Edge{{From: "tf:a.tf", To: "tf:b.tf", Kind: model.EdgeReferences, Prov: prov}}}, nil
	}}
	sibling := &fakeBuilder{name: "sibling", build: func(in *link.Input) (model.Facts, error) {
		sawInStage1 = len(in.Graph.Out("tf:a.tf"))
		return model.Facts{}, nil
	}}
	second := &fakeBuilder{name: "second", build: func(in *link.Input) (model.Facts, error) {
		sawInStage2 = len(in.Graph.Out("tf:a.tf"))
		return model.Facts{Derived: []model.Derived{{Node: "tf:b.tf", Key: "owner", Value: "team", Prov: prov}}}, nil
	}}
	failing := &fakeBuilder{name: "failing", build: func(*link.Input) (model.Facts, error) { return model.Facts{}, errors.New("no") }}
	crashing := &fakeBuilder{name: "crashing", panics: true}
	res, err := Scan(context.Background(), fsys, Options{
		Extractors: []extract.Extractor{&fake{name: "tf", ext: ".tf", unit: extract.UnitRoot}},
		Linkers: []link.Stage{
			{Name: "one", Builders: []link.Builder{first, sibling, crashing}},
			{Name: "two", Builders: []link.Builder{second, failing}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sawInStage1 != 0 || sawInStage2 != 1 {
		t.Errorf("edges seen: same stage %d (want 0), next stage %d (want 1)", sawInStage1, sawInStage2)
	}
	b, _ := res.Graph.Node("tf:b.tf")
	if b.Derived["owner"].Value != "team" {
		t.Errorf("derived owner of b = %v", b.Derived)
	}
	var diags []string
	for _, d := range res.Graph.Diagnostics() {
		msg, _, _ := strings.Cut(d.Message, "\n")
		diags = append(diags, d.Extractor+": "+msg)
	}
	want := []string{
		"link/crashing: link builder crashed (a Seam bug, please report it): boom",
		"link/failing: link builder failed: no",
	}
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	var names []string
	for _, l := range res.Linkers {
		names = append(names, l.Stage+"/"+l.Name)
	}
	if diff := cmp.Diff([]string{"one/first", "one/sibling", "one/crashing", "two/second", "two/failing"}, names); diff != "" {
		t.Errorf("linker stats (-want +got):\n%s", diff)
	}
	if st := res.Stages[len(res.Stages)-1]; st.Name != "link" || st.Status != "partial" {
		t.Errorf("link stage %+v, want partial", st)
	}
}
