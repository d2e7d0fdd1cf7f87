package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/seam-sec/seam/internal/model"
)

// The link stage needs the AWS account and region a root module deploys to, and the default tags its
// provider adds to every resource. So each `provider "aws"` block of a root module becomes a node:
//
//	ID    model.TerraformID(rootDir, "provider.aws") — "provider.aws.<alias>" for an aliased configuration
//	Kind  model.KindAccount, Type "provider.aws", Name the alias or "aws"
//	Attrs region, allowed_account_ids, forbidden_account_ids, profile, alias, assume_role (a list of the
//	      blocks, role_arn included), assume_role_with_web_identity, default_tags (the tags map), lines
//	      (the line of each argument and default tag), tf_address
//
// Values are evaluated as a resource's are, with unknowns and assumptions. Credentials (access_key,
// secret_key, token), endpoints and every other argument are not stored. Provider blocks in child modules
// are skipped (see evalDecl).
//
// Every managed AWS resource of a root module whose provider configuration has default_tags gets the
// attribute tags_all: the default tags merged under the resource's own tags, which win, as the AWS provider
// computes it (registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging). Seam does
// not know which resource types support tags, so every managed aws_* resource gets it. The configuration a
// resource uses is the one its provider argument names, else the module's default, following a module
// call's providers map; a resource on a configuration other than the default one says which in tf_provider.

// providerName is the only provider whose configurations become nodes.
const providerName = "aws"

// providerType is the Node.Type of an AWS provider configuration.
const providerType = "provider.aws"

// providerArgs are the provider arguments Seam keeps; providerBlocks the nested blocks.
var (
	providerArgs   = map[string]bool{"region": true, "allowed_account_ids": true, "forbidden_account_ids": true, "profile": true, "alias": true}
	providerBlocks = map[string]bool{"assume_role": true, "assume_role_with_web_identity": true, "default_tags": true}
)

// providerConfig is what resources need of an evaluated provider configuration.
type providerConfig struct {
	defaultTags    any  // the converted tags map of default_tags (possibly unknown)
	hasDefaultTags bool // the configuration has a default_tags block
}

// taggedNode is an AWS resource node (an index into rootRun.facts.Nodes) and its provider configuration.
type taggedNode struct {
	index    int
	provider string
}

// addProvider declares a provider "aws" block. Terraform requires the alias to be a literal.
func (m *module) addProvider(blk *block) {
	key := "provider." + providerName
	name := providerName
	if a := blk.body.attr("alias"); a != nil {
		v, diags := a.expr.Value(nil)
		if diags.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String || v.AsString() == "" {
			m.diag(a.rng, model.SeverityWarning, "provider alias must be a literal string; provider block skipped")
			return
		}
		name = v.AsString()
		key += "." + name
	}
	m.add(&decl{kind: declProvider, key: key, typ: providerName, name: name, rng: blk.rng, body: blk.body})
}

// evalProvider evaluates a root module's provider block into its node.
func (s *scope) evalProvider(d *decl) {
	ev := s.evalBody(d.body, s.ctx(d.travs, nil), false)
	id := model.TerraformID(s.run.dir, d.key)
	c := &converter{typ: providerType}
	attrs := map[string]any{}
	lines := map[string]any{}
	cfg := &providerConfig{}
	for _, a := range ev.attrs {
		if !providerArgs[a.name] && !providerBlocks[a.name] { // JSON syntax gives nested blocks as attributes
			continue
		}
		v := c.attr(a.val, a.name, s.run.src(a.a.expr.Range()), a.a.rng.Start.Line)
		lines[a.name] = a.a.rng.Start.Line
		switch a.name {
		case "default_tags":
			cfg.hasDefaultTags, cfg.defaultTags = true, jsonDefaultTags(v)
			attrs[a.name] = cfg.defaultTags
		case "assume_role", "assume_role_with_web_identity":
			if m, ok := v.(map[string]any); ok {
				v = []any{m}
			}
			attrs[a.name] = v
		default:
			attrs[a.name] = v
		}
	}
	for _, g := range ev.groups {
		if !providerBlocks[g.typ] {
			continue
		}
		if g.typ == "default_tags" {
			cfg.hasDefaultTags = true
			cfg.defaultTags = s.defaultTags(c, g, lines)
			attrs["default_tags"] = cfg.defaultTags
			continue
		}
		if g.unknown != nil {
			attrs[g.typ] = c.attr(g.unknown.val, g.typ, s.run.src(g.unknown.a.expr.Range()), g.unknown.a.rng.Start.Line)
			continue
		}
		list := make([]any, len(g.items))
		for i, it := range g.items {
			list[i] = s.convertBody(c, it, g.typ+"["+itoa(i)+"].")
		}
		attrs[g.typ] = list
	}
	attrs["tf_address"] = d.key
	if len(lines) > 0 {
		attrs["lines"] = lines
	}
	file := d.rng.Filename
	prov := provAt(file, d.rng.Start.Line)
	prov.EndLine = d.rng.End.Line
	s.run.addNode(model.Node{ID: id, Kind: model.KindAccount, Type: providerType, Name: d.name, Attrs: attrs, Prov: prov})
	s.assume(id, file, c)
	s.run.providers[d.key] = cfg
}

// defaultTags converts the tags of a default_tags block and records the line of each tag.
func (s *scope) defaultTags(c *converter, g *evGroup, lines map[string]any) any {
	if g.unknown != nil {
		lines["default_tags"] = g.unknown.a.rng.Start.Line
		return c.attr(g.unknown.val, "default_tags", s.run.src(g.unknown.a.expr.Range()), g.unknown.a.rng.Start.Line)
	}
	out := map[string]any{}
	for _, it := range g.items { // Terraform allows one block; a second one's tags would win
		for _, a := range it.attrs {
			if a.name != "tags" {
				continue
			}
			v := c.attr(a.val, "default_tags", s.run.src(a.a.expr.Range()), a.a.rng.Start.Line)
			keyLines(a.a, "default_tags", lines)
			m, ok := v.(map[string]any)
			if !ok {
				return v // unknown, or null
			}
			for k, tv := range m {
				out[k] = tv
			}
		}
	}
	return out
}

// jsonDefaultTags reads default_tags written in JSON syntax: {"tags": {...}} or a list of such objects.
func jsonDefaultTags(v any) any {
	if l, ok := v.([]any); ok && len(l) > 0 {
		v = l[0]
	}
	if m, ok := v.(map[string]any); ok {
		if _, unknown := model.IsUnknown(m); !unknown {
			if tags, ok := m["tags"]; ok {
				return tags
			}
			return map[string]any{}
		}
	}
	return v
}

// keyLines records the line of an attribute under prefix, and of each key of an object it writes literally
// ({ data_classification = "pii" }) under prefix.key (see exprLines).
func keyLines(a *attribute, prefix string, lines map[string]any) {
	exprLines(a.expr, prefix, a.rng.Start.Line, lines, maxLineDepth-1)
}

// noteResource records, for a managed AWS resource, the provider configuration it uses, so that applyDefaultTags can give it tags_all. index is the node's position in the root run's nodes.
func (s *scope) noteResource(d *decl, attrs map[string]any, index int) {
	addr := s.providerFor(d)
	if addr == "" {
		return
	}
	if addr != "provider."+providerName {
		attrs["tf_provider"] = addr
	}
	s.run.tagged = append(s.run.tagged, taggedNode{index: index, provider: addr})
}

// providerFor returns the address of the root provider configuration a resource uses: the one its provider
// argument names (aws.east), else the module's default; "" when a child module was not given that one.
func (s *scope) providerFor(d *decl) string {
	ref := providerName
	if a := d.body.attr("provider"); a != nil {
		if r, ok := providerRef(a.expr); ok {
			ref = r
		}
	}
	return s.providerAddr(ref)
}

// providerAddr maps a provider reference of this module ("aws", "aws.east") to a root configuration address.
func (s *scope) providerAddr(ref string) string {
	if s.providers == nil {
		return "provider." + ref
	}
	return s.providers[ref]
}

// providerRef reads a provider reference written as a traversal: "aws" or "aws.<alias>".
func providerRef(expr hcl.Expression) (string, bool) {
	t, diags := hcl.AbsTraversalForExpr(expr)
	if diags.HasErrors() || t.RootName() != providerName {
		return "", false
	}
	switch len(t) {
	case 1:
		return providerName, true
	case 2:
		if at, ok := t[1].(hcl.TraverseAttr); ok {
			return providerName + "." + at.Name, true
		}
	}
	return "", false
}

// childProviders returns the provider map of a module call's module: the default configuration is
// inherited; the call's providers argument ({ aws = aws.east, aws.west = aws.west }) maps the rest.
func (s *scope) childProviders(d *decl) map[string]string {
	out := map[string]string{}
	if addr := s.providerAddr(providerName); addr != "" {
		out[providerName] = addr
	}
	a := d.body.attr("providers")
	if a == nil {
		return out
	}
	pairs, diags := hcl.ExprMap(a.expr)
	if diags.HasErrors() {
		return out
	}
	for _, p := range pairs {
		k, okK := providerRef(p.Key)
		v, okV := providerRef(p.Value)
		if okK && okV {
			out[k] = s.providerAddr(v)
		}
	}
	return out
}

// applyDefaultTags gives every noted AWS resource whose provider configuration has default_tags its tags_all.
func (r *rootRun) applyDefaultTags() {
	for _, t := range r.tagged {
		cfg := r.providers[t.provider]
		if cfg == nil || !cfg.hasDefaultTags {
			continue
		}
		n := &r.facts.Nodes[t.index]
		n.Attrs["tags_all"] = mergeTags(cfg.defaultTags, n.Attrs["tags"])
	}
}

// mergeTags merges a resource's own tags over its provider's default tags. An unknown side makes the result
// unknown, with the expression of the side that is unknown (the resource's own first).
func mergeTags(defaults, own any) any {
	if expr, ok := model.IsUnknown(own); ok {
		return model.Unknown(expr)
	}
	if expr, ok := model.IsUnknown(defaults); ok {
		return model.Unknown(expr)
	}
	d, okD := defaults.(map[string]any)
	o, okO := own.(map[string]any)
	if (!okD && defaults != nil) || (!okO && own != nil) {
		return model.Unknown("merge(default_tags, tags)")
	}
	out := make(map[string]any, len(d)+len(o))
	for k, v := range d {
		out[k] = v
	}
	for k, v := range o {
		out[k] = v
	}
	return out
}

// isAWSResource reports whether a declaration is a managed AWS resource.
func isAWSResource(d *decl) bool {
	return d.kind == declResource && strings.HasPrefix(d.typ, providerName+"_")
}
