package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
	"github.com/seam-sec/seam/internal/paths/pathtest"
	"github.com/seam-sec/seam/internal/paths/rules/app"
	"github.com/seam-sec/seam/internal/paths/rules/entry"
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

// TestSystemSteps checks the single steps the fixture systems' answers rest on, so that a "no path" answer
// is shown to come from the control or the missing foothold, not from a broken fixture.
func TestSystemSteps(t *testing.T) {
	reach := func(id string) paths.State { return paths.State{Kind: paths.Reach, Node: id} }
	forge := func(id string) paths.State { return paths.State{Kind: paths.Forge, Node: id} }
	internet := paths.State{Kind: paths.Entry, Node: model.InternetID}
	files, catalog := "k8s:docs/Deployment/files", "k8s:shop/Deployment/catalog"
	api, billing, reports := "k8s:store/Deployment/api", "k8s:store/Deployment/billing", "k8s:store/Deployment/reports"
	ssrf := []fixtureFlaw{previewForgery, reportsInjection, billingInjection}
	tests := []struct {
		name string
		sys  system
		rule string // a rule of this package (or "entry" for the internet's reach)
		from paths.State
		want []string // the states of the steps, "kind(node) control" (a flaw's control as fix-flaw@file:line)
	}{
		// the traversal fixture is exposed and its flaw gives file reads — and nothing else
		{"traversal exposed", system{base: "traversal"}, "entry", internet, []string{"reach(" + files + ") authenticate:k8s:docs/Ingress/docs"}},
		{"traversal reads files", system{base: "traversal", flaws: []fixtureFlaw{filesTraversal}}, "app.path-traversal", reach(files),
			[]string{"file-read(" + files + ") fix-flaw@services/files/app.py:15"}},
		{"traversal runs no code", system{base: "traversal", flaws: []fixtureFlaw{filesTraversal}}, "app.code-execution", reach(files), nil},
		// the hardened catalog is exposed, and no app rule makes a step from it
		{"fixed exposed", system{base: "sqli", overlay: "sqli-fixed"}, "entry", internet, []string{"reach(" + catalog + ") authenticate:k8s:shop/Ingress/shop"}},
		{"fixed no sql", system{base: "sqli", overlay: "sqli-fixed"}, "app.sql-injection", reach(catalog), nil},
		{"nodb no sql", system{base: "sqli", overlay: "sqli-nodb", flaws: []fixtureFlaw{catalogInjection}}, "app.sql-injection", reach(catalog), nil},
		// forged requests reach the open reports service, not billing, whose policy admits only reports
		{"ssrf lateral", system{base: "ssrf", flaws: ssrf}, "app.forged-request", forge(api), []string{"reach(" + reports + ") network-policy:" + reports}},
		{"ssrf no file scheme", system{base: "ssrf", flaws: ssrf}, "app.ssrf-local-file", reach(api), nil},
		{"isolated lateral", system{base: "ssrf", overlay: "ssrf-isolated", flaws: ssrf}, "app.forged-request", forge(api), nil},
		// the policy that isolates reports admits billing: from there, the control is that policy (and the
		// open api is reached as every pod reaches it)
		{"isolated admits billing", system{base: "ssrf", overlay: "ssrf-isolated", flaws: ssrf}, "app.forged-request", forge(billing),
			[]string{"reach(" + reports + ") network-policy:k8s:store/NetworkPolicy/reports-from-billing", "reach(" + api + ") network-policy:" + api}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := paths.NewContext(tt.sys.scan(t), []paths.FootholdSource{app.CodeFlaws{}})
			r := entry.Rules()[0]
			if tt.rule != "entry" {
				r = rule(t, tt.rule)
			}
			var got []string
			for _, st := range r.Steps(c, tt.from) {
				ctl := st.Control.ID
				if strings.HasPrefix(ctl, "fix-flaw:") {
					ctl = fmt.Sprintf("fix-flaw@%s:%d", st.Control.File, st.Control.Line)
				}
				got = append(got, st.To.String()+" "+ctl)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

// knownVulns is a foothold source standing in for known vulnerabilities (a later issue): it gives the
// workloads it lists a foothold of a class, on a vulnerability node.
type knownVulns struct {
	vuln  *model.Node
	class flaw.Class
	on    []string
}

func (knownVulns) Name() string { return "known-vulnerability" }

func (k knownVulns) Footholds(c *paths.Context, w string) []paths.Foothold {
	var out []paths.Foothold
	for _, id := range k.on {
		if id == w {
			out = append(out, paths.Foothold{Class: string(k.class), Node: k.vuln.ID, Likelihood: 0.7, Reachable: true,
				Reason:   k.vuln.Name + " in a package the image ships",
				Evidence: []model.Evidence{model.EvidenceAt(k.vuln.Prov, k.vuln.Name)},
				Control:  paths.ControlAt("patch", k.vuln, "upgrade the package past "+k.vuln.Name)})
		}
	}
	return out
}

// TestOtherFootholdSource proves the rules read footholds from any source: the rce fixture analysed with a
// source of known vulnerabilities instead of the code-flaw source gives the same chain, fixed at the
// vulnerability; with a source that has nothing for the workload, there is no path.
func TestOtherFootholdSource(t *testing.T) {
	g := system{base: "rce"}.scan(t)
	v := model.Node{ID: "vuln:GHSA-0000-fixture", Kind: model.KindVulnerability, Type: "osv", Name: "GHSA-0000-fixture",
		Prov: model.Provenance{File: "services/thumbs/go.mod", Line: 1, Extractor: "fixture"}}
	g.Extend(model.Facts{Nodes: []model.Node{v}})
	vn, _ := g.Node(v.ID)
	const thumbs = "k8s:media/Deployment/thumbs"

	if res := analyze(g, knownVulns{vuln: vn, class: flaw.CommandInjection, on: []string{"k8s:media/Deployment/other"}}); len(res.Paths) != 0 {
		t.Fatalf("with no foothold for thumbs: %d paths, want none", len(res.Paths))
	}
	res := analyze(g, knownVulns{vuln: vn, class: flaw.CommandInjection, on: []string{thumbs}})
	want := []string{"entry(internet) → reach(" + thumbs + ") → exec(" + thumbs + ")"}
	if diff := cmp.Diff(want, pathtest.Chains(res)); diff != "" {
		t.Errorf("chains (-want +got):\n%s", diff)
	}
	if got := res.Paths[0].Hops[1].Control.ID; got != "patch:vuln:GHSA-0000-fixture" {
		t.Errorf("control = %q, want the vulnerability's", got)
	}
	golden(t, "rce-known-vuln", pathtest.Render(res))
}
