package terraform

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/seam-sec/seam/internal/model"
)

// module is the configuration of one directory: its variables and its other declarations, in dependency order.
// It is built once and evaluated once per call (and per instance of a call with count or for_each).
type module struct {
	dir    string
	vars   []*variable // sorted by name
	varIdx map[string]*variable
	decls  []*decl // locals, resources, data sources, module calls and outputs, in source order
	idx    map[string]*decl
	order  []*decl // dependency order; members of a cycle in the order the walk met them
	diags  []model.Diagnostic
	// accessed lists, per resource or data source key, the attribute paths other expressions read from it
	// (["arn"], ["root_block_device", "device_name"]), so computed attributes can be given unknown values.
	accessed map[string][][]string
}

// variable is one input variable declaration.
type variable struct {
	name        string
	dflt        hcl.Expression // nil when there is no default
	ty          cty.Type
	defaults    *typeexpr.Defaults
	typed       bool
	sensitive   bool
	nonNullable bool
	rng         hcl.Range
}

// declKind says what a declaration is.
type declKind int

const (
	declLocal declKind = iota
	declResource
	declData
	declModule
	declOutput
	declProvider // a provider "aws" block (see provider.go)
)

// decl is one named, evaluable declaration of a module.
type decl struct {
	kind      declKind
	key       string // "local.x", "aws_s3_bucket.b", "data.aws_iam_policy_document.p", "module.m", "output.o"
	typ, name string // resource or data source type and name; the name of anything else
	rng       hcl.Range
	body      *body          // resources, data sources, module calls, outputs
	expr      hcl.Expression // a local's value
	travs     []hcl.Traversal
	deps      []string
	count     *attribute
	forEach   *attribute
	dependsOn *attribute
	source    string // module calls
	sensitive bool   // outputs
}

// metaAttrs are resource arguments that configure Terraform itself; they are not resource attributes.
var metaAttrs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// metaBlocks are resource blocks that configure Terraform itself; their contents are not resource attributes.
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

// moduleMeta are module-call arguments that are not inputs of the called module.
var moduleMeta = map[string]bool{"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true}

// buildModule decodes the files of one directory.
func buildModule(dir string, files []*srcFile) *module {
	m := &module{dir: dir, varIdx: map[string]*variable{}, idx: map[string]*decl{}, accessed: map[string][][]string{}}
	for _, f := range files {
		if f.body == nil {
			continue
		}
		for _, blk := range f.body.blocks {
			m.addBlock(blk)
		}
	}
	sort.Slice(m.vars, func(i, j int) bool { return m.vars[i].name < m.vars[j].name })
	m.analyse()
	return m
}

// labelsOK checks a block's label count and records a diagnostic when it is wrong.
func (m *module) labelsOK(blk *block, n int) bool {
	if len(blk.labels) == n {
		return true
	}
	m.diag(blk.rng, model.SeverityWarning, fmt.Sprintf("%s block needs %d label(s), has %d; skipped", blk.typ, n, len(blk.labels)))
	return false
}

func (m *module) addBlock(blk *block) {
	switch blk.typ {
	case "variable":
		if m.labelsOK(blk, 1) {
			m.addVariable(blk)
		}
	case "locals":
		for _, a := range blk.body.attrs {
			m.add(&decl{kind: declLocal, key: "local." + a.name, name: a.name, rng: a.rng, expr: a.expr})
		}
	case "output":
		if m.labelsOK(blk, 1) {
			d := &decl{kind: declOutput, key: "output." + blk.labels[0], name: blk.labels[0], rng: blk.rng, body: blk.body}
			d.sensitive = literalBool(blk.body.attr("sensitive"))
			m.add(d)
		}
	case "resource", "data":
		if m.labelsOK(blk, 2) {
			d := &decl{kind: declResource, typ: blk.labels[0], name: blk.labels[1], rng: blk.rng, body: blk.body}
			d.key = d.typ + "." + d.name
			if blk.typ == "data" {
				d.kind, d.key = declData, "data."+d.key
			}
			d.count, d.forEach, d.dependsOn = blk.body.attr("count"), blk.body.attr("for_each"), blk.body.attr("depends_on")
			m.add(d)
		}
	case "module":
		if m.labelsOK(blk, 1) {
			m.addModuleCall(blk)
		}
	case "provider":
		if m.labelsOK(blk, 1) && blk.labels[0] == providerName {
			m.addProvider(blk)
		}
	}
}

func (m *module) addModuleCall(blk *block) {
	d := &decl{kind: declModule, key: "module." + blk.labels[0], name: blk.labels[0], rng: blk.rng, body: blk.body}
	d.count, d.forEach, d.dependsOn = blk.body.attr("count"), blk.body.attr("for_each"), blk.body.attr("depends_on")
	if src := blk.body.attr("source"); src != nil {
		v, diags := src.expr.Value(nil)
		if !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			d.source = v.AsString()
		} else {
			m.diag(src.rng, model.SeverityWarning, "module source must be a literal string")
		}
	} else {
		m.diag(blk.rng, model.SeverityWarning, "module call has no source")
	}
	m.add(d)
}

func (m *module) addVariable(blk *block) {
	v := &variable{name: blk.labels[0], rng: blk.rng, ty: cty.DynamicPseudoType}
	if a := blk.body.attr("default"); a != nil {
		v.dflt = a.expr
	}
	if a := blk.body.attr("type"); a != nil {
		ty, defaults, err := typeConstraint(a.expr)
		if err != nil {
			m.diag(a.rng, model.SeverityWarning, "variable type is not understood, the value is used as given: "+err.Error())
		} else {
			v.ty, v.defaults, v.typed = ty, defaults, true
		}
	}
	v.sensitive = literalBool(blk.body.attr("sensitive"))
	if a := blk.body.attr("nullable"); a != nil {
		v.nonNullable = !literalBool(a)
	}
	if prev, ok := m.varIdx[v.name]; ok {
		m.diag(blk.rng, model.SeverityWarning, fmt.Sprintf("duplicate variable %q; the one at line %d is used", v.name, prev.rng.Start.Line))
		return
	}
	m.varIdx[v.name] = v
	m.vars = append(m.vars, v)
}

// typeConstraint reads a variable's type, also in JSON syntax where it is a string holding the expression.
func typeConstraint(expr hcl.Expression) (cty.Type, *typeexpr.Defaults, error) {
	ty, defaults, diags := typeexpr.TypeConstraintWithDefaults(expr)
	if !diags.HasErrors() {
		return ty, defaults, nil
	}
	if v, vd := expr.Value(nil); !vd.HasErrors() && v.IsKnown() && v.Type() == cty.String {
		if inner, pd := hclsyntax.ParseExpression([]byte(v.AsString()), expr.Range().Filename, expr.Range().Start); !pd.HasErrors() {
			if ty, defaults, diags = typeexpr.TypeConstraintWithDefaults(inner); !diags.HasErrors() {
				return ty, defaults, nil
			}
		}
	}
	return cty.DynamicPseudoType, nil, fmt.Errorf("%s", diags.Error())
}

// literalBool reads an attribute holding a literal bool; absent or anything else is false.
func literalBool(a *attribute) bool {
	if a == nil {
		return false
	}
	v, diags := a.expr.Value(nil)
	return !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type() == cty.Bool && v.True()
}

func (m *module) add(d *decl) {
	if prev, ok := m.idx[d.key]; ok {
		m.diag(d.rng, model.SeverityWarning, fmt.Sprintf("duplicate declaration of %s; the one at %s:%d is used",
			d.key, prev.rng.Filename, prev.rng.Start.Line))
		return
	}
	m.idx[d.key] = d
	m.decls = append(m.decls, d)
}

func (m *module) diag(rng hcl.Range, sev model.Severity, msg string) {
	m.diags = append(m.diags, model.Diagnostic{File: rng.Filename, Line: rng.Start.Line, Column: rng.Start.Column,
		Severity: sev, Extractor: Name, Message: msg})
}

// localSource reports whether a module source is a local path, and the directory it names relative to the
// scanned root; inside is false when the path leaves the scanned root.
func localSource(dir, source string) (child string, local, inside bool) {
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") && source != "." && source != ".." {
		return "", false, false
	}
	child = path.Clean(path.Join(dir, source))
	return child, true, child != ".." && !strings.HasPrefix(child, "../")
}

// bodyExprs calls fn for every expression in a body, nested and dynamic blocks included.
func bodyExprs(b *body, fn func(hcl.Expression)) {
	if b == nil {
		return
	}
	for _, a := range b.attrs {
		fn(a.expr)
	}
	for _, blk := range b.blocks {
		bodyExprs(blk.body, fn)
	}
}

// declExprs calls fn for every expression of a declaration.
func declExprs(d *decl, fn func(hcl.Expression)) {
	if d.expr != nil {
		fn(d.expr)
	}
	bodyExprs(d.body, fn)
}
