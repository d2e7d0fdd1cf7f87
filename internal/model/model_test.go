package model

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestEveryKindHasALayer(t *testing.T) {
	for _, k := range NodeKinds() {
		if k.Layer() == "" {
			t.Errorf("kind %q has no layer", k)
		}
	}
	if len(NodeKinds()) != len(nodeLayers) {
		t.Errorf("NodeKinds lists %d kinds, nodeLayers maps %d", len(NodeKinds()), len(nodeLayers))
	}
}

func TestNormalizeImageRef(t *testing.T) {
	tests := []struct{ in, want string }{
		{"nginx", "docker.io/library/nginx:latest"},              // official image, no tag
		{"nginx:1.27", "docker.io/library/nginx:1.27"},           // official image with tag
		{"docker.io/nginx:1.27", "docker.io/library/nginx:1.27"}, // explicit docker.io
		{"bitnami/redis:7.2", "docker.io/bitnami/redis:7.2"},     // user image on Docker Hub
		{"ghcr.io/acme/api:v1", "ghcr.io/acme/api:v1"},           // other registry
		{"localhost:5000/api", "localhost:5000/api:latest"},      // registry with port, no tag
		{"localhost/api:2", "localhost/api:2"},                   // localhost registry
		{"123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2", // ECR
			"123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2"},
		{"golang@sha256:abc", "docker.io/library/golang@sha256:abc"},               // digest only
		{"golang:1.23@sha256:abc", "docker.io/library/golang:1.23@sha256:abc"},     // tag and digest
		{"Registry.Example.com/Team/App:Tag", "registry.example.com/team/app:Tag"}, // case folded, tag kept
		{"${REGISTRY}/api:${TAG}", "${REGISTRY}/api:${TAG}"},                       // variables kept as written
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeImageRef(tt.in); got != tt.want {
			t.Errorf("NormalizeImageRef(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnknownRoundTripsThroughJSON(t *testing.T) {
	data, err := json.Marshal(map[string]any{"cidr": Unknown("var.cidr")})
	if err != nil {
		t.Fatal(err)
	}
	var back map[string]any
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	expr, ok := IsUnknown(back["cidr"])
	if !ok || expr != "var.cidr" {
		t.Errorf("IsUnknown after JSON = %q, %v", expr, ok)
	}
	if diff := cmp.Diff(`{"cidr":{"$unknown":"var.cidr"}}`, string(data)); diff != "" {
		t.Errorf("encoding (-want +got):\n%s", diff)
	}
	if _, ok := IsUnknown("var.cidr"); ok {
		t.Error("a plain string is not unknown")
	}
}

func TestIDs(t *testing.T) {
	got := []string{
		K8sID("", "ClusterRole", "admin"), K8sID("shop", "Deployment", "api"),
		TerraformID(".", "aws_iam_role.app"), TerraformID("infra/prod/", "module.net.aws_vpc.main"),
		OwnerID(" @Acme/Payments "), DataClassID("PII"), EntryPointID("internet"), EntryPointID("leaked-ci-key"),
		FileNodeID(KindDockerfile, "services/api/Dockerfile"), ImageID("nginx"),
	}
	want := []string{
		"k8s:_cluster/ClusterRole/admin", "k8s:shop/Deployment/api",
		"aws_iam_role.app", "infra/prod:module.net.aws_vpc.main",
		"owner:@acme/payments", "data-class:pii", "internet", "entry:leaked-ci-key",
		"dockerfile:services/api/Dockerfile", "image:docker.io/library/nginx:latest",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
}

func TestVulnerabilityID(t *testing.T) {
	tests := []struct {
		ids  []string
		want string
	}{
		{[]string{"GHSA-jfh8-c2jp-5v3q", "CVE-2021-44228"}, "vuln:CVE-2021-44228"},
		{[]string{"CVE-2021-45046", "CVE-2021-44228"}, "vuln:CVE-2021-44228"},
		{[]string{"GO-2022-0001", "GHSA-zzzz-zzzz-zzzz", "GHSA-aaaa-aaaa-aaaa"}, "vuln:GHSA-aaaa-aaaa-aaaa"},
		{[]string{"PYSEC-2021-1", "GO-2022-0001"}, "vuln:GO-2022-0001"},
		{[]string{" ", ""}, ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := VulnerabilityID(tt.ids...); got != tt.want {
			t.Errorf("VulnerabilityID(%q) = %q, want %q", tt.ids, got, tt.want)
		}
	}
	if got := SecretID("deploy/app.env", 3, "aws-access-token"); got != "secret:deploy/app.env:3:aws-access-token" {
		t.Errorf("SecretID = %q", got)
	}
}
