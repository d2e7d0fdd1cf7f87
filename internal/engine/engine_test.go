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
	res, err := Scan(context.Background(), fsys, Options{Extractors: []extract.Extractor{root, file}, Workers: 1})
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
	if diff := cmp.Diff([]string{"walk ok", "extract partial", "graph ok", "link skipped"}, stages); diff != "" {
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
