package app

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// The foothold rules' tables run over the graph
//
//	web (k8s:app/Deployment/web, deploy/app.yaml:10) -has-flaw-> each case's flaws (services/web/Dockerfile:5)
//	plus the case's further nodes and edges (data stores, connects-to edges).
const web = "k8s:app/Deployment/web"

type ruleCase struct {
	name  string
	flaws []model.Node
	nodes []model.Node
	edges []model.Edge
	from  paths.State // default: reach(web)
	want  []step
}

func runRuleCases(t *testing.T, r paths.Rule, tests []ruleCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes := append([]model.Node{workload(web, 10)}, tt.nodes...)
			edges := append([]model.Edge(nil), tt.edges...)
			for _, f := range tt.flaws {
				nodes = append(nodes, f)
				edges = append(edges, linkEdge(web, model.EdgeHasFlaw, f.ID, 0.9, "services/web/Dockerfile", 5, nil))
			}
			from := tt.from
			if from == (paths.State{}) {
				from = reachOf(web)
			}
			got := summarize(stepsOf(build(nodes, edges), r, from))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

func flawAtLine(class, confidence, language, sink string) model.Node {
	return codeFlaw(class, confidence, language, sink, "services/web/h.src", 20)
}

// ev is the evidence of a step from a flaw at services/web/h.src:20 that web has directly.
var ev = []string{"services/web/h.src:20", "services/web/Dockerfile:5"}

const fixID = "fix-flaw:code-flaw:services/web/h.src:20:"

func TestCodeExecution(t *testing.T) {
	exec := "exec(" + web + ")"
	runRuleCases(t, codeExecution{}, []ruleCase{
		{name: "command injection, high: 0.9", flaws: []model.Node{flawAtLine("command-injection", "high", "go", "exec.Command")},
			want: []step{{exec, 0.9, fixID + "command-injection", ev, 0}}},
		{name: "code injection, medium: 0.6", flaws: []model.Node{flawAtLine("code-injection", "medium", "javascript", "eval")},
			want: []step{{exec, 0.6, fixID + "code-injection", ev, 0}}},
		{name: "deserialization needs a gadget chain: 0.8 of it", flaws: []model.Node{flawAtLine("deserialization", "high", "java", "ObjectInputStream.readObject")},
			want: []step{{exec, 0.72, fixID + "deserialization", ev, 0}}},
		{name: "template injection in Go: a third of it", flaws: []model.Node{flawAtLine("template-injection", "high", "go", "template.Parse")},
			want: []step{{exec, 0.27, fixID + "template-injection", ev, 0}}},
		{name: "template injection in Python (Jinja2): all of it", flaws: []model.Node{flawAtLine("template-injection", "high", "python", "render_template_string")},
			want: []step{{exec, 0.9, fixID + "template-injection", ev, 0}}},
		{name: "an SSRF runs no code", flaws: []model.Node{flawAtLine("ssrf", "high", "go", "http.Get")}},
		{name: "an SQL injection runs no code", flaws: []model.Node{flawAtLine("sql-injection", "high", "go", "db.Query")}},
		{name: "a path traversal runs no code", flaws: []model.Node{flawAtLine("path-traversal", "high", "go", "os.Open")}},
		{name: "reach alone gives nothing"},
		{name: "only from reach", flaws: []model.Node{flawAtLine("command-injection", "high", "go", "exec.Command")},
			from: paths.State{Kind: paths.Forge, Node: web}},
		{name: "only workloads", flaws: []model.Node{flawAtLine("command-injection", "high", "go", "exec.Command")},
			nodes: []model.Node{store("aws_s3_bucket.docs", "aws_s3_bucket", nil, 3)}, from: reachOf("aws_s3_bucket.docs")},
	})
}

func TestRequestForgery(t *testing.T) {
	runRuleCases(t, requestForgery{}, []ruleCase{
		{name: "ssrf, high: 0.9", flaws: []model.Node{flawAtLine("ssrf", "high", "go", "http.Get")},
			want: []step{{"forge(" + web + ")", 0.9, fixID + "ssrf", ev, 0}}},
		{name: "ssrf, low: 0.3", flaws: []model.Node{flawAtLine("ssrf", "low", "python", "requests.get")},
			want: []step{{"forge(" + web + ")", 0.3, fixID + "ssrf", ev, 0}}},
		{name: "a command injection forges nothing here (code execution does more)", flaws: []model.Node{flawAtLine("command-injection", "high", "go", "exec.Command")}},
	})
}

func TestSSRFLocalFile(t *testing.T) {
	read := "file-read(" + web + ")"
	ssrf := func(lang, sink string) []model.Node { return []model.Node{flawAtLine("ssrf", "high", lang, sink)} }
	runRuleCases(t, ssrfLocalFile{}, []ruleCase{
		{name: "Go's net/http opens no file:// URLs", flaws: ssrf("go", "http.Get")},
		{name: "nor Node's", flaws: ssrf("javascript", "axios.get")},
		{name: "nor Python requests", flaws: ssrf("python", "requests.get")},
		{name: "nor Guzzle", flaws: ssrf("php", "$client->request (Guzzle)")},
		{name: "PHP file_get_contents does", flaws: ssrf("php", "file_get_contents"), want: []step{{read, 0.81, fixID + "ssrf", ev, 0}}},
		{name: "Python urllib does", flaws: ssrf("python", "urllib.request.urlopen"), want: []step{{read, 0.81, fixID + "ssrf", ev, 0}}},
		{name: "Java URL does", flaws: ssrf("java", "new URL(u).openStream"), want: []step{{read, 0.81, fixID + "ssrf", ev, 0}}},
		{name: "an unknown client in Python: assumed it may, at a quarter", flaws: ssrf("python", "fetch_remote"),
			want: []step{{read, 0.225, fixID + "ssrf", ev, 1}}},
	})
}

func TestPathTraversal(t *testing.T) {
	read := "file-read(" + web + ")"
	pt := func(lang, sink string) []model.Node {
		return []model.Node{flawAtLine("path-traversal", "high", lang, sink)}
	}
	runRuleCases(t, pathTraversal{}, []ruleCase{
		{name: "a read: 0.9", flaws: pt("go", "os.ReadFile"), want: []step{{read, 0.9, fixID + "path-traversal", ev, 0}}},
		{name: "a read stream: 0.9", flaws: pt("javascript", "fs.createReadStream"), want: []step{{read, 0.9, fixID + "path-traversal", ev, 0}}},
		{name: "a write gives no file read", flaws: pt("go", "os.WriteFile")},
		{name: "a delete gives no file read", flaws: pt("go", "os.Remove")},
		{name: "an SSRF is not a traversal", flaws: []model.Node{flawAtLine("ssrf", "high", "php", "file_get_contents")}},
	})
}

// TestSQLInjection adds data stores (infra/main.tf) and connects-to edges from web (deploy/app.yaml:20+).
func TestSQLInjection(t *testing.T) {
	const pg, aurora, rs, bucket, table = "aws_db_instance.orders", "aws_rds_cluster.main", "aws_redshift_cluster.dw", "aws_s3_bucket.docs", "aws_dynamodb_table.carts"
	stores := []model.Node{
		store(pg, "aws_db_instance", map[string]any{"engine": "postgres"}, 5),
		store(aurora, "aws_rds_cluster", map[string]any{"engine": "aurora-mysql"}, 15),
		store(rs, "aws_redshift_cluster", nil, 25),
		store(bucket, "aws_s3_bucket", nil, 35),
		store(table, "aws_dynamodb_table", nil, 45),
		store("aws_db_instance.unknown", "aws_db_instance", map[string]any{"engine": model.Unknown("var.engine")}, 55),
		store("aws_rds_cluster.graph", "aws_rds_cluster", map[string]any{"engine": "neptune"}, 65),
	}
	to := func(d string, conf float64, line int) model.Edge {
		return linkEdge(web, model.EdgeConnectsTo, d, conf, "deploy/app.yaml", line, map[string]any{"credentials_from": "k8s:app/Secret/db"})
	}
	sqli := []model.Node{flawAtLine("sql-injection", "high", "go", "db.Query")}
	fix := fixID + "sql-injection"
	evOn := func(line int) []string {
		return append(append([]string(nil), ev...), "deploy/app.yaml:"+strconv.Itoa(line))
	}
	both := func(d string, r, w float64, line, extra int) []step {
		return []step{{"read(" + d + ")", r, fix, evOn(line), 1 + extra}, {"write(" + d + ")", w, fix, evOn(line), 2 + extra}}
	}
	runRuleCases(t, sqlInjection{}, []ruleCase{
		{name: "postgres: read 0.81, write 0.54", flaws: sqli, nodes: stores, edges: []model.Edge{to(pg, 0.9, 20)}, want: both(pg, 0.81, 0.54, 20, 0)},
		{name: "medium confidence flaw", flaws: []model.Node{flawAtLine("sql-injection", "medium", "python", "cursor.execute")},
			nodes: stores, edges: []model.Edge{to(pg, 0.9, 20)}, want: both(pg, 0.54, 0.36, 20, 0)},
		{name: "a medium connects-to link: 0.8 of it, said", flaws: sqli, nodes: stores, edges: []model.Edge{to(pg, 0.6, 20)},
			want: both(pg, 0.648, 0.432, 20, 1)},
		{name: "every SQL database it connects to, by edge order", flaws: sqli, nodes: stores,
			edges: []model.Edge{to(rs, 0.9, 22), to(pg, 0.9, 20), to(aurora, 0.9, 21)},
			want:  append(append(both(pg, 0.81, 0.54, 20, 0), both(aurora, 0.81, 0.54, 21, 0)...), both(rs, 0.81, 0.54, 22, 0)...)},
		{name: "an RDS engine the files leave unknown is assumed SQL", flaws: sqli, nodes: stores,
			edges: []model.Edge{to("aws_db_instance.unknown", 0.9, 20)}, want: both("aws_db_instance.unknown", 0.81, 0.54, 20, 1)},
		{name: "buckets, tables and graph databases are not SQL", flaws: sqli, nodes: stores,
			edges: []model.Edge{to(bucket, 0.9, 20), to(table, 0.9, 21), to("aws_rds_cluster.graph", 0.9, 22)}},
		{name: "connected to no known database: no step", flaws: sqli, nodes: stores},
		{name: "no SQL injection: no step", flaws: []model.Node{flawAtLine("ssrf", "high", "go", "http.Get")}, nodes: stores,
			edges: []model.Edge{to(pg, 0.9, 20)}},
	})
}

// TestMeta checks that every rule describes itself fully: a stable app.* ID, a title, a real-looking ATT&CK
// technique with its name, a base likelihood in (0, 1], a rationale, a control, the kinds it reads and makes.
func TestMeta(t *testing.T) {
	technique := regexp.MustCompile(`^T\d{4}(\.\d{3})?$`)
	seen := map[string]bool{}
	for _, r := range Rules() {
		m := r.Meta()
		if !strings.HasPrefix(m.ID, "app.") || seen[m.ID] {
			t.Errorf("%q: ID must be app.<name> and unique", m.ID)
		}
		seen[m.ID] = true
		if m.Title == "" || m.TechniqueName == "" || m.Rationale == "" || m.Control == "" || len(m.From) == 0 || len(m.To) == 0 {
			t.Errorf("%s: incomplete meta %+v", m.ID, m)
		}
		if !technique.MatchString(m.Technique) {
			t.Errorf("%s: technique %q", m.ID, m.Technique)
		}
		if !(m.Likelihood > 0 && m.Likelihood <= 1) {
			t.Errorf("%s: likelihood %v", m.ID, m.Likelihood)
		}
	}
}
