package golang

import (
	"fmt"
	"testing"
	"time"
)

// generatedTemplates are handler files of the shapes real services have, one per framework; %[1]d makes
// names unique. Each holds exactly two flaws (the "want" comments) among safe handlers, so a benchmark
// run can check what it found.
var generatedTemplates = []string{`package svc%[1]d

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
)

type Service%[1]d struct {
	db     *sql.DB
	client *http.Client
}

func (s *Service%[1]d) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /items/%[1]d", s.List)
	mux.HandleFunc("GET /items/%[1]d/{id}", s.Get)
	mux.HandleFunc("GET /fetch/%[1]d", s.Fetch)
	mux.HandleFunc("GET /status/%[1]d", s.Status)
}

func (s *Service%[1]d) List(w http.ResponseWriter, r *http.Request) {
	order := r.URL.Query().Get("order")
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil {
		limit = 20
	}
	q := fmt.Sprintf("SELECT id, name FROM items_%[1]d ORDER BY %%s LIMIT %%d", order, limit)
	rows, err := s.db.QueryContext(r.Context(), q) // want: sql-injection
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
}

func (s *Service%[1]d) Get(w http.ResponseWriter, r *http.Request) {
	row := s.db.QueryRowContext(r.Context(), "SELECT name FROM items_%[1]d WHERE id = $1", r.PathValue("id"))
	var name string
	if err := row.Scan(&name); err != nil {
		http.NotFound(w, r)
		return
	}
	_, _ = io.WriteString(w, name)
}

func (s *Service%[1]d) Fetch(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("url")
	req, err := http.NewRequestWithContext(r.Context(), http.MethodGet, target, nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := s.client.Do(req) // want: ssrf
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

func (s *Service%[1]d) Status(w http.ResponseWriter, r *http.Request) {
	resp, err := s.client.Get("https://status.example.com/components/" + url.PathEscape(r.URL.Query().Get("c")))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
}
`, `package api%[1]d

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-chi/chi/v5"
)

type Files%[1]d struct{ Root string }

func (f *Files%[1]d) Routes(r chi.Router) {
	r.Route("/files/%[1]d", func(r chi.Router) {
		r.Get("/{name}", f.Read)
		r.Get("/safe/{name}", f.ReadSafe)
		r.Post("/convert", f.Convert)
		r.Post("/archive", f.Archive)
	})
}

func (f *Files%[1]d) Read(w http.ResponseWriter, r *http.Request) {
	data, err := os.ReadFile(filepath.Join(f.Root, chi.URLParam(r, "name"))) // want: path-traversal
	if err != nil {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(data)
}

func (f *Files%[1]d) ReadSafe(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if strings.Contains(name, "..") {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	data, err := os.ReadFile(filepath.Join(f.Root, name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	_, _ = w.Write(data)
}

func (f *Files%[1]d) Convert(w http.ResponseWriter, r *http.Request) {
	format := r.FormValue("format")
	switch format {
	case "png", "jpeg", "webp":
	default:
		http.Error(w, "unsupported", http.StatusBadRequest)
		return
	}
	if err := exec.CommandContext(r.Context(), "convert", "in.tiff", format+":out").Run(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

func (f *Files%[1]d) Archive(w http.ResponseWriter, r *http.Request) {
	dir := r.FormValue("dir")
	if err := exec.Command("sh", "-c", "tar czf /tmp/out.tgz "+dir).Run(); err != nil { // want: command-injection
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}
`, `package shop%[1]d

import (
	"fmt"
	"net/http"
	"strings"
	"text/template"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Product%[1]d struct {
	ID   uint
	Name string
}

type Shop%[1]d struct{ db *gorm.DB }

type noteRequest struct {
	Template string ` + "`json:\"template\"`" + `
	Name     string ` + "`json:\"name\"`" + `
}

func (s *Shop%[1]d) Routes(r *gin.Engine) {
	g := r.Group("/shop/%[1]d")
	g.GET("/search", s.Search)
	g.GET("/safe-search", s.SafeSearch)
	g.POST("/note", s.Note)
	g.POST("/greeting", s.Greeting)
}

func (s *Shop%[1]d) Search(c *gin.Context) {
	var out []Product%[1]d
	s.db.Raw(fmt.Sprintf("SELECT * FROM products WHERE name LIKE '%%%%%%s%%%%'", c.Query("q"))).Scan(&out) // want: sql-injection
	c.JSON(http.StatusOK, out)
}

func (s *Shop%[1]d) SafeSearch(c *gin.Context) {
	var out []Product%[1]d
	s.db.Where("name LIKE ?", "%%"+strings.TrimSpace(c.Query("q"))+"%%").Find(&out)
	c.JSON(http.StatusOK, out)
}

func (s *Shop%[1]d) Note(c *gin.Context) {
	var req noteRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	t, err := template.New("note").Parse(req.Template) // want: template-injection
	if err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	_ = t.Execute(c.Writer, req)
}

func (s *Shop%[1]d) Greeting(c *gin.Context) {
	var req noteRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatus(http.StatusBadRequest)
		return
	}
	t := template.Must(template.New("greeting").Parse("Hello {{.Name}}"))
	_ = t.Execute(c.Writer, req)
}
`, `package jobs%[1]d

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"
)

var hooks%[1]d = map[string]bool{"hooks.example.com": true}

func Routes%[1]d(e *echo.Echo) {
	e.POST("/jobs/%[1]d/hook", Hook%[1]d)
	e.POST("/jobs/%[1]d/hook-safe", SafeHook%[1]d)
	e.POST("/jobs/%[1]d/upload", Upload%[1]d)
	e.GET("/jobs/%[1]d/report", Report%[1]d)
}

func Hook%[1]d(c echo.Context) error {
	resp, err := http.Post(c.FormValue("callback"), "application/json", nil) // want: ssrf
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func SafeHook%[1]d(c echo.Context) error {
	u, err := url.Parse(c.FormValue("callback"))
	if err != nil || !hooks%[1]d[u.Hostname()] {
		return echo.NewHTTPError(http.StatusBadRequest, "host not allowed")
	}
	resp, err := http.Post(u.String(), "application/json", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Upload%[1]d(c echo.Context) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return err
	}
	dst, err := os.Create(filepath.Join("/var/uploads", fh.Filename)) // want: path-traversal
	if err != nil {
		return err
	}
	return dst.Close()
}

func Report%[1]d(c echo.Context) error {
	return c.File(filepath.Join("/srv/reports", filepath.Base(c.QueryParam("name"))))
}
`}

// generatedHandlers returns n generated handler files and the number of flaws they hold.
func generatedHandlers(n int) (files [][]byte, flaws int) {
	for i := range n {
		src := fmt.Sprintf(generatedTemplates[i%len(generatedTemplates)], i)
		files = append(files, []byte(src))
		flaws += 2
	}
	return files, flaws
}

// TestGeneratedHandlers keeps the benchmark's input honest: every generated file parses and gives
// exactly its two flaws.
func TestGeneratedHandlers(t *testing.T) {
	files, want := generatedHandlers(len(generatedTemplates) * 2)
	got := 0
	for i, src := range files {
		findings, problems := New().Detect(fmt.Sprintf("gen%d.go", i), src)
		if len(problems) > 0 {
			t.Fatalf("file %d: %v\n%s", i, problems, src)
		}
		if len(findings) != 2 {
			t.Errorf("file %d (template %d): %d findings %+v", i, i%len(generatedTemplates), len(findings), findings)
		}
		got += len(findings)
	}
	if got != want {
		t.Errorf("%d findings, want %d", got, want)
	}
}

// BenchmarkDetect detects 1,000 generated handler files (about 70 lines and four handlers each) per
// iteration and reports the time per file.
func BenchmarkDetect(b *testing.B) {
	files, want := generatedHandlers(1000)
	size := 0
	for _, f := range files {
		size += len(f)
	}
	d := New()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		got := 0
		for i, src := range files {
			findings, _ := d.Detect(fmt.Sprintf("gen%d.go", i), src)
			got += len(findings)
		}
		if got != want {
			b.Fatalf("%d findings, want %d", got, want)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/float64(b.N*len(files))/1000, "ms/file")
}
