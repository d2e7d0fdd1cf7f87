package app

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/paths/pathtest"
)

// The flaws of the fixture systems, as the detectors will report them (see fixtureFlaw).
var (
	// thumbsInjection: testdata/rce, on the image Deployment thumbs runs.
	thumbsInjection = fixtureFlaw{file: "services/thumbs/main.go", marker: `exec.Command("sh", "-c"`,
		on: "k8s:media/Deployment/thumbs",
		f: flaw.Finding{Class: flaw.CommandInjection, Rule: "go-command-injection-exec-command", Confidence: "high",
			Language: "go", Framework: "net/http", Function: "thumbnail", Route: "GET /thumb", Sink: "exec.Command",
			Title: "request input reaches exec.Command through a shell"}}
	// catalogInjection: testdata/sqli, on the image of Deployment catalog.
	catalogInjection = fixtureFlaw{file: "services/catalog/products.go", marker: "s.DB.Query(q)",
		on: "k8s:shop/Deployment/catalog",
		f: flaw.Finding{Class: flaw.SQLInjection, Rule: "go-sql-injection-db-query", Confidence: "high",
			Language: "go", Framework: "net/http", Function: "Server.Products", Sink: "(*sql.DB).Query",
			Title: "request input formatted into SQL reaches DB.Query"}}
	// previewForgery, reportsInjection, billingInjection: testdata/ssrf.
	previewForgery = fixtureFlaw{file: "services/api/preview.go", marker: "http.Get(", on: "k8s:store/Deployment/api",
		f: flaw.Finding{Class: flaw.SSRF, Rule: "go-ssrf-http-get", Confidence: "high", Language: "go",
			Framework: "net/http", Function: "Preview", Sink: "http.Get", Title: "request input reaches http.Get"}}
	reportsInjection = fixtureFlaw{file: "services/reports/app.py", marker: "cur.execute(", on: "workload:k8s:store/Deployment/reports",
		f: flaw.Finding{Class: flaw.SQLInjection, Rule: "py-sql-injection-execute", Confidence: "medium", Language: "python",
			Framework: "flask", Function: "report", Route: "GET /internal/report", Sink: "cursor.execute",
			Title: "request input %-formatted into SQL reaches cursor.execute"}}
	billingInjection = fixtureFlaw{file: "services/billing/main.go", marker: `exec.Command("sh"`, on: "k8s:store/Deployment/billing",
		f: flaw.Finding{Class: flaw.CommandInjection, Rule: "go-command-injection-exec-command", Confidence: "high",
			Language: "go", Framework: "net/http", Function: "reconcile", Route: "POST /reconcile", Sink: "exec.Command",
			Title: "request input reaches exec.Command through a shell"}}
	// filesTraversal: testdata/traversal.
	filesTraversal = fixtureFlaw{file: "services/files/app.py", marker: "open(os.path.join(", on: "k8s:docs/Deployment/files",
		f: flaw.Finding{Class: flaw.PathTraversal, Rule: "py-path-traversal-open", Confidence: "high", Language: "python",
			Framework: "flask", Function: "download", Route: "GET /download", Sink: "open",
			Title: "request input reaches open through os.path.join"}}
)

// TestSystems analyses each fixture system (and the variants that apply a control) end to end, with the
// entry rules and this package's, and checks the exact chains and the golden file of every hop.
func TestSystems(t *testing.T) {
	ssrf := []fixtureFlaw{previewForgery, reportsInjection, billingInjection}
	tests := []struct {
		name   string
		sys    system
		chains []string
	}{
		{"rce", system{base: "rce", flaws: []fixtureFlaw{thumbsInjection}},
			[]string{"entry(internet) → reach(k8s:media/Deployment/thumbs) → exec(k8s:media/Deployment/thumbs)"}},
		// the same service, not exposed: reach from the internet is the first hop, and it is gone
		{"rce-internal", system{base: "rce", drop: []string{"deploy/ingress.yaml"}, flaws: []fixtureFlaw{thumbsInjection}}, nil},
		{"sqli", system{base: "sqli", flaws: []fixtureFlaw{catalogInjection}}, []string{
			"entry(internet) → reach(k8s:shop/Deployment/catalog) → read(infra:aws_db_instance.shop)",
			"entry(internet) → reach(k8s:shop/Deployment/catalog) → write(infra:aws_db_instance.shop)",
		}},
		{"sqli-internal", system{base: "sqli", drop: []string{"deploy/ingress.yaml"}, flaws: []fixtureFlaw{catalogInjection}}, nil},
		// the injection is there, but nothing says which database the catalog uses: no step, no path
		{"sqli-nodb", system{base: "sqli", overlay: "sqli-nodb", flaws: []fixtureFlaw{catalogInjection}}, nil},
		// exposed and connected to the PII database, but no foothold: reach alone gives nothing
		{"sqli-fixed", system{base: "sqli", overlay: "sqli-fixed"}, nil},
		{"ssrf", system{base: "ssrf", flaws: ssrf}, []string{
			"entry(internet) → reach(k8s:store/Deployment/api) → forge(k8s:store/Deployment/api) → reach(k8s:store/Deployment/reports) → read(infra:aws_db_instance.reports)",
			"entry(internet) → reach(k8s:store/Deployment/api) → forge(k8s:store/Deployment/api) → reach(k8s:store/Deployment/reports) → write(infra:aws_db_instance.reports)",
		}},
		{"ssrf-isolated", system{base: "ssrf", overlay: "ssrf-isolated", flaws: ssrf}, nil},
		{"traversal", system{base: "traversal", flaws: []fixtureFlaw{filesTraversal}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := analyze(tt.sys.scan(t))
			if diff := cmp.Diff(tt.chains, pathtest.Chains(res)); diff != "" {
				t.Errorf("chains (-want +got):\n%s", diff)
			}
			golden(t, tt.name, pathtest.Render(res))
		})
	}
}
