package terraform

import (
	"encoding/json"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/seam-sec/seam/internal/model"
)

// evaluator evaluates expressions for storage. Object and tuple constructors are evaluated element by element
// so that one unknown leaf does not hide its known siblings, and every unknown leaf is marked with its own
// source text; jsonencode and JSON-looking templates keep their structure with placeholders for unknown parts.
type evaluator struct {
	src   func(hcl.Range) string
	diags *[]model.Diagnostic
}

// eval evaluates x in ctx. failed is true when evaluation reported errors (the value is then unknown).
func (e *evaluator) eval(x hcl.Expression, ctx *hcl.EvalContext) (v cty.Value, failed bool) {
	switch t := x.(type) {
	case *hclsyntax.ObjectConsExpr:
		return e.object(t, ctx)
	case *hclsyntax.TupleConsExpr:
		vals := make([]cty.Value, len(t.Exprs))
		for i, item := range t.Exprs {
			var f bool
			vals[i], f = e.eval(item, ctx)
			failed = failed || f
		}
		return cty.TupleVal(vals), failed
	case *hclsyntax.TemplateWrapExpr:
		return e.eval(t.Wrapped, ctx)
	case *hclsyntax.ParenthesesExpr:
		return e.eval(t.Expression, ctx)
	case *hclsyntax.FunctionCallExpr:
		if t.Name == "jsonencode" && len(t.Args) == 1 && !t.ExpandFinal {
			arg, f := e.eval(t.Args[0], ctx)
			return encodeJSON(arg, false), f
		}
	case *hclsyntax.TemplateExpr:
		if looksJSON(t) {
			return e.template(t, ctx)
		}
	}
	return e.native(x, ctx)
}

// object evaluates an object constructor item by item; one whose keys are not all known strings is evaluated
// as a whole.
func (e *evaluator) object(t *hclsyntax.ObjectConsExpr, ctx *hcl.EvalContext) (cty.Value, bool) {
	attrs := make(map[string]cty.Value, len(t.Items))
	var keyMarks []cty.ValueMarks
	failed := false
	for _, item := range t.Items {
		k, diags := item.KeyExpr.Value(ctx)
		if diags.HasErrors() || k.IsNull() {
			return e.native(t, ctx)
		}
		if !k.IsWhollyKnown() {
			// A key known only after apply ("${local.issuer}:sub" in a jsonencode'd trust policy) keeps its
			// source text, as policy documents keep theirs, so the value under it is not lost.
			text, ok := keyText(e.src(item.KeyExpr.Range()))
			if !ok {
				return e.native(t, ctx)
			}
			_, km := k.Unmark()
			keyMarks = append(keyMarks, refsOnly(km), cty.NewValueMarks(unknownKeyMark{key: text, reason: strings.Join(reasonsOf(km), "; ")}))
			v, f := e.eval(item.ValueExpr, ctx)
			attrs[text] = v
			failed = failed || f
			continue
		}
		k, km := k.Unmark()
		ks, err := convert.Convert(k, cty.String)
		if err != nil {
			return e.native(t, ctx)
		}
		keyMarks = append(keyMarks, km)
		v, f := e.eval(item.ValueExpr, ctx)
		attrs[ks.AsString()] = v
		failed = failed || f
	}
	return cty.ObjectVal(attrs).WithMarks(keyMarks...), failed
}

// native evaluates x with HCL. Errors become an unknown value that says why; a wholly unknown result is marked
// with x's source text unless it is a plain reference that already says what it stands for.
func (e *evaluator) native(x hcl.Expression, ctx *hcl.EvalContext) (cty.Value, bool) {
	v, diags := x.Value(ctx)
	if diags.HasErrors() {
		return unknownVal(cty.DynamicPseudoType, exprText(e.src(x.Range())), e.report(diags)), true
	}
	if v.IsKnown() {
		return v, false
	}
	_, marks := v.Unmark()
	if _, isRef := x.(*hclsyntax.ScopeTraversalExpr); isRef && exprOf(marks) != "" {
		return v, false
	}
	return withoutMarks(v, func(m any) bool { _, ok := m.(exprMark); return ok }).Mark(exprMark{exprText(e.src(x.Range()))}), false
}

// report records evaluation errors and returns the reason an unknown value gets. A call to a function Seam does
// not evaluate and a read of an attribute the configuration does not set are expected in real repositories:
// they make assumptions, not warnings.
func (e *evaluator) report(diags hcl.Diagnostics) string {
	var reasons []string
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		switch {
		case d.Summary == "Call to unknown function":
			reasons = append(reasons, "calls a function Seam does not evaluate: "+d.Detail)
			continue
		case d.Summary == "Unsupported attribute":
			// Without provider schemas Seam sees only what the configuration sets; the attributes a provider
			// computes (repository_url, endpoint, …) read from a whole object (a for expression over
			// resources) are unknown, not wrong. Validating Terraform is terraform validate's job.
			reasons = append(reasons, "reads an attribute the configuration does not set (computed by the provider): "+d.Detail)
			continue
		}
		reasons = append(reasons, "evaluation failed: "+diagText(d))
		if e.diags != nil {
			*e.diags = append(*e.diags, convertDiags(hcl.Diagnostics{d}, model.SeverityWarning)...)
		}
	}
	if len(reasons) == 0 {
		return defaultReason
	}
	return strings.Join(dedupe(reasons), "; ")
}

// looksJSON reports whether a template's literal text starts a JSON object or array (a heredoc policy).
func looksJSON(t *hclsyntax.TemplateExpr) bool {
	if len(t.Parts) < 2 {
		return false
	}
	lit, ok := t.Parts[0].(*hclsyntax.LiteralValueExpr)
	if !ok || lit.Val.Type() != cty.String || !lit.Val.IsKnown() {
		return false
	}
	s := strings.TrimSpace(lit.Val.AsString())
	return strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[")
}

// template evaluates a JSON-looking template part by part: a part that is unknown becomes a placeholder, so a
// heredoc policy with one ARN known only after apply keeps every other statement.
func (e *evaluator) template(t *hclsyntax.TemplateExpr, ctx *hcl.EvalContext) (cty.Value, bool) {
	var b strings.Builder
	var marks []cty.ValueMarks
	partial, failed := false, false
	for _, part := range t.Parts {
		v, f := e.eval(part, ctx)
		failed = failed || f
		v, m := v.Unmark()
		marks = append(marks, m)
		if !v.IsKnown() {
			partial = true
			expr := exprOf(m)
			if expr == "" {
				expr = exprText(e.src(part.Range()))
			}
			b.WriteString(placeholder(expr, reasonsOf(m)))
			continue
		}
		if v.IsNull() {
			return e.native(t, ctx)
		}
		s, err := convert.Convert(v, cty.String)
		if err != nil {
			return e.native(t, ctx)
		}
		b.WriteString(s.AsString())
	}
	out := cty.StringVal(b.String()).WithMarks(marks...)
	if partial {
		out = withoutMarks(out, func(m any) bool { _, ok := m.(exprMark); return ok }).Mark(partialMark{})
	}
	return out, failed
}

// encodeJSON is jsonencode that keeps structure around unknown parts: they become placeholders and the string
// is marked partial. Marks met inside (references, sensitivity, reasons) mark the result.
func encodeJSON(v cty.Value, indent bool) cty.Value {
	g, marks, partial := placeholderGo(v)
	var b []byte
	var err error
	if indent {
		b, err = json.MarshalIndent(g, "", "  ")
	} else {
		b, err = json.Marshal(g)
	}
	if err != nil {
		return unknownVal(cty.String, "", "value cannot be encoded as JSON: "+err.Error())
	}
	kept := cty.ValueMarks{}
	for m := range marks {
		if _, isExpr := m.(exprMark); !isExpr {
			kept[m] = struct{}{}
		}
	}
	if partial {
		kept[partialMark{}] = struct{}{}
	}
	return cty.StringVal(string(b)).WithMarks(kept)
}

// keyText returns the text of an object key written as a quoted template ("${local.issuer}:sub"), without
// its quotes; ok is false for any other key expression.
func keyText(src string) (string, bool) {
	src = strings.TrimSpace(src)
	if len(src) < 2 || src[0] != '"' || src[len(src)-1] != '"' || !strings.Contains(src, "${") {
		return "", false
	}
	return src[1 : len(src)-1], true
}

// refsOnly keeps the reference marks of a mark set: where a value was read from, not why it is unknown.
func refsOnly(marks cty.ValueMarks) cty.ValueMarks {
	out := cty.ValueMarks{}
	for m := range marks {
		if _, ok := m.(refMark); ok {
			out[m] = struct{}{}
		}
	}
	return out
}
