package terraform

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/seam-sec/seam/internal/extract/awscatalog"
	"github.com/seam-sec/seam/internal/model"
)

// assumedUnknown is what Seam does with a value it cannot know.
const assumedUnknown = "unknown: treated as neither safe nor unsafe"

// attrRef is an attribute whose value may refer to other resources.
type attrRef struct {
	path    string
	val     cty.Value
	attr    *attribute
	failed  bool
	content *body // the content of an unknown dynamic block
}

// emit makes the node of one instance, with its assumptions and edges.
func (s *scope) emit(d *decl, addr string, in instance, exp expansion, ev *evaled, computed map[string]cty.Value) {
	data := d.kind == declData
	id := model.TerraformID(s.run.dir, addr)
	file := d.rng.Filename
	c := &converter{typ: d.typ, data: data}
	attrs := s.convertBody(c, ev, "")
	for _, k := range sortedKeys(computed) {
		if k != "minified_json" {
			attrs[k] = c.attr(computed[k], k, "data."+d.typ+"."+d.name+"."+k, d.rng.Start.Line)
		}
	}
	attrs["tf_address"] = addr
	if s.prefix != "" {
		attrs["tf_module"] = strings.TrimSuffix(s.prefix, ".")
	}
	lines := make(map[string]any, len(ev.attrs)+2*len(ev.groups))
	bodyLines(ev, "", lines)
	if len(lines) > 0 {
		attrs["lines"] = lines
	}
	if isAWSResource(d) {
		s.noteResource(d, attrs, len(s.run.facts.Nodes))
	}
	prov := provAt(file, d.rng.Start.Line)
	prov.EndLine = d.rng.End.Line
	s.run.addNode(model.Node{ID: id, Kind: awscatalog.KindOf(d.typ, data), Type: awscatalog.NodeType(d.typ, data),
		Name: nodeName(d, in, attrs), Attrs: attrs, Prov: prov})
	s.assume(id, file, c)
	s.expansionAssumption(id, file, exp)
	walkAttrs(ev, "", func(path string, a *evAttr, content *body) {
		s.refEdges(id, addr, d.typ, data, file, attrRef{path: path, val: a.val, attr: a.a, failed: a.failed, content: content})
	})
	s.dependsOn(d, id, addr)
	s.images(d, id, ev, attrs)
}

// convertBody converts an evaluated body into node attributes; nested blocks become lists of maps.
func (s *scope) convertBody(c *converter, ev *evaled, prefix string) map[string]any {
	out := make(map[string]any, len(ev.attrs)+len(ev.groups)+2)
	for _, a := range ev.attrs {
		out[a.name] = c.attr(a.val, prefix+a.name, s.run.src(a.a.expr.Range()), a.a.rng.Start.Line)
	}
	for _, g := range ev.groups {
		if g.unknown != nil {
			out[g.typ] = c.attr(g.unknown.val, prefix+g.typ, s.run.src(g.unknown.a.expr.Range()), g.unknown.a.rng.Start.Line)
			continue
		}
		list := make([]any, len(g.items))
		for i, it := range g.items {
			list[i] = s.convertBody(c, it, prefix+g.typ+"["+strconv.Itoa(i)+"].")
		}
		out[g.typ] = list
	}
	return out
}

// assume records the converter's unknown values as assumptions and its unparsable JSON as diagnostics.
func (s *scope) assume(id, file string, c *converter) {
	for _, u := range c.unknowns {
		if onlyComputed(u.reasons) {
			continue
		}
		s.run.facts.Assumptions = append(s.run.facts.Assumptions, model.Assumption{Subject: id, Attribute: u.path,
			Reason: strings.Join(u.reasons, "; "), Assumed: assumedUnknown, Prov: provAt(file, u.line)})
	}
	for _, b := range c.badJSON {
		s.run.facts.Diagnostics = append(s.run.facts.Diagnostics, model.Diagnostic{File: file, Line: b.line,
			Severity: model.SeverityWarning, Extractor: Name, Message: b.path + " of " + id + " is not valid JSON; kept as a string"})
	}
}

// onlyComputed reports whether every reason a value is unknown is a reference to an attribute that a managed
// resource in the scan gets from its provider (aws_s3_bucket.logs.arn). Such a value is not an assumption: it
// is a resolved reference, kept as {"$unknown": "<expression>"} and made an edge, for the linker to resolve
// (ARNs of resources Terraform creates). Values read from data sources, variables without values, remote
// modules and unknown functions stay assumptions.
func onlyComputed(reasons []string) bool {
	for _, r := range reasons {
		if !strings.HasSuffix(r, computedSuffix) {
			return false
		}
	}
	return len(reasons) > 0
}

// expansionAssumption records that the instances of a resource are unknown.
func (s *scope) expansionAssumption(id, file string, exp expansion) {
	if exp.mode != expUnknown {
		return
	}
	s.run.facts.Assumptions = append(s.run.facts.Assumptions, model.Assumption{Subject: id, Attribute: exp.attr.name,
		Reason: strings.Join(exp.reasons, "; "), Prov: provAt(file, exp.attr.rng.Start.Line),
		Assumed: "the number of instances is unknown: one node without an instance key stands for them all"})
}

// refEdges makes an edge for every resource an attribute's value came from. When evaluation failed, or left
// the value unknown without saying where it came from, the attribute's direct references are used instead:
// a reference is an edge whatever its value.
func (s *scope) refEdges(id, addr, typ string, data bool, file string, r attrRef) {
	refs := refsOf(r.val)
	if uv, _ := r.val.UnmarkDeep(); r.failed || (len(refs) == 0 && !uv.IsWhollyKnown()) {
		refs = append(refs, s.staticRefs(r.attr.expr)...)
		bodyExprs(r.content, func(e hcl.Expression) { refs = append(refs, s.staticRefs(e)...) })
	}
	for _, to := range dedupe(refs) {
		if to != addr {
			s.edge(id, to, typ, data, r.path, provAt(file, r.attr.rng.Start.Line))
		}
	}
}

// edge adds an edge from the node id to the object at toAddr, of the kind the catalogue gives the attribute.
func (s *scope) edge(id, toAddr, typ string, data bool, path string, prov model.Provenance) {
	kind, from, to := model.EdgeReferences, id, model.TerraformID(s.run.dir, toAddr)
	if ref, ok := awscatalog.RefFor(typ, data, awscatalog.NormalizePath(path)); ok {
		kind = ref.Edge
		if ref.Reverse {
			from, to = to, from
		}
	}
	s.run.facts.Edges = append(s.run.facts.Edges, model.Edge{From: from, To: to, Kind: kind,
		Attrs: map[string]any{"attribute": path}, Prov: prov})
}

// staticRefs lists the instances an expression names directly: resources, data sources and remote module
// calls of this scope. A literal instance key picks one instance.
func (s *scope) staticRefs(expr hcl.Expression) []string {
	var out []string
	for _, t := range expr.Variables() {
		k, ok := depKey(t)
		if !ok || strings.HasPrefix(k, "local.") || (strings.HasPrefix(k, "module.") && !s.remote[k]) {
			continue
		}
		out = append(out, s.pick(t, k)...)
	}
	return out
}

// pick returns the instances of k a traversal names: the one its literal key selects, else all.
func (s *scope) pick(t hcl.Traversal, k string) []string {
	insts := s.insts[k]
	n := 2
	if strings.HasPrefix(k, "data.") {
		n = 3
	}
	if len(t) > n {
		if ix, ok := t[n].(hcl.TraverseIndex); ok && ix.Key.IsKnown() && !ix.Key.IsNull() {
			key := ""
			switch ix.Key.Type() {
			case cty.String:
				key = instanceKey(ix.Key.AsString())
			case cty.Number:
				key = "[" + ix.Key.AsBigFloat().Text('f', -1) + "]"
			}
			if want := s.prefix + k + key; key != "" && contains(insts, want) {
				return []string{want}
			}
		}
	}
	return insts
}

// dependsOn makes depends-on edges to every instance depends_on names; a module names every node in it.
func (s *scope) dependsOn(d *decl, id, addr string) {
	if d.dependsOn == nil {
		return
	}
	prov := provAt(d.rng.Filename, d.dependsOn.rng.Start.Line)
	for _, t := range d.dependsOn.expr.Variables() {
		k, ok := depKey(t)
		if !ok {
			continue
		}
		for _, to := range s.pick(t, k) {
			if to != addr {
				s.run.facts.Edges = append(s.run.facts.Edges, model.Edge{From: id, To: model.TerraformID(s.run.dir, to),
					Kind: model.EdgeDependsOn, Attrs: map[string]any{"attribute": "depends_on"}, Prov: prov})
			}
		}
	}
}

// images makes an implicit image node and a runs edge for each container image an ECS task definition or a
// Lambda function names.
func (s *scope) images(d *decl, id string, ev *evaled, attrs map[string]any) {
	var refs []string
	name := ""
	switch d.typ {
	case "aws_ecs_task_definition":
		name = "container_definitions"
		list, _ := attrs[name].([]any)
		for _, c := range list {
			if m, ok := c.(map[string]any); ok {
				if img, ok := m["image"].(string); ok {
					refs = append(refs, img)
				}
			}
		}
	case "aws_lambda_function":
		name = "image_uri"
		if img, ok := attrs[name].(string); ok {
			refs = append(refs, img)
		}
	}
	line := d.rng.Start.Line
	for _, a := range ev.attrs {
		if a.name == name {
			line = a.a.rng.Start.Line
		}
	}
	prov := provAt(d.rng.Filename, line)
	for _, ref := range refs {
		if ref == "" || ref == redacted {
			continue
		}
		img := model.ImageID(ref)
		s.run.addNode(model.Node{ID: img, Kind: model.KindImage, Type: "image", Name: model.NormalizeImageRef(ref),
			Attrs: map[string]any{"ref": ref}, Implicit: true, Prov: prov})
		s.run.facts.Edges = append(s.run.facts.Edges, model.Edge{From: id, To: img, Kind: model.EdgeRuns,
			Attrs: map[string]any{"attribute": name}, Prov: prov})
	}
}

// nodeName is the first known name attribute the catalogue lists, else the resource name and instance key.
func nodeName(d *decl, in instance, attrs map[string]any) string {
	if rt, ok := awscatalog.Lookup(d.typ, d.kind == declData); ok {
		if name, ok := rt.NameOf(attrs); ok {
			return name
		}
	}
	return d.name + in.keyStr
}

// provAt is the provenance of a line of a file.
func provAt(file string, line int) model.Provenance {
	return model.Provenance{File: file, Line: line, Extractor: Name}
}

func itoa(i int) string { return strconv.Itoa(i) }
