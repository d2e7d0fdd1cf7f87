package lockfile

import (
	"net/url"
	"sort"
	"strings"

	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem/language/python/requirements"
	"github.com/google/osv-scalibr/purl"

	"github.com/seam-sec/seam/internal/model"
)

// entry is one package of one lockfile after deduplication by ID.
type entry struct {
	id       string
	node     model.Node
	edgeProv model.Provenance
	direct   answer
	dev      answer
	scopes   []string
	via      string // the included requirements file the package came through
	unknown  string // what the file says instead of a pinned version
	// unknownWhy says why the version is unknown.
	unknownWhy string
}

// buildFacts turns scalibr's packages and Seam's notes for one lockfile into a module node, package nodes,
// contains edges, assumptions for unpinned versions, and a diagnostic when scalibr reported an error.
func buildFacts(src source, p *plugin, notes formatNotes, pkgs []*extractor.Package, runErr error) model.Facts {
	var out model.Facts
	lines := newLineIndex(src.content)
	byID := map[string]*entry{}
	if notes.missing != nil && runErr == nil {
		pkgs = append(pkgs, notes.missing(pkgs)...)
	}
	for _, pkg := range pkgs {
		if pkg == nil {
			continue
		}
		var n pkgNote
		if notes.note != nil {
			n = notes.note(pkg)
		}
		if n.skip {
			continue
		}
		e, ok := newEntry(src, pkg, n, lines)
		if !ok {
			out.Diagnostics = append(out.Diagnostics, model.Diagnostic{File: src.path, Line: e.edgeProv.Line,
				Severity: model.SeverityWarning, Extractor: Name,
				Message: "package " + pkg.Name + " has no package URL type; left out"})
			continue
		}
		if old, dup := byID[e.id]; dup {
			old.mergeWith(e)
			continue
		}
		byID[e.id] = e
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	modID := model.FileNodeID(model.KindModule, src.path)
	direct := 0
	for _, id := range ids {
		e := byID[id]
		out.Nodes = append(out.Nodes, e.node)
		out.Edges = append(out.Edges, e.edge(modID))
		if e.direct == yes {
			direct++
		}
		if e.unknown != "" {
			out.Assumptions = append(out.Assumptions, unpinnedAssumption(e))
		}
	}
	out.Nodes = append([]model.Node{moduleNode(src, p, notes, len(ids), direct, runErr)}, out.Nodes...)
	out.Diagnostics = append(out.Diagnostics, fileDiagnostics(src, p, notes, runErr, lines)...)
	return out
}

// fileDiagnostics reports scalibr's parse error (with the line it points at, when it says) and a file Seam
// chose not to read.
func fileDiagnostics(src source, p *plugin, notes formatNotes, runErr error, lines *lineIndex) []model.Diagnostic {
	var out []model.Diagnostic
	if runErr != nil {
		out = append(out, model.Diagnostic{File: src.path, Line: errorLine(runErr, lines),
			Severity: model.SeverityError, Extractor: Name,
			Message: "cannot parse " + p.format + ": " + runErr.Error() + " (osv-scalibr " + p.ex.Name() + ")"})
	}
	if notes.skipReason != "" {
		out = append(out, model.Diagnostic{File: src.path, Line: 1,
			Severity: model.SeverityInfo, Extractor: Name, Message: notes.skipReason})
	}
	return out
}

// moduleNode is the node that stands for the lockfile itself.
func moduleNode(src source, p *plugin, notes formatNotes, count, direct int, runErr error) model.Node {
	attrs := map[string]any{"ecosystem": p.ecosystem, "package_count": count}
	if notes.tellsDirect && runErr == nil {
		attrs["direct_count"] = direct
	}
	for k, v := range notes.attrs {
		attrs[k] = v
	}
	if runErr != nil {
		attrs["incomplete"] = true // the parser stopped: the packages listed may not be all of them
	}
	typ := notes.typ
	if typ == "" {
		typ = p.format
	}
	return model.Node{
		ID: model.FileNodeID(model.KindModule, src.path), Kind: model.KindModule, Type: typ, Name: src.path,
		Attrs: attrs, Prov: model.Provenance{File: src.path, Line: 1, Extractor: Name},
	}
}

// newEntry builds the package node and edge facts for one scalibr package. It reports false when scalibr
// gave the package no PURL type (no plugin wrapped here does that).
func newEntry(src source, pkg *extractor.Package, n pkgNote, lines *lineIndex) (*entry, bool) {
	e := &entry{direct: n.direct, dev: n.dev}
	if n.scope != "" {
		e.scopes = []string{n.scope}
	}
	e.edgeProv, e.node.Prov, e.via = provenances(src, pkg, n, lines)
	if expr, why := unpinned(pkg, n); expr != "" {
		e.unknown, e.unknownWhy = expr, why
		cp := *pkg
		cp.Version = ""
		pkg = &cp
	}
	u := pkg.PURL()
	if u == nil {
		return e, false
	}
	if u.Type == "npm" {
		u.Qualifiers = dropQualifier(u.Qualifiers, "source")
	}
	purl := u.String()
	e.id = model.PackageID(purl)
	eco := pkg.Ecosystem().String()
	var version any = pkg.Version
	if e.unknown != "" {
		version = model.Unknown(e.unknown)
	}
	attrs := map[string]any{"ecosystem": eco, "name": pkg.Name, "version": version, "purl": purl}
	if sc := pkg.SourceCode; sc != nil {
		if sc.Commit != "" {
			attrs["commit"] = sc.Commit
		}
		if sc.Repo != "" {
			attrs["repo"] = withoutUserinfo(sc.Repo)
		}
	}
	e.node.ID, e.node.Kind, e.node.Type, e.node.Name, e.node.Attrs = e.id, model.KindPackage, u.Type, pkg.Name, attrs
	return e, true
}

// unpinned says what a package has instead of a pinned version, and why, or "" when the version is pinned:
// scalibr reports no version (an unpinned requirements line, a POM dependency whose version a parent or BOM
// manages), or a requirements line uses a lower bound (">=", "~=") that scalibr reports as if it were the
// version.
func unpinned(pkg *extractor.Package, n pkgNote) (expr, why string) {
	if m, ok := pkg.Metadata.(*requirements.Metadata); ok {
		if pkg.Version != "" && (m.VersionComparator == "==" || m.VersionComparator == "===") {
			return "", ""
		}
		expr = m.Requirement
		if expr == "" {
			expr = pkg.Name
		}
		return expr, "a requirements line without == pins no version: pip picks one at install time"
	}
	if pkg.Version != "" {
		return "", ""
	}
	if n.versionExpr != "" {
		return n.versionExpr, n.versionWhy
	}
	return pkg.Name, "the file gives no version for this package"
}

// unpinnedAssumption says what Seam does with a package whose version the file does not pin.
func unpinnedAssumption(e *entry) model.Assumption {
	return model.Assumption{
		Subject: e.id, Attribute: "version",
		Reason:  e.unknownWhy + " (" + e.unknown + ")",
		Assumed: "version unknown: the package ID has no version, and any advisory for the package may apply",
		Prov:    e.edgeProv,
	}
}

// provenances returns where the lockfile states the package (for the edge), where the package is pinned (for
// the node: another file for a requirements include or a go.sum entry) and the included file, if any.
func provenances(src source, pkg *extractor.Package, n pkgNote, lines *lineIndex) (edge, node model.Provenance, via string) {
	edge = model.Provenance{File: src.path, Extractor: Name}
	if d := pkg.Location.Descriptor; d != nil && d.File != nil && d.File.Path != "" {
		edge.File, edge.Line = d.File.Path, d.File.LineNumber
	}
	if n.line > 0 {
		edge.Line = n.line
	}
	if edge.File == src.path && edge.Line <= 0 {
		edge.Line = lines.find(pkg.Name, pkg.Version)
	}
	if edge.Line <= 0 {
		edge.Line = 1
	}
	node = edge
	if _, ok := pkg.Metadata.(*requirements.Metadata); !ok {
		return edge, node, ""
	}
	// scalibr keeps a package from an included requirements file with the "-r" line as its descriptor and
	// the line in the included file first among the related locations.
	for _, r := range pkg.Location.Related {
		if r.File != nil && r.File.Path != "" && r.File.Path != edge.File {
			node = model.Provenance{File: r.File.Path, Line: max(r.File.LineNumber, 1), Extractor: Name}
			via = r.File.Path
			break
		}
	}
	return edge, node, via
}

// edge is the module → package contains edge of an entry.
func (e *entry) edge(modID string) model.Edge {
	attrs := map[string]any{}
	if e.direct != unstated {
		attrs["direct"] = e.direct == yes
	}
	if e.dev != unstated {
		attrs["dev"] = e.dev == yes
	}
	if len(e.scopes) > 0 {
		attrs["scope"] = strings.Join(e.scopes, ",")
	}
	if e.via != "" {
		attrs["via"] = e.via
	}
	if len(attrs) == 0 {
		attrs = nil
	}
	return model.Edge{From: modID, To: e.id, Kind: model.EdgeContains, Attrs: attrs, Prov: e.edgeProv}
}

// mergeWith folds a second entry with the same ID into e (a package listed twice: two target frameworks,
// two paths in a node_modules tree). Direct wins over indirect, production over dev, the first line wins.
func (e *entry) mergeWith(o *entry) {
	e.direct = mergeFlag(e.direct, o.direct, yes)
	e.dev = mergeFlag(e.dev, o.dev, no)
	for _, s := range o.scopes {
		if !contains(e.scopes, s) {
			e.scopes = append(e.scopes, s)
		}
	}
	sort.Strings(e.scopes)
	if o.edgeProv.Less(e.edgeProv) {
		e.edgeProv, e.node.Prov, e.via = o.edgeProv, o.node.Prov, o.via
	}
}

// mergeFlag combines two answers to one question: the winning value if either says it, unstated if either
// is unstated, else the other value.
func mergeFlag(a, b, win answer) answer {
	switch {
	case a == win || b == win:
		return win
	case a == unstated || b == unstated:
		return unstated
	default:
		return a
	}
}

// contains reports whether ss holds s.
func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// dropQualifier removes one qualifier from a PURL. scalibr marks npm packages "?source=PUBLIC_REGISTRY"
// (its own qualifier, not a purl-spec one); kept, it would split one package into several IDs depending on
// which lockfile format named it.
func dropQualifier(qs purl.Qualifiers, key string) purl.Qualifiers {
	var out purl.Qualifiers
	for _, q := range qs {
		if q.Key != key {
			out = append(out, q)
		}
	}
	return out
}

// withoutUserinfo drops credentials from a repository URL ("https://token@host/org/repo"): a lockfile may
// carry them and Seam never stores secrets. scalibr already normalises most URLs this way.
func withoutUserinfo(repo string) string {
	u, err := url.Parse(repo)
	if err != nil {
		return "(unparseable repository URL)"
	}
	if u.User == nil {
		return repo
	}
	u.User = nil
	return u.String()
}
