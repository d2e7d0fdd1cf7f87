package k8s

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

func TestServiceAccountToken(t *testing.T) {
	const saID, podID = "k8s:apps/ServiceAccount/api", "k8s:apps/Deployment/api"
	projected := []any{map[string]any{"name": "api-token", "type": "projected", "line": 40,
		"sources": []any{map[string]any{"type": "serviceAccountToken", "audience": "", "path": "token"}}}}
	vaultToken := []any{map[string]any{"name": "vault-token", "type": "projected", "line": 40,
		"sources": []any{map[string]any{"type": "serviceAccountToken", "audience": "vault", "path": "token"}}}}
	mountsToken := func(volume string) []any {
		return []any{map[string]any{"name": "api", "security_context": map[string]any{},
			"volume_mounts": []any{map[string]any{"name": volume, "mount_path": "/var/run/api", "read_only": true}}}}
	}
	tests := []struct {
		name     string
		pod, sa  map[string]any
		implicit bool
		want     []string
	}{
		{name: "neither sets automount: the Kubernetes default mounts it, control on the ServiceAccount",
			want: []string{"creds(" + saID + ") 0.900 automount-off:" + saID}},
		{name: "the pod turns it off", pod: map[string]any{"automount_service_account_token": false}},
		{name: "the ServiceAccount turns it off", sa: map[string]any{"automount_service_account_token": false}},
		{name: "the extractor settled it off", pod: map[string]any{"automount_effective": false}},
		{name: "the pod turns it back on: only the pod can undo that",
			pod:  map[string]any{"automount_service_account_token": true},
			sa:   map[string]any{"automount_service_account_token": false},
			want: []string{"creds(" + saID + ") 0.900 automount-off:" + podID}},
		{name: "a ServiceAccount not in the files: assumed mounted, lower likelihood", implicit: true,
			want: []string{"creds(" + saID + ") 0.765 automount-off:" + saID + " assumes=1"}},
		{name: "automount off, but a projected token for the API server",
			pod:  map[string]any{"automount_service_account_token": false, "volumes": projected, "containers": mountsToken("api-token")},
			want: []string{"creds(" + saID + ") 0.900 projected-token:" + podID}},
		{name: "automount off, a projected token for another audience is no API token",
			pod: map[string]any{"automount_service_account_token": false, "volumes": vaultToken, "containers": mountsToken("vault-token")}},
		{name: "automount off, a projected token volume no container mounts",
			pod: map[string]any{"automount_service_account_token": false, "volumes": projected}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, s := pod("apps", "api", tt.pod), sa("apps", "api", tt.sa)
			s.Implicit = tt.implicit
			c := build(t, []model.Node{w, s}, []model.Edge{uses(w, s)}, nil)
			got := run(c, saToken{}, exec(w.ID))
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			mustEvidence(t, got)
		})
	}
}

func TestServiceAccountTokenNotAPod(t *testing.T) {
	ec2 := node("aws_instance.web", model.KindWorkload, "aws_instance", nil)
	role := node("aws_iam_role.web", model.KindIdentity, "aws_iam_role", nil)
	c := build(t, []model.Node{ec2, role}, []model.Edge{edge(ec2.ID, model.EdgeUsesIdentity, role.ID, nil)}, nil)
	if got := run(c, saToken{}, exec(ec2.ID)); len(got) != 0 {
		t.Errorf("an instance has no ServiceAccount token: %v", summary(got))
	}
	w := pod("apps", "api", nil)
	c = build(t, []model.Node{w}, nil, nil)
	if got := run(c, saToken{}, exec(w.ID)); len(got) != 0 {
		t.Errorf("a pod without a ServiceAccount edge: %v", summary(got))
	}
}

func TestServiceAccountTokenEvidence(t *testing.T) {
	w, s := pod("apps", "api", nil), sa("apps", "api", nil)
	c := build(t, []model.Node{w, s}, []model.Edge{uses(w, s)}, nil)
	got := run(c, saToken{}, exec(w.ID))
	if len(got) != 1 {
		t.Fatalf("steps: %v", summary(got))
	}
	// The misconfiguration first: the ServiceAccount that leaves automounting on, then the pod's reference.
	want := []model.Evidence{
		{File: file, Line: 2, What: "ServiceAccount api does not set automountServiceAccountToken (default: mounted)"},
		{File: file, Line: 20, What: "the pods run as ServiceAccount api"},
	}
	if diff := cmp.Diff(want, got[0].Evidence); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{uses(w, s).Key()}, got[0].Via); diff != "" {
		t.Errorf("via (-want +got):\n%s", diff)
	}
}

func TestServiceAccountTokenFileRead(t *testing.T) {
	const role = "infra:aws_iam_role.api"
	annotation := []any{map[string]any{"file": file, "line": 4, "what": "annotation eks.amazonaws.com/role-arn"}}
	tests := []struct {
		name   string
		pod    map[string]any
		method string
		want   []string
	}{
		{name: "token mounted, no IRSA: the API token only", want: []string{"creds(k8s:apps/ServiceAccount/api) 0.600 automount-off:k8s:apps/ServiceAccount/api"}},
		{name: "token mounted and IRSA: both files", method: "irsa", want: []string{
			"creds(k8s:apps/ServiceAccount/api) 0.600 automount-off:k8s:apps/ServiceAccount/api",
			"creds(" + role + ") 0.500 irsa-token:k8s:apps/ServiceAccount/api"}},
		{name: "automount off: the webhook still projects the IRSA token", method: "irsa",
			pod:  map[string]any{"automount_service_account_token": false},
			want: []string{"creds(" + role + ") 0.500 irsa-token:k8s:apps/ServiceAccount/api"}},
		{name: "EKS Pod Identity is no IRSA token file", method: "eks-pod-identity",
			pod: map[string]any{"automount_service_account_token": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, s := pod("apps", "api", tt.pod), sa("apps", "api", nil)
			nodes := []model.Node{w, s, node(role, model.KindIdentity, "aws_iam_role", nil)}
			edges := []model.Edge{uses(w, s)}
			if tt.method != "" {
				a := map[string]any{"method": tt.method, "evidence": annotation}
				edges = append(edges, edge(s.ID, model.EdgeUsesIdentity, role, a))
			}
			c := build(t, nodes, edges, nil)
			got := run(c, saTokenFile{}, paths.State{Kind: paths.FileRead, Node: w.ID})
			if diff := cmp.Diff(tt.want, summary(got)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			mustEvidence(t, got)
		})
	}
}
