package gen

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"golang.org/x/mod/modfile"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	k8syaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"

	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/model"
)

// k8sTypes gives the API type of every kind the generator writes, for strict decoding.
var k8sTypes = map[string]func() any{
	"v1 Namespace": func() any { return &corev1.Namespace{} }, "v1 ServiceAccount": func() any { return &corev1.ServiceAccount{} },
	"v1 ConfigMap": func() any { return &corev1.ConfigMap{} }, "v1 Secret": func() any { return &corev1.Secret{} },
	"v1 Service": func() any { return &corev1.Service{} }, "apps/v1 Deployment": func() any { return &appsv1.Deployment{} },
	"apps/v1 StatefulSet": func() any { return &appsv1.StatefulSet{} },
	"apps/v1 DaemonSet":   func() any { return &appsv1.DaemonSet{} }, "batch/v1 CronJob": func() any { return &batchv1.CronJob{} },
	"policy/v1 PodDisruptionBudget":            func() any { return &policyv1.PodDisruptionBudget{} },
	"rbac.authorization.k8s.io/v1 Role":        func() any { return &rbacv1.Role{} },
	"rbac.authorization.k8s.io/v1 RoleBinding": func() any { return &rbacv1.RoleBinding{} },
	"rbac.authorization.k8s.io/v1 ClusterRole": func() any { return &rbacv1.ClusterRole{} },
	"rbac.authorization.k8s.io/v1 ClusterRoleBinding": func() any {
		return &rbacv1.ClusterRoleBinding{}
	},
	"networking.k8s.io/v1 Ingress":       func() any { return &networkingv1.Ingress{} },
	"networking.k8s.io/v1 NetworkPolicy": func() any { return &networkingv1.NetworkPolicy{} },
}

// checkFile parses one generated file with the parser its real tool uses and returns what is wrong.
func checkFile(p string, b []byte) error {
	base := p[strings.LastIndex(p, "/")+1:]
	switch {
	case strings.HasSuffix(p, ".tf"):
		if _, diags := hclparse.NewParser().ParseHCL(b, p); diags.HasErrors() {
			return diags
		}
	case strings.HasPrefix(p, "k8s/"):
		return checkManifests(b)
	case base == "Dockerfile":
		return checkDockerfile(b)
	case base == "go.mod":
		_, err := modfile.Parse(p, b, nil)
		return err
	case base == "package-lock.json" || base == "composer.lock":
		var v map[string]any
		return json.Unmarshal(b, &v)
	case base == "poetry.lock" || base == "Cargo.lock":
		var v map[string]any
		return toml.Unmarshal(b, &v)
	case base == "pom.xml":
		var v struct {
			Dependencies []struct{ GroupID, ArtifactID, Version string } `xml:"dependencies>dependency"`
		}
		return xml.Unmarshal(b, &v)
	}
	return nil // requirements.txt and Gemfile.lock have no parser here; the scan test reads them
}

// checkManifests decodes every document strictly into its Kubernetes API type.
func checkManifests(b []byte) error {
	r := k8syaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(b)))
	for {
		doc, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var tm struct{ APIVersion, Kind string }
		if err := yaml.Unmarshal(doc, &tm); err != nil {
			return err
		}
		mk := k8sTypes[tm.APIVersion+" "+tm.Kind]
		if mk == nil {
			return fmt.Errorf("unexpected %s %s", tm.APIVersion, tm.Kind)
		}
		if err := yaml.UnmarshalStrict(doc, mk()); err != nil {
			return fmt.Errorf("%s: %w", tm.Kind, err)
		}
	}
}

// checkDockerfile parses with BuildKit and fails on any lint warning its instruction parser reports.
func checkDockerfile(b []byte) error {
	res, err := parser.Parse(bytes.NewReader(b))
	if err != nil {
		return err
	}
	var warnings []string
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, _ []parser.Range) {
		warnings = append(warnings, rule+": "+msg)
	}})
	if _, _, err := instructions.Parse(res.AST, lint); err != nil {
		return err
	}
	if len(warnings) > 0 {
		return fmt.Errorf("lint: %v", warnings)
	}
	return nil
}

// TestFilesParse: every generated file is valid for its real parser — HCL for Terraform, strict
// Kubernetes API types, BuildKit for Dockerfiles, x/mod for go.mod, JSON, TOML and XML for the other
// lockfiles; and, when terraform is installed, "terraform fmt -check" leaves the Terraform unchanged.
func TestFilesParse(t *testing.T) {
	dir := generate(t, small)
	for p, b := range tree(t, dir) {
		if err := checkFile(p, b); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	bin, err := exec.LookPath("terraform")
	if err != nil {
		t.Log("terraform is not installed: fmt check skipped")
		return
	}
	cmd := exec.Command(bin, "fmt", "-check", "-recursive", filepath.Join(dir, "terraform"))
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	if out, err := cmd.Output(); err != nil {
		t.Errorf("terraform fmt -check: %v; files it would change:\n%s", err, out)
	}
}

// TestSeamReadsEverything: Seam's own extractors read the generated repository without a single
// diagnostic, find every lockfile with at least 50 packages, every Dockerfile, and the Terraform resources.
func TestSeamReadsEverything(t *testing.T) {
	dir := generate(t, small)
	res, err := engine.Scan(context.Background(), os.DirFS(dir), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	for _, d := range g.Diagnostics() {
		t.Errorf("%s:%d: %s: %s (%s)", d.File, d.Line, d.Severity, d.Message, d.Extractor)
	}
	modules := g.NodesOfKind(model.KindModule)
	if len(modules) != small.Lockfiles {
		t.Errorf("%d lockfile modules, want %d", len(modules), small.Lockfiles)
	}
	for _, m := range modules {
		n := 0
		for _, e := range g.Out(m.ID) {
			if e.Kind == model.EdgeContains {
				n++
			}
		}
		if n < 50 {
			t.Errorf("%s: %d packages, want at least 50", m.ID, n)
		}
	}
	if got := len(g.NodesOfKind(model.KindDockerfile)); got != small.Dockerfiles {
		t.Errorf("%d Dockerfiles read, want %d", got, small.Dockerfiles)
	}
	tf := 0
	for _, n := range g.Nodes() {
		if n.Prov.Extractor == "terraform" && !strings.HasPrefix(n.Type, "data.") {
			tf++
		}
	}
	if tf < small.TerraformResources {
		t.Errorf("%d Terraform nodes, want at least one per resource block (%d)", tf, small.TerraformResources)
	}
}
