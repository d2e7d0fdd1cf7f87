package golang_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/codeflaw"
	"github.com/seam-sec/seam/internal/model"
)

// TestRegisteredInExtractor: the codeflaw extractor hands .go files to this detector and turns a finding
// into a code-flaw node with provenance, a syntax error into a warning at its line, and skips tests.
func TestRegisteredInExtractor(t *testing.T) {
	fsys := fstest.MapFS{
		"svc/fetch.go": {Data: []byte(`package svc

import "net/http"

func Fetch(w http.ResponseWriter, r *http.Request) {
	http.Get(r.FormValue("u"))
}
`)},
		"svc/broken.go":     {Data: []byte("package svc\nfunc (\n")},
		"svc/fetch_test.go": {Data: []byte("package svc\n")},
	}
	e := codeflaw.New()
	if e.FileRequired("svc/fetch_test.go", nil) || !e.FileRequired("svc/fetch.go", nil) {
		t.Fatal("FileRequired: want .go files, not tests")
	}
	facts, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"svc/broken.go", "svc/fetch.go"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range facts.Nodes {
		ids = append(ids, n.ID+" "+string(n.Kind)+" "+n.Prov.String()+" "+n.Attrs["source"].(string))
	}
	want := []string{`code-flaw:svc/fetch.go:6:go-ssrf-http-get code-flaw svc/fetch.go:6 (codeflaw) r.FormValue("u")`}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if len(facts.Diagnostics) != 1 || facts.Diagnostics[0].File != "svc/broken.go" || facts.Diagnostics[0].Line != 2 ||
		facts.Diagnostics[0].Severity != model.SeverityWarning {
		t.Errorf("diagnostics %+v, want one warning at svc/broken.go:2", facts.Diagnostics)
	}
}
