package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/seam-sec/seam/internal/extract/awscatalog"
	"github.com/seam-sec/seam/internal/model"
)

// evaled is an evaluated body: attribute values and nested blocks, each block evaluated in turn.
type evaled struct {
	attrs  []*evAttr  // sorted by name
	groups []*evGroup // sorted by block type
	line   int        // the line of the block's header (0 for a resource's own body)
}

// evAttr is one evaluated attribute.
type evAttr struct {
	name   string
	val    cty.Value
	a      *attribute
	failed bool
}

// evGroup is every block of one type in a body: written blocks and those a dynamic block generated.
type evGroup struct {
	typ     string
	items   []*evaled
	unknown *evAttr // a dynamic block whose for_each is not known: the blocks themselves are unknown
	content *body   // that dynamic block's content, for its static references
	line    int     // the line of the first block (or dynamic block) of this type
}

// evalResource evaluates every instance of a resource or data source, makes their nodes and edges, and stores
// the value other expressions see.
func (s *scope) evalResource(d *decl) {
	exp := s.expand(d)
	base := s.prefix + d.key
	objs := make([]cty.Value, 0, len(exp.insts))
	for _, in := range exp.insts {
		addr := base + in.keyStr
		objs = append(objs, s.instance(d, addr, in, exp))
		s.insts[d.key] = append(s.insts[d.key], addr)
		s.addrs = append(s.addrs, addr)
	}
	s.vals[d.key] = combine(exp, objs, base)
}

// instance evaluates one instance and returns the object references to it read.
func (s *scope) instance(d *decl, addr string, in instance, exp expansion) cty.Value {
	ev := s.evalBody(d.body, s.ctx(d.travs, in.extra), true)
	var computed map[string]cty.Value
	if d.kind == declData && d.typ == "aws_iam_policy_document" {
		computed = s.policyDocument(ev)
	}
	s.emit(d, addr, in, exp, ev, computed)
	return s.object(d, addr, ev, computed)
}

// evalBody evaluates a body. At the top of a resource, meta-arguments and meta-blocks are left out.
func (s *scope) evalBody(b *body, ctx *hcl.EvalContext, top bool) *evaled {
	s.run.bodies++
	out := &evaled{}
	for _, a := range b.attrs {
		if top && (metaAttrs[a.name] || metaBlocks[a.name]) { // JSON syntax has lifecycle as an attribute
			continue
		}
		v, failed := s.run.ev.eval(a.expr, ctx)
		out.attrs = append(out.attrs, &evAttr{name: a.name, val: v, a: a, failed: failed})
	}
	groups := map[string]*evGroup{}
	group := func(typ string, line int) *evGroup {
		if groups[typ] == nil {
			groups[typ] = &evGroup{typ: typ, line: line}
		}
		return groups[typ]
	}
	for _, blk := range b.blocks {
		switch {
		case top && metaBlocks[blk.typ]:
		case blk.typ == "dynamic" && len(blk.labels) == 1:
			s.dynamic(blk, ctx, group(blk.labels[0], blk.rng.Start.Line))
		default:
			g := group(blk.typ, blk.rng.Start.Line)
			it := s.evalBody(blk.body, ctx, false)
			it.line = blk.rng.Start.Line
			g.items = append(g.items, it)
		}
	}
	for _, typ := range sortedKeys(groups) {
		out.groups = append(out.groups, groups[typ])
	}
	return out
}

// dynamic expands a dynamic block into g: one block per element of its for_each, with the iterator (the block
// type, or the iterator argument) holding key and value.
func (s *scope) dynamic(blk *block, ctx *hcl.EvalContext, g *evGroup) {
	fe := blk.body.attr("for_each")
	var content *block
	for _, c := range blk.body.blocks {
		if c.typ == "content" {
			content = c
			break
		}
	}
	if fe == nil || content == nil {
		s.run.diag(blk.rng, model.SeverityWarning, "dynamic block needs for_each and a content block; skipped")
		return
	}
	iter := blk.labels[0]
	if it := blk.body.attr("iterator"); it != nil {
		if name := hcl.ExprAsKeyword(it.expr); name != "" {
			iter = name
		}
	}
	v, failed := s.run.ev.eval(fe.expr, ctx)
	uv, marks := v.Unmark()
	if failed || !uv.IsKnown() || uv.IsNull() || !uv.CanIterateElements() || uv.LengthInt() > maxInstances ||
		s.overBudget(uv.LengthInt(), fe.rng) {
		if !failed && uv.IsKnown() && !uv.IsNull() {
			s.run.diag(fe.rng, model.SeverityWarning, "dynamic "+blk.labels[0]+" for_each cannot be expanded")
			v = unknownVal(cty.DynamicPseudoType, s.run.src(fe.expr.Range()), "dynamic for_each cannot be expanded")
		}
		g.unknown = &evAttr{name: g.typ, val: v, a: fe, failed: failed}
		g.content = content.body
		return
	}
	for it := uv.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{iter: cty.ObjectVal(map[string]cty.Value{
			"key": k.WithMarks(marks), "value": ev.WithMarks(marks)})}
		it := s.evalBody(content.body, child, false)
		it.line = content.rng.Start.Line
		g.items = append(g.items, it)
	}
}

// values returns the evaluated body as attribute values for an object, without reference marks.
func (e *evaled) values() map[string]cty.Value {
	m := make(map[string]cty.Value, len(e.attrs)+len(e.groups)+2)
	for _, a := range e.attrs {
		m[a.name] = stripRefs(a.val)
	}
	for _, g := range e.groups {
		if g.unknown != nil {
			m[g.typ] = stripRefs(g.unknown.val)
			continue
		}
		items := make([]cty.Value, len(g.items))
		for i, it := range g.items {
			items[i] = cty.ObjectVal(it.values())
		}
		m[g.typ] = cty.TupleVal(items)
	}
	return m
}

// object builds the value other expressions read for one instance: its configured attributes, plus unknown
// values for the attributes the provider computes that something reads (id, arn, and whatever the module's
// expressions access). The object is marked with the instance's address.
func (s *scope) object(d *decl, addr string, ev *evaled, computed map[string]cty.Value) cty.Value {
	m := ev.values()
	for _, k := range sortedKeys(computed) {
		m[k] = stripRefs(computed[k])
	}
	data := d.kind == declData
	mk := func(p string) cty.Value { return computedAttr(addr, p, data) }
	if _, ok := m["id"]; !ok {
		m["id"] = mk("id")
		if rt, found := awscatalog.Lookup(d.typ, data); found && rt.IDAttr != "" {
			if v, ok := m[rt.IDAttr]; ok {
				m["id"] = v
			}
		}
	}
	if _, ok := m["arn"]; !ok {
		m["arn"] = mk("arn")
	}
	for _, p := range s.mod.accessed[d.key] {
		ensure(m, p, "", mk)
	}
	return cty.ObjectVal(m).Mark(refMark{addr})
}

// computedSuffix ends the reason of an attribute a managed resource's provider computes (id, arn).
const computedSuffix = " is computed by the provider (known only after apply)"

// computedAttr is the unknown value of an attribute the provider sets.
func computedAttr(addr, path string, data bool) cty.Value {
	reason := addr + "." + path + computedSuffix
	if data {
		reason = addr + "." + path + " is read from the provider when Terraform plans"
	}
	return unknownVal(cty.DynamicPseudoType, addr+"."+path, reason)
}

// ensure makes sure the attribute path p exists in m, adding unknown values where it does not; it descends
// into objects and into tuples of objects (nested blocks).
func ensure(m map[string]cty.Value, p []string, prefix string, mk func(string) cty.Value) {
	v, ok := m[p[0]]
	if !ok {
		m[p[0]] = mk(prefix + p[0])
		return
	}
	if len(p) > 1 {
		m[p[0]] = ensureIn(v, p[1:], prefix+p[0]+".", mk)
	}
}

func ensureIn(v cty.Value, p []string, prefix string, mk func(string) cty.Value) cty.Value {
	if v.IsMarked() || !v.IsKnown() || v.IsNull() {
		return v
	}
	switch ty := v.Type(); {
	case ty.IsObjectType():
		m := v.AsValueMap()
		if m == nil {
			m = map[string]cty.Value{}
		}
		ensure(m, p, prefix, mk)
		return cty.ObjectVal(m)
	case ty.IsTupleType():
		elems := v.AsValueSlice()
		for i := range elems {
			elems[i] = ensureIn(elems[i], p, prefix, mk)
		}
		if len(elems) == 0 {
			return v
		}
		return cty.TupleVal(elems)
	}
	return v
}

// walkAttrs calls fn for every attribute of an evaluated body, nested blocks included, with its path; an
// unknown dynamic block is reported as an attribute named after its block type.
func walkAttrs(e *evaled, prefix string, fn func(path string, a *evAttr, content *body)) {
	for _, a := range e.attrs {
		fn(prefix+a.name, a, nil)
	}
	for _, g := range e.groups {
		if g.unknown != nil {
			fn(prefix+g.typ, g.unknown, g.content)
			continue
		}
		for i, it := range g.items {
			walkAttrs(it, prefix+g.typ+"["+itoa(i)+"].", fn)
		}
	}
}
