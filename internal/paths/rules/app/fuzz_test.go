package app

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// FuzzRules feeds the code-flaw source and every rule attributes of any shape — a flaw node's, its has-flaw
// edge's, a target workload's and a network-reach edge's, as JSON objects — and checks what must hold
// whatever they say: no panic; every step's likelihood in (0, 1]; every foothold step rests first on the
// flaw's line and is broken by fixing it; two runs give the same steps.
func FuzzRules(f *testing.F) {
	seed := func(flawAttrs, edgeAttrs, targetAttrs, reachAttrs string) {
		f.Add(flawAttrs, edgeAttrs, targetAttrs, reachAttrs)
	}
	// the attributes of the fixtures' flaws (testdata/*: the thumbs command injection, the catalog SQL
	// injection, the preview SSRF, the files traversal) and of the flaw builder's and exposure builder's edges
	seed(`{"class":"command-injection","confidence":"high","language":"go","sink":"exec.Command","tool":"seam","function":"thumbnail","route":"GET /thumb"}`,
		`{"method":"build-context","confidence":0.6,"evidence":[{"file":"services/thumbs/main.go","line":15,"what":"the sink"},{"file":"services/thumbs/Dockerfile","line":4}],"assumptions":["a .dockerignore is assumed not to exclude it"]}`,
		`{"containers":[{"name":"reports","ports":[{"name":"http","container_port":5000}]}]}`,
		`{"confidence":0.9,"ports":[5000],"controls":[{"id":"k8s:store/NetworkPolicy/reports-from-billing","kind":"network-policy"}]}`)
	seed(`{"class":"sql-injection","confidence":"medium","language":"python","sink":"cursor.execute"}`, `{"confidence":0.3}`, `{}`, `{"ports":["x",null,8080.5]}`)
	seed(`{"class":"ssrf","confidence":"low","language":"php","sink":"file_get_contents","reachable":false}`, `{"evidence":[1,{"file":""},{"file":"a","line":"7"}],"foothold":true}`,
		`{"containers":[{"ports":[{"container_port":6379,"name":"redis"}]},7]}`, `{"controls":[1,{"id":"nowhere"}]}`)
	seed(`{"class":"path-traversal","confidence":"HIGH","sink":"os.WriteFile","rule":"go-path-traversal-os-writefile"}`, `{"assumptions":"one"}`, `{"containers":null}`, `{}`)
	seed(`{"class":"template-injection","confidence":"high","language":"go"}`, `{}`, `{}`, `{}`)
	seed(`{"class":"deserialization","engine":{"$unknown":"x"}}`, `{"confidence":-1}`, `{}`, `{"confidence":2}`)
	f.Fuzz(func(t *testing.T, flawAttrs, edgeAttrs, targetAttrs, reachAttrs string) {
		var fa, ea, ta, ra map[string]any
		if json.Unmarshal([]byte(flawAttrs), &fa) != nil || json.Unmarshal([]byte(edgeAttrs), &ea) != nil ||
			json.Unmarshal([]byte(targetAttrs), &ta) != nil || json.Unmarshal([]byte(reachAttrs), &ra) != nil {
			return
		}
		fl := model.Node{ID: "code-flaw:services/web/h.go:20:x", Kind: model.KindCodeFlaw, Type: "x", Attrs: fa, Prov: prov("services/web/h.go", 20)}
		target := workload("k8s:app/Deployment/target", 30)
		target.Attrs = ta
		db := store("aws_db_instance.db", "aws_db_instance", fa, 5) // the flaw's attributes as a store's: engine of any shape
		hasFlaw := model.Edge{From: web, To: fl.ID, Kind: model.EdgeHasFlaw, Attrs: ea, Prov: prov("services/web/Dockerfile", 5)}
		reach := model.Edge{From: web, To: target.ID, Kind: model.EdgeNetworkReach, Attrs: ra, Prov: prov("deploy/target.yaml", 40)}
		connects := model.Edge{From: web, To: db.ID, Kind: model.EdgeConnectsTo, Attrs: ea, Prov: prov("deploy/app.yaml", 20)}
		g := build([]model.Node{workload(web, 10), target, fl, db}, []model.Edge{hasFlaw, reach, connects},
			derive(target.ID, "reachable_from_cluster", ta, "deploy/target.yaml", 3), derive(web, "egress", ra, "deploy/app.yaml", 10))
		run := func() []paths.Step {
			c := paths.NewContext(g, []paths.FootholdSource{CodeFlaws{}})
			var out []paths.Step
			for _, r := range Rules() {
				m := r.Meta()
				for _, k := range m.From {
					for _, s := range r.Steps(c, paths.State{Kind: k, Node: web}) {
						if !slices.Contains(m.To, s.To.Kind) {
							t.Errorf("%s made %s, not one of %v", m.ID, s.To, m.To)
						}
						out = append(out, s)
					}
				}
			}
			return out
		}
		steps := run()
		for _, s := range steps {
			if !(s.Likelihood > 0 && s.Likelihood <= 1) {
				t.Errorf("%s: likelihood %v", s.To, s.Likelihood)
			}
			if s.To.Kind == paths.Reach {
				continue // forged requests rest on the network, not the flaw
			}
			if len(s.Evidence) == 0 || s.Evidence[0].File != "services/web/h.go" || s.Evidence[0].Line != 20 {
				t.Errorf("%s: evidence %v does not start at the flaw", s.To, s.Evidence)
			}
			if s.Control.ID != "fix-flaw:"+fl.ID {
				t.Errorf("%s: control %q", s.To, s.Control.ID)
			}
		}
		if again := run(); !reflect.DeepEqual(steps, again) {
			t.Errorf("two runs differ")
		}
	})
}
