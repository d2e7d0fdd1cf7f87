package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/seam-sec/seam/internal/model"
)

// analyse finds each declaration's references and dependencies, the attribute paths read from each resource,
// and an evaluation order. A dependency cycle is a diagnostic; its members are evaluated in the order the walk
// met them, and a reference to a member not yet evaluated is unknown.
func (m *module) analyse() {
	for _, d := range m.decls {
		seen := map[string]bool{}
		declExprs(d, func(e hcl.Expression) {
			for _, t := range e.Variables() {
				d.travs = append(d.travs, t)
				if k, ok := depKey(t); ok && k != d.key && !seen[k] {
					seen[k] = true
					d.deps = append(d.deps, k)
				}
			}
			m.collectAccess(e)
		})
	}
	m.sortDecls()
}

// depKey returns the declaration key a traversal refers to ("local.x", "aws_s3_bucket.b", "data.t.n",
// "module.m"); ok is false for var, count, each, path, self, terraform and malformed traversals.
func depKey(t hcl.Traversal) (string, bool) {
	names := attrNames(t, 3)
	root := t.RootName()
	switch root {
	case "var", "count", "each", "path", "self", "terraform":
		return "", false
	case "local", "module":
		if len(names) >= 1 {
			return root + "." + names[0], true
		}
	case "data":
		if len(names) >= 2 {
			return "data." + names[0] + "." + names[1], true
		}
	default:
		if len(names) >= 1 {
			return root + "." + names[0], true
		}
	}
	return "", false
}

// attrNames returns up to n attribute names that directly follow the root of a traversal.
func attrNames(t hcl.Traversal, n int) []string {
	var out []string
	for _, step := range t[1:] {
		a, ok := step.(hcl.TraverseAttr)
		if !ok || len(out) == n {
			break
		}
		out = append(out, a.Name)
	}
	return out
}

// collectAccess records, for expressions rooted at a resource or data source, the attribute path read after the
// resource address (instance indices skipped).
func (m *module) collectAccess(e hcl.Expression) {
	se, ok := e.(hclsyntax.Expression)
	if !ok {
		for _, t := range e.Variables() {
			if k, rest, ok := resourcePath(t); ok {
				m.addAccess(k, rest)
			}
		}
		return
	}
	_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		if x, ok := n.(hclsyntax.Expression); ok {
			if k, rest, ok := accessPath(x); ok {
				m.addAccess(k, rest)
			}
		}
		return nil
	})
}

func (m *module) addAccess(k string, p []string) {
	if len(p) == 0 {
		return
	}
	for _, q := range m.accessed[k] {
		if strings.Join(q, ".") == strings.Join(p, ".") {
			return
		}
	}
	m.accessed[k] = append(m.accessed[k], p)
}

// resourcePath splits a traversal rooted at a resource or data source into its key and the attribute names read
// after it.
func resourcePath(t hcl.Traversal) (string, []string, bool) {
	k, ok := depKey(t)
	if !ok || strings.HasPrefix(k, "local.") || strings.HasPrefix(k, "module.") {
		return "", nil, false
	}
	skip := 1
	if strings.HasPrefix(k, "data.") {
		skip = 2
	}
	return k, traversalNames(t[1+skip:]), true
}

// traversalNames lists the attribute names of a traversal, skipping index steps.
func traversalNames(t hcl.Traversal) []string {
	var out []string
	for _, step := range t {
		if a, ok := step.(hcl.TraverseAttr); ok {
			out = append(out, a.Name)
		}
	}
	return out
}

// accessPath finds the resource an expression reads from, through indexing, splats and relative traversals.
func accessPath(e hclsyntax.Expression) (string, []string, bool) {
	switch x := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return resourcePath(x.Traversal)
	case *hclsyntax.RelativeTraversalExpr:
		k, p, ok := accessPath(x.Source)
		return k, append(append([]string(nil), p...), traversalNames(x.Traversal)...), ok
	case *hclsyntax.IndexExpr:
		return accessPath(x.Collection)
	case *hclsyntax.SplatExpr:
		k, p, ok := accessPath(x.Source)
		if rel, isRel := x.Each.(*hclsyntax.RelativeTraversalExpr); isRel {
			p = append(append([]string(nil), p...), traversalNames(rel.Traversal)...)
		}
		return k, p, ok
	}
	return "", nil, false
}

// sortDecls orders declarations so that each comes after what it refers to, and reports cycles.
func (m *module) sortDecls() {
	const (
		unvisited = iota
		visiting
		done
	)
	state := make(map[string]int, len(m.decls))
	var stack []*decl
	reported := map[string]bool{}
	var visit func(d *decl)
	visit = func(d *decl) {
		state[d.key] = visiting
		stack = append(stack, d)
		for _, k := range d.deps {
			dep, ok := m.idx[k]
			if !ok {
				continue
			}
			switch state[k] {
			case unvisited:
				visit(dep)
			case visiting:
				m.reportCycle(stack, dep, reported)
			}
		}
		stack = stack[:len(stack)-1]
		state[d.key] = done
		m.order = append(m.order, d)
	}
	for _, d := range m.decls {
		if state[d.key] == unvisited {
			visit(d)
		}
	}
}

// reportCycle records the cycle from back to the top of stack, once per set of members.
func (m *module) reportCycle(stack []*decl, back *decl, reported map[string]bool) {
	i := len(stack) - 1
	for i >= 0 && stack[i] != back {
		i--
	}
	if i < 0 {
		return
	}
	var names []string
	for _, d := range stack[i:] {
		names = append(names, d.key)
	}
	sig := strings.Join(sortedCopy(names), ",")
	if reported[sig] {
		return
	}
	reported[sig] = true
	names = append(names, back.key)
	m.diag(back.rng, model.SeverityError, "dependency cycle: "+strings.Join(names, " → ")+
		"; values in the cycle are unknown")
}
