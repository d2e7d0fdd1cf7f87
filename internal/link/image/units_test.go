package image

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/link/linktest"
	"github.com/seam-sec/seam/internal/model"
)

func TestPathScore(t *testing.T) {
	tests := []struct {
		image      string // repository path
		dockerfile string
		score      float64
		agreed     int
	}{
		{"webshop/api", "services/api/Dockerfile", 1, 1},             // the last segment; "services" is generic
		{"webshop/api", "webshop/services/api/Dockerfile", 2, 2},     // generic directories are skipped
		{"acme/payments-api", "payments-api/Dockerfile", 1, 1},       // exact
		{"acme/payments-api", "api/Dockerfile", 0.5, 0},              // the trailing word only
		{"acme/payments-api", "payments/Dockerfile", 0.5, 0},         // the leading word only
		{"acme/api", "docker/api.Dockerfile", 1, 1},                  // a named Dockerfile
		{"acme/api", "Dockerfile.api", 1, 1},                         // at the root, named by its suffix
		{"acme/api", "api/Dockerfile.dev", 0.75, 1},                  // a development variant scores less
		{"acme/api", "api/Dockerfile.prod", 1, 1},                    // prod is a plain Dockerfile
		{"acme/api", "web/Dockerfile", 0, 0},                         // no agreement
		{"acme/api", "Dockerfile", 0, 0},                             // no name at all
		{"Team/Billing_Service", "billing-service/Dockerfile", 1, 1}, // case and separators are folded
	}
	for _, tt := range tests {
		d := readDockerfile(&model.Node{ID: model.FileNodeID(model.KindDockerfile, tt.dockerfile)})
		score, agreed := pathScore(splitPath(tt.image), d)
		if score != tt.score || agreed != tt.agreed {
			t.Errorf("pathScore(%s, %s) = %v, %d; want %v, %d", tt.image, tt.dockerfile, score, agreed, tt.score, tt.agreed)
		}
	}
}

func splitPath(p string) []string {
	r, _ := parseRepo("registry.example/" + p + ":1")
	return r.path
}

func TestCopyMatch(t *testing.T) {
	tests := []struct {
		src, rel string
		exclude  []string
		how      string
		exact    bool
	}{
		{"go.mod", "go.mod", nil, "by name", true},
		{"./go.mod", "go.mod", nil, "by name", true},
		{"/go.mod", "go.mod", nil, "by name", true}, // sources are relative to the context even with a slash
		{".", "web/package-lock.json", nil, "the whole context", false},
		{"./", "go.mod", nil, "the whole context", false},
		{"web", "web/package-lock.json", nil, "directory web", false},
		{"web/", "web/package-lock.json", nil, "directory web", false},
		{"package*.json", "package-lock.json", nil, "glob package*.json", false},
		{"package*.json", "web/package-lock.json", nil, "", false}, // a glob matches in the context's top directory
		{"src*", "src-api/go.mod", nil, "glob src*", false},        // a glob naming a directory
		{".", "go.mod", []string{"go.*"}, "", false},               // COPY --exclude
		{".", "tools/go.mod", []string{"tools"}, "", false},        // excluding the directory above it
		{"$APP_DIR", "go.mod", nil, "", false},                     // a build variable: not known here
		{"go.sum", "go.mod", nil, "", false},
	}
	for _, tt := range tests {
		how, exact := copyMatch(tt.src, tt.rel, tt.exclude)
		if how != tt.how || exact != tt.exact {
			t.Errorf("copyMatch(%q, %q) = %q, %v; want %q, %v", tt.src, tt.rel, how, exact, tt.how, tt.exact)
		}
	}
}

func TestRegistries(t *testing.T) {
	tests := []struct {
		ref              string
		ok, public, lib  bool
		account, repoFul string
	}{
		{"docker.io/library/redis:7.2", true, true, true, "", "docker.io/library/redis"},
		{"docker.io/bitnami/redis:7.2", true, true, false, "", "docker.io/bitnami/redis"},
		{"quay.io/prometheus/node-exporter:v1", true, true, false, "", "quay.io/prometheus/node-exporter"},
		{"eu.gcr.io/acme/api:1", true, true, false, "", "eu.gcr.io/acme/api"},
		{"123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api:1.4.2", true, false, false, "123456789012",
			"123456789012.dkr.ecr.eu-west-1.amazonaws.com/webshop/api"},
		{"602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.0", true, true, false, "602401143452",
			"602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni"},
		{"registry.acme.example/shop/api@sha256:abc", true, false, false, "", "registry.acme.example/shop/api"},
		{"localhost:5000/api:dev", true, false, false, "", "localhost:5000/api"},
		{"${REGISTRY}/api:${TAG}", false, false, false, "", ""}, // unresolved: never matched by name
	}
	for _, tt := range tests {
		r, ok := parseRepo(tt.ref)
		if ok != tt.ok || (ok && (r.public() != tt.public || r.library() != tt.lib || r.account() != tt.account || r.full != tt.repoFul)) {
			t.Errorf("%s: ok %v public %v library %v account %q full %q", tt.ref, ok, r.public(), r.library(), r.account(), r.full)
		}
	}
}

func TestWildcard(t *testing.T) {
	tests := []struct {
		s       string
		unknown []string
		match   []string
		nomatch []string
		none    bool
	}{
		{s: "${REGISTRY}/shop/worker", unknown: []string{"${REGISTRY}"},
			match:   []string{"ghcr.io/acme/shop/worker", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/worker"},
			nomatch: []string{"ghcr.io/acme/shop/web", "shop/worker"}},
		{s: "services/${{ matrix.svc }}/Dockerfile", unknown: []string{"${{ matrix.svc }}"},
			match: []string{"services/api/Dockerfile"}, nomatch: []string{"services/Dockerfile", "web/api/Dockerfile"}},
		{s: "${{ steps.meta.outputs.tags }}", unknown: []string{"${{ steps.meta.outputs.tags }}"}, none: true},
	}
	for _, tt := range tests {
		re := wildcard(tt.s, tt.unknown)
		if tt.none {
			if re != nil {
				t.Errorf("%s: nothing known is left, want no pattern, got %v", tt.s, re)
			}
			continue
		}
		for _, m := range tt.match {
			if !re.MatchString(m) {
				t.Errorf("%s should match %s", re, m)
			}
		}
		for _, m := range tt.nomatch {
			if re.MatchString(m) {
				t.Errorf("%s should not match %s", re, m)
			}
		}
	}
}

const goMod = "module example.com/x\n\ngo 1.23.0\n\nrequire github.com/go-chi/chi/v5 v5.1.0\n"

// deployment is a manifest running one image, for the small repositories below.
func deployment(name, image string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(fmt.Sprintf("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %s, namespace: x}\n"+
		"spec:\n  selector: {matchLabels: {app: %s}}\n  template:\n    metadata: {labels: {app: %s}}\n    spec:\n"+
		"      containers:\n        - name: %s\n          image: %s\n", name, name, name, name, image))}
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// smallRepositories are the repositories of TestSmallRepositories, each with its links and refusals.
var smallRepositories = []struct {
	name string
	fs   fstest.MapFS
	want outcome
}{
	{"a build configuration naming a Dockerfile that is not there", fstest.MapFS{
		"deploy.yaml":        deployment("api", "ghcr.io/acme/api:1"),
		"docker-compose.yml": file("services:\n  api:\n    build: {context: api, dockerfile: Dockerfile.prod}\n    image: ghcr.io/acme/api:dev\n"),
		"api/Dockerfile":     file("FROM scratch\n"), // a registry-path match, not tried: the configuration decides
	}, outcome{Broken: []string{
		"image:ghcr.io/acme/api:1 | dockerfile:api/Dockerfile.prod | build-config | compose docker-compose.yml:3 builds its repository ghcr.io/acme/api (with another tag) from api/Dockerfile.prod, which is not in the scanned files",
		"image:ghcr.io/acme/api:dev | dockerfile:api/Dockerfile.prod | build-config | compose docker-compose.yml:3 builds the image ghcr.io/acme/api:dev from api/Dockerfile.prod, which is not in the scanned files",
	}}},
	{"a build without a Dockerfile (ko)", fstest.MapFS{
		"deploy.yaml":   deployment("jobs", "gcr.io/acme/jobs:1"),
		"skaffold.yaml": file("apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: gcr.io/acme/jobs\n      ko: {}\n"),
	}, outcome{Broken: []string{
		"image:gcr.io/acme/jobs:${tagPolicy.gitCommit} |  | build-config | skaffold skaffold.yaml:5 builds the image gcr.io/acme/jobs:${tagPolicy.gitCommit} without a Dockerfile in the repository: skaffold builds this artifact with ko, without a Dockerfile",
		"image:gcr.io/acme/jobs:1 |  | build-config | skaffold skaffold.yaml:5 builds its repository gcr.io/acme/jobs (with another tag) without a Dockerfile in the repository: skaffold builds this artifact with ko, without a Dockerfile",
	}}},
	{"podman's default Containerfile, and a matrix Dockerfile path", fstest.MapFS{
		"deploy.yaml":       deployment("api", "registry.acme.example/api:2"),
		"Makefile":          file("api:\n\tpodman build -t registry.acme.example/api:dev api\n"),
		"api/Containerfile": file("FROM alpine:3.20\n"),
	}, outcome{Edges: []string{
		"image:registry.acme.example/api:2 -built-from-> dockerfile:api/Containerfile build-config high",
		"image:registry.acme.example/api:dev -built-from-> dockerfile:api/Containerfile build-config high",
	}}},
	{"an exact tag beats other builds of the repository", fstest.MapFS{
		"deploy.yaml":        deployment("api", "ghcr.io/acme/api:dev"),
		"docker-compose.yml": file("services:\n  api:\n    build: {context: ., dockerfile: dev.Dockerfile}\n    image: ghcr.io/acme/api:dev\n"),
		"Makefile":           file("release:\n\tdocker build -t ghcr.io/acme/api:1.0 -f release.Dockerfile .\n"),
		"dev.Dockerfile":     file("FROM alpine:3.20\n"),
		"release.Dockerfile": file("FROM alpine:3.20\n"),
	}, outcome{Edges: []string{
		"image:ghcr.io/acme/api:1.0 -built-from-> dockerfile:release.Dockerfile build-config high",
		"image:ghcr.io/acme/api:dev -built-from-> dockerfile:dev.Dockerfile build-config high",
	}}},
	{"two configurations, two Dockerfiles, one repository: ambiguous for another tag", fstest.MapFS{
		"deploy.yaml":        deployment("api", "ghcr.io/acme/api:7"),
		"docker-compose.yml": file("services:\n  api:\n    build: {context: ., dockerfile: dev.Dockerfile}\n    image: ghcr.io/acme/api:dev\n"),
		"Makefile":           file("release:\n\tdocker build -t ghcr.io/acme/api:1.0 -f release.Dockerfile .\n"),
		"dev.Dockerfile":     file("FROM alpine:3.20\n"),
		"release.Dockerfile": file("FROM alpine:3.20\n"),
	}, outcome{
		Edges: []string{
			"image:ghcr.io/acme/api:1.0 -built-from-> dockerfile:release.Dockerfile build-config high",
			"image:ghcr.io/acme/api:dev -built-from-> dockerfile:dev.Dockerfile build-config high",
		},
		Broken: []string{"image:ghcr.io/acme/api:7 |  | build-config | ambiguous: 2 build configurations that its " +
			"repository ghcr.io/acme/api (with another tag) name different Dockerfiles (release.Dockerfile, dev.Dockerfile); Seam picks none"},
	}},
	{"a build target and COPY --exclude", fstest.MapFS{
		"deploy.yaml":        deployment("api", "ghcr.io/acme/api:3"),
		"docker-compose.yml": file("services:\n  api:\n    build: {context: ., target: slim}\n    image: ghcr.io/acme/api:3\n"),
		"Dockerfile": file("FROM golang:1.23 AS build\nCOPY --exclude=tools --exclude=web/*.json . /src\n\nFROM alpine:3.20 AS slim\nCOPY --from=build /src/bin /bin\n\n" +
			"FROM slim AS full\nCOPY web/ /web\n"),
		"go.mod":                file(goMod),
		"tools/go.mod":          file(goMod),
		"web/package-lock.json": file("{\"name\": \"w\", \"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"w\"}}}\n"),
	}, outcome{Edges: []string{
		"image:ghcr.io/acme/api:3 -built-from-> dockerfile:Dockerfile build-config high",
		"image:ghcr.io/acme/api:3 -contains-> module:go.mod dockerfile-copy medium",
	}}},
	{"a registry only a build configuration names, with an unknown part", fstest.MapFS{
		"deploy.yaml":             deployment("worker", "registry.acme.example/shop/worker:1.0"),
		"docker-compose.yml":      file("services:\n  worker:\n    build: worker\n    image: ${REGISTRY}/shop/worker:1.0\n"),
		"worker/Dockerfile":       file("FROM python:3.12\nCOPY requirements.txt .\n"),
		"worker/requirements.txt": file("boto3==1.34.0\n"),
	}, outcome{Edges: []string{
		"image:${REGISTRY}/shop/worker:1.0 -built-from-> dockerfile:worker/Dockerfile build-config high",
		"image:${REGISTRY}/shop/worker:1.0 -contains-> module:worker/requirements.txt dockerfile-copy high",
		"image:registry.acme.example/shop/worker:1.0 -built-from-> dockerfile:worker/Dockerfile build-config high",
		"image:registry.acme.example/shop/worker:1.0 -contains-> module:worker/requirements.txt dockerfile-copy high",
	}}},
	{"directory convention prefers the plain Dockerfile; a public image stays quiet", fstest.MapFS{
		"deploy.yaml":           deployment("orders", "registry.acme.example/team/backend:1"),
		"proxy.yaml":            deployment("proxy", "docker.io/acme/envoy-custom:1"),
		"orders/Dockerfile":     file("FROM alpine:3.20\n"),
		"orders/Dockerfile.dev": file("FROM alpine:3.20\n"),
		"proxy/Dockerfile":      file("FROM envoyproxy/envoy:v1.30\n"),
	}, outcome{Edges: []string{
		"image:registry.acme.example/team/backend:1 -built-from-> dockerfile:orders/Dockerfile directory low",
	}}},
	{"a private registry nothing here builds, with no organisation evidence", fstest.MapFS{
		"deploy.yaml": deployment("search", "registry.partner.example/search/engine:4"),
	}, outcome{Broken: []string{"image:registry.partner.example/search/engine:4 |  | search | the image is on " +
		"the private registry registry.partner.example, but no build configuration and no Dockerfile in the scanned files builds it: built elsewhere"}}},
}

// TestSmallRepositories covers cases a fixture directory would only repeat: each a few files, with the links
// the builder must make and refuse.
func TestSmallRepositories(t *testing.T) {
	tests := smallRepositories
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := linktest.Graph(t, tt.fs)
			f := linktest.Build(t, g, New())
			if diff := cmp.Diff(tt.want, summarise(f)); diff != "" {
				t.Errorf("links (-want +got):\n%s", diff)
			}
			checkEvidence(t, g, f)
		})
	}
}
