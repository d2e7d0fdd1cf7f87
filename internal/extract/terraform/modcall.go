package terraform

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/seam-sec/seam/internal/model"
)

// remoteModuleType is the Node.Type of a module call Seam cannot follow (a registry, git or other remote
// source): the call becomes one node that carries its inputs, and its outputs are unknown.
const remoteModuleType = "module"

// evalModuleCall evaluates a module call: a local module is evaluated once per instance with the call's inputs,
// under the address prefix module.<name>[key].; anything else becomes a node with an assumption.
func (s *scope) evalModuleCall(d *decl) {
	exp := s.expand(d)
	child, local, inside := localSource(s.mod.dir, d.source)
	cm := s.run.x.mods[child]
	reason := ""
	switch {
	case d.source == "":
		reason = "the module call has no literal source"
	case !local:
		reason = fmt.Sprintf("module source %q is not a local path; Seam does not fetch remote modules", d.source)
	case !inside:
		reason = fmt.Sprintf("module source %q leaves the scanned directory", d.source)
	case cm == nil:
		reason = fmt.Sprintf("module source %q has no Terraform files in the scan", d.source)
		s.run.diag(d.rng, model.SeverityWarning, "module "+d.name+": "+reason)
	case s.depth >= maxModuleDepth || contains(s.stack, child):
		reason = fmt.Sprintf("module source %q is already being evaluated (the modules call each other)", d.source)
		s.run.diag(d.rng, model.SeverityWarning, "module "+d.name+": "+reason)
	}
	if reason != "" {
		s.remoteModule(d, exp, reason)
		return
	}
	s.warnUndeclaredInputs(d, cm)
	vals := make([]cty.Value, 0, len(exp.insts))
	for _, in := range exp.insts {
		ctx := s.ctx(d.travs, in.extra)
		inputs := map[string]input{}
		for _, a := range d.body.attrs {
			if moduleMeta[a.name] {
				continue
			}
			v, _ := s.run.ev.eval(a.expr, ctx)
			inputs[a.name] = input{val: v, rng: a.rng}
		}
		addr := s.prefix + d.key + in.keyStr
		out, addrs := s.run.runModule(cm, addr+".", addr, inputs, s.depth+1, append(append([]string(nil), s.stack...), child),
			s.childProviders(d))
		vals = append(vals, out)
		s.insts[d.key] = append(s.insts[d.key], addrs...)
		s.addrs = append(s.addrs, addrs...)
	}
	s.vals[d.key] = combine(exp, vals, s.prefix+d.key)
}

// warnUndeclaredInputs reports inputs a module call sets that the module does not declare.
func (s *scope) warnUndeclaredInputs(d *decl, cm *module) {
	for _, a := range d.body.attrs {
		if !moduleMeta[a.name] && cm.varIdx[a.name] == nil {
			s.run.diag(a.rng, model.SeverityWarning, fmt.Sprintf("module %s sets %q, which %s does not declare", d.name, a.name, cm.dir))
		}
	}
}

// remoteModule makes one node per instance of a module call Seam does not follow. Its inputs are attributes;
// its outputs are unknown and refer to the node, so what uses them gets an edge to it.
func (s *scope) remoteModule(d *decl, exp expansion, reason string) {
	vals := make([]cty.Value, 0, len(exp.insts))
	for _, in := range exp.insts {
		addr := s.prefix + d.key + in.keyStr
		id := model.TerraformID(s.run.dir, addr)
		ctx := s.ctx(d.travs, in.extra)
		c := &converter{typ: remoteModuleType}
		inputs := map[string]any{}
		var refs []attrRef
		for _, a := range d.body.attrs {
			if moduleMeta[a.name] {
				continue
			}
			v, failed := s.run.ev.eval(a.expr, ctx)
			path := "inputs." + a.name
			inputs[a.name] = c.attr(v, path, s.run.src(a.expr.Range()), a.rng.Start.Line)
			refs = append(refs, attrRef{path: path, val: v, attr: a, failed: failed})
		}
		attrs := map[string]any{"source": d.source, "inputs": inputs, "tf_address": addr}
		if a := d.body.attr("version"); a != nil {
			v, _ := s.run.ev.eval(a.expr, ctx)
			attrs["version"] = c.attr(v, "version", s.run.src(a.expr.Range()), a.rng.Start.Line)
		}
		if s.prefix != "" {
			attrs["tf_module"] = strings.TrimSuffix(s.prefix, ".")
		}
		file := d.rng.Filename
		prov := provAt(file, d.rng.Start.Line)
		prov.EndLine = d.rng.End.Line
		s.run.addNode(model.Node{ID: id, Kind: model.KindResource, Type: remoteModuleType, Name: d.name + in.keyStr,
			Attrs: attrs, Prov: prov})
		s.run.facts.Assumptions = append(s.run.facts.Assumptions, model.Assumption{Subject: id, Attribute: "source",
			Reason: reason, Assumed: "the module's resources are not modelled and its outputs are unknown", Prov: provAt(file, d.rng.Start.Line)})
		s.assume(id, file, c)
		s.expansionAssumption(id, file, exp)
		for _, r := range refs {
			s.refEdges(id, addr, remoteModuleType, false, file, r)
		}
		s.dependsOn(d, id, addr)
		s.insts[d.key] = append(s.insts[d.key], addr)
		s.remote[d.key] = true
		s.addrs = append(s.addrs, addr)
		vals = append(vals, unknownVal(cty.DynamicPseudoType, "", addr+": "+reason).Mark(refMark{addr}))
	}
	s.vals[d.key] = combine(exp, vals, s.prefix+d.key)
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
