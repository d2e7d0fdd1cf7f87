// Package gen writes a synthetic repository for Seam's benchmarks: Terraform root modules, multi-document
// Kubernetes manifests, lockfiles of eight ecosystems and multi-stage Dockerfiles, at a chosen scale. The
// output is deterministic (the same options give the same bytes on every machine and Go version) and every
// file is valid for the real tool that reads it, with the variety and cross-references a platform team's
// repository has: IAM roles and jsonencode'd policies that name buckets, security groups that reference each
// other, count and for_each, Services that select workloads, ServiceAccounts annotated for IRSA, images built
// by the repository's own Dockerfiles.
package gen

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Options sets the scale of the generated repository.
type Options struct {
	// TerraformResources is the number of resource blocks, spread over about one root module per hundred
	// (at most 100 root modules). count and for_each make more instances than blocks.
	TerraformResources int
	// KubernetesObjects is the number of Kubernetes objects, about ten per multi-document file.
	KubernetesObjects int
	// Lockfiles is the number of lockfiles, cycling through go.mod, package-lock.json, requirements.txt,
	// poetry.lock, Cargo.lock, Gemfile.lock, pom.xml and composer.lock, each with 50 to 300 packages.
	Lockfiles int
	// Dockerfiles is the number of Dockerfiles, placed in the application directories beside the lockfiles.
	Dockerfiles int
	// Seed selects the repository; the same seed and counts give the same bytes.
	Seed int64
}

// DefaultOptions is the scale of SPEC.md's scan budget: 10,000 Terraform resources, 5,000 Kubernetes objects,
// 200 lockfiles, plus 100 Dockerfiles.
func DefaultOptions() Options {
	return Options{TerraformResources: 10000, KubernetesObjects: 5000, Lockfiles: 200, Dockerfiles: 100, Seed: 1}
}

// Shared names: the account and registry every layer uses.
const (
	account  = "123456789012"
	region   = "eu-west-1"
	registry = account + ".dkr.ecr." + region + ".amazonaws.com/bench/"
)

// Generate writes the repository under dir, creating it if needed. It writes only its own paths (README.md,
// terraform/, k8s/, apps/) and overwrites files of an earlier run.
func Generate(dir string, opt Options) error {
	if opt.TerraformResources < 0 || opt.KubernetesObjects < 0 || opt.Lockfiles < 0 || opt.Dockerfiles < 0 {
		return errors.New("gen: counts must not be negative")
	}
	w := &writer{dir: dir}
	w.file("README.md", readme(opt))
	genTerraform(w, opt)
	genKubernetes(w, opt)
	genApps(w, opt)
	return w.err
}

// writer writes files under dir and keeps the first error.
type writer struct {
	dir  string
	made map[string]bool
	err  error
}

// file writes data to the slash path rel under the writer's directory.
func (w *writer) file(rel string, data string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	parent := filepath.Dir(p)
	if !w.made[parent] {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			w.err = fmt.Errorf("gen: %w", err)
			return
		}
		if w.made == nil {
			w.made = map[string]bool{}
		}
		w.made[parent] = true
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		w.err = fmt.Errorf("gen: %w", err)
	}
}

// appCount is the number of application directories under apps/: one per lockfile or Dockerfile.
func appCount(opt Options) int { return max(opt.Lockfiles, opt.Dockerfiles) }

// appDir is the directory of application i.
func appDir(i int) string { return fmt.Sprintf("apps/app-%04d", i) }

// appImage is the image reference CI would push for application i.
func appImage(i int, version string) string {
	return fmt.Sprintf("%sapp-%04d:%s", registry, i, version)
}

func readme(opt Options) string {
	var b strings.Builder
	b.WriteString("# Generated benchmark repository\n\n")
	b.WriteString("Written by `go run ./bench/cmd/seam-gen`; do not edit. Every file is synthetic: names, ARNs,\n")
	b.WriteString("hashes and credentials are made up.\n\n")
	fmt.Fprintf(&b, "- Terraform resource blocks: %d (terraform/)\n", opt.TerraformResources)
	fmt.Fprintf(&b, "- Kubernetes objects: %d (k8s/)\n", opt.KubernetesObjects)
	fmt.Fprintf(&b, "- Lockfiles: %d, Dockerfiles: %d (apps/)\n", opt.Lockfiles, opt.Dockerfiles)
	fmt.Fprintf(&b, "- Seed: %d\n", opt.Seed)
	return b.String()
}
