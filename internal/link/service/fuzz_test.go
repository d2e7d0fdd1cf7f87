package service

import (
	"bufio"
	"os"
	"path"
	"strings"
	"testing"
)

// seeds reads one fuzz seed per line of a file under testdata/seeds, skipping comments and blank lines.
func seeds(t testing.TB, name string) []string {
	f, err := os.Open("testdata/seeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "# ") {
			out = append(out, line)
		}
	}
	return out
}

// FuzzParseSelector checks that any annotation value parses or fails without panicking, and that a parsed
// selector's canonical form parses back to the same selector.
func FuzzParseSelector(f *testing.F) {
	for _, s := range seeds(f, "selectors.txt") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sel, err := ParseSelector(s)
		if err != nil {
			return
		}
		again, err := ParseSelector(sel.String())
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", sel.String(), s, err)
		}
		if again.String() != sel.String() {
			t.Fatalf("canonical form is not stable: %q → %q", sel.String(), again.String())
		}
		sel.Matches(map[string]string{"app": "x"})
	})
}

// FuzzParseLocation checks that any annotation value parses or fails without panicking, and that a parsed
// location stays inside the repository as a clean relative path.
func FuzzParseLocation(f *testing.F) {
	for _, s := range seeds(f, "locations.txt") {
		f.Add(s, "catalog-info.yaml")
		f.Add(s, "services/api/catalog-info.yaml")
	}
	f.Fuzz(func(t *testing.T, s, catalog string) {
		loc, err := ParseLocation(s, catalog)
		if err != nil || loc.Dir == "" {
			return
		}
		if strings.HasPrefix(loc.Dir, "/") || loc.Dir == ".." || strings.HasPrefix(loc.Dir, "../") || path.Clean(loc.Dir) != loc.Dir {
			t.Fatalf("ParseLocation(%q, %q).Dir = %q: not a clean path inside the repository", s, catalog, loc.Dir)
		}
	})
}
