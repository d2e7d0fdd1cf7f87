package extractors

import (
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// support lists the packages under internal/extract that are not extractors.
var support = map[string]bool{"awscatalog": true, "extractors": true, "redact": true}

// TestEveryExtractorIsListed fails when a package under internal/extract holds an extractor that All does not
// list, so a new input format cannot be forgotten.
func TestEveryExtractorIsListed(t *testing.T) {
	listed := map[string]bool{}
	names := map[string]bool{}
	for _, ex := range All() {
		pkg := reflect.TypeOf(ex).Elem().PkgPath()
		listed[pkg[strings.LastIndex(pkg, "/")+1:]] = true
		if names[ex.Name()] {
			t.Errorf("two extractors are named %q", ex.Name())
		}
		names[ex.Name()] = true
	}
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, e := range entries {
		if e.IsDir() && !support[e.Name()] && !listed[e.Name()] {
			missing = append(missing, e.Name())
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("extractor packages not listed in All(): %v", missing)
	}
}
