package catalog

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// relation describes one spec field that refers to other entities.
type relation struct {
	field       string   // spec field
	kinds       []string // entity kinds that carry it
	defaultKind string   // kind of a reference that names none; "" when Backstage requires one
	edge        model.EdgeKind
	reverse     bool   // the edge runs from the referenced entity to this one
	name        string // Backstage's relation name, recorded on the edge
	attr        string // node attribute that lists the canonical references
	many        bool
}

var relations = []relation{
	{"owner", []string{"Component", "System", "Resource", "API", "Domain"}, "group", model.EdgeOwnedBy, false, "ownedBy", "owner", false},
	{"system", []string{"Component", "API", "Resource"}, "system", model.EdgePartOf, false, "partOf", "system", false},
	{"domain", []string{"System"}, "domain", model.EdgePartOf, false, "partOf", "domain", false},
	{"subcomponentOf", []string{"Component"}, "component", model.EdgePartOf, false, "partOf", "subcomponent_of", false},
	{"subdomainOf", []string{"Domain"}, "domain", model.EdgePartOf, false, "partOf", "subdomain_of", false},
	{"dependsOn", []string{"Component", "Resource"}, "", model.EdgeDependsOn, false, "dependsOn", "depends_on", true},
	{"dependencyOf", []string{"Component", "Resource"}, "", model.EdgeDependsOn, true, "dependencyOf", "dependency_of", true},
	{"providesApis", []string{"Component"}, "api", model.EdgeExposes, false, "providesApi", "provides_apis", true},
	{"consumesApis", []string{"Component"}, "api", model.EdgeCalls, false, "consumesApi", "consumes_apis", true},
	{"parent", []string{"Group"}, "group", model.EdgePartOf, false, "childOf", "parent", false},
	{"children", []string{"Group"}, "group", model.EdgePartOf, true, "parentOf", "children", true},
	{"members", []string{"Group"}, "user", model.EdgeMemberOf, true, "hasMember", "members", true},
	{"memberOf", []string{"User"}, "group", model.EdgeMemberOf, false, "memberOf", "member_of", true},
}

// datastoreTypes are Resource spec.type values that make the resource a data store.
var datastoreTypes = map[string]bool{
	"database": true, "db": true, "rds": true, "aurora": true, "postgres": true, "postgresql": true,
	"mysql": true, "mariadb": true, "mongodb": true, "redis": true, "memcached": true, "cache": true,
	"elasticsearch": true, "opensearch": true, "dynamodb": true, "dynamodb-table": true, "cassandra": true,
	"s3": true, "s3-bucket": true, "bucket": true, "gcs-bucket": true, "storage-bucket": true,
	"blob-storage": true, "object-storage": true, "storage": true, "datastore": true, "data-store": true,
	"data-warehouse": true, "bigquery": true, "snowflake": true, "secret": true, "secrets": true, "vault": true,
}

// reader collects the facts of one file.
type reader struct {
	path     string
	nodes    []model.Node
	defined  map[string]bool
	implicit map[string]model.Node
	edges    map[string]model.Edge
	diags    []model.Diagnostic
}

// add turns one entity into its node and relation edges.
func (r *reader) add(e *entity) {
	id, kind, _ := NodeID(e.ref())
	if r.defined[id] {
		r.diags = append(r.diags, diag(r.path, e.line, model.SeverityWarning,
			fmt.Sprintf("%s %s is defined twice in this file; the first definition is kept", e.kind, e.ref())))
		return
	}
	r.defined[id] = true
	attrs := r.metadataAttrs(e)
	if e.kind == "Resource" && datastoreTypes[strings.ToLower(str(e.spec.get("type")))] {
		kind = model.KindDataStore
	}
	for _, rel := range relations {
		if contains(rel.kinds, e.kind) {
			r.relate(e, id, rel, attrs)
		}
	}
	p := prov(r.path, e.line)
	p.EndLine = e.endLine
	r.nodes = append(r.nodes, model.Node{ID: id, Kind: kind, Type: e.kind, Name: e.name, Attrs: attrs, Prov: p})
}

// metadataAttrs records the entity's identity, metadata, scalar spec fields and tier.
func (r *reader) metadataAttrs(e *entity) map[string]any {
	attrs := map[string]any{"source": Name, "entity_ref": e.ref().String(), "namespace": e.namespace}
	m := e.metadata
	for _, k := range []string{"title", "description"} {
		if s := str(m.get(k)); s != "" {
			attrs[k] = s
		}
	}
	if tags, _ := stringList(m.get("tags")); len(tags) > 0 {
		attrs["tags"] = scalars(tags)
	}
	if v := stringMap(m.get("labels")); v != nil {
		attrs["labels"] = v
	}
	if v := stringMap(m.get("annotations")); v != nil {
		attrs["annotations"] = v
	}
	if v := links(m.get("links")); v != nil {
		attrs["links"] = v
	}
	for _, k := range []string{"type", "lifecycle"} {
		if s := str(e.spec.get(k)); s != "" {
			attrs[k] = s
		}
	}
	switch e.kind {
	case "Group", "User":
		attrs["owner_kind"] = map[bool]string{true: "team", false: "user"}[e.kind == "Group"]
		prof := e.spec.get("profile")
		for k, a := range map[string]string{"displayName": "display_name", "email": "email"} {
			if s := str(prof.get(k)); s != "" {
				attrs[a] = s
			}
		}
	case "API":
		definition(e.spec.get("definition"), attrs)
	}
	if t, ok := r.readTier(e); ok {
		for k, v := range t {
			attrs[k] = v
		}
	}
	return attrs
}

// definition records where an API's definition lives: a $text/$json/$yaml/$openapi substitution is kept as
// definition_ref; inline text is only flagged, never copied.
func definition(n *node, attrs map[string]any) {
	switch {
	case n == nil:
	case n.kind == mapNode:
		for _, k := range []string{"$text", "$json", "$yaml", "$openapi", "$asyncapi"} {
			if s := str(n.get(k)); s != "" {
				attrs["definition_ref"] = s
				return
			}
		}
	case n.kind == scalarNode && n.str != "":
		attrs["definition_inline"] = true
	}
}

// relate resolves one relation field into canonical references (an attribute) and edges.
func (r *reader) relate(e *entity, id string, rel relation, attrs map[string]any) {
	n := e.spec.get(rel.field)
	items, ok := stringList(n)
	if !rel.many && n != nil && n.kind == seqNode {
		ok = false // Backstage requires a single reference here
	}
	if !ok {
		r.diags = append(r.diags, diag(r.path, n.line, model.SeverityWarning,
			fmt.Sprintf("spec.%s of %s is not %s; ignored", rel.field, e.ref(), map[bool]string{
				true: "a list of entity references", false: "an entity reference"}[rel.many])))
		return
	}
	var refs []any
	for _, it := range items {
		ref, ok := ParseRef(it.str, rel.defaultKind, e.namespace)
		if !ok {
			r.diags = append(r.diags, diag(r.path, it.line, model.SeverityWarning, badRef(rel, it.str)))
			continue
		}
		tid, tkind, ok := NodeID(ref)
		if !ok {
			r.diags = append(r.diags, diag(r.path, it.line, model.SeverityInfo,
				fmt.Sprintf("spec.%s: %s is a kind Seam does not model; no edge", rel.field, ref)))
			continue
		}
		refs = append(refs, ref.String())
		r.target(tid, tkind, ref, it.line)
		from, to := id, tid
		if rel.reverse {
			from, to = tid, id
		}
		r.edge(model.Edge{From: from, To: to, Kind: rel.edge, Attrs: map[string]any{"relation": rel.name},
			Prov: prov(r.path, it.line)})
	}
	switch {
	case len(refs) == 0:
	case rel.many:
		attrs[rel.attr] = refs
	default:
		attrs[rel.attr] = refs[0]
	}
}

func badRef(rel relation, s string) string {
	if rel.defaultKind == "" {
		return fmt.Sprintf("spec.%s: %q is not a valid entity reference (Backstage requires kind:[namespace/]name here); no edge", rel.field, s)
	}
	return fmt.Sprintf("spec.%s: %q is not a valid entity reference ([kind:][namespace/]name); no edge", rel.field, s)
}

// target records an implicit node for a referenced entity, in case no file defines it.
func (r *reader) target(id string, kind model.NodeKind, ref Ref, line int) {
	if _, ok := r.implicit[id]; ok {
		return
	}
	attrs := map[string]any{"source": Name, "entity_ref": ref.String()}
	switch ref.Kind {
	case "group":
		attrs["owner_kind"] = "team"
	case "user":
		attrs["owner_kind"] = "user"
	}
	r.implicit[id] = model.Node{ID: id, Kind: kind, Type: kinds[ref.Kind], Name: ref.Name, Attrs: attrs,
		Implicit: true, Prov: prov(r.path, line)}
}

// edge keeps the first edge (by line) of each (from, kind, to).
func (r *reader) edge(e model.Edge) {
	k := e.Key()
	if old, ok := r.edges[k]; ok && old.Prov.Line <= e.Prov.Line {
		return
	}
	r.edges[k] = e
}

// facts returns everything read, sorted; implicit nodes for entities defined in the file are dropped.
func (r *reader) facts() model.Facts {
	f := model.Facts{Nodes: r.nodes, Diagnostics: r.diags}
	for id, n := range r.implicit {
		if !r.defined[id] {
			f.Nodes = append(f.Nodes, n)
		}
	}
	for _, e := range r.edges {
		f.Edges = append(f.Edges, e)
	}
	sort.Slice(f.Nodes, func(i, j int) bool { return f.Nodes[i].ID < f.Nodes[j].ID })
	sort.Slice(f.Edges, func(i, j int) bool {
		a, b := f.Edges[i], f.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.To < b.To
	})
	model.SortDiagnostics(f.Diagnostics)
	return f
}

func scalars(ns []*node) []any {
	out := make([]any, len(ns))
	for i, n := range ns {
		out[i] = n.str
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
