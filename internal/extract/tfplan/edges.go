package tfplan

import (
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/extract/awscatalog"
	"github.com/seam-sec/seam/internal/model"
)

// edges makes the edges of every instance: from the configuration's references where the plan has them,
// else (states, and arguments whose references the configuration cannot resolve) by matching values.
func (r *fileRun) edges() {
	byCfg := map[string][]*instance{}
	for _, in := range r.insts {
		k := in.a.configAddr()
		byCfg[k] = append(byCfg[k], in)
	}
	refCache := map[string][]attrRefs{}
	vi := newValueIndex(r.insts)
	for _, in := range r.insts {
		resolved := map[string]bool{}
		if r.cfg != nil {
			r.configEdges(in, byCfg, refCache, resolved)
		}
		r.valueEdges(in, vi, resolved)
	}
}

// configEdges makes the edges the configuration's references give one instance; resolved collects the
// (normalised) argument paths that produced an edge.
func (r *fileRun) configEdges(in *instance, byCfg map[string][]*instance, cache map[string][]attrRefs,
	resolved map[string]bool) {
	ca := in.a.configAddr()
	cr := r.cfg.resources[ca]
	if cr == nil {
		return
	}
	refs, ok := cache[ca]
	if !ok {
		refs = r.cfg.refs(in.a.modulePath(), cr)
		cache[ca] = refs
	}
	for _, ar := range refs {
		for _, t := range ar.targets {
			for _, to := range pick(in, t, byCfg[t.cfgAddr], ar.path) {
				resolved[awscatalog.NormalizePath(ar.path)] = true
				r.edge(in, to, ar.path, "")
			}
		}
	}
	for _, t := range r.cfg.dependsOn(in.a.modulePath(), cr) {
		for _, to := range pick(in, t, byCfg[t.cfgAddr], "") {
			r.facts.Edges = append(r.facts.Edges, model.Edge{From: in.id, To: to.id, Kind: model.EdgeDependsOn,
				Attrs: map[string]any{"attribute": "depends_on"}, Prov: r.prov(in.line)})
		}
	}
}

// pick chooses the instances of a referenced resource that the instance in refers to: the one a literal key
// names; those in the same module instance as in (a resource in module.app[0] refers to its sibling in
// module.app[0], not in module.app[1]); and, when several remain and the argument's value is known, those whose
// arn, id or name it holds.
func pick(in *instance, t target, cands []*instance, path string) []*instance {
	if len(cands) == 0 {
		return nil
	}
	if t.key != "" {
		cands = filter(cands, func(c *instance) bool { return c.a.key == t.key })
	}
	if len(cands) > 0 {
		k := commonModules(in.a.modules, cands[0].a.modules)
		if same := filter(cands, func(c *instance) bool { return sameModules(c.a.modules, in.a.modules, k) }); len(same) > 0 {
			cands = same
		}
	}
	if len(cands) > 1 && path != "" {
		vals := stringsAt(in.attrs, strings.Split(awscatalog.NormalizePath(path), "."))
		if byVal := filter(cands, func(c *instance) bool { return holdsAny(vals, c) }); len(byVal) > 0 {
			cands = byVal
		}
	}
	return filter(cands, func(c *instance) bool { return c != in })
}

func filter(ins []*instance, keep func(*instance) bool) []*instance {
	var out []*instance
	for _, in := range ins {
		if keep(in) {
			out = append(out, in)
		}
	}
	return out
}

// commonModules is how many leading module names two module paths share.
func commonModules(a, b []step) int {
	n := 0
	for n < len(a) && n < len(b) && a[n].name == b[n].name {
		n++
	}
	return n
}

// sameModules reports whether the first k module steps of a and b, keys included, are equal.
func sameModules(a, b []step, k int) bool {
	for i := 0; i < k; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func holdsAny(vals []string, c *instance) bool {
	for _, v := range vals {
		for _, k := range identAttrs {
			if s, ok := c.attrs[k].(string); ok && s == v {
				return true
			}
		}
	}
	return false
}

// stringsAt returns the string values at a dotted path of converted attributes, through lists.
func stringsAt(v any, path []string) []string {
	switch x := v.(type) {
	case string:
		if len(path) == 0 && x != "" && x != masked {
			return []string{x}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, stringsAt(e, path)...)
		}
		return out
	case map[string]any:
		if len(path) > 0 {
			if _, unknown := model.IsUnknown(x); !unknown {
				return stringsAt(x[path[0]], path[1:])
			}
		}
	}
	return nil
}

// edge adds an edge from one instance to another for the argument at path, of the kind the catalogue gives
// the argument (references otherwise); by says which value matched when the edge was found by value.
func (r *fileRun) edge(from, to *instance, path, by string) {
	kind, f, t := model.EdgeReferences, from.id, to.id
	if ref, ok := awscatalog.RefFor(from.a.typ, from.a.data, awscatalog.NormalizePath(path)); ok {
		kind = ref.Edge
		if ref.Reverse {
			f, t = t, f
		}
	}
	attrs := map[string]any{"attribute": path}
	if by != "" {
		attrs["resolved_by"] = by
	}
	r.facts.Edges = append(r.facts.Edges, model.Edge{From: f, To: t, Kind: kind, Attrs: attrs, Prov: r.prov(from.line)})
}

// sortEdges orders edges by from, kind, to and attribute, and keeps the first of each (from, kind, to).
func sortEdges(es []model.Edge) []model.Edge {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return edgeAttr(a) < edgeAttr(b)
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && e.Key() == out[len(out)-1].Key() {
			continue
		}
		out = append(out, e)
	}
	return out
}

func edgeAttr(e model.Edge) string {
	s, _ := e.Attrs["attribute"].(string)
	return s
}
