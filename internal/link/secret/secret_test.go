package secret_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/link/builders"
	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/link/secret"
	"github.com/seam-sec/seam/internal/model"
)

// shop is testdata/shop (see its README) after the join stage, as the engine leaves it for this builder.
func shop(t testing.TB) *graph.Graph {
	t.Helper()
	g := linktest.Dir(t, "testdata/shop")
	for _, st := range builders.Stages() {
		if st.Name == "join" {
			var all model.Facts
			for _, b := range st.Builders {
				all.Merge(linktest.Build(t, g, b))
			}
			g.Extend(all)
		}
	}
	return g
}

// edge is what a test checks of an edge: its key, method and confidence label.
type edge struct{ Key, Method, Confidence string }

func edgesOf(f model.Facts, kind model.EdgeKind) []edge {
	var out []edge
	for _, e := range f.Edges {
		if e.Kind == kind {
			out = append(out, edge{e.Key(), e.Attrs["method"].(string), e.Attrs["confidence_label"].(string)})
		}
	}
	return out
}

// TestUnlocks draws what each planted secret of the shop unlocks:
//
//	thumbs' key ID ──state──▶ aws_iam_user.deploy ◀──pair── thumbs' secret key
//	Dockerfile ENV key ID ──state──▶ aws_iam_user.deploy ◀──state── the state's own key ID
//	main.tf password ──literal──▶ aws_db_instance.orders ◀──dsn── Secret orders-db, ConfigMap reports-config, .env
//	kubeconfig token ──name──▶ aws_eks_cluster.shop
//	resize's key pair, the GitHub token: nothing (assumptions for the AWS keys)
func TestUnlocks(t *testing.T) {
	g := shop(t)
	f := linktest.Build(t, g, secret.New())
	want := []edge{
		{"secret:infra/main.tf:16:aws-access-token -unlocks-> infra:aws_iam_user.deploy", secret.MethodAccessKeyState, "certain"},
		{"secret:infra/main.tf:17:generic-api-key -unlocks-> infra:aws_iam_user.deploy", secret.MethodKeyPair, "high"},
		{"secret:infra/main.tf:37:hashicorp-tf-password -unlocks-> infra:aws_db_instance.orders", secret.MethodLiteralPassword, "certain"},
		{"secret:infra/terraform.tfstate:35:aws-access-token -unlocks-> infra:aws_iam_user.deploy", secret.MethodAccessKeyState, "certain"},
		{"secret:k8s/app.yaml:10:generic-api-key -unlocks-> infra:aws_db_instance.orders", secret.MethodSecretDSN, "high"},
		{"secret:k8s/app.yaml:19:generic-api-key -unlocks-> infra:aws_db_instance.orders", secret.MethodConfigMapDSN, "high"},
		{"secret:kube/kubeconfig:16:generic-api-key -unlocks-> infra:aws_eks_cluster.shop", secret.MethodKubeconfig, "high"},
		{"secret:services/api/.env:3:generic-api-key -unlocks-> infra:aws_db_instance.orders", secret.MethodSameFileHost, "high"},
		{"secret:services/api/Dockerfile:4:aws-access-token -unlocks-> infra:aws_iam_user.deploy", secret.MethodAccessKeyState, "certain"},
	}
	if diff := cmp.Diff(want, edgesOf(f, model.EdgeUnlocks)); diff != "" {
		t.Errorf("unlocks (-want +got):\n%s", diff)
	}
	var as []string
	for _, a := range f.Assumptions {
		as = append(as, a.Subject+": "+a.Assumed)
	}
	wantAs := []string{
		"secret:infra/main.tf:27:aws-access-token: it gives the credentials of an unknown IAM principal of the account; infra:aws_lambda_function.resize holds it in its environment",
		"secret:infra/main.tf:28:generic-api-key: it gives the credentials of an unknown IAM principal of the account; infra:aws_lambda_function.resize holds it in its environment",
	}
	if diff := cmp.Diff(wantAs, as); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
}

// TestReadsSecret checks who holds each secret.
func TestReadsSecret(t *testing.T) {
	g := shop(t)
	f := linktest.Build(t, g, secret.New())
	want := []edge{
		{"infra:aws_lambda_function.resize -reads-secret-> secret:infra/main.tf:27:aws-access-token", secret.MethodWorkloadConfig, "certain"},
		{"infra:aws_lambda_function.resize -reads-secret-> secret:infra/main.tf:28:generic-api-key", secret.MethodWorkloadConfig, "certain"},
		{"infra:aws_lambda_function.thumbs -reads-secret-> secret:infra/main.tf:16:aws-access-token", secret.MethodWorkloadConfig, "certain"},
		{"infra:aws_lambda_function.thumbs -reads-secret-> secret:infra/main.tf:17:generic-api-key", secret.MethodWorkloadConfig, "certain"},
		{"k8s:shop/Deployment/api -reads-secret-> secret:k8s/app.yaml:10:generic-api-key", secret.MethodSecretRef, "certain"},
		{"k8s:shop/Deployment/api -reads-secret-> secret:k8s/app.yaml:41:github-pat", secret.MethodWorkloadConfig, "certain"},
		{"k8s:shop/Deployment/api -reads-secret-> secret:services/api/.env:3:generic-api-key", secret.MethodBuildContext, "low"},
		{"k8s:shop/Deployment/api -reads-secret-> secret:services/api/Dockerfile:4:aws-access-token", secret.MethodImageEnv, "medium"},
		{"k8s:shop/Deployment/reports -reads-secret-> secret:k8s/app.yaml:19:generic-api-key", secret.MethodConfigRef, "certain"},
	}
	if diff := cmp.Diff(want, edgesOf(f, model.EdgeReadsSecret)); diff != "" {
		t.Errorf("reads-secret (-want +got):\n%s", diff)
	}
}

// TestBuilderContract checks the attributes every edge carries and that no evidence holds more than the mask.
func TestBuilderContract(t *testing.T) {
	g := shop(t)
	f := linktest.Build(t, g, secret.New())
	for _, e := range f.Edges {
		if e.Prov.Extractor != link.Extractor(secret.New()) || e.Prov.File == "" {
			t.Errorf("%s: provenance %v", e.Key(), e.Prov)
		}
		for _, k := range []string{"method", "confidence", "reason", "evidence", "secret_kind", "baselined"} {
			if _, ok := e.Attrs[k]; !ok {
				t.Errorf("%s lacks %s", e.Key(), k)
			}
		}
	}
}

// TestNoValueInFacts checks that the builder's facts hold none of the values planted in the shop.
func TestNoValueInFacts(t *testing.T) {
	f := linktest.Build(t, shop(t), secret.New())
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"AKIAQWB5PDKHX6PYGPAN", "MaRiNTN9Ox98whGcTZc1UWb5fxzpF7STG7nVLe3l", "AKIA2RLYKEI4IIAANNKK",
		"ARUsRJlNONwktN9ugkZeESG61she/QAqq0nv3Vth", "1Aw71l33SCx9vHjHkm1x", "AtNJX3OrUbmkLCNPloWRlO", "72EsSfUQUAkNX7LHQ7",
		"ghp_2AsjD7N2kHD9FSUuErsEz5jhy0I9lO7F3vlf", "TcEokd5ihu9lEmJc", "5KyBBoFsETyy926kMMqVtFqAbu8tF7sjEbhQN9Cp"} {
		if strings.Contains(string(data), v) || strings.Contains(string(data), v[len(v)/2:]) {
			t.Errorf("a planted value (%s…) appears in the builder's facts", v[:4])
		}
	}
}
