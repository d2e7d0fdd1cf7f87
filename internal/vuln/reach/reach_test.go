package reach

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// decisionWant is what a test checks of a decision: the status, the evidence, the symbols and words the
// reason must contain.
type decisionWant struct {
	Status   Status
	Symbols  []string
	Evidence []Evidence
	Reason   string // a substring of the reason
}

const html = "golang.org/x/net/html"

func ev(file string, line int, what string) Evidence {
	return Evidence{File: file, Line: line, What: what}
}

// TestCheck runs the fixture modules of testdata/ (each file's comment says what it exercises) against the
// queries an advisory would make.
func TestCheck(t *testing.T) {
	tests := []struct {
		name, dir string
		q         Query
		want      decisionWant
	}{
		{"function called", "direct", Query{html, []string{"Parse"}}, decisionWant{Reachable, []string{"Parse"},
			[]Evidence{ev("direct/internal/page/page.go", 10, "import"), ev("direct/main.go", 15, "Parse")},
			"its vulnerable symbol Parse is referenced at direct/main.go:15"}},
		{"whole package", "direct", Query{html, nil}, decisionWant{Reachable, nil,
			[]Evidence{ev("direct/internal/page/page.go", 10, "import")}, "the whole package is vulnerable"}},
		{"function not called", "direct", Query{html, []string{"ParseFragment"}}, decisionWant{NotReachable, nil,
			[]Evidence{ev("direct/internal/page/page.go", 10, "import")}, "none of its vulnerable symbols (ParseFragment)"}},
		{"method on a typed parameter", "direct", Query{html, []string{"Tokenizer.Token"}}, decisionWant{Reachable,
			[]string{"Tokenizer.Token"}, []Evidence{ev("direct/internal/page/page.go", 10, "import"),
				ev("direct/internal/page/page.go", 18, "Tokenizer.Token")}, "referenced at direct/internal/page/page.go:18"}},
		{"method on an untyped value", "direct", Query{html, []string{"Tokenizer.Next"}}, decisionWant{Reachable,
			[]string{"Tokenizer.Next"}, []Evidence{ev("direct/internal/page/page.go", 10, "import"),
				ev("direct/internal/page/page.go", 13, "Tokenizer.Next")}, "whose type Seam cannot tell"}},
		{"several symbols, typed first", "direct", Query{html, []string{"Tokenizer.Next", "Parse", "Tokenizer.Token"}},
			decisionWant{Reachable, []string{"Parse", "Tokenizer.Next", "Tokenizer.Token"},
				[]Evidence{ev("direct/internal/page/page.go", 10, "import"), ev("direct/internal/page/page.go", 18, "Tokenizer.Token")},
				"symbols Parse, Tokenizer.Next, Tokenizer.Token are referenced"}},
		{"pointer receiver spelling", "direct", Query{html, []string{"(*Tokenizer).Token"}}, decisionWant{Reachable,
			[]string{"(*Tokenizer).Token"}, []Evidence{ev("direct/internal/page/page.go", 10, "import"),
				ev("direct/internal/page/page.go", 18, "(*Tokenizer).Token")}, ""}},
		{"renamed import", "aliased", Query{"gopkg.in/yaml.v3", []string{"Unmarshal"}}, decisionWant{Reachable,
			[]string{"Unmarshal"}, []Evidence{ev("aliased/config.go", 13, "import"), ev("aliased/config.go", 19, "Unmarshal")}, ""}},
		{"renamed import, other symbol", "aliased", Query{"gopkg.in/yaml.v3", []string{"Marshal"}},
			decisionWant{NotReachable, nil, []Evidence{ev("aliased/config.go", 13, "import")}, "(Marshal)"}},
		{"dot import", "aliased", Query{"github.com/acme/tmpl", []string{"Render"}}, decisionWant{Reachable,
			[]string{"Render"}, []Evidence{ev("aliased/config.go", 10, "import"), ev("aliased/config.go", 20, "Render")}, ""}},
		{"blank import, symbol", "aliased", Query{"github.com/lib/pq", []string{"Open"}}, decisionWant{NotReachable, nil,
			[]Evidence{ev("aliased/config.go", 11, "import")}, "blank import"}},
		{"blank import, whole package", "aliased", Query{"github.com/lib/pq", nil}, decisionWant{Reachable, nil,
			[]Evidence{ev("aliased/config.go", 11, "import")}, ""}},
		{"name differs from path", "aliased", Query{"github.com/mattn/go-sqlite3", []string{"Version"}}, decisionWant{Reachable,
			[]string{"Version"}, []Evidence{ev("aliased/config.go", 12, "import"), ev("aliased/config.go", 21, "Version")}, ""}},
		{"receiver of another type", "typed", Query{"net/http", []string{"Client.Do"}}, decisionWant{NotReachable, nil,
			[]Evidence{ev("typed/client.go", 10, "import")}, "(Client.Do)"}},
		{"method on a declared receiver", "typed", Query{"net/http", []string{"Client.Get"}}, decisionWant{Reachable,
			[]string{"Client.Get"}, []Evidence{ev("typed/client.go", 10, "import"), ev("typed/client.go", 22, "Client.Get")}, ""}},
		{"method is not the function", "typed", Query{"net/http", []string{"Get"}}, decisionWant{NotReachable, nil,
			[]Evidence{ev("typed/client.go", 10, "import")}, ""}},
		{"only skipped files import it", "skipped", Query{html, []string{"Parse"}}, decisionWant{Unknown, nil, nil,
			"may still be reached through another dependency"}},
		{"found despite a broken file", "broken", Query{html, []string{"Parse"}}, decisionWant{Reachable, []string{"Parse"},
			[]Evidence{ev("broken/ok.go", 6, "import"), ev("broken/ok.go", 9, "Parse")}, ""}},
		{"not found with a broken file", "broken", Query{html, []string{"Render"}}, decisionWant{Unknown, nil,
			[]Evidence{ev("broken/ok.go", 6, "import")}, "1 file failed to parse (broken/bad.go:5:"}},
		{"not imported with a broken file", "broken", Query{"golang.org/x/text", nil}, decisionWant{Unknown, nil, nil,
			"failed to parse"}},
	}
	a := New(os.DirFS("testdata"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := a.Check(context.Background(), tt.dir, []Query{tt.q})
			if err != nil {
				t.Fatal(err)
			}
			d := ds[0]
			got := decisionWant{Status: d.Status, Symbols: d.Symbols, Evidence: d.Evidence, Reason: tt.want.Reason}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decision (-want +got):\n%s\nreason: %s", diff, d.Reason)
			}
			if !strings.Contains(d.Reason, tt.want.Reason) || d.Reason == "" {
				t.Errorf("reason %q does not contain %q", d.Reason, tt.want.Reason)
			}
			if !cmp.Equal(d.Query, tt.q) {
				t.Errorf("query not echoed: %+v", d.Query)
			}
		})
	}
}
