package flaw

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract/sarif"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

const (
	ecr     = "image:123456789012.dkr.ecr.eu-west-1.amazonaws.com/"
	webshop = "../../../examples/webshop"
)

// outcome is what a fixture's comments promise: edges ("from -has-flaw-> to method confidence"), refused
// links ("from | method | reason") and placed SARIF paths ("flaw -> file (method)"). Only flaws imported from
// SARIF count, so that the built-in detectors' findings in the same files do not change the answer.
type outcome struct {
	Edges   []string
	Broken  []string
	Derived []string
}

func summarise(g *graph.Graph, f model.Facts) outcome {
	var o outcome
	for _, e := range f.Edges {
		if fl, ok := g.Node(e.To); ok && fl.Attrs["sarif"] != nil {
			o.Edges = append(o.Edges, fmt.Sprintf("%s %v %v", e.Key(), e.Attrs["method"], e.Attrs["confidence_label"]))
		}
	}
	for _, b := range f.Broken {
		o.Broken = append(o.Broken, fmt.Sprintf("%s | %s | %s", b.From, b.Method, b.Reason))
	}
	for _, d := range f.Derived {
		v := d.Value.(map[string]any)
		o.Derived = append(o.Derived, fmt.Sprintf("%s -> %s (%s)", d.Node, v["file"], v["method"]))
	}
	return o
}

// buildFixture reads a fixture repository (with the SARIF files in it) and runs the builder.
func buildFixture(t *testing.T, dir string, extra ...string) (*graph.Graph, model.Facts) {
	t.Helper()
	g := linktest.Dir(t, dir)
	for _, s := range extra { // SARIF files given outside the scan, as seam scan --sarif does
		f, err := os.Open(s)
		if err != nil {
			t.Fatal(err)
		}
		g.Extend(sarif.Parse(s, f))
		f.Close()
	}
	return g, linktest.Build(t, g, New())
}

func TestFixtures(t *testing.T) {
	const (
		ssrf     = "code-flaw:services/api/internal/handlers/preview.go:19:go/request-forgery"
		sqli     = "code-flaw:services/api/internal/handlers/products.go:33:go/sql-injection"
		runner   = "code-flaw:/home/runner/work/billing/billing/services/billing/"
		apiImage = ecr + "webshop/api:1.4.2"
		ghaImage = ecr + "webshop/api:${{ github.ref_name }}"
	)
	tests := []struct {
		name  string
		dir   string
		sarif []string
		want  outcome
	}{
		// The example: the SSRF and the SQL injection of services/api are in the image the workflow builds
		// (context services/api, COPY . . in the build stage, COPY --from=build into the final one), so in the
		// 1.4.2 tag the api Deployment runs, and in the api service of seam.yaml and of the catalog.
		{"webshop", webshop, []string{"testdata/webshop.sarif"}, outcome{Edges: []string{
			"business-service:api -has-flaw-> " + ssrf + " seam-paths high",
			"business-service:api -has-flaw-> " + sqli + " seam-paths high",
			ghaImage + " -has-flaw-> " + ssrf + " build-context high",
			ghaImage + " -has-flaw-> " + sqli + " build-context high",
			apiImage + " -has-flaw-> " + ssrf + " build-context high",
			apiImage + " -has-flaw-> " + sqli + " build-context high",
			"k8s:shop/Deployment/api -has-flaw-> " + ssrf + " runs-image high",
			"k8s:shop/Deployment/api -has-flaw-> " + sqli + " runs-image high",
			"service:default/api -has-flaw-> " + ssrf + " backstage-source-location medium",
			"service:default/api -has-flaw-> " + sqli + " backstage-source-location medium",
		}}},
		// Lambda functions: see the comment of testdata/lambda/infra/lambda.tf.
		{"lambda", "testdata/lambda", nil, outcome{
			Edges: []string{
				"infra:aws_lambda_function.report -has-flaw-> code-flaw:functions/report/app.py:5:B301 lambda-package-name low",
				"infra:aws_lambda_function.resize -has-flaw-> code-flaw:functions/resize/main.py:9:B608 lambda-package-path medium",
				"infra:aws_lambda_function.thumbnail -has-flaw-> code-flaw:functions/thumbnail/handler.py:6:B602 lambda-archive high",
			},
			Broken: []string{"infra:aws_lambda_function.cleanup | lambda-package-name | ambiguous: the package jobs/cleanup.zip " +
				"is named like 2 directories (functions/cleanup, legacy/cleanup); Seam links none"},
		}},
		// Flaws no image takes in: tools/ is in the build context but never copied, the e2e stage does not
		// reach the image, scripts/ is built by nothing. Only internal/ is linked; nothing is refused.
		{"undeployed", "testdata/undeployed", nil, outcome{Edges: []string{
			ecr + "shop/api:3.1.0 -has-flaw-> code-flaw:services/api/internal/handlers/fetch.go:22:" +
				"go.lang.security.injection.tainted-url-host.tainted-url-host dockerfile-directory medium",
			"k8s:shop/Deployment/api -has-flaw-> code-flaw:services/api/internal/handlers/fetch.go:22:" +
				"go.lang.security.injection.tainted-url-host.tainted-url-host runs-image medium",
		}}},
		// SARIF made on a CI runner: absolute paths placed under services/billing (the deepest directory of
		// the scan they start in: medium); hadolint's absolute path to a Dockerfile the scan read (path
		// suffix), a relative one two Dockerfiles end like (ambiguous), and a path outside the checkout.
		{"ci prefix", "testdata/ciprefix", nil, outcome{
			Edges: []string{
				"business-service:billing -has-flaw-> " + runner + "Dockerfile:1:DL3057 seam-paths high",
				"business-service:billing -has-flaw-> " + runner + "internal/invoices/store.go:20:G304 seam-paths medium",
				"business-service:billing -has-flaw-> " + runner + "internal/webhook/forward.go:18:G107 seam-paths {fwd}",
				"image:ghcr.io/acme/billing:2.0.1 -has-flaw-> " + runner + "internal/invoices/store.go:20:G304 build-context medium",
				"image:ghcr.io/acme/billing:2.0.1 -has-flaw-> " + runner + "internal/webhook/forward.go:18:G107 build-context {fwd}",
				"k8s:payments/Deployment/billing -has-flaw-> " + runner + "internal/invoices/store.go:20:G304 runs-image medium",
				"k8s:payments/Deployment/billing -has-flaw-> " + runner + "internal/webhook/forward.go:18:G107 runs-image {fwd}",
			},
			Broken: []string{
				"code-flaw:../api/Dockerfile:1:DL3057 | path-suffix | ambiguous: the SARIF path ../api/Dockerfile ends like 2 " +
					"files of the scan (services/api/Dockerfile, tools/api/Dockerfile); Seam places it in none",
				"code-flaw:/opt/ci/scratch/rotate.go:12:G204 | path-suffix | the SARIF path /opt/ci/scratch/rotate.go ends like " +
					"no file of the scan and starts in none of its directories: the flaw cannot be placed",
			},
			Derived: []string{
				runner + "Dockerfile:1:DL3057 -> services/billing/Dockerfile (path-suffix)",
				runner + "internal/invoices/store.go:20:G304 -> services/billing/internal/invoices/store.go (directory-suffix)",
				runner + "internal/webhook/forward.go:18:G107 -> services/billing/internal/webhook/forward.go ({fwdMethod})",
			},
		}},
		// ECS: see the comment of testdata/ecs/infra/ecs.tf.
		{"ecs", "testdata/ecs", nil, outcome{Edges: []string{
			ecr + "media/worker:1.8.0 -has-flaw-> code-flaw:worker/src/jobs.py:8:B301 dockerfile-directory medium",
			"infra:aws_ecs_service.worker -has-flaw-> code-flaw:worker/src/jobs.py:8:B301 runs-image medium",
			"infra:aws_ecs_task_definition.worker -has-flaw-> code-flaw:worker/src/jobs.py:8:B301 runs-image medium",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, facts := buildFixture(t, tt.dir, tt.sarif...)
			want := detected(g, "services/billing/internal/webhook/forward.go", tt.want)
			if diff := cmp.Diff(want, summarise(g, facts)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// detected fills in what depends on whether a built-in detector reports a file itself: forward.go's SSRF is
// one the Go detector finds, and then its SARIF path ends like a file of the scan (path-suffix, confidence
// kept); before the detector reports it, only its directory is known (directory-suffix, medium).
func detected(g *graph.Graph, file string, o outcome) outcome {
	conf, method := "medium", "directory-suffix"
	for _, n := range g.NodesOfKind(model.KindCodeFlaw) {
		if n.Attrs["sarif"] == nil && n.Prov.File == file {
			conf, method = "high", "path-suffix"
		}
	}
	r := strings.NewReplacer("{fwd}", conf, "{fwdMethod}", method)
	out := outcome{Broken: o.Broken}
	for _, e := range o.Edges {
		out.Edges = append(out.Edges, r.Replace(e))
	}
	for _, d := range o.Derived {
		out.Derived = append(out.Derived, r.Replace(d))
	}
	return out
}

// TestWebshopDetectors: once the built-in Go detector reports the example's SSRF and SQL injection, they reach
// the api image and Deployment like the SARIF results do. Until it lands there is nothing to check.
func TestWebshopDetectors(t *testing.T) {
	g, facts := buildFixture(t, webshop)
	var flaws []string
	for _, n := range g.NodesOfKind(model.KindCodeFlaw) {
		if n.Attrs["tool"] == "seam" && (n.Attrs["class"] == "ssrf" || n.Attrs["class"] == "sql-injection") &&
			strings.HasPrefix(n.Prov.File, "services/api/") {
			flaws = append(flaws, n.ID)
		}
	}
	if len(flaws) == 0 {
		t.Skip("the Go detector reports no flaw in the example yet")
	}
	got := map[string]bool{}
	for _, e := range facts.Edges {
		got[e.Key()] = true
	}
	for _, fl := range flaws {
		for _, from := range []string{ecr + "webshop/api:1.4.2", "k8s:shop/Deployment/api"} {
			if !got[from+" -has-flaw-> "+fl] {
				t.Errorf("no edge %s -has-flaw-> %s", from, fl)
			}
		}
	}
}

// TestEvidence: every edge starts its evidence at the flaw's own file and line, names the file of every step,
// and an image or workload edge cites the COPY line; a workload edge also the line that runs the image.
func TestEvidence(t *testing.T) {
	for _, dir := range []string{"testdata/lambda", "testdata/undeployed", "testdata/ciprefix", "testdata/ecs"} {
		g, facts := buildFixture(t, dir)
		for _, e := range facts.Edges {
			ev := e.Attrs["evidence"].([]any)
			first := ev[0].(map[string]any)
			if first["file"] != e.Attrs["file"] || first["line"] != e.Attrs["line"] || e.Prov.File != e.Attrs["file"] || e.Prov.Line == 0 {
				t.Errorf("%s: first evidence %v, provenance %v, flaw at %v:%v", e.Key(), first, e.Prov, e.Attrs["file"], e.Attrs["line"])
			}
			var files []string
			for _, x := range ev {
				m := x.(map[string]any)
				if m["file"] == "" || m["what"] == "" {
					t.Errorf("%s: evidence %v", e.Key(), m)
				}
				files = append(files, fmt.Sprint(m["file"], ":", m["line"]))
			}
			switch e.Attrs["method"] {
			case MethodRunsImage:
				if runs := runsLine(g, e.From); !contains(files, runs) {
					t.Errorf("%s: evidence %v lacks the runs line %s", e.Key(), files, runs)
				}
				fallthrough
			case MethodBuildContext, MethodDockerfileDir:
				if cl := fmt.Sprint(e.Attrs["dockerfile"], ":", e.Attrs["copy_line"]); e.Attrs["method"] != MethodRunsImage && !contains(files, cl) {
					t.Errorf("%s: evidence %v lacks the COPY line %s", e.Key(), files, cl)
				}
			}
			if e.Attrs["class"] == nil || e.Attrs["foothold"] == nil || e.Attrs["reason"] == "" {
				t.Errorf("%s: attributes %v", e.Key(), e.Attrs)
			}
		}
	}
}

// runsLine is the provenance of the first runs edge leaving a workload.
func runsLine(g *graph.Graph, from string) string {
	for _, e := range g.Out(from) {
		if e.Kind == model.EdgeRuns {
			return fmt.Sprint(e.Prov.File, ":", e.Prov.Line)
		}
	}
	return ""
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestDeterministic builds twice over fresh graphs and compares everything.
func TestDeterministic(t *testing.T) {
	_, a := buildFixture(t, "testdata/ciprefix")
	_, b := buildFixture(t, "testdata/ciprefix")
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two builds differ:\n%s", diff)
	}
	if len(a.Assumptions) == 0 || !sort.SliceIsSorted(a.Assumptions, func(i, j int) bool {
		return a.Assumptions[i].Subject < a.Assumptions[j].Subject
	}) {
		t.Errorf("assumptions missing or unsorted: %d", len(a.Assumptions))
	}
}

// TestNotPresent: a SARIF result the tool marks passed or gone since the baseline gets no edge; one of no
// foothold class does, marked foothold false.
func TestNotPresent(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "testdata/undeployed", dir)
	data, err := os.ReadFile(filepath.Join(dir, "results.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `"ruleId": "go.lang.security.injection.tainted-url-host.tainted-url-host",`,
		`"ruleId": "go.lang.security.injection.tainted-url-host.tainted-url-host", "baselineState": "absent",`, 1)
	if s == string(data) {
		t.Fatal("fixture changed: no result to mark")
	}
	if err := os.WriteFile(filepath.Join(dir, "results.sarif"), []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	g, facts := buildFixture(t, dir)
	if got := summarise(g, facts); len(got.Edges) > 0 {
		t.Errorf("a result gone since the baseline is linked: %v", got.Edges)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
