package terraform

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// maxLineDepth bounds how deep bodyLines follows object and tuple constructors inside one attribute's
// expression ({ a = { b = [{ c = … }] } }); deeper keys point at the nearest recorded prefix.
const maxLineDepth = 4

// maxLineItems bounds the elements of one tuple constructor whose lines are recorded.
const maxLineItems = 100

// bodyLines records in lines the line of every attribute and nested block of an evaluated body by its path
// as it appears in the node's attrs: "bucket", "metadata_options" (the first block of that type),
// "metadata_options[0]" (the block), "metadata_options[0].http_tokens", and inside attribute values written
// as object or tuple constructors "tags.owner", "ingress[1].cidr_blocks".
func bodyLines(e *evaled, prefix string, lines map[string]any) {
	for _, a := range e.attrs {
		exprLines(a.a.expr, prefix+a.name, a.a.rng.Start.Line, lines, 0)
	}
	for _, g := range e.groups {
		if g.unknown != nil { // an unknown dynamic block: its for_each's line is all Seam has
			lines[prefix+g.typ] = g.line
			continue
		}
		if len(g.items) > 0 {
			lines[prefix+g.typ] = g.line
		}
		for i, it := range g.items {
			p := prefix + g.typ + "[" + strconv.Itoa(i) + "]"
			lines[p] = it.line
			bodyLines(it, p+".", lines)
		}
	}
}

// exprLines records line for path, and below it the lines of the keys and elements of an object or tuple
// constructor ({ owner = "x" } gives path.owner; [{ … }] gives path[0]). Keys that are not literal strings
// or keywords are skipped.
func exprLines(expr hcl.Expression, path string, line int, lines map[string]any, depth int) {
	lines[path] = line
	if depth >= maxLineDepth {
		return
	}
	switch x := expr.(type) {
	case *hclsyntax.ObjectConsExpr:
		for _, item := range x.Items {
			if k := literalKey(item.KeyExpr); k != "" {
				exprLines(item.ValueExpr, path+"."+k, item.KeyExpr.Range().Start.Line, lines, depth+1)
			}
		}
	case *hclsyntax.TupleConsExpr:
		for i, e := range x.Exprs {
			if i >= maxLineItems {
				break
			}
			if _, obj := e.(*hclsyntax.ObjectConsExpr); obj {
				exprLines(e, path+"["+strconv.Itoa(i)+"]", e.Range().Start.Line, lines, depth+1)
			}
		}
	}
}

// literalKey returns an object constructor key written as a string literal or a bare keyword, else "".
func literalKey(e hcl.Expression) string {
	if v, diags := e.Value(nil); !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
		return v.AsString()
	}
	return hcl.ExprAsKeyword(e)
}
