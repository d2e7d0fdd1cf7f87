package data

import (
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

// outcome is what a fixture's comments promise, written compactly:
//
//	edges        "from -kind-> to method confidence_label" (+ " credentials_from=<id>")
//	broken       "from -kind-> to @file:line"
//	diagnostics  "file:line severity"
//	assumptions  "subject attribute @file:line"
//	nodes        "id @file:line" (the implicit data-class nodes)
type outcome struct {
	Edges, Broken, Diagnostics, Assumptions, Nodes []string
}

func summarise(f model.Facts) outcome {
	var o outcome
	for _, e := range f.Edges {
		s := fmt.Sprintf("%s %s %s", e.Key(), e.Attrs["method"], e.Attrs["confidence_label"])
		if c, ok := e.Attrs["credentials_from"]; ok {
			s += fmt.Sprintf(" credentials_from=%s", c)
		}
		o.Edges = append(o.Edges, s)
	}
	for _, b := range f.Broken {
		o.Broken = append(o.Broken, fmt.Sprintf("%s -%s-> %s @%s:%d", b.From, b.Kind, b.To, b.Prov.File, b.Prov.Line))
	}
	for _, d := range f.Diagnostics {
		o.Diagnostics = append(o.Diagnostics, fmt.Sprintf("%s:%d %s", d.File, d.Line, d.Severity))
	}
	for _, a := range f.Assumptions {
		o.Assumptions = append(o.Assumptions, fmt.Sprintf("%s %s @%s:%d", a.Subject, a.Attribute, a.Prov.File, a.Prov.Line))
	}
	for _, n := range f.Nodes {
		o.Nodes = append(o.Nodes, fmt.Sprintf("%s @%s:%d", n.ID, n.Prov.File, n.Prov.Line))
	}
	return o
}

var fixtureTests = map[string]outcome{
	"connects": {
		Edges: []string{
			"infra:aws_ecs_task_definition.exporter -connects-to-> infra:aws_s3_bucket.exports env high",
			"infra:aws_ecs_task_definition.exporter -connects-to-> infra:aws_secretsmanager_secret.api_key ecs-secret high",
			"infra:aws_lambda_function.thumbnails -connects-to-> infra:aws_s3_bucket.exports env medium",
			"infra:aws_lambda_function.thumbnails -connects-to-> infra:aws_s3_bucket.uploads terraform-reference high",
			"infra:aws_lambda_function.thumbnails -connects-to-> infra:aws_sqs_queue.jobs env high",
			"infra:aws_secretsmanager_secret.api_key -holds-> data-class:credentials default high",
			"k8s:shop/Deployment/api -connects-to-> infra:aws_db_instance.reports secret-hint high credentials_from=k8s:shop/Secret/reports-db",
			"k8s:shop/Deployment/api -connects-to-> infra:aws_dynamodb_table.sessions config-map high",
			"k8s:shop/Deployment/api -connects-to-> infra:aws_s3_bucket.exports config-map high",
			"k8s:shop/Deployment/api -connects-to-> infra:aws_sns_topic.alerts env high",
			"k8s:shop/Deployment/api -connects-to-> infra:aws_ssm_parameter.flags config-map high",
			"k8s:shop/Secret/legacy-db -holds-> data-class:credentials default high",
			"k8s:shop/Secret/reports-db -holds-> data-class:credentials default high",
		},
		Broken: []string{
			"k8s:shop/CronJob/cleanup -connects-to-> infra:aws_db_instance.reports @deploy/app.yaml:84",
			"k8s:shop/Deployment/api -connects-to->  @deploy/app.yaml:57",
		},
		Nodes: []string{"data-class:credentials @deploy/app.yaml:25"},
	},
	"holds": {
		Edges: []string{
			"infra:aws_dynamodb_table.contacts -holds-> data-class:customer-data seam.yaml certain",
			"infra:aws_dynamodb_table.contacts -holds-> data-class:pci tag high",
			"infra:aws_dynamodb_table.contacts -holds-> data-class:pii tag high",
			"infra:aws_s3_bucket.exports -holds-> data-class:pii tag certain",
			"infra:aws_s3_bucket.medical -holds-> data-class:confidential tag high",
			"infra:aws_s3_bucket.medical -holds-> data-class:phi tag high",
			"infra:aws_secretsmanager_secret.db -holds-> data-class:credentials default high",
			"infra:aws_ssm_parameter.token -holds-> data-class:credentials default high",
			"k8s:crm/PersistentVolumeClaim/contacts-data -holds-> data-class:customer-data seam.yaml certain",
			"k8s:crm/PersistentVolumeClaim/contacts-data -holds-> data-class:phi label high",
			"k8s:crm/Secret/api-keys -holds-> data-class:credentials default high",
		},
		Diagnostics: []string{"infra/main.tf:65 info", "seam.yaml:18 warning"},
		Assumptions: []string{"infra:aws_s3_bucket.unknown tags @infra/main.tf:71"},
		Nodes: []string{"data-class:confidential @infra/main.tf:57", "data-class:credentials @deploy/crm.yaml:18",
			"data-class:phi @deploy/crm.yaml:11"},
	},
	"catalog": {
		Edges: []string{
			"infra:aws_lambda_function.thumbnails -connects-to-> infra:aws_s3_bucket.invoices catalog low",
			"infra:aws_rds_cluster.payments -holds-> data-class:pci catalog high",
			"infra:aws_s3_bucket.invoices -holds-> data-class:pii catalog high",
			"k8s:pay/Deployment/billing -connects-to-> infra:aws_rds_cluster.payments catalog high",
			"k8s:pay/Deployment/billing -connects-to-> infra:aws_s3_bucket.invoices catalog high",
			"k8s:pay/Deployment/ledger-v2 -connects-to-> infra:aws_rds_cluster.payments catalog high",
			"resource:default/events -references-> regions/eu:aws_dynamodb_table.events name medium",
			"resource:default/events -references-> regions/us:aws_dynamodb_table.events name medium",
			"resource:default/invoices -references-> infra:aws_s3_bucket.invoices annotation high",
			"resource:default/payments-db -references-> infra:aws_rds_cluster.payments description high",
		},
		Broken: []string{
			"resource:default/audit-archive -references->  @catalog-info.yaml:45",
			"resource:default/ghost -references->  @catalog-info.yaml:61",
			"resource:default/sessions -references->  @catalog-info.yaml:53",
			"service:default/orphan -connects-to->  @catalog-info.yaml:116",
		},
		Nodes: []string{"data-class:pci @catalog-info.yaml:27", "data-class:pii @catalog-info.yaml:16"},
	},
}

// TestFixtures runs the builder over each fixture repository under testdata and compares what it makes with
// what the fixture's comments promise.
func TestFixtures(t *testing.T) {
	names := make([]string, 0, len(fixtureTests))
	for n := range fixtureTests {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			g := linktest.Dir(t, "testdata/"+name)
			f := linktest.Build(t, g, New())
			if diff := cmp.Diff(fixtureTests[name], summarise(f)); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
			checkEvidence(t, f)
		})
	}
}

// checkEvidence: every edge and refused link says why, with evidence at a file and line, and the edge's
// provenance is its first evidence.
func checkEvidence(t *testing.T, f model.Facts) {
	t.Helper()
	for _, e := range f.Edges {
		ev, _ := e.Attrs["evidence"].([]any)
		if len(ev) == 0 || e.Attrs["reason"] == "" || e.Prov.Extractor != "link/data" {
			t.Errorf("%s: no evidence or reason: %v", e.Key(), e.Attrs)
			continue
		}
		for _, x := range ev {
			m := x.(map[string]any)
			if m["file"] == "" || m["line"] == nil || m["what"] == "" {
				t.Errorf("%s: evidence without file, line or what: %v", e.Key(), m)
			}
		}
		first := ev[0].(map[string]any)
		if first["file"] != e.Prov.File || first["line"] != e.Prov.Line {
			t.Errorf("%s: provenance %v is not the first evidence %v", e.Key(), e.Prov, first)
		}
		if _, ok := e.Attrs["methods"].([]any); !ok {
			t.Errorf("%s: no methods", e.Key())
		}
	}
	for _, b := range f.Broken {
		if b.Reason == "" || len(b.Evidence) == 0 || b.Prov.File == "" || b.Prov.Line == 0 {
			t.Errorf("refused link %+v has no reason or evidence", b)
		}
	}
}

// TestEdgesApply: the graph accepts every edge (both ends exist, the implicit class nodes included).
func TestEdgesApply(t *testing.T) {
	for name := range fixtureTests {
		g := linktest.Dir(t, "testdata/"+name)
		f := linktest.Apply(t, g, New())
		for _, d := range g.Diagnostics() {
			if d.Extractor == link.Extractor(New()) && d.Severity == model.SeverityWarning && d.Line == 0 {
				t.Errorf("%s: %s", name, d)
			}
		}
		for _, e := range f.Edges {
			found := false
			for _, ge := range g.Out(e.From) {
				found = found || ge.Key() == e.Key()
			}
			if !found {
				t.Errorf("%s: edge %s was dropped by the graph", name, e.Key())
			}
		}
	}
}
