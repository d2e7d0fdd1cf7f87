package tfplan

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/seam-sec/seam/internal/model"
)

// A plan's configuration.provider_config lists the provider configurations of the root module and its
// children. Each AWS configuration of the root module becomes the node the Terraform HCL extractor makes of
// the same block (ID "provider.aws" or "provider.aws.<alias>", Kind account, Type "provider.aws"), so the
// two merge. Plan JSON keeps an argument's value only when it is a constant; otherwise it lists the
// references the expression makes. A reference to exactly one root variable takes the variable's value from
// the plan (masked when the configuration declares the variable sensitive); anything else is unknown, with
// an assumption. Provider configurations inside child modules are skipped, as the HCL extractor skips them;
// states carry no provider configuration at all.

// providerType is the Node.Type of an AWS provider configuration (the HCL extractor's).
const providerType = "provider.aws"

// providerStrings and providerLists are the provider arguments kept (a list argument given one string
// variable holds that string); providerBlocks the nested blocks. Credentials are never read.
var (
	providerStrings = map[string]bool{"region": true, "profile": true}
	providerLists   = map[string]bool{"allowed_account_ids": true, "forbidden_account_ids": true}
	providerBlocks  = map[string]bool{"assume_role": true, "assume_role_with_web_identity": true}
)

// providerRun resolves the arguments of one provider configuration.
type providerRun struct {
	r       *fileRun
	plan    *tfjson.Plan
	addr    string
	unknown []string // argument paths left unknown
}

// providers makes a node for each AWS provider configuration of the plan's root module.
func (r *fileRun) providers(p *tfjson.Plan) {
	if p.Config == nil {
		return
	}
	keys := make([]string, 0, len(p.Config.ProviderConfigs))
	for k := range p.Config.ProviderConfigs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		pc := p.Config.ProviderConfigs[k]
		if pc == nil || pc.Name != "aws" || pc.ModuleAddress != "" {
			continue
		}
		addr, name := providerType, "aws"
		attrs := map[string]any{}
		if pc.Alias != "" {
			addr, name = providerType+"."+pc.Alias, pc.Alias
			attrs["alias"] = pc.Alias
		}
		pr := &providerRun{r: r, plan: p, addr: addr}
		pr.arguments(pc.Expressions, attrs)
		attrs["tf_address"] = addr
		id := model.TerraformID(r.dir, addr)
		prov := r.prov(providerLine(r.data, r.lines, k))
		r.facts.Nodes = append(r.facts.Nodes, model.Node{ID: id, Kind: model.KindAccount, Type: providerType,
			Name: name, Attrs: attrs, Prov: prov})
		for _, path := range pr.unknown {
			r.facts.Assumptions = append(r.facts.Assumptions, model.Assumption{Subject: id, Attribute: path,
				Reason:  "the plan's configuration gives only the references of " + addr + " argument " + path + ", not its value",
				Assumed: assumedUnknown, Prov: prov})
		}
	}
}

// arguments converts the kept arguments and blocks of a configuration into attrs.
func (pr *providerRun) arguments(exprs map[string]*tfjson.Expression, attrs map[string]any) {
	for _, k := range sortedKeys(exprs) {
		e := exprs[k]
		if e == nil || e.ExpressionData == nil {
			continue
		}
		switch {
		case providerStrings[k] || providerLists[k]:
			attrs[k] = pr.value(k, e, providerLists[k])
		case k == "default_tags":
			if len(e.NestedBlocks) > 0 {
				attrs[k] = pr.value(k, e.NestedBlocks[0]["tags"], false)
			}
		case providerBlocks[k]:
			list := make([]any, 0, len(e.NestedBlocks))
			for i, blk := range e.NestedBlocks {
				m := map[string]any{}
				for _, bk := range sortedKeys(blk) {
					if blk[bk] != nil && blk[bk].ExpressionData != nil {
						m[bk] = pr.value(k+"["+strconv.Itoa(i)+"]."+bk, blk[bk], false)
					}
				}
				list = append(list, m)
			}
			attrs[k] = list
		}
	}
}

// value is the value of one argument: its constant, the plan's value of the one root variable it names, or
// unknown. A list argument given a single string holds that string.
func (pr *providerRun) value(path string, e *tfjson.Expression, list bool) any {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	c := &converter{typ: providerType, memo: pr.r.memo}
	last := path[strings.LastIndex(path, ".")+1:]
	secret := c.memo.secretAttr(providerType, false, last)
	if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
		return pr.shape(c.value(e.ConstantValue, path, path, nil, nil, secret), list)
	}
	if len(e.References) == 1 && strings.HasPrefix(e.References[0], "var.") {
		name := strings.TrimPrefix(e.References[0], "var.")
		if v, ok := pr.plan.Variables[name]; ok && v != nil {
			sensitive := false
			if cfg := pr.plan.Config.RootModule; cfg != nil && cfg.Variables[name] != nil {
				sensitive = cfg.Variables[name].Sensitive
			}
			return pr.shape(c.value(v.Value, path, path, nil, sensitive, secret), list)
		}
	}
	pr.unknown = append(pr.unknown, path)
	expr := strings.Join(e.References, ", ")
	if expr == "" {
		expr = unknownAfterApply
	}
	return model.Unknown(expr)
}

// shape turns numbers into strings (account IDs written unquoted) and a list argument's single string into
// a list of it.
func (pr *providerRun) shape(v any, list bool) any {
	switch x := v.(type) {
	case int:
		v = strconv.Itoa(x)
	case []any:
		for i, e := range x {
			if n, ok := e.(int); ok {
				x[i] = strconv.Itoa(n)
			}
		}
	}
	if s, ok := v.(string); ok && list && s != masked {
		return []any{s}
	}
	return v
}

// providerLine finds the line of a provider configuration's key inside "provider_config"; 1 when it is not
// found (Terraform writes plans on one line).
func providerLine(data []byte, li lineIndex, key string) int {
	start := bytes.Index(data, []byte(`"provider_config"`))
	if start < 0 {
		return 1
	}
	quoted, err := json.Marshal(key)
	if err != nil {
		return 1
	}
	for off := start; ; {
		i := bytes.Index(data[off:], quoted)
		if i < 0 {
			return 1
		}
		j := skipSpace(data, off+i+len(quoted))
		if j < len(data) && data[j] == ':' {
			return li.line(off + i)
		}
		off += i + len(quoted)
	}
}
