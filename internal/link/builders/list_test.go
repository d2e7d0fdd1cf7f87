package builders

import (
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// support lists the packages under internal/link that are not builders.
var support = map[string]bool{"builders": true, "linktest": true}

// TestEveryBuilderIsListed fails when a package under internal/link holds a builder that Stages does not
// list, and when two builders share a name.
func TestEveryBuilderIsListed(t *testing.T) {
	listed := map[string]bool{}
	names := map[string]bool{}
	for _, st := range Stages() {
		for _, b := range st.Builders {
			pkg := reflect.TypeOf(b).Elem().PkgPath()
			listed[pkg[strings.LastIndex(pkg, "/")+1:]] = true
			if names[b.Name()] {
				t.Errorf("two builders are named %q", b.Name())
			}
			names[b.Name()] = true
			if b.Describe() == "" || len(b.Inputs()) == 0 {
				t.Errorf("builder %q does not describe itself (Describe, Inputs)", b.Name())
			}
		}
	}
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, e := range entries {
		if e.IsDir() && !support[e.Name()] && !listed[e.Name()] && e.Name() != "testdata" {
			missing = append(missing, e.Name())
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("builder packages not listed in Stages(): %v", missing)
	}
}
