package kubernetes

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	networkingv1beta1 "k8s.io/api/networking/v1beta1"
	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/seam-sec/seam/internal/model"
)

// object is one Kubernetes object read from a file, before it becomes facts.
type object struct {
	file       string
	line       int // line of the object's first key
	endLine    int
	root       *yaml.Node // for the lines of notable fields
	apiVersion string
	group      string
	kind       string
	meta       metav1.ObjectMeta
	typed      any            // a pointer to the k8s.io/api struct for a modelled kind, else nil
	body       map[string]any // every top-level field but apiVersion, kind, metadata and status (generic kinds)
	incomplete string         // the decode error, when the object was read only in part
}

// fileResult is what parsing one file gives: its objects and its diagnostics.
type fileResult struct {
	objects []*object
	diags   []model.Diagnostic
	budget  int // JSON values the file may still expand to (see maxJSONValues)
}

// helmMarkers are template references only Helm charts make; a file with "{{" and one of them is a chart
// template, not a manifest. A rendered ConfigMap may well hold Go templates of its own (Alertmanager, Prometheus
// rules), so "{{" alone is not enough.
var helmMarkers = [][]byte{
	[]byte(".Values."), []byte(".Release."), []byte(".Chart."), []byte(".Capabilities."), []byte(".Files."),
	[]byte("include \""), []byte("\n{{"),
}

// helmMessage is the one info diagnostic a Helm template file gets.
const helmMessage = "Helm template: render with `helm template` and scan the output"

// isHelmTemplate reports whether a file is a Go-template (Helm) source rather than rendered YAML: it holds
// "{{" and lives under a templates/ directory, uses Helm's objects, or starts a line with a template action.
func isHelmTemplate(p string, data []byte) bool {
	if !bytes.Contains(data, []byte("{{")) {
		return false
	}
	if strings.HasPrefix(p, "templates/") || strings.Contains(p, "/templates/") || bytes.HasPrefix(data, []byte("{{")) {
		return true
	}
	for _, m := range helmMarkers {
		if bytes.Contains(data, m) {
			return true
		}
	}
	return false
}

// parseFile reads one file's documents into objects. It never fails: problems become diagnostics.
func parseFile(p string, data []byte) fileResult {
	r := fileResult{budget: maxJSONValues}
	if !bytes.Contains(data, []byte("kind")) || !bytes.Contains(data, []byte("apiVersion")) {
		return r // cannot hold a Kubernetes object: skip without parsing
	}
	if isHelmTemplate(p, data) {
		r.diags = append(r.diags, diag(p, 1, model.SeverityInfo, helmMessage))
		return r
	}
	templated := false
	for _, d := range splitDocuments(data) {
		if d.err != "" {
			switch {
			case !claimsKubernetes(d.text):
				// Not Kubernetes: skipped quietly, like any other YAML.
			case bytes.Contains(d.text, []byte("{{")):
				templated = true
			default:
				r.diags = append(r.diags, diag(p, d.errLine, model.SeverityError, "invalid YAML: "+d.err))
			}
			continue
		}
		r.readDocument(p, d.root, 0)
	}
	if templated {
		r.diags = append(r.diags, diag(p, 1, model.SeverityInfo, helmMessage))
	}
	return r
}

// claimsKubernetes reports whether a document's text has top-level apiVersion and kind keys.
func claimsKubernetes(text []byte) bool {
	return (bytes.HasPrefix(text, []byte("apiVersion:")) || bytes.Contains(text, []byte("\napiVersion:"))) &&
		(bytes.HasPrefix(text, []byte("kind:")) || bytes.Contains(text, []byte("\nkind:")))
}

// readDocument reads one document (or List item) as an object; lists are expanded one level deep.
func (r *fileResult) readDocument(p string, root *yaml.Node, depth int) {
	root = resolve(root)
	if root == nil || root.Kind != yaml.MappingNode {
		return
	}
	apiVersion, kind := child(root, "apiVersion"), child(root, "kind")
	if apiVersion == nil || kind == nil {
		return // not a Kubernetes object (a compose file, a CI config, Helm values)
	}
	av, k := scalar(apiVersion), scalar(kind)
	if av == "" || k == "" || apiVersion.Kind != yaml.ScalarNode || kind.Kind != yaml.ScalarNode {
		r.diags = append(r.diags, diag(p, root.Line, model.SeverityError, "apiVersion and kind must be non-empty strings"))
		return
	}
	group, _ := splitAPIVersion(av)
	if skippedGroup(group, k) {
		return
	}
	if items := child(root, "items"); strings.HasSuffix(k, "List") && items != nil {
		if depth > 0 || items.Kind != yaml.SequenceNode {
			r.diags = append(r.diags, diag(p, root.Line, model.SeverityError, k+": items must be a list of objects"))
			return
		}
		for _, it := range items.Content {
			r.readDocument(p, it, depth+1)
		}
		return
	}
	if r.budget < 0 {
		return // the file's expansion budget is spent; its first victim was reported
	}
	o, dg := decodeObject(p, root, av, group, k, &r.budget)
	if dg != nil {
		r.diags = append(r.diags, *dg)
	}
	if o != nil {
		r.objects = append(r.objects, o)
	}
}

// splitAPIVersion cuts "apps/v1" into group and version; the core group is "".
func splitAPIVersion(av string) (string, string) {
	if g, v, ok := strings.Cut(av, "/"); ok {
		return g, v
	}
	return "", av
}

// skippedGroup reports configuration files that carry apiVersion and kind but are not cluster objects:
// kustomizations (Seam reads rendered output), kubeconfig files (which hold credentials), tool configs, and
// Backstage entities (the catalog extractor reads those).
func skippedGroup(group, kind string) bool {
	switch {
	case group == "kustomize.config.k8s.io", group == "backstage.io", group == "kind.x-k8s.io",
		group == "kubeadm.k8s.io", strings.HasSuffix(group, ".config.k8s.io"), strings.HasPrefix(group, "skaffold"):
		return true
	case group == "" && kind == "Config": // kubeconfig
		return true
	}
	return false
}

// newTyped returns the k8s.io/api struct a modelled kind decodes into, or nil. Older API versions of the same
// kind (apps/v1beta2, extensions/v1beta1, batch/v1beta1, rbac v1beta1) have the same shape for every field
// Seam reads, so they decode into the current struct; only Ingress changed shape (v1beta1 backends).
func newTyped(group, version, kind string) any {
	switch group + "/" + kind {
	case "/Pod":
		return &corev1.Pod{}
	case "/ReplicationController":
		return &corev1.ReplicationController{}
	case "/Service":
		return &corev1.Service{}
	case "/ServiceAccount":
		return &corev1.ServiceAccount{}
	case "/Secret":
		return &corev1.Secret{}
	case "/ConfigMap":
		return &corev1.ConfigMap{}
	case "/Namespace":
		return &corev1.Namespace{}
	case "/PersistentVolumeClaim":
		return &corev1.PersistentVolumeClaim{}
	case "apps/Deployment", "extensions/Deployment":
		return &appsv1.Deployment{}
	case "apps/StatefulSet":
		return &appsv1.StatefulSet{}
	case "apps/DaemonSet", "extensions/DaemonSet":
		return &appsv1.DaemonSet{}
	case "apps/ReplicaSet", "extensions/ReplicaSet":
		return &appsv1.ReplicaSet{}
	case "batch/Job":
		return &batchv1.Job{}
	case "batch/CronJob":
		return &batchv1.CronJob{}
	case "networking.k8s.io/Ingress", "extensions/Ingress":
		if version == "v1" {
			return &networkingv1.Ingress{}
		}
		return &networkingv1beta1.Ingress{}
	case "networking.k8s.io/NetworkPolicy", "extensions/NetworkPolicy":
		return &networkingv1.NetworkPolicy{}
	case "rbac.authorization.k8s.io/Role":
		return &rbacv1.Role{}
	case "rbac.authorization.k8s.io/ClusterRole":
		return &rbacv1.ClusterRole{}
	case "rbac.authorization.k8s.io/RoleBinding":
		return &rbacv1.RoleBinding{}
	case "rbac.authorization.k8s.io/ClusterRoleBinding":
		return &rbacv1.ClusterRoleBinding{}
	}
	return nil
}

// genericObject is what every other kind decodes into: its metadata, typed; the rest stays generic.
type genericObject struct {
	Metadata metav1.ObjectMeta `json:"metadata"`
}

// decodeObject decodes one object. A decode failure still returns what was read, marked incomplete, with an
// error diagnostic at the line of the offending value.
func decodeObject(p string, root *yaml.Node, av, group, kind string, budget *int) (*object, *model.Diagnostic) {
	data, marks, maxLine, err := toJSON(root, budget)
	if err != nil {
		d := diag(p, root.Line, model.SeverityError, fmt.Sprintf("%s: %v", kind, err))
		return nil, &d
	}
	_, version := splitAPIVersion(av)
	o := &object{file: p, line: root.Line, endLine: max(maxLine, root.Line), root: root,
		apiVersion: av, group: group, kind: kind}
	var decodeErr error
	if t := newTyped(group, version, kind); t != nil {
		decodeErr = json.Unmarshal(data, t)
		o.typed = t
		o.meta = typedMeta(t)
	} else {
		var g genericObject
		decodeErr = json.Unmarshal(data, &g)
		o.meta = g.Metadata
		var all map[string]any
		if err := json.Unmarshal(data, &all); err == nil {
			for _, k := range []string{"apiVersion", "kind", "metadata", "status"} {
				delete(all, k)
			}
			o.body = all
		}
	}
	if decodeErr == nil {
		return o, nil
	}
	line, msg := root.Line, decodeErr.Error()
	var te *json.UnmarshalTypeError
	if errors.As(decodeErr, &te) {
		if l := lineForOffset(marks, int(te.Offset)); l > 0 {
			line = l
		}
		msg = fmt.Sprintf("field %s: cannot use a %s value where %s is expected", te.Field, te.Value, typeName(te))
	}
	o.incomplete = msg
	d := diag(p, line, model.SeverityError, fmt.Sprintf("%s %q is not a valid %s %s (read in part): %s",
		kind, o.meta.Name, av, kind, msg))
	return o, &d
}

// typeName names the Go type a JSON value should have had, in Kubernetes terms.
func typeName(te *json.UnmarshalTypeError) string {
	if te.Type == nil {
		return "another type"
	}
	switch te.Type.Kind().String() {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "int", "int32", "int64", "uint", "uint32", "uint64", "float32", "float64":
		return "a number"
	case "slice":
		return "a list"
	case "map", "struct", "ptr":
		return "an object"
	}
	return te.Type.String()
}

// typedMeta returns the metadata of a decoded typed object.
func typedMeta(t any) metav1.ObjectMeta {
	if m, ok := t.(metav1.ObjectMetaAccessor); ok {
		if om, ok := m.GetObjectMeta().(*metav1.ObjectMeta); ok && om != nil {
			return *om
		}
	}
	return metav1.ObjectMeta{}
}
