// Package webshop_test checks that the webshop example is what its README says: every file valid for the
// parser its real tool uses, the layers naming each other consistently, and a Seam scan finding the facts the
// attack-path story rests on.
package webshop_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"golang.org/x/mod/modfile"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	k8syaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// files lists the example's files under dir (slash paths relative to the example root) whose names match
// the glob pattern.
func files(t *testing.T, dir, pattern string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ok, _ := filepath.Match(pattern, d.Name()); ok && !d.IsDir() {
			out = append(out, filepath.ToSlash(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// manifests holds the decoded Kubernetes objects of deploy/k8s, by "<Kind>/<name>".
type manifests struct {
	serviceAccounts map[string]*corev1.ServiceAccount
	deployments     map[string]*appsv1.Deployment
	services        map[string]*corev1.Service
	configMaps      map[string]*corev1.ConfigMap
	secrets         map[string]*corev1.Secret
	ingresses       map[string]*networkingv1.Ingress
	netpols         map[string]*networkingv1.NetworkPolicy
	keys            []string // every object as "<Kind>/<namespace>/<name>", in file order
}

// decodeManifests reads every document of deploy/k8s strictly into its typed Kubernetes API object: an
// unknown or misspelt field, a wrong type or a duplicate key fails, as "kubectl apply" would.
func decodeManifests(t *testing.T) *manifests {
	t.Helper()
	m := &manifests{
		serviceAccounts: map[string]*corev1.ServiceAccount{}, deployments: map[string]*appsv1.Deployment{},
		services: map[string]*corev1.Service{}, configMaps: map[string]*corev1.ConfigMap{},
		secrets: map[string]*corev1.Secret{}, ingresses: map[string]*networkingv1.Ingress{},
		netpols: map[string]*networkingv1.NetworkPolicy{},
	}
	for _, p := range files(t, "deploy/k8s", "*.yaml") {
		r := k8syaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(read(t, p))))
		for {
			doc, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			m.decode(t, p, doc)
		}
	}
	return m
}

func (m *manifests) decode(t *testing.T, path string, doc []byte) {
	t.Helper()
	var tm struct{ APIVersion, Kind string }
	if err := yaml.Unmarshal(doc, &tm); err != nil || tm.Kind == "" {
		return // a document of comments only
	}
	var obj interface{ GetName() string }
	var ns func() string
	switch tm.APIVersion + " " + tm.Kind {
	case "v1 Namespace":
		o := &corev1.Namespace{}
		obj, ns = o, func() string { return "" }
	case "v1 ServiceAccount":
		o := &corev1.ServiceAccount{}
		obj, ns = o, o.GetNamespace
		defer func() { m.serviceAccounts[o.Name] = o }()
	case "apps/v1 Deployment":
		o := &appsv1.Deployment{}
		obj, ns = o, o.GetNamespace
		defer func() { m.deployments[o.Name] = o }()
	case "v1 Service":
		o := &corev1.Service{}
		obj, ns = o, o.GetNamespace
		defer func() { m.services[o.Name] = o }()
	case "v1 ConfigMap":
		o := &corev1.ConfigMap{}
		obj, ns = o, o.GetNamespace
		defer func() { m.configMaps[o.Name] = o }()
	case "v1 Secret":
		o := &corev1.Secret{}
		obj, ns = o, o.GetNamespace
		defer func() { m.secrets[o.Name] = o }()
	case "networking.k8s.io/v1 Ingress":
		o := &networkingv1.Ingress{}
		obj, ns = o, o.GetNamespace
		defer func() { m.ingresses[o.Name] = o }()
	case "networking.k8s.io/v1 NetworkPolicy":
		o := &networkingv1.NetworkPolicy{}
		obj, ns = o, o.GetNamespace
		defer func() { m.netpols[o.Name] = o }()
	default:
		t.Fatalf("%s: %s %s: not a kind this test knows", path, tm.APIVersion, tm.Kind)
	}
	if err := yaml.UnmarshalStrict(doc, obj); err != nil {
		t.Fatalf("%s: %s: %v", path, tm.Kind, err)
	}
	m.keys = append(m.keys, tm.Kind+"/"+ns()+"/"+obj.GetName())
}

// TestManifestsDecodeStrictly: deploy/k8s holds exactly the objects the README describes, each valid for
// its API type, with a Deployment selector that matches its pod template (the API server rejects one that
// does not).
func TestManifestsDecodeStrictly(t *testing.T) {
	m := decodeManifests(t)
	sort.Strings(m.keys)
	want := []string{
		"ConfigMap/shop/webshop-config", "Deployment/shop/api", "Deployment/shop/storefront",
		"Deployment/shop/worker", "Ingress/shop/webshop", "Namespace//shop",
		"NetworkPolicy/shop/storefront-from-ingress", "Secret/shop/orders-db", "Service/shop/api",
		"Service/shop/storefront", "ServiceAccount/shop/api", "ServiceAccount/shop/worker",
	}
	if diff := cmp.Diff(want, m.keys); diff != "" {
		t.Errorf("objects in deploy/k8s (-want +got):\n%s", diff)
	}
	for name, d := range m.deployments {
		for k, v := range d.Spec.Selector.MatchLabels {
			if d.Spec.Template.Labels[k] != v {
				t.Errorf("Deployment %s: selector %s=%s does not match the pod template", name, k, v)
			}
		}
	}
}

// TestTerraformParses: every .tf and .tfvars file parses with HCL, Terraform's own parser, without a
// diagnostic; when the terraform binary is installed, "terraform fmt -check" accepts the tree unchanged.
func TestTerraformParses(t *testing.T) {
	p := hclparse.NewParser()
	paths := append(files(t, "infra/terraform", "*.tf"), files(t, "infra/terraform", "*.tfvars")...)
	if len(paths) < 12 {
		t.Fatalf("only %d Terraform files: %v", len(paths), paths)
	}
	for _, f := range paths {
		if _, diags := p.ParseHCLFile(f); diags.HasErrors() {
			t.Errorf("%s: %s", f, diags.Error())
		}
	}
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Log("terraform is not installed: fmt check skipped")
		return
	}
	cmd := exec.Command(bin, "fmt", "-check", "-recursive", "-diff", "infra/terraform")
	cmd.Env = append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	if out, err := cmd.Output(); err != nil {
		t.Errorf("terraform fmt -check: %v\n%s", err, out)
	}
}

// TestDockerfilesParse: each Dockerfile parses with BuildKit's parser and instruction reader without a lint
// warning (the parse-time rules: legacy ENV syntax, casing, FROM ... AS). BuildKit's secret-in-ENV rule runs
// only when an image is built; the worker's planted key is checked in the scan test instead.
func TestDockerfilesParse(t *testing.T) {
	got := map[string][]string{}
	for _, p := range files(t, "services", "Dockerfile") {
		res, err := parser.Parse(bytes.NewReader(read(t, p)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var warnings []string
		lint := linter.New(&linter.Config{Warn: func(rule, _, _, _ string, _ []parser.Range) {
			warnings = append(warnings, rule)
		}})
		if _, _, err := instructions.Parse(res.AST, lint); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		got[p] = warnings
	}
	want := map[string][]string{
		"services/api/Dockerfile":        nil,
		"services/storefront/Dockerfile": nil,
		"services/worker/Dockerfile":     nil,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Dockerfiles and their lint warnings (-want +got):\n%s", diff)
	}
}

// TestGoModule: the api's go.mod parses, requires chi, pgx and the S3 SDK directly and the rest as
// indirect, and has a go.sum line for every requirement (so the Dockerfile's "go mod download" works).
func TestGoModule(t *testing.T) {
	f, err := modfile.Parse("go.mod", read(t, "services/api/go.mod"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var direct []string
	indirect := 0
	sum := string(read(t, "services/api/go.sum"))
	for _, r := range f.Require {
		if r.Indirect {
			indirect++
		} else {
			direct = append(direct, r.Mod.Path)
		}
		if !strings.Contains(sum, r.Mod.Path+" "+r.Mod.Version+"/go.mod ") {
			t.Errorf("go.sum has no entry for %s", r.Mod)
		}
	}
	want := []string{"github.com/aws/aws-sdk-go-v2", "github.com/aws/aws-sdk-go-v2/config",
		"github.com/aws/aws-sdk-go-v2/service/s3", "github.com/go-chi/chi/v5", "github.com/jackc/pgx/v5"}
	if diff := cmp.Diff(want, direct); diff != "" {
		t.Errorf("direct requirements (-want +got):\n%s", diff)
	}
	if indirect < 10 {
		t.Errorf("%d indirect requirements; want the SDK's and pgx's (at least 10)", indirect)
	}
}

// TestPackageLock: the storefront's package-lock.json is lockfile version 3 as npm writes it: the root
// package repeats package.json's dependencies, every installed package has a version, a registry URL and an
// integrity hash, and the dev dependency and only its dependency tree are marked dev.
func TestPackageLock(t *testing.T) {
	type pkg struct {
		Name            string            `json:"name"`
		Version         string            `json:"version"`
		Resolved        string            `json:"resolved"`
		Integrity       string            `json:"integrity"`
		Dev             bool              `json:"dev"`
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	var lock struct {
		LockfileVersion int            `json:"lockfileVersion"`
		Packages        map[string]pkg `json:"packages"`
	}
	if err := json.Unmarshal(read(t, "services/storefront/package-lock.json"), &lock); err != nil {
		t.Fatal(err)
	}
	var manifest pkg
	if err := json.Unmarshal(read(t, "services/storefront/package.json"), &manifest); err != nil {
		t.Fatal(err)
	}
	if lock.LockfileVersion != 3 {
		t.Errorf("lockfileVersion %d, want 3", lock.LockfileVersion)
	}
	root := lock.Packages[""]
	if !cmp.Equal(root.Dependencies, manifest.Dependencies) || !cmp.Equal(root.DevDependencies, manifest.DevDependencies) {
		t.Errorf("root package %+v does not repeat package.json %+v", root, manifest)
	}
	var dev []string
	for path, p := range lock.Packages {
		if path == "" {
			continue
		}
		name := path[strings.LastIndex(path, "node_modules/")+len("node_modules/"):]
		if p.Version == "" || !strings.HasPrefix(p.Resolved, "https://registry.npmjs.org/"+name+"/-/") ||
			!strings.HasPrefix(p.Integrity, "sha512-") {
			t.Errorf("%s: incomplete entry %+v", path, p)
		}
		if p.Dev {
			dev = append(dev, name)
		}
	}
	if diff := cmp.Diff([]string{"prettier"}, dev); diff != "" {
		t.Errorf("dev packages (-want +got):\n%s", diff)
	}
	for name, version := range manifest.Dependencies {
		if got := lock.Packages["node_modules/"+name].Version; got != version {
			t.Errorf("%s: locked %q, package.json pins %q", name, got, version)
		}
	}
}

// TestRequirements: the worker's requirements.txt pins every package exactly (name==version), as
// pip-compile writes it, and includes everything requirements.in asks for.
func TestRequirements(t *testing.T) {
	pin := regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9._-]*)==([0-9][0-9A-Za-z.]*)$`)
	pinned := map[string]bool{}
	for i, line := range strings.Split(string(read(t, "services/worker/requirements.txt")), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := pin.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("requirements.txt:%d: %q is not an exact pin", i+1, line)
			continue
		}
		pinned[strings.ToLower(m[1])] = true
	}
	for _, line := range strings.Split(string(read(t, "services/worker/requirements.in")), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && !pinned[line] {
			t.Errorf("requirements.in asks for %s, which requirements.txt does not pin", line)
		}
	}
}
