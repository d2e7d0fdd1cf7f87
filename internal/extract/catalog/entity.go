package catalog

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// kinds maps a lowercased Backstage kind to its canonical spelling; other kinds (Location, Template…) are
// skipped.
var kinds = map[string]string{
	"component": "Component", "system": "System", "group": "Group", "user": "User",
	"resource": "Resource", "api": "API", "domain": "Domain",
}

// entity is one Backstage entity read from a document.
type entity struct {
	kind      string // canonical: Component, System, …
	namespace string
	name      string
	line      int // the document's first line
	endLine   int
	metadata  *node
	spec      *node
}

// Ref is a parsed Backstage entity reference ([kind:][namespace/]name).
type Ref struct {
	Kind      string // lowercase
	Namespace string
	Name      string
}

// String renders the reference in Backstage's canonical form, "kind:namespace/name", with kind and namespace
// lowercased as Backstage's stringifyEntityRef does.
func (r Ref) String() string {
	return strings.ToLower(r.Kind) + ":" + strings.ToLower(r.Namespace) + "/" + r.Name
}

// ParseRef parses an entity reference. defaultKind applies when the reference names no kind ("" means a kind is
// required); defaultNamespace when it names no namespace. Backstage resolves a relation's namespace against the
// entity that declares it, so callers pass that entity's namespace.
func ParseRef(s, defaultKind, defaultNamespace string) (Ref, bool) {
	s = strings.TrimSpace(s)
	r := Ref{Kind: defaultKind, Namespace: defaultNamespace}
	if k, rest, ok := strings.Cut(s, ":"); ok {
		r.Kind, s = k, rest
	}
	if ns, rest, ok := strings.Cut(s, "/"); ok {
		r.Namespace, s = ns, rest
	}
	r.Name, r.Kind = s, strings.ToLower(r.Kind)
	if r.Kind == "" || r.Namespace == "" || r.Name == "" || strings.ContainsAny(r.Name, ":/ \t") ||
		strings.ContainsAny(r.Kind, " \t") || strings.ContainsAny(r.Namespace, ": \t") {
		return Ref{}, false
	}
	return r, true
}

// NodeID returns the graph ID and node kind that a Backstage entity becomes (see the package comment); ok is
// false for kinds Seam does not model. A Resource's node kind depends on its spec.type, so the kind returned
// here is model.KindResource; IDs never depend on it.
func NodeID(r Ref) (string, model.NodeKind, bool) {
	ns, name := strings.ToLower(r.Namespace), strings.ToLower(r.Name)
	qualified := name
	if ns != "default" {
		qualified = ns + "/" + name
	}
	switch strings.ToLower(r.Kind) {
	case "component":
		return "service:" + ns + "/" + name, model.KindService, true
	case "system":
		return model.BusinessServiceID(qualified), model.KindBusinessService, true
	case "domain":
		return model.BusinessServiceID("domain:" + qualified), model.KindBusinessService, true
	case "group", "user":
		return model.OwnerID(r.String()), model.KindOwner, true
	case "resource":
		return "resource:" + ns + "/" + name, model.KindResource, true
	case "api":
		return "api:" + ns + "/" + name, model.KindAPIOperation, true
	}
	return "", "", false
}

// ref returns the entity's own reference.
func (e *entity) ref() Ref {
	return Ref{Kind: strings.ToLower(e.kind), Namespace: e.namespace, Name: e.name}
}

// str returns a scalar field as a string ("" when missing or not a scalar).
func str(n *node) string {
	s, _ := n.scalar()
	return s
}

// stringList reads a list of scalars (a single scalar counts as a one-item list). Non-scalar items are
// dropped; ok is false when the node is present but is neither.
func stringList(n *node) ([]*node, bool) {
	switch {
	case n == nil || n.kind == nullNode:
		return nil, true
	case n.kind == scalarNode:
		return []*node{n}, true
	case n.kind == seqNode:
		var out []*node
		for _, it := range n.items {
			if it != nil && it.kind == scalarNode {
				out = append(out, it)
			}
		}
		return out, true
	}
	return nil, false
}

// stringMap reads a mapping of scalars (labels, annotations) as JSON-compatible attributes.
func stringMap(n *node) map[string]any {
	if n == nil || n.kind != mapNode {
		return nil
	}
	out := map[string]any{}
	for i, k := range n.keys {
		if s, ok := n.vals[i].scalar(); ok {
			out[k] = s
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// links reads metadata.links: a list of {url, title, icon, type}.
func links(n *node) []any {
	if n == nil || n.kind != seqNode {
		return nil
	}
	var out []any
	for _, it := range n.items {
		m := map[string]any{}
		for _, k := range []string{"url", "title", "icon", "type"} {
			if s := str(it.get(k)); s != "" {
				m[k] = s
			}
		}
		if len(m) > 0 {
			out = append(out, m)
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
