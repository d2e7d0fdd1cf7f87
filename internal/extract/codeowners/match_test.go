package codeowners

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// matchFile is a CODEOWNERS file that exercises every matching rule; each rule names the owner that the table
// below expects, so a wrong match shows which rule won.
const matchFile = `
*                       @default
*.go                    @go
/root-only.txt          @root-file
docs/*                  @docs-direct
apps/                   @apps-anywhere
/build/logs/            @build-logs
**/logs                 @logs-anywhere
/src/**/test_*.py       @py-tests
/assets/**              @assets-all
config                  @config-name
/vendor/
a?c.txt                 @qmark
\#hash.md               @hash
my\ file.txt            @space
[abc].txt               @brackets
/deep/**/x/**/y         @deep
*.GO                    @upper-go
`

func TestOwners(t *testing.T) {
	rules, diags := Parse("CODEOWNERS", []byte(matchFile))
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	tests := []struct {
		path string
		want string // the single owner expected; "" means unowned (matched by /vendor/)
		line int
	}{
		{"README.md", "@default", 2},
		{"main.go", "@go", 3},
		{"pkg/deep/x.go", "@go", 3},                       // unanchored extension glob at any depth
		{"root-only.txt", "@root-file", 4},                // anchored file
		{"sub/root-only.txt", "@default", 2},              // anchored: not below the root
		{"docs/index.md", "@docs-direct", 5},              // docs/* matches direct files...
		{"docs/guides/setup.md", "@default", 2},           // ...not files further down (GitHub's rule)
		{"x/docs/index.md", "@default", 2},                // docs/* has a slash: anchored at the root
		{"apps/web/main.ts", "@apps-anywhere", 6},         // trailing slash, no other slash: any depth
		{"services/apps/a.ts", "@apps-anywhere", 6},       // ...also nested
		{"apps", "@default", 2},                           // a file named apps is not the directory
		{"build/logs/today.log", "@logs-anywhere", 8},     // last match wins: **/logs is later than /build/logs/
		{"build/logs/2024/01/a.log", "@logs-anywhere", 8}, //
		{"var/logs/a.log", "@logs-anywhere", 8},           // **/logs in any directory
		{"logs", "@logs-anywhere", 8},                     // **/ matches zero directories too
		{"src/test_a.py", "@py-tests", 9},                 // /**/ matches zero directories
		{"src/a/b/test_b.py", "@py-tests", 9},             // ...or several
		{"src/a/b/b_test.py", "@default", 2},              //
		{"assets/img/logo.png", "@assets-all", 10},        // trailing /** matches everything below
		{"config", "@config-name", 11},                    // a bare name matches a file of that name...
		{"deploy/config/app.yaml", "@config-name", 11},    // ...and everything in a directory of that name
		{"configs/app.yaml", "@default", 2},               // but not a longer name
		{"vendor/lib/x.go", "", 12},                       // a pattern without owners: explicitly unowned
		{"abc.txt", "@qmark", 13},                         // ? matches b; [abc].txt (later) is literal, no match
		{"aXc.txt", "@qmark", 13},                         // ? matches one character
		{"a/c.txt", "@default", 2},                        // ? does not match a slash
		{"#hash.md", "@hash", 14},                         // \# is a literal #
		{"my file.txt", "@space", 15},                     // escaped space
		{"[abc].txt", "@brackets", 16},                    // [ ] are literal (GitHub has no ranges)
		{"a.txt", "@default", 2},                          //
		{"deep/x/y", "@deep", 17},                         //
		{"deep/1/2/x/3/y", "@deep", 17},                   //
		{"deep/1/2/x/3/z", "@default", 2},                 //
		{"LIB.GO", "@upper-go", 18},                       // case-sensitive: *.GO
		{"lib.Go", "@default", 2},                         //
		{"/main.go", "@go", 3},                            // a leading slash in the query is ignored
		{"./main.go", "@go", 3},                           // so is ./
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			owners, rule, ok := rules.Owners(tt.path)
			if !ok {
				t.Fatalf("Owners(%q): no match", tt.path)
			}
			want := []string{tt.want}
			if tt.want == "" {
				want = nil
			}
			if diff := cmp.Diff(want, owners); diff != "" || rule.Line != tt.line {
				t.Errorf("Owners(%q) = %v from line %d, want %v from line %d", tt.path, owners, rule.Line, want, tt.line)
			}
		})
	}
}

func TestOwnersNoMatch(t *testing.T) {
	rules, _ := Parse("CODEOWNERS", []byte("/docs/ @docs\n*.go @go\n"))
	if owners, _, ok := rules.Owners("README.md"); ok || owners != nil {
		t.Errorf("Owners(README.md) = %v, %v; want no match", owners, ok)
	}
	var empty Rules
	if _, _, ok := empty.Owners("a"); ok {
		t.Error("empty rules matched")
	}
}

// TestRootPatterns covers the patterns that stand for the root itself.
func TestRootPatterns(t *testing.T) {
	tests := []struct {
		pattern string
		path    string
		want    bool
	}{
		{"*", "a/b/c.txt", true},
		{"/*", "top.txt", true},
		{"/*", "dir/nested.txt", false}, // like docs/*: direct files only
		{"/", "any/file", true},
		{"/**", "any/file", true},
		{"**", "any/file", true},
		{"*/", "dir/file", true},
		{"*/", "file", false},
		{"a/**/b", "a/b", true},
		{"a**b", "aXXb", true}, // ** inside a name is *
		{"a**b", "a/b", false},
	}
	for _, tt := range tests {
		r := Rule{Pattern: tt.pattern}
		if got := r.Match(tt.path); got != tt.want {
			t.Errorf("pattern %q on %q = %v, want %v (regexp %s)", tt.pattern, tt.path, got, tt.want, compile(tt.pattern))
		}
	}
}

func TestMatchesGitLabSections(t *testing.T) {
	rules, _ := Parse("CODEOWNERS", []byte(`* @all
[Backend][2] @acme/backend
app/
!app/assets/
^[Docs]
*.md @writers
[backend]
app/models/ @acme/models
`))
	tests := []struct {
		path string
		want []string // section: owners
	}{
		{"app/models/user.rb", []string{": [@all]", "backend: [@acme/models]"}}, // [backend] merges into [Backend]
		{"app/controllers/a.rb", []string{": [@all]", "Backend: [@acme/backend]"}},
		{"app/assets/logo.png", []string{": [@all]", "Backend: [] (excluded)"}},
		{"README.md", []string{": [@all]", "Docs: [@writers]"}},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range rules.Matches(tt.path) {
			s := r.Section + ": " + jsonOwners(r.Owners)
			if r.Exclude {
				s += " (excluded)"
			}
			got = append(got, s)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Matches(%q) (-want +got):\n%s", tt.path, diff)
		}
	}
	// Owners, GitHub's rule, sees the last match only: the exclusion leaves app/assets unowned.
	if owners, rule, ok := rules.Owners("app/assets/logo.png"); !ok || owners != nil || !rule.Exclude {
		t.Errorf("Owners(app/assets/logo.png) = %v, %+v, %v", owners, rule, ok)
	}
}

func jsonOwners(o []string) string {
	if len(o) == 0 {
		return "[]"
	}
	s := "["
	for i, x := range o {
		if i > 0 {
			s += " "
		}
		s += x
	}
	return s + "]"
}

// TestRulesFromAttrs round-trips rules through the node attributes and through JSON.
func TestRulesFromAttrs(t *testing.T) {
	rules, sections, _ := parse("CODEOWNERS", []byte("* @a\n[S][2] @d\ndocs/\n!docs/tmp/\n^[O]\nx @b c@d.example\n"))
	if len(sections) != 2 {
		t.Fatalf("sections = %v", sections)
	}
	attrs := map[string]any{"rules": rulesAttr(rules)}
	direct, err := RulesFromAttrs(attrs)
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	if err := json.Unmarshal(data, &decoded); err != nil {
		t.Fatal(err)
	}
	viaJSON, err := RulesFromAttrs(decoded)
	if err != nil {
		t.Fatal(err)
	}
	opt := cmpopts.IgnoreUnexported(Rule{})
	if diff := cmp.Diff(rules, direct, opt); diff != "" {
		t.Errorf("from attrs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(rules, viaJSON, opt); diff != "" {
		t.Errorf("via JSON (-want +got):\n%s", diff)
	}
	if owners, _, _ := viaJSON.Owners("docs/a.md"); !cmp.Equal(owners, []string{"@d"}) {
		t.Errorf("rebuilt rules do not match: %v", owners)
	}
	for _, bad := range []map[string]any{
		{}, {"rules": "x"}, {"rules": []any{"x"}}, {"rules": []any{map[string]any{"owners": []any{}}}},
		{"rules": []any{map[string]any{"pattern": "*", "owners": []any{1}}}},
		{"rules": []any{map[string]any{"pattern": "*", "owners": 3}}},
	} {
		if _, err := RulesFromAttrs(bad); err == nil {
			t.Errorf("RulesFromAttrs(%v): want an error", bad)
		}
	}
}

func TestClassifyOwner(t *testing.T) {
	tests := []struct {
		in   string
		kind OwnerKind
		ok   bool
	}{
		{"@octocat", OwnerUser, true}, {"@first.last", OwnerUser, true}, {"@acme/web-team", OwnerTeam, true},
		{"@acme/platform/sre", OwnerTeam, true}, {"dev@acme.example", OwnerEmail, true},
		{"@@maintainer", OwnerRole, true}, {"@@Developer", OwnerRole, true}, {"@@owner", OwnerRole, true},
		{"@@admin", OwnerRole, false}, {"@", "", false}, {"acme", "", false}, {"@acme/", "", false},
		{"@-x", "", false}, {"a@b", "", false}, {"@acme/billing!", "", false},
	}
	for _, tt := range tests {
		kind, ok := ClassifyOwner(tt.in)
		if ok != tt.ok || (ok && kind != tt.kind) {
			t.Errorf("ClassifyOwner(%q) = %q, %v; want %q, %v", tt.in, kind, ok, tt.kind, tt.ok)
		}
	}
}
