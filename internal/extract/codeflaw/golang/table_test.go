package golang

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A case is one handler body in a file that imports what the bodies use; the want list is the findings
// as "rule source@line confidence", where line counts from the handler's first body line (1).

const prelude = `package p

import (
	"bytes"
	"database/sql"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/ioutil"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"plugin"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	ttemplate "text/template"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/gorilla/mux"
	"github.com/dop251/goja"
	"github.com/julienschmidt/httprouter"
	"github.com/labstack/echo/v4"
	"github.com/lib/pq"
	"github.com/traefik/yaegi/interp"
	"gorm.io/gorm"
)

var db *sql.DB
var gdb *gorm.DB
var client = &http.Client{}
var slug = regexp.MustCompile("^[a-z0-9-]+$")
var loose = regexp.MustCompile("[a-z]+")
var allowed = map[string]bool{"a": true}
var cols = []string{"name", "price"}

type body struct {
	Cmd  string
	Size int
}

func (b body) Column() string { return "name" }

`

var signatures = map[string]string{
	"http":       "func H(w http.ResponseWriter, r *http.Request) {",
	"gin":        "func H(c *gin.Context) {",
	"echo":       "func H(c echo.Context) error {",
	"httprouter": "func H(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {",
	"fiber":      "func H(c *fiber.Ctx) error {",
}

type tcase struct {
	name string
	fw   string // key of signatures; "" is "http"
	body string
	want []string
}

// run detects a case and renders its findings.
func (tc tcase) run(t *testing.T) []string {
	t.Helper()
	fw := tc.fw
	if fw == "" {
		fw = "http"
	}
	head := prelude + signatures[fw] + "\n"
	offset := strings.Count(head, "\n")
	src := head + tc.body + "\n}\n" + predicates
	findings, problems := New().Detect("p.go", []byte(src))
	if len(problems) > 0 {
		t.Fatalf("problems: %v\n%s", problems, src)
	}
	var out []string
	for _, f := range findings {
		out = append(out, f.Rule+" "+f.Source+"@"+strconv.Itoa(f.SourceLine-offset)+" "+f.Confidence)
	}
	return out
}

func runTable(t *testing.T, cases []tcase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tc.run(t)); diff != "" {
				t.Errorf("findings (-want +got):\n%s\nbody:\n%s", diff, tc.body)
			}
		})
	}
}

const cmdInj = "go-command-injection-exec-command"

// TestSources: each request input reaches exec.Command as the program; the source is the expression as
// written. Methods of the request that are not input (r.Context, gin's c.Get) and the environment are not
// sources.
func TestSources(t *testing.T) {
	runTable(t, []tcase{
		{name: "query get", body: `exec.Command(r.URL.Query().Get("q"))`, want: []string{cmdInj + ` r.URL.Query().Get("q")@1 high`}},
		{name: "query index", body: `exec.Command(r.URL.Query()["q"][0])`, want: []string{cmdInj + ` r.URL.Query()["q"][0]@1 high`}},
		{name: "query values variable", body: "q := r.URL.Query()\nexec.Command(q.Get(\"q\"))", want: []string{cmdInj + ` r.URL.Query()@1 high`}},
		{name: "form value", body: `exec.Command(r.FormValue("q"))`, want: []string{cmdInj + ` r.FormValue("q")@1 high`}},
		{name: "post form value", body: `exec.Command(r.PostFormValue("q"))`, want: []string{cmdInj + ` r.PostFormValue("q")@1 high`}},
		{name: "form map", body: "r.ParseForm()\nexec.Command(r.Form[\"q\"][0])", want: []string{cmdInj + ` r.Form["q"][0]@2 high`}},
		{name: "header", body: `exec.Command(r.Header.Get("X-Tool"))`, want: []string{cmdInj + ` r.Header.Get("X-Tool")@1 high`}},
		{name: "cookie", body: "ck, _ := r.Cookie(\"tool\")\nexec.Command(ck.Value)", want: []string{cmdInj + ` r.Cookie("tool")@1 high`}},
		{name: "url path", body: `exec.Command(r.URL.Path)`, want: []string{cmdInj + ` r.URL.Path@1 high`}},
		{name: "raw query", body: `exec.Command(r.URL.RawQuery)`, want: []string{cmdInj + ` r.URL.RawQuery@1 high`}},
		{name: "host header", body: `exec.Command(r.Host)`, want: []string{cmdInj + ` r.Host@1 high`}},
		{name: "path value", body: `exec.Command(r.PathValue("tool"))`, want: []string{cmdInj + ` r.PathValue("tool")@1 high`}},
		{name: "body read all", body: "b, _ := io.ReadAll(r.Body)\nexec.Command(string(b))", want: []string{cmdInj + ` r.Body@1 high`}},
		{name: "body decoded", body: "var v body\njson.NewDecoder(r.Body).Decode(&v)\nexec.Command(v.Cmd)", want: []string{cmdInj + ` r.Body@2 high`}},
		{name: "body unmarshal", body: "b, _ := io.ReadAll(r.Body)\nvar v body\njson.Unmarshal(b, &v)\nexec.Command(v.Cmd)", want: []string{cmdInj + ` r.Body@1 high`}},
		{name: "request with context", body: "r = r.WithContext(r.Context())\nexec.Command(r.FormValue(\"q\"))", want: []string{cmdInj + ` r.FormValue("q")@2 high`}},
		{name: "chi url param", body: `exec.Command(chi.URLParam(r, "tool"))`, want: []string{cmdInj + ` chi.URLParam(r, "tool")@1 high`}},
		{name: "mux vars", body: `exec.Command(mux.Vars(r)["tool"])`, want: []string{cmdInj + ` mux.Vars(r)["tool"]@1 high`}},
		{name: "httprouter params", fw: "httprouter", body: `exec.Command(ps.ByName("tool"))`, want: []string{cmdInj + ` ps.ByName("tool")@1 high`}},
		{name: "gin query", fw: "gin", body: `exec.Command(c.Query("q"))`, want: []string{cmdInj + ` c.Query("q")@1 high`}},
		{name: "gin param", fw: "gin", body: `exec.Command(c.Param("q"))`, want: []string{cmdInj + ` c.Param("q")@1 high`}},
		{name: "gin post form", fw: "gin", body: `exec.Command(c.PostForm("q"))`, want: []string{cmdInj + ` c.PostForm("q")@1 high`}},
		{name: "gin header", fw: "gin", body: `exec.Command(c.GetHeader("X"))`, want: []string{cmdInj + ` c.GetHeader("X")@1 high`}},
		{name: "gin bind", fw: "gin", body: "var v body\nc.ShouldBindJSON(&v)\nexec.Command(v.Cmd)", want: []string{cmdInj + ` c.ShouldBindJSON(&v)@2 high`}},
		{name: "gin bind query", fw: "gin", body: "var v body\nif err := c.BindQuery(&v); err != nil { return }\nexec.Command(v.Cmd)", want: []string{cmdInj + ` c.BindQuery(&v)@2 high`}},
		{name: "gin request", fw: "gin", body: `exec.Command(c.Request.URL.Query().Get("q"))`, want: []string{cmdInj + ` c.Request.URL.Query().Get("q")@1 high`}},
		{name: "echo query param", fw: "echo", body: "exec.Command(c.QueryParam(\"q\"))\nreturn nil", want: []string{cmdInj + ` c.QueryParam("q")@1 high`}},
		{name: "echo param", fw: "echo", body: "exec.Command(c.Param(\"q\"))\nreturn nil", want: []string{cmdInj + ` c.Param("q")@1 high`}},
		{name: "echo form value", fw: "echo", body: "exec.Command(c.FormValue(\"q\"))\nreturn nil", want: []string{cmdInj + ` c.FormValue("q")@1 high`}},
		{name: "echo bind", fw: "echo", body: "v := new(body)\nc.Bind(v)\nexec.Command(v.Cmd)\nreturn nil", want: []string{cmdInj + ` c.Bind(v)@2 high`}},
		{name: "echo request", fw: "echo", body: "exec.Command(c.Request().Header.Get(\"X\"))\nreturn nil", want: []string{cmdInj + ` c.Request().Header.Get("X")@1 high`}},
		{name: "fiber query", fw: "fiber", body: "exec.Command(c.Query(\"q\"))\nreturn nil", want: []string{cmdInj + ` c.Query("q")@1 high`}},
		{name: "fiber body parser", fw: "fiber", body: "var v body\nc.BodyParser(&v)\nexec.Command(v.Cmd)\nreturn nil", want: []string{cmdInj + ` c.BodyParser(&v)@2 high`}},
		{name: "not input: context", body: `exec.Command(fmt.Sprint(r.Context()))`},
		{name: "not input: method", body: `exec.Command(r.Method)`},
		{name: "not input: gin context value", fw: "gin", body: `exec.Command(c.GetString("tool"))`},
		{name: "not input: environment", body: `exec.Command(os.Getenv("TOOL"))`},
	})
}

const sqlQuery = "go-sql-injection-db-query"

// TestPropagation: request input keeps its taint through assignment, concatenation, formatting, string and
// URL functions, fields, containers and closures.
func TestPropagation(t *testing.T) {
	q := `r.FormValue("q")`
	src := func(line string) []string { return []string{sqlQuery + " " + q + "@" + line + " high"} }
	runTable(t, []tcase{
		{name: "assignment chain", body: "a := " + q + "\nb := a\nvar c string\nc = b\ndb.Query(c)", want: src("1")},
		{name: "concatenation", body: `db.Query("SELECT * FROM t WHERE a = '" + ` + q + ` + "'")`, want: src("1")},
		{name: "plus assign", body: "s := \"SELECT * FROM t WHERE a = \"\ns += " + q + "\ndb.Query(s)", want: src("2")},
		{name: "sprintf", body: `db.Query(fmt.Sprintf("SELECT * FROM t WHERE a = '%s'", ` + q + `))`, want: src("1")},
		{name: "sprint", body: `db.Query(fmt.Sprint("SELECT * FROM t WHERE a = ", ` + q + `))`, want: src("1")},
		{name: "strings functions", body: "s := strings.ToLower(strings.TrimSpace(" + q + "))\ns = strings.ReplaceAll(s, \"x\", \"y\")\ndb.Query(strings.Join([]string{\"SELECT\", s}, \" \"))", want: src("1")},
		{name: "bytes", body: "b := bytes.ToUpper([]byte(" + q + "))\ndb.Query(string(b))", want: src("1")},
		{name: "url parse", body: "u, _ := url.Parse(" + q + ")\ndb.Query(u.Query().Get(\"x\"))", want: src("1")},
		{name: "struct field", body: "var v struct{ Where string }\nv.Where = " + q + "\ndb.Query(\"SELECT * FROM t WHERE \" + v.Where)", want: src("2")},
		{name: "map element", body: "m := map[string]string{}\nm[\"w\"] = " + q + "\ndb.Query(m[\"w\"])", want: src("2")},
		{name: "append and range", body: "var parts []string\nparts = append(parts, " + q + ")\nfor _, p := range parts { db.Query(p) }", want: src("2")},
		{name: "builder", body: "var sb strings.Builder\nsb.WriteString(\"SELECT \")\nsb.WriteString(" + q + ")\ndb.Query(sb.String())", want: src("3")},
		{name: "fprintf", body: "var buf bytes.Buffer\nfmt.Fprintf(&buf, \"SELECT %s\", " + q + ")\ndb.Query(buf.String())", want: src("2")},
		{name: "closure captures", body: "w := " + q + "\nrun := func() { db.Query(\"SELECT \" + w) }\nrun()", want: src("1")},
		{name: "closure parameter", body: "run := func(s string) { db.Query(s) }\nrun(" + q + ")", want: src("2")},
		{name: "closure returns", body: "build := func(s string) string { return \"SELECT \" + s }\ndb.Query(build(" + q + "))", want: src("2")},
		{name: "goroutine", body: "w := " + q + "\ngo func() { db.Query(w) }()", want: src("1")},
		{name: "both branches", body: "var s string\nif len(" + q + ") > 3 {\ns = \"x\"\n} else {\ns = " + q + "\n}\ndb.Query(s)", want: src("5")},
		{name: "loop carried", body: "s := \"\"\nfor i := 0; i < 2; i++ {\ndb.Query(s)\ns = " + q + "\n}", want: src("4")},
		{name: "type switch", body: "var v any = " + q + "\nswitch s := v.(type) {\ncase string:\ndb.Query(s)\n}", want: src("1")},
		{name: "type assertion", body: "var v any = " + q + "\ndb.Query(v.(string))", want: src("1")},
		{name: "local method of the input is medium", body: "var v body\njson.NewDecoder(r.Body).Decode(&v)\ndb.Query(\"SELECT \" + v.Column())",
			want: []string{sqlQuery + " r.Body@2 medium"}},
		{name: "gin context as the context", fw: "gin", body: "conn.Query(c, \"SELECT * FROM t WHERE a = \" + c.Query(\"q\"))",
			want: []string{sqlQuery + ` c.Query("q")@1 high`}},
		{name: "helper is medium", body: "db.Query(buildQuery(" + q + "))", want: []string{sqlQuery + " " + q + "@1 medium"}},
		{name: "helper given the request is medium", body: "db.Query(buildQuery(r))", want: []string{sqlQuery + " buildQuery(r)@1 medium"}},
		{name: "overwritten by a constant", body: "s := " + q + "\ns = \"SELECT 1\"\ndb.Query(s)"},
		{name: "numeric verb", body: `db.Query(fmt.Sprintf("SELECT * FROM t LIMIT %d", len(` + q + `)))`},
		{name: "numeric field", body: "var v body\njson.NewDecoder(r.Body).Decode(&v)\ndb.Query(fmt.Sprint(\"SELECT * FROM t LIMIT \", v.Size))"},
		{name: "placeholder argument", body: `db.Query("SELECT * FROM t WHERE a = $1", ` + q + `)`},
		{name: "map value of a constant map", body: "c := map[string]string{\"a\": \"name\"}[" + q + "]\ndb.Query(\"SELECT * FROM t ORDER BY \" + c)"},
	})
}
