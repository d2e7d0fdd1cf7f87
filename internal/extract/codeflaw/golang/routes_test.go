package golang

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoutesAndNames: a handler registered in the same file gets its route, under the prefixes of route
// groups; function literals are named as the Go runtime names them; the framework comes from the
// handler's context or the router the file imports.
func TestRoutesAndNames(t *testing.T) {
	for _, tt := range routeCases {
		t.Run(tt.name, func(t *testing.T) {
			findings, problems := New().Detect("p.go", []byte(tt.src))
			if len(problems) > 0 {
				t.Fatalf("problems: %v", problems)
			}
			var got []string
			for _, f := range findings {
				got = append(got, f.Function+" | "+f.Route+" | "+f.Framework)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

var routeCases = []struct {
	name, src string
	want      []string // "function | route | framework"
}{
	{"net/http mux with method patterns", `package p
import ("net/http"; "os/exec")
func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /run", run)
	http.Handle("/legacy", http.HandlerFunc(legacy))
}
func run(w http.ResponseWriter, r *http.Request) { exec.Command(r.FormValue("x")) }
func legacy(w http.ResponseWriter, r *http.Request) { exec.Command(r.FormValue("x")) }
func unrouted(w http.ResponseWriter, r *http.Request) { exec.Command(r.FormValue("x")) }
`, []string{"run | POST /run | net/http", "legacy | /legacy | net/http", "unrouted |  | net/http"}},
	{"chi route groups and a literal", `package p
import ("net/http"; "os/exec"; "github.com/go-chi/chi/v5")
type H struct{}
func (h *H) Routes() http.Handler {
	r := chi.NewRouter()
	r.Route("/api/v1", func(r chi.Router) {
		r.Group(func(r chi.Router) {
			r.Post("/run", h.Run)
		})
		r.With(auth).Get("/inline", func(w http.ResponseWriter, r *http.Request) { exec.Command(r.FormValue("x")) })
	})
	return r
}
func (h *H) Run(w http.ResponseWriter, r *http.Request) { exec.Command(r.FormValue("x")) }
`, []string{"(*H).Routes.func1.2 | GET /api/v1/inline | chi", "(*H).Run | POST /api/v1/run | chi"}},
	{"gorilla subrouter with methods", `package p
import ("net/http"; "os/exec"; "github.com/gorilla/mux")
func routes(r *mux.Router) {
	s := r.PathPrefix("/admin").Subrouter()
	s.HandleFunc("/run/{tool}", run).Methods("PUT")
}
func run(w http.ResponseWriter, r *http.Request) { exec.Command(mux.Vars(r)["tool"]) }
`, []string{"run | PUT /admin/run/{tool} | gorilla/mux"}},
	{"gin groups and middleware", `package p
import ("os/exec"; "github.com/gin-gonic/gin")
func routes(e *gin.Engine) {
	v1 := e.Group("/v1")
	admin := v1.Group("/admin")
	admin.POST("/run", auth(), run)
	e.Any("/any", func(c *gin.Context) { exec.Command(c.Query("x")) })
}
func run(c *gin.Context) { exec.Command(c.Query("x")) }
`, []string{"routes.func1 | /any | gin", "run | POST /v1/admin/run | gin"}},
	{"echo handler before middleware, value receiver", `package p
import ("os/exec"; "github.com/labstack/echo/v4")
type S struct{}
func (s S) routes(e *echo.Echo) { e.GET("/run", s.Run, mw) }
func (s S) Run(c echo.Context) error { return exec.Command(c.QueryParam("x")).Run() }
`, []string{"S.Run | GET /run | echo"}},
	{"handler factory", `package p
import ("net/http"; "os/exec")
func makeHandler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { exec.Command(r.FormValue("x")) }
}
`, []string{"makeHandler.func1 |  | net/http"}},
}
