package k8s

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// podWithSecrets draws a pod that reads Secret env-only by env, mounts Secret files-only at /etc/creds, and
// mounts a ConfigMap.
func podWithSecrets(t *testing.T) *paths.Context {
	w := pod("shop", "api", map[string]any{"containers": []any{map[string]any{"name": "api", "security_context": map[string]any{},
		"volume_mounts": []any{map[string]any{"name": "creds", "mount_path": "/etc/creds", "read_only": true}}}}})
	env, files := secret("shop", "env-only"), secret("shop", "files-only")
	cm := node("k8s:shop/ConfigMap/settings", model.KindDataStore, "ConfigMap", map[string]any{"namespace": "shop"})
	edges := []model.Edge{
		edge(w.ID, model.EdgeReadsSecret, env.ID, map[string]any{"via": []any{map[string]any{"env": "DATABASE_URL", "via": "env"}}}),
		edge(w.ID, model.EdgeMounts, files.ID, map[string]any{"via": []any{map[string]any{"volume": "creds", "via": "volume"}}}),
		edge(w.ID, model.EdgeMounts, cm.ID, map[string]any{"via": []any{map[string]any{"volume": "settings", "via": "volume"}}}),
	}
	return build(t, []model.Node{w, env, files, cm}, edges, nil)
}

func TestPodSecrets(t *testing.T) {
	const ctl = "secret-store:k8s:shop/Deployment/api"
	w := "k8s:shop/Deployment/api"
	tests := []struct {
		name  string
		state paths.State
		want  []string
	}{
		{"exec reads files and env (in edge order), not the ConfigMap", exec(w), []string{
			"read(k8s:shop/Secret/files-only) 0.950 " + ctl, "read(k8s:shop/Secret/env-only) 0.950 " + ctl}},
		{"a file read reads only the mounted one", paths.State{Kind: paths.FileRead, Node: w}, []string{
			"read(k8s:shop/Secret/files-only) 0.500 " + ctl}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(podWithSecrets(t), podSecrets{}, tt.state)
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			mustEvidence(t, got)
		})
	}
	got := run(podWithSecrets(t), podSecrets{}, paths.State{Kind: paths.FileRead, Node: w})
	if want := "a file read in Deployment api can fetch Secret files-only from its volume at /etc/creds"; len(got) != 1 || got[0].Reason != want {
		t.Errorf("reason: %+v, want %q", got, want)
	}
}

func TestSecretDatabase(t *testing.T) {
	db := node("infra:aws_db_instance.billing", model.KindDataStore, "aws_db_instance", nil)
	creds, other := secret("payments", "db-credentials"), secret("payments", "unrelated")
	billing, worker := pod("payments", "billing", nil), pod("payments", "worker", nil)
	conn := func(w model.Node) model.Edge {
		return edge(w.ID, model.EdgeConnectsTo, db.ID, map[string]any{"credentials_from": creds.ID, "variable": "DATABASE_URL",
			"evidence": []any{map[string]any{"file": file, "line": 39, "what": "DATABASE_URL from Secret db-credentials"}}})
	}
	c := build(t, []model.Node{db, creds, other, billing, worker}, []model.Edge{conn(billing), conn(worker)}, nil)
	const ctl = "database-credentials:k8s:payments/Secret/db-credentials"
	got := run(c, secretDatabase{}, paths.State{Kind: paths.Read, Node: creds.ID})
	want := []string{"read(" + db.ID + ") 0.800 " + ctl + " assumes=2", "write(" + db.ID + ") 0.720 " + ctl + " assumes=2"}
	if diff := cmp.Diff(want, summary(got)); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	mustEvidence(t, got)
	// The Secret's key that holds the DSN is the first evidence.
	if e := got[0].Evidence[0]; e.Line != 35 {
		t.Errorf("first evidence %+v, want the DATABASE_URL line 35", e)
	}
	if got := run(c, secretDatabase{}, paths.State{Kind: paths.Read, Node: other.ID}); len(got) != 0 {
		t.Errorf("a Secret nobody connects with opens nothing: %v", summary(got))
	}
	if got := run(c, secretDatabase{}, paths.State{Kind: paths.Read, Node: db.ID}); len(got) != 0 {
		t.Errorf("reading the database is not reading a Secret: %v", summary(got))
	}
}
