package app

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link/builders"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// The secret rules' tables run over the graph
//
//	web -reads-secret (0.9, deploy/app.yaml:30)-> S (a secret at deploy/app.yaml:31)
//	S -unlocks (per case)-> aws_iam_user.deploy (infra/main.tf:3) or aws_db_instance.orders (infra/main.tf:12)
const (
	plantedKey = "secret:deploy/app.yaml:31:aws-access-token"
	user       = "infra:aws_iam_user.deploy"
	orders     = "infra:aws_db_instance.orders"
)

func secretNode(kind string, baselined bool) model.Node {
	attrs := map[string]any{"kind": kind, "masked": "AKIA…(20)", "baselined": baselined}
	if baselined {
		attrs["baseline_reason"] = "sandbox account key"
	}
	return model.Node{ID: plantedKey, Kind: model.KindSecret, Type: "aws-access-token", Name: "AWS key", Attrs: attrs,
		Prov: prov("deploy/app.yaml", 31)}
}

func secretGraph(kind string, baselined bool, unlocks ...model.Edge) *graph.Graph {
	nodes := []model.Node{workload(web, 10), secretNode(kind, baselined),
		{ID: user, Kind: model.KindIdentity, Type: "aws_iam_user", Name: "deploy", Prov: prov("infra/main.tf", 3)},
		store(orders, "aws_db_instance", map[string]any{"engine": "postgres"}, 12)}
	edges := append([]model.Edge{linkEdge(web, model.EdgeReadsSecret, plantedKey, 0.9, "deploy/app.yaml", 30, nil)}, unlocks...)
	return build(nodes, edges)
}

const rotate = "rotate-secret:" + plantedKey

func TestSecretCredentials(t *testing.T) {
	toUser := linkEdge(plantedKey, model.EdgeUnlocks, user, 1, "infra/terraform.tfstate", 35, nil)
	toDB := linkEdge(plantedKey, model.EdgeUnlocks, orders, 0.9, "infra/main.tf", 12, nil)
	ev := []string{"deploy/app.yaml:30", "infra/terraform.tfstate:35"}
	tests := []struct {
		name string
		g    *graph.Graph
		from paths.State
		want []step
	}{
		{"code execution takes the key's user: 0.9 × 0.9 × 1", secretGraph("aws-access-key-id", false, toUser), paths.State{Kind: paths.Exec, Node: web},
			[]step{{"creds(" + user + ")", 0.81, rotate, ev, 0}}},
		{"a file read finds it less surely: × 0.6", secretGraph("aws-access-key-id", false, toUser), paths.State{Kind: paths.FileRead, Node: web},
			[]step{{"creds(" + user + ")", 0.486, rotate, ev, 0}}},
		{"a baselined key still gives the step", secretGraph("aws-access-key-id", true, toUser), paths.State{Kind: paths.Exec, Node: web},
			[]step{{"creds(" + user + ")", 0.81, rotate, ev, 0}}},
		{"reach alone gives nothing", secretGraph("aws-access-key-id", false, toUser), reachOf(web), nil},
		{"a key that unlocks nothing gives nothing", secretGraph("aws-access-key-id", false), paths.State{Kind: paths.Exec, Node: web}, nil},
		{"a database is the other rule's", secretGraph("database-password", false, toDB), paths.State{Kind: paths.Exec, Node: web}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, summarize(stepsOf(tt.g, secretCredentials{}, tt.from))); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSecretDatastore(t *testing.T) {
	toDB := linkEdge(plantedKey, model.EdgeUnlocks, orders, 0.9, "infra/main.tf", 12, nil)
	ev := []string{"deploy/app.yaml:30", "infra/main.tf:12"}
	got := summarize(stepsOf(secretGraph("database-password", false, toDB), secretDatastore{}, paths.State{Kind: paths.Exec, Node: web}))
	want := []step{
		{"read(" + orders + ")", 0.689, rotate, ev, 1},  // 0.85 × 0.9 × 0.9
		{"write(" + orders + ")", 0.551, rotate, ev, 1}, // × 0.8: the user may be read-only
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
}

// TestSecretReasonSaysBaselined checks that an accepted secret's step says it was accepted, and why.
func TestSecretReasonSaysBaselined(t *testing.T) {
	g := secretGraph("aws-access-key-id", true, linkEdge(plantedKey, model.EdgeUnlocks, user, 1, "infra/main.tf", 3, nil))
	steps := stepsOf(g, secretCredentials{}, paths.State{Kind: paths.Exec, Node: web})
	if len(steps) != 1 || !strings.Contains(steps[0].Reason, `baselined as accepted ("sandbox account key")`) {
		t.Errorf("reason does not say the secret is baselined: %v", steps)
	}
}

// TestSecretRulesOverShop runs the link stage over internal/link/secret's shop fixture (see its README) and
// checks what code execution in each workload gives through the secrets it holds.
func TestSecretRulesOverShop(t *testing.T) {
	g := linktest.Dir(t, "../../../link/secret/testdata/shop")
	for _, st := range builders.Stages() {
		var all model.Facts
		for _, b := range st.Builders {
			all.Merge(linktest.Build(t, g, b))
		}
		g.Extend(all)
	}
	tests := []struct {
		workload string
		want     []string
	}{
		// the Lambda holds the deploy user's key pair (ID from the state, the secret key as its pair)
		{"infra:aws_lambda_function.thumbs", []string{"creds(infra:aws_iam_user.deploy)"}},
		// resize's key belongs to no principal of the files: an assumption, no step
		{"infra:aws_lambda_function.resize", nil},
		// api: the Secret's password, the .env in its image's build context, the Dockerfile's key ID
		{"k8s:shop/Deployment/api", []string{"creds(infra:aws_iam_user.deploy)", "read(infra:aws_db_instance.orders)", "write(infra:aws_db_instance.orders)"}},
		{"k8s:shop/Deployment/reports", []string{"read(infra:aws_db_instance.orders)", "write(infra:aws_db_instance.orders)"}},
	}
	c := paths.NewContext(g, nil)
	for _, tt := range tests {
		var got []string
		seen := map[string]bool{}
		for _, r := range SecretRules() {
			for _, st := range r.Steps(c, paths.State{Kind: paths.Exec, Node: tt.workload}) {
				if !seen[st.To.String()] {
					seen[st.To.String()] = true
					got = append(got, st.To.String())
				}
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.workload, diff)
		}
	}
}

// TestSecretRulesMeta checks that each secret rule describes itself fully. (That rules.All() lists them is
// visible in TestWithEveryRuleSet's graph; a test here cannot import the registry, which imports this
// package.)
func TestSecretRulesMeta(t *testing.T) {
	for _, r := range SecretRules() {
		m := r.Meta()
		if m.ID == "" || m.Title == "" || m.Technique == "" || m.TechniqueName == "" || m.Likelihood <= 0 ||
			m.Control == "" || m.Rationale == "" || len(m.From) == 0 || len(m.To) == 0 {
			t.Errorf("%s: incomplete meta %+v", m.ID, m)
		}
	}
}
