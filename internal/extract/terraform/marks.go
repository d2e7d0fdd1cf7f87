package terraform

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// Values carry cty marks that say where they came from. Marks flow through Terraform's own operators and
// functions, so a value that reaches a resource attribute through locals, module inputs and outputs still says
// which resources it was read from (edges), why it is unknown (assumptions), and whether it is secret.
type (
	// refMark: the value was read from the object at this address (a resource or data source instance, or a
	// remote module call), relative to the root module.
	refMark struct{ addr string }
	// reasonMark: why the value, or part of it, is unknown.
	reasonMark struct{ text string }
	// exprMark: the expression an unknown value stands for, used where the value ends up inside a document
	// (jsonencode, policy documents) far from its own source.
	exprMark struct{ text string }
	// partialMark: a known string that embeds placeholders for unknown parts (a JSON policy with an ARN known
	// only after apply).
	partialMark struct{}
	// sensitiveMark: the value must never be stored.
	sensitiveMark struct{}
	// unknownKeyMark: an object (or a document encoding one) has a key known only after apply, kept as its
	// source text; it is reported as an assumption where the value is stored.
	unknownKeyMark struct{ key, reason string }
)

// unknownVal returns an unknown value of type ty that stands for expr and says why it is unknown.
func unknownVal(ty cty.Type, expr, reason string) cty.Value {
	marks := cty.NewValueMarks(reasonMark{reason})
	if expr != "" {
		marks[exprMark{expr}] = struct{}{}
	}
	return cty.UnknownVal(ty).WithMarks(marks)
}

// allMarks returns every mark anywhere in v.
func allMarks(v cty.Value) cty.ValueMarks {
	if !v.ContainsMarked() {
		return nil
	}
	_, pvms := v.UnmarkDeepWithPaths()
	out := cty.ValueMarks{}
	for _, p := range pvms {
		for m := range p.Marks {
			out[m] = struct{}{}
		}
	}
	return out
}

// refsOf returns the addresses of every refMark anywhere in v, sorted.
func refsOf(v cty.Value) []string {
	var out []string
	for m := range allMarks(v) {
		if r, ok := m.(refMark); ok {
			out = append(out, r.addr)
		}
	}
	sort.Strings(out)
	return out
}

// reasonsOf returns the reasons in marks, sorted.
func reasonsOf(marks cty.ValueMarks) []string {
	var out []string
	for m := range marks {
		if r, ok := m.(reasonMark); ok {
			out = append(out, r.text)
		}
	}
	sort.Strings(out)
	return out
}

// exprOf returns the single expression mark in marks, or "".
func exprOf(marks cty.ValueMarks) string {
	text, n := "", 0
	for m := range marks {
		if e, ok := m.(exprMark); ok {
			text, n = e.text, n+1
		}
	}
	if n != 1 {
		return ""
	}
	return text
}

// withoutMarks returns v with the top-level marks for which drop is true removed.
func withoutMarks(v cty.Value, drop func(any) bool) cty.Value {
	uv, marks := v.Unmark()
	kept := cty.ValueMarks{}
	for m := range marks {
		if !drop(m) {
			kept[m] = struct{}{}
		}
	}
	return uv.WithMarks(kept)
}

// stripRefs removes refMarks at every depth of v: an attribute stored on a resource object carries only that
// resource's own mark, so a reference to it makes an edge to it and not to what it refers to in turn.
func stripRefs(v cty.Value) cty.Value {
	if !v.ContainsMarked() {
		return v
	}
	uv, pvms := v.UnmarkDeepWithPaths()
	kept := pvms[:0]
	for _, p := range pvms {
		marks := cty.ValueMarks{}
		for m := range p.Marks {
			if _, ok := m.(refMark); !ok {
				marks[m] = struct{}{}
			}
		}
		if len(marks) > 0 {
			kept = append(kept, cty.PathValueMarks{Path: p.Path, Marks: marks})
		}
	}
	return uv.MarkWithPaths(kept)
}

// Placeholders stand for unknown values inside known strings (jsonencode output, policy documents,
// interpolated JSON heredocs): phOpen expression phSep reasons phClose, in Unicode private-use characters
// that real configuration does not contain.
const (
	phOpen  = "\uE000"
	phSep   = "\uE002"
	phClose = "\uE001"
	// reasonSep joins several reasons inside one placeholder.
	reasonSep = "\uE003"
)

// placeholder returns the placeholder text for an unknown value.
func placeholder(expr string, reasons []string) string {
	if expr == "" {
		expr = "(unknown)"
	}
	return phOpen + expr + phSep + strings.Join(reasons, reasonSep) + phClose
}

// hasPlaceholder reports whether s embeds a placeholder.
func hasPlaceholder(s string) bool { return strings.Contains(s, phOpen) }

// splitPlaceholders renders s as a template ("arn:${aws_s3_bucket.b.arn}/*") and returns the reasons of its
// placeholders. When s is exactly one placeholder, text is that placeholder's expression alone.
func splitPlaceholders(s string) (text string, reasons []string) {
	var b strings.Builder
	whole := strings.HasPrefix(s, phOpen) && strings.HasSuffix(s, phClose) && strings.Count(s, phOpen) == 1
	for {
		i := strings.Index(s, phOpen)
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.Index(s[i:], phClose)
		if j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		inner := s[i+len(phOpen) : i+j]
		expr, rs, _ := strings.Cut(inner, phSep)
		if rs != "" {
			reasons = append(reasons, strings.Split(rs, reasonSep)...)
		}
		if whole {
			b.WriteString(exprText(expr))
		} else {
			b.WriteString(templatePart(expr))
		}
		s = s[i+j+len(phClose):]
	}
	return b.String(), dedupe(reasons)
}

// templatePart renders an expression for use inside a template: a quoted template is inlined, anything else
// is interpolated.
func templatePart(expr string) string {
	if len(expr) >= 2 && expr[0] == '"' && expr[len(expr)-1] == '"' {
		return expr[1 : len(expr)-1]
	}
	return "${" + expr + "}"
}

// exprText is the text an Unknown value shows for an expression's source: a one-line quoted template loses
// its quotes ("${var.env}-logs" shows as ${var.env}-logs), anything else is shown as written.
func exprText(src string) string {
	if len(src) >= 2 && src[0] == '"' && src[len(src)-1] == '"' && !strings.Contains(src, "\n") {
		return src[1 : len(src)-1]
	}
	return src
}

// dedupe sorts ss and removes repeats.
func dedupe(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	sort.Strings(ss)
	out := ss[:1]
	for _, s := range ss[1:] {
		if s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	return out
}

// sortedCopy returns a sorted copy of ss.
func sortedCopy(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	return out
}
