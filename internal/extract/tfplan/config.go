package tfplan

import (
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// A plan's "configuration" holds every resource block once (addresses without instance keys, relative to the
// module) and, for each argument, the references its expression makes ("aws_iam_role.app.name",
// "aws_iam_role.app", "var.role", "module.net.vpc_id"). This file resolves those references to configuration
// addresses: through a child module's outputs and a module's input variables, as far as the configuration
// says. Locals are not in the JSON, so a reference through a local resolves to nothing here (the
// value-matching fallback may still find it).

// maxResolveDepth bounds the chase through module inputs and outputs (a guard against cycles).
const maxResolveDepth = 32

// config indexes a plan's configuration.
type config struct {
	resources map[string]*tfjson.ConfigResource // by configuration address ("module.app.aws_iam_role.this")
	modules   map[string]*tfjson.ConfigModule   // by module path ("", "module.app")
	calls     map[string]*tfjson.ModuleCall     // by the module path the call creates
	addrs     []string                          // the keys of resources, sorted

	memo map[memoKey][]target // resolved references; nil while a resolution is in progress
}

type memoKey struct{ module, ref string }

// target is a resolved reference: a configuration address and, when the reference names one instance
// literally (aws_instance.web[0]), its key.
type target struct {
	cfgAddr string
	key     string
}

// attrRefs is what one argument of a resource block refers to.
type attrRefs struct {
	path    string // "role", "vpc_config[0].subnet_ids"
	targets []target
	hasRefs bool // the expression makes references, resolved or not
}

// newConfig indexes the configuration; nil when the plan has none.
func newConfig(c *tfjson.Config) *config {
	if c == nil || c.RootModule == nil {
		return nil
	}
	cfg := &config{resources: map[string]*tfjson.ConfigResource{}, modules: map[string]*tfjson.ConfigModule{},
		calls: map[string]*tfjson.ModuleCall{}, memo: map[memoKey][]target{}}
	cfg.addModule("", c.RootModule, 0)
	cfg.addrs = sortedKeys(cfg.resources)
	return cfg
}

func (c *config) addModule(path string, m *tfjson.ConfigModule, depth int) {
	if m == nil || depth > maxResolveDepth {
		return
	}
	c.modules[path] = m
	for _, r := range m.Resources {
		if r != nil && r.Address != "" {
			c.resources[joinAddr(path, r.Address)] = r
		}
	}
	for _, name := range sortedKeys(m.ModuleCalls) {
		call := m.ModuleCalls[name]
		if call == nil {
			continue
		}
		child := joinAddr(path, "module."+name)
		c.calls[child] = call
		c.addModule(child, call.Module, depth+1)
	}
}

// refs resolves the references of every argument of a resource block, nested blocks included, sorted by
// path.
func (c *config) refs(module string, r *tfjson.ConfigResource) []attrRefs {
	var out []attrRefs
	c.walkExprs(r.Expressions, "", func(path string, e *tfjson.Expression) {
		ar := attrRefs{path: path, hasRefs: len(e.References) > 0}
		ar.targets = c.resolveAll(module, e.References, 0)
		out = append(out, ar)
	})
	return out
}

// walkExprs calls fn for every expression of a block, descending into nested blocks.
func (c *config) walkExprs(exprs map[string]*tfjson.Expression, prefix string, fn func(string, *tfjson.Expression)) {
	for _, k := range sortedKeys(exprs) {
		e := exprs[k]
		if e == nil || e.ExpressionData == nil {
			continue
		}
		if len(e.NestedBlocks) > 0 {
			for i, blk := range e.NestedBlocks {
				c.walkExprs(blk, prefix+k+"["+strconv.Itoa(i)+"].", fn)
			}
			continue
		}
		fn(prefix+k, e)
	}
}

// resolveAll resolves a list of references made in module, deduplicated. Terraform lists a reference and its
// prefixes ("aws_iam_role.app.name", "aws_iam_role.app"); a bare module reference is skipped when a longer one
// to the same module says which output is read.
func (c *config) resolveAll(module string, refs []string, depth int) []target {
	if depth > maxResolveDepth {
		return nil
	}
	seen := map[target]bool{}
	var out []target
	for _, ref := range refs {
		steps := splitSteps(ref)
		if len(steps) == 2 && steps[0].name == "module" && hasLonger(refs, ref) {
			continue
		}
		for _, t := range c.resolveRef(module, ref, steps, depth) {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].cfgAddr != out[j].cfgAddr {
			return out[i].cfgAddr < out[j].cfgAddr
		}
		return out[i].key < out[j].key
	})
	return dropBare(out)
}

// dropBare removes a reference to a whole resource when the same list names one of its instances literally
// (Terraform lists both "aws_instance.web[0]" and "aws_instance.web").
func dropBare(ts []target) []target {
	keyed := map[string]bool{}
	for _, t := range ts {
		if t.key != "" {
			keyed[t.cfgAddr] = true
		}
	}
	out := ts[:0]
	for _, t := range ts {
		if t.key == "" && keyed[t.cfgAddr] {
			continue
		}
		out = append(out, t)
	}
	return out
}

func hasLonger(refs []string, prefix string) bool {
	for _, r := range refs {
		if len(r) > len(prefix) && strings.HasPrefix(r, prefix) && (r[len(prefix)] == '.' || r[len(prefix)] == '[') {
			return true
		}
	}
	return false
}

// resolveRef resolves one reference made in module, once: a reference met again while it is being resolved
// (a cycle, which only malformed input has) resolves to nothing.
func (c *config) resolveRef(module, ref string, steps []step, depth int) []target {
	k := memoKey{module, ref}
	if ts, ok := c.memo[k]; ok {
		return ts
	}
	c.memo[k] = nil
	ts := c.resolve(module, steps, depth)
	c.memo[k] = ts
	return ts
}

// resolve resolves one reference made in module.
func (c *config) resolve(module string, steps []step, depth int) []target {
	if len(steps) < 2 {
		return nil
	}
	switch steps[0].name {
	case "var":
		call := c.calls[module]
		if module == "" || call == nil {
			return nil
		}
		e := call.Expressions[steps[1].name]
		if e == nil || e.ExpressionData == nil {
			return nil
		}
		return c.resolveAll(parentModule(module), e.References, depth+1)
	case "module":
		return c.outputs(joinAddr(module, "module."+steps[1].name), steps[2:], depth)
	case "data":
		if len(steps) < 3 {
			return nil
		}
		return c.resource(joinAddr(module, "data."+steps[1].name+"."+steps[2].name), steps[2].key)
	case "local", "count", "each", "path", "terraform", "self", "ephemeral", "resource":
		return nil
	}
	return c.resource(joinAddr(module, steps[0].name+"."+steps[1].name), steps[1].key)
}

func (c *config) resource(cfgAddr, key string) []target {
	if _, ok := c.resources[cfgAddr]; !ok {
		return nil
	}
	return []target{{cfgAddr: cfgAddr, key: key}}
}

// outputs resolves a read of a child module: the output named by rest, or every output when rest is empty.
func (c *config) outputs(child string, rest []step, depth int) []target {
	m := c.modules[child]
	if m == nil {
		return nil
	}
	names := sortedKeys(m.Outputs)
	if len(rest) > 0 {
		names = []string{rest[0].name}
	}
	var out []target
	for _, n := range names {
		o := m.Outputs[n]
		if o == nil || o.Expression == nil || o.Expression.ExpressionData == nil {
			continue
		}
		out = append(out, c.resolveAll(child, o.Expression.References, depth+1)...)
	}
	return out
}

// dependsOn resolves a resource block's depends_on: resources, and modules (every resource in them).
func (c *config) dependsOn(module string, r *tfjson.ConfigResource) []target {
	var out []target
	for _, ref := range r.DependsOn {
		steps := splitSteps(ref)
		if len(steps) == 2 && steps[0].name == "module" {
			prefix := joinAddr(module, "module."+steps[1].name) + "."
			for _, addr := range c.addrs {
				if strings.HasPrefix(addr, prefix) {
					out = append(out, target{cfgAddr: addr})
				}
			}
			continue
		}
		out = append(out, c.resolve(module, steps, 0)...)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
