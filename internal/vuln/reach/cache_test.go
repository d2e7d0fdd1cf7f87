package reach

import (
	"context"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// TestParsedOnce checks that a module is indexed once: after the first Check, a change to the file system is
// not seen, and many queries share the index.
func TestParsedOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"svc/go.mod":  {Data: []byte("module example.com/svc\n")},
		"svc/main.go": {Data: []byte("package main\n\nimport \"golang.org/x/net/html\"\n\nvar _, _ = html.Parse(nil)\n")},
	}
	a := New(fsys)
	q := []Query{{html, []string{"Parse"}}, {html, []string{"Render"}}}
	first, err := a.Check(context.Background(), "svc", q)
	if err != nil {
		t.Fatal(err)
	}
	fsys["svc/main.go"] = &fstest.MapFile{Data: []byte("package main\n")}
	again, err := a.Check(context.Background(), "svc", q)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("second Check re-read the module (-first +again):\n%s", diff)
	}
	if got := []Status{first[0].Status, first[1].Status}; !cmp.Equal(got, []Status{Reachable, NotReachable}) {
		t.Errorf("statuses %v", got)
	}
}

// TestCheckErrors: a directory without go.mod is an error, and so is a cancelled context (not cached).
func TestCheckErrors(t *testing.T) {
	fsys := fstest.MapFS{"m/go.mod": {Data: []byte("module m\n")}, "m/a.go": {Data: []byte("package a\n")}}
	a := New(fsys)
	if _, err := a.Check(context.Background(), "nomod", nil); err == nil {
		t.Error("no error for a directory without go.mod")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := a.Check(ctx, "m", []Query{{html, nil}}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	ds, err := a.Check(context.Background(), "m", []Query{{html, nil}})
	if err != nil || ds[0].Status != Unknown {
		t.Errorf("after cancel: %v %v", ds, err)
	}
}
