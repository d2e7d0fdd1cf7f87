package reach

import (
	"sort"
	"strconv"
	"strings"
)

// ref is the first reference found to one symbol.
type ref struct {
	symbol string
	file   string
	line   int
	typed  bool // the receiver's declared type is the vulnerable type (or the symbol is a function)
}

// decide answers one query from the module's index.
func (m *module) decide(q Query) Decision {
	d := Decision{Query: q}
	var imps []Evidence
	var refs []ref
	blankOnly := true
	for _, f := range m.importer[q.Package] {
		for i, imp := range f.imports {
			if imp.path != q.Package {
				continue
			}
			imps = append(imps, Evidence{File: f.path, Line: imp.line, What: "import"})
			if !imp.blank {
				blankOnly = false
				refs = append(refs, f.refs(imp, f.names[i], q.Symbols)...)
			}
		}
	}
	if len(imps) == 0 {
		d.Status = Unknown
		d.Reason = q.Package + " is not imported by the module's own non-test code; it may still be reached " +
			"through another dependency, whose sources Seam does not have"
		if len(m.failed) > 0 {
			d.Reason = q.Package + " is not imported by the module's own code that parsed, but " + m.failedText()
		}
		return d
	}
	d.Evidence = imps[:1]
	imported := q.Package + " is imported at " + at(imps[0])
	if len(q.Symbols) == 0 {
		d.Status = Reachable
		d.Reason = imported + " and the whole package is vulnerable"
		return d
	}
	if len(refs) == 0 {
		looked := strings.Join(sortedCopy(q.Symbols), ", ")
		switch {
		case len(m.failed) > 0:
			d.Status = Unknown
			d.Reason = imported + ", none of its vulnerable symbols (" + looked + ") is referenced in the files " +
				"that parsed, but " + m.failedText()
		case blankOnly:
			d.Status = NotReachable
			d.Reason = imported + " only for its side effects (a blank import), so none of its vulnerable " +
				"symbols (" + looked + ") is referenced"
		default:
			d.Status = NotReachable
			d.Reason = imported + " but none of its vulnerable symbols (" + looked + ") is referenced by the " +
				"module's own non-test code"
		}
		return d
	}
	return reachable(d, imported, refs)
}

// reachable fills a Reachable decision from the references found.
func reachable(d Decision, imported string, refs []ref) Decision {
	sort.Slice(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.typed != b.typed {
			return a.typed // a reference Seam is sure of is the better evidence
		}
		if a.file != b.file {
			return a.file < b.file
		}
		if a.line != b.line {
			return a.line < b.line
		}
		return a.symbol < b.symbol
	})
	seen := map[string]bool{}
	for _, r := range refs {
		if !seen[r.symbol] {
			seen[r.symbol] = true
			d.Symbols = append(d.Symbols, r.symbol)
		}
	}
	sort.Strings(d.Symbols)
	top := refs[0]
	ev := Evidence{File: top.file, Line: top.line, What: top.symbol}
	d.Status = Reachable
	d.Evidence = append(d.Evidence, ev)
	d.Reason = imported + " and its vulnerable symbol " + top.symbol + " is referenced at " + at(ev)
	if len(d.Symbols) > 1 {
		d.Reason = imported + " and its vulnerable symbols " + strings.Join(d.Symbols, ", ") +
			" are referenced, first " + top.symbol + " at " + at(ev)
	}
	if !top.typed {
		method := top.symbol[strings.LastIndexByte(top.symbol, '.')+1:]
		d.Reason += " (a selector ." + method + " on a value whose type Seam cannot tell without the dependency's " +
			"sources, counted as reachable)"
	}
	return d
}

// refs finds, in one file, the first reference to each symbol through the import imp.
func (f *fileIndex) refs(imp importRef, names, symbols []string) []ref {
	if imp.dot {
		names = nil
	}
	var out []ref
	for _, sym := range symbols {
		if r, ok := f.symbolRef(imp, names, sym); ok {
			out = append(out, r)
		}
	}
	return out
}

// symbolRef finds the first reference to one symbol ("Func" or "Type.Method") in the file.
func (f *fileIndex) symbolRef(imp importRef, names []string, sym string) (ref, bool) {
	best := ref{symbol: sym, file: f.path}
	found := false
	keep := func(l int, typed bool) {
		if !found || (typed && !best.typed) || (typed == best.typed && l < best.line) {
			best.line, best.typed, found = l, typed, true
		}
	}
	norm := normalSymbol(sym)
	typ, method, isMethod := strings.Cut(norm, ".")
	if imp.dot && !isMethod {
		if l, ok := f.bare[norm]; ok {
			keep(l, true)
		}
	}
	for _, n := range names {
		if l, ok := f.sels[selKey{n, norm}]; ok {
			keep(l, true)
		}
	}
	if !isMethod {
		return best, found
	}
	targets := map[string]bool{}
	for _, n := range names {
		targets[n+"."+typ] = true
	}
	if imp.dot {
		targets[typ] = true
	}
	for recv, l := range f.methods[method] {
		if typed, ok := f.receiverMatches(recv, targets); ok {
			keep(l, typed)
		}
	}
	return best, found
}

// receiverMatches says whether a selector's receiver may be of a target type: typed when the file declares
// it with that type, untyped when its type is not known, no match when it is declared otherwise or is
// itself an import's name.
func (f *fileIndex) receiverMatches(recv string, targets map[string]bool) (typed, ok bool) {
	if recv == "" {
		return false, true
	}
	if f.pkgNames[recv] && f.declared[recv] == nil {
		return false, false
	}
	types, declared := f.declared[recv]
	if !declared {
		return false, true
	}
	for t := range types {
		if targets[t] {
			return true, true
		}
	}
	return false, types[""]
}

// normalSymbol turns a receiver written as (*T).M or *T.M into OSV's T.M.
func normalSymbol(s string) string {
	s = strings.TrimPrefix(s, "(")
	s = strings.TrimPrefix(s, "*")
	return strings.Replace(s, ").", ".", 1)
}

func (m *module) failedText() string {
	n := len(m.failed)
	word := "files"
	if n == 1 {
		word = "file"
	}
	return strconv.Itoa(n) + " " + word + " failed to parse (" + m.failed[0] + ")"
}

func at(e Evidence) string { return e.File + ":" + strconv.Itoa(e.Line) }

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
