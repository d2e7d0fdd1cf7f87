package golang

import "testing"

const (
	ssrfGet  = "go-ssrf-http-get"
	pathOpen = "go-path-traversal-os-open"
)

// TestSanitisers: what ends taint, and only for the classes it defends.
func TestSanitisers(t *testing.T) {
	q := `r.FormValue("q")`
	runTable(t, []tcase{
		{name: "atoi", body: "n, _ := strconv.Atoi(" + q + ")\ndb.Query(fmt.Sprint(\"SELECT * FROM t LIMIT \", n))"},
		{name: "parse int", body: "n, _ := strconv.ParseInt(" + q + ", 10, 64)\nexec.Command(fmt.Sprint(n))"},
		{name: "parse bool", body: "b, _ := strconv.ParseBool(" + q + ")\nexec.Command(fmt.Sprint(b))"},
		{name: "uuid parse", body: "id, _ := uuid.Parse(" + q + ")\nos.Open(id.String())"},
		{name: "map bool with return", body: "x := " + q + "\nif !allowed[x] {\nreturn\n}\nexec.Command(x)"},
		{name: "map lookup with ok", body: "x := " + q + "\nif _, ok := allowed[x]; !ok {\nreturn\n}\nexec.Command(x)"},
		{name: "map lookup ok variable", body: "x := " + q + "\n_, ok := allowed[x]\nif !ok {\nreturn\n}\nexec.Command(x)"},
		{name: "map check without return", body: "x := " + q + "\nif !allowed[x] {\nfmt.Println(\"not allowed\")\n}\nexec.Command(x)",
			want: []string{cmdInj + " " + q + "@1 high"}},
		{name: "inside the checked branch", body: "x := " + q + "\nif allowed[x] {\nexec.Command(x)\n}"},
		{name: "else of the check", body: "x := " + q + "\nif allowed[x] {\nreturn\n} else {\nexec.Command(x)\n}",
			want: []string{cmdInj + " " + q + "@1 high"}},
		{name: "switch with returning default", body: "x := " + q + "\nswitch x {\ncase \"gzip\", \"zstd\":\ndefault:\nreturn\n}\nexec.Command(x)"},
		{name: "switch without default", body: "x := " + q + "\nswitch x {\ncase \"gzip\":\nx = \"gzip\"\n}\nexec.Command(x)",
			want: []string{cmdInj + " " + q + "@1 high"}},
		{name: "switch case body", body: "x := " + q + "\nswitch strings.ToLower(x) {\ncase \"gzip\":\nexec.Command(x)\n}"},
		{name: "tagless switch", body: "x := " + q + "\nswitch {\ncase x == \"a\", x == \"b\":\nexec.Command(x)\n}"},
		{name: "slices contains", body: "x := " + q + "\nif !slices.Contains(cols, x) {\nreturn\n}\ndb.Query(\"SELECT * FROM t ORDER BY \" + x)"},
		{name: "constant comparisons", body: "x := " + q + "\nif x != \"asc\" && x != \"desc\" {\nreturn\n}\ndb.Query(\"SELECT * FROM t ORDER BY id \" + x)"},
		{name: "one comparison of two is not enough", body: "x := " + q + "\nif x != \"asc\" || len(x) > 4 {\nexec.Command(x)\n}",
			want: []string{cmdInj + " " + q + "@1 high"}},
		{name: "anchored regexp", body: "x := " + q + "\nif !slug.MatchString(x) {\nreturn\n}\nexec.Command(x)"},
		{name: "unanchored regexp", body: "x := " + q + "\nif !loose.MatchString(x) {\nreturn\n}\nexec.Command(x)",
			want: []string{cmdInj + " " + q + "@1 high"}},
		{name: "regexp does not end SSRF", body: "x := " + q + "\nif !slug.MatchString(x) {\nreturn\n}\nhttp.Get(x)",
			want: []string{ssrfGet + " " + q + "@1 high"}},
		{name: "filepath.Base ends path traversal", body: "os.Open(filepath.Join(\"/srv\", filepath.Base(" + q + ")))"},
		{name: "filepath.Base does not end command injection", body: "exec.Command(filepath.Base(" + q + "))",
			want: []string{cmdInj + " " + q + "@1 high"}},
		{name: "filepath.Clean is no sanitiser", body: "os.Open(filepath.Clean(" + q + "))", want: []string{pathOpen + " " + q + "@1 high"}},
		{name: "prefix check of a cleaned path", body: "p := filepath.Join(\"/srv\", " + q + ")\nif !strings.HasPrefix(p, \"/srv/\") {\nreturn\n}\nos.Open(p)"},
		{name: "prefix check of a raw path", body: "p := \"/srv/\" + " + q + "\nif !strings.HasPrefix(p, \"/srv/\") {\nreturn\n}\nos.Open(p)",
			want: []string{pathOpen + " " + q + "@1 high"}},
		{name: "rel check", body: "p := filepath.Join(\"/srv\", " + q + ")\nrel, err := filepath.Rel(\"/srv\", p)\nif err != nil || strings.HasPrefix(rel, \"..\") {\nreturn\n}\nos.Open(p)"},
		{name: "dot dot refused", body: "x := " + q + "\nif strings.Contains(x, \"..\") {\nreturn\n}\nos.Open(\"/srv/\" + x)"},
		{name: "host allow-list", body: "u, err := url.Parse(" + q + ")\nif err != nil || !allowed[u.Hostname()] {\nreturn\n}\nhttp.Get(u.String())"},
		{name: "host allow-list ends SSRF only", body: "u, err := url.Parse(" + q + ")\nif err != nil || u.Host != \"a.example.com\" {\nreturn\n}\nos.Open(u.Path)",
			want: []string{pathOpen + " " + q + "@1 high"}},
		{name: "scheme check is no host check", body: "u, _ := url.Parse(" + q + ")\nif u.Scheme != \"https\" {\nreturn\n}\nhttp.Get(u.String())",
			want: []string{ssrfGet + " " + q + "@1 high"}},
		{name: "prefix check of the URL", body: "x := " + q + "\nif !strings.HasPrefix(x, \"https://images.example.com/\") {\nreturn\n}\nhttp.Get(x)"},
		{name: "prefix check without the host's end", body: "x := " + q + "\nif !strings.HasPrefix(x, \"https://images.example.com\") {\nreturn\n}\nhttp.Get(x)",
			want: []string{ssrfGet + " " + q + "@1 high"}},
		{name: "pq.QuoteIdentifier ends SQL injection", body: "db.Query(\"SELECT * FROM \" + pq.QuoteIdentifier(" + q + "))"},
		{name: "pq.QuoteIdentifier does not end path traversal", body: "os.Open(pq.QuoteIdentifier(" + q + "))", want: []string{pathOpen + " " + q + "@1 high"}},
		{name: "html/template is no sanitiser of template text", body: "template.New(\"x\").Parse(" + q + ")",
			want: []string{"go-template-injection-template-parse " + q + "@1 high"}},
		{name: "predicate in the file", body: "x := " + q + "\nif !okTool(x) {\nreturn\n}\nexec.Command(x)"},
		{name: "predicate that may return true early", body: "x := " + q + "\nif !lenient(x) {\nreturn\n}\nexec.Command(x)",
			want: []string{cmdInj + " " + q + "@1 high"}},
		{name: "predicate not in the file", body: "x := " + q + "\nif !isSafe(x) {\nreturn\n}\nexec.Command(x)",
			want: []string{cmdInj + " " + q + "@1 high"}},
	})
}

// The predicates the table's handlers call (appended to the file by predicateFile).
const predicates = `
func okTool(t string) bool {
	if t == "" {
		return false
	}
	return t == "gzip" || t == "zstd"
}

func lenient(t string) bool {
	if len(t) > 100 {
		return true
	}
	return t == "gzip"
}
`
