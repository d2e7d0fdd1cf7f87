// Package kubernetes reads Kubernetes manifests (YAML, many documents per file, kind: List) into Seam's
// infrastructure layer: workloads with their containers, images, identities, volumes and security settings;
// Services and Ingresses; ServiceAccounts and RBAC; NetworkPolicies; Secrets (key names, and where a value is
// a connection string its scheme, host, port and database) and ConfigMaps (data values, secret-looking ones
// redacted; see values.go and dsn.go); and every other object, custom resources included, as a generic
// resource with its metadata; each env and envFrom entry records its line.
//
// Lines (lines.go): attrs "lines" maps manifest paths, as kubectl writes them, to the line of the key (or of
// the element, for an index), so a guardrail's "field" points at the offending line: every label
// ("metadata.labels.team"), ConfigMap data key ("data.DATABASE_URL") and hinted Secret key; for workloads,
// under the pod spec ("spec.template.spec." for a Deployment, "spec.jobTemplate.spec.template.spec." for a
// CronJob, "spec." for a Pod) hostPID, hostNetwork, hostIPC, serviceAccountName, automountServiceAccountToken,
// securityContext and everything below it, volumes[i] and below (volumes[i].hostPath.path), and for each
// container, initContainer and ephemeralContainer its image, securityContext and below
// (containers[0].securityContext.capabilities.add[0]), resources (resources.limits.memory), ports[i] and their
// fields (ports[0].hostPort), env[i], envFrom[i] and volumeMounts[i]; Service spec.type, spec.ports[i] and their
// fields; Ingress spec.tls[i] and spec.rules[i] with their fields; Role and ClusterRole rules[i].verbs,
// resources, apiGroups; bindings roleRef and subjects[i]; ServiceAccount automountServiceAccountToken.
// Sequences record at most 100 elements; a path not written in the manifest has no key.
//
// Decoding: each document is parsed once with go.yaml.in/yaml/v3, which keeps line numbers; the tree is
// written out as JSON and decoded with encoding/json into the k8s.io/api struct chosen by apiVersion and kind
// (the route sigs.k8s.io/yaml and kubectl take, so a field of the wrong type is refused as the API server
// would refuse it). Seam does not use a runtime.Scheme: it needs the typed struct, not conversion or
// defaulting, and it keeps unknown kinds rather than failing on them. Older API versions of a kind decode
// into the current struct (their shapes agree on every field read), except Ingress v1beta1.
//
// What is skipped: YAML without apiVersion and kind (compose files, CI configs, Helm values) quietly;
// kustomization files and kubeconfigs quietly (Seam reads rendered output: run `kustomize build` or
// `helm template` into a file and scan it); a Helm chart template gets one info diagnostic. A document that
// claims to be Kubernetes but is broken is an error diagnostic with its line; a document with a field of the
// wrong type is still read as far as it decodes, marked "incomplete", with an error diagnostic.
//
// IDs are model.K8sID(namespace, kind, name). A namespaced object without metadata.namespace is placed in
// "default", as kubectl apply without -n would in a default context, and marked with attribute
// namespace_unset; no assumption is recorded for that, since rendered output commonly leaves the namespace to
// apply time. The same ID defined twice (a base and an overlay) is emitted twice: the graph merges the two and
// records also_defined_in.
//
// Edges stay within Kubernetes: workload → image (runs), → ServiceAccount (uses-identity), → Secret (reads-secret
// by env, mounts by volume), → ConfigMap (references by env, mounts by volume), → PersistentVolumeClaim
// (mounts); Service → workloads its selector matches in its namespace and Ingress → Service (routes-to);
// NetworkPolicy → workloads (selects); binding → role (references) and → subjects (attached-to); aggregating
// ClusterRole → aggregated ClusterRoles (references). A referenced object no file defines is emitted as an
// implicit node. Secret values are never stored: a Secret keeps key names and value hints, env values,
// ConfigMap values and arguments of secret-looking names are masked, and so is the last-applied-configuration
// annotation (a copy of the whole object).
package kubernetes

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	networkingv1beta1 "k8s.io/api/networking/v1beta1"
	rbacv1 "k8s.io/api/rbac/v1"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "kubernetes"

// Extractor reads Kubernetes manifests. It holds no state and is safe for concurrent use.
type Extractor struct{}

// New returns a Kubernetes manifest extractor.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "kubernetes".
func (e *Extractor) Name() string { return Name }

// Unit says the extractor wants all its files in one call: selectors and bindings span files.
func (e *Extractor) Unit() extract.Unit { return extract.UnitRoot }

// notManifests are file names that are YAML but never Kubernetes objects (lowercased).
var notManifests = map[string]bool{
	"catalog-info.yaml": true, "catalog-info.yml": true, "seam.yaml": true, "seam.yml": true,
	".gitlab-ci.yml": true, ".gitlab-ci.yaml": true, "pnpm-lock.yaml": true, "pnpm-workspace.yaml": true,
	"chart.yaml": true, "kustomization.yaml": true, "kustomization.yml": true, ".pre-commit-config.yaml": true,
	"mkdocs.yml": true, "mkdocs.yaml": true, ".golangci.yml": true, ".golangci.yaml": true, ".travis.yml": true,
	"azure-pipelines.yml": true, "bitbucket-pipelines.yml": true, "buildspec.yml": true, "codecov.yml": true,
	".goreleaser.yml": true, ".goreleaser.yaml": true, "action.yml": true, "action.yaml": true,
	"openapi.yaml": true, "openapi.yml": true, "swagger.yaml": true, "swagger.yml": true, ".yamllint.yml": true,
}

// FileRequired reports whether p may hold Kubernetes manifests: *.yaml and *.yml files, except well-known
// files that never do (CI configs, compose files, Helm Chart.yaml and values files, lockfiles, catalog and
// Seam config). Names are only a fast path: every other YAML file is decided by its content.
func (e *Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	base := strings.ToLower(path.Base(p))
	if ext := path.Ext(base); ext != ".yaml" && ext != ".yml" {
		return false
	}
	if notManifests[base] || strings.HasSuffix(base, ".catalog-info.yaml") ||
		strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose.") ||
		strings.HasPrefix(base, "values.") || strings.HasPrefix(base, "values-") || strings.HasPrefix(base, "values_") {
		return false
	}
	return !strings.HasPrefix(p, ".github/") && !strings.Contains(p, "/.github/") &&
		!strings.HasPrefix(p, ".circleci/") && !strings.Contains(p, "/.circleci/")
}

// Extract reads every file in in.Paths, in parallel with a bounded pool, then resolves references across them.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	results := make([]fileResult, len(in.Paths))
	parallel(ctx, len(in.Paths), func(i int) { results[i] = readFile(in, in.Paths[i]) })
	if err := ctx.Err(); err != nil {
		return model.Facts{}, err
	}
	var objs []*object
	for _, r := range results {
		objs = append(objs, r.objects...)
	}
	scopes := learnScopes(objs)
	builds := make([]built, len(in.Paths))
	parallel(ctx, len(in.Paths), func(i int) { builds[i] = buildFile(in.Paths[i], results[i].objects, scopes) })
	if err := ctx.Err(); err != nil {
		return model.Facts{}, err
	}
	facts := resolveFacts(builds)
	for _, r := range results {
		facts.Diagnostics = append(facts.Diagnostics, r.diags...)
	}
	model.SortDiagnostics(facts.Diagnostics)
	model.SortAssumptions(facts.Assumptions)
	return facts, nil
}

// parallel runs fn(0..n-1) on at most GOMAXPROCS goroutines, stopping early when ctx is done.
func parallel(ctx context.Context, n int, fn func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// readFile reads and parses one file, honouring the size cap.
func readFile(in extract.Input, p string) fileResult {
	data, err := fs.ReadFile(in.FS, p)
	if err != nil {
		return fileResult{diags: []model.Diagnostic{diag(p, 0, model.SeverityError, "cannot read file: "+err.Error())}}
	}
	if in.MaxFileSize > 0 && int64(len(data)) > in.MaxFileSize {
		return fileResult{diags: []model.Diagnostic{diag(p, 0, model.SeverityWarning,
			fmt.Sprintf("file is larger than the %d-byte cap; skipped", in.MaxFileSize))}}
	}
	return parseFile(p, data)
}

// ExtractBytes reads one file's content on its own (no cross-file references); p is its slash path. Tests and
// fuzzing use it.
func ExtractBytes(p string, data []byte) model.Facts {
	r := parseFile(p, data)
	facts := resolveFacts([]built{buildFile(p, r.objects, learnScopes(r.objects))})
	facts.Diagnostics = append(facts.Diagnostics, r.diags...)
	model.SortDiagnostics(facts.Diagnostics)
	model.SortAssumptions(facts.Assumptions)
	return facts
}

// buildFile turns the objects of one file into facts waiting for the cross-object pass.
func buildFile(file string, objs []*object, scopes scopeTable) built {
	b := &builder{file: file, scopes: scopes}
	b.saAutomount = map[string]*bool{}
	for _, o := range objs {
		b.add(o)
	}
	return b.built
}

// add dispatches an object by its decoded type.
func (b *builder) add(o *object) {
	if ps, ok := podSourceOf(o); ok {
		b.addWorkload(o, ps)
		return
	}
	before := len(b.nodes)
	defer func() {
		if len(b.nodes) > before && kindFields[o.kind] != nil {
			noteKindFields(b.nodes[before], o)
		}
	}()
	switch t := o.typed.(type) {
	case *corev1.Service:
		b.addService(o, t)
	case *corev1.ServiceAccount:
		b.addServiceAccount(o, t)
	case *corev1.Secret:
		b.addSecret(o, t)
	case *corev1.ConfigMap:
		b.addConfigMap(o, t)
	case *corev1.PersistentVolumeClaim:
		b.addPVC(o, t)
	case *corev1.Namespace:
		b.addNamespace(o, t)
	case *networkingv1.Ingress, *networkingv1beta1.Ingress:
		b.addIngress(o)
	case *networkingv1.NetworkPolicy:
		b.addNetworkPolicy(o, t)
	case *rbacv1.Role:
		b.addRole(o, t.Rules, nil)
	case *rbacv1.ClusterRole:
		b.addRole(o, t.Rules, t.AggregationRule)
	case *rbacv1.RoleBinding:
		b.addBinding(o, t.RoleRef, t.Subjects)
	case *rbacv1.ClusterRoleBinding:
		b.addBinding(o, t.RoleRef, t.Subjects)
	default:
		b.addGeneric(o)
	}
}
