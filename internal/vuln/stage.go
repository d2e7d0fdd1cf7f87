package vuln

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/vuln/cvss"
	"github.com/seam-sec/seam/internal/vuln/feeds"
	"github.com/seam-sec/seam/internal/vuln/reach"
)

// StageName is the provenance extractor of what the vulnerability stage makes.
const StageName = "vuln"

// StageOptions are what the vulnerability stage reads besides the graph. Every field may be nil.
type StageOptions struct {
	DB   *DB         // the OSV database; nil: only imported findings
	KEV  *feeds.KEV  // CISA's Known Exploited Vulnerabilities
	EPSS *feeds.EPSS // FIRST's EPSS scores
	// FS is the scanned repository, for Go reachability; nil skips it (reachability stays unknown).
	FS fs.FS
	// InRoot, when the database is a directory of OSV JSON inside the scanned repository, is its path
	// relative to the root: advisories then have their real file as provenance. Otherwise an advisory's file
	// is "osv:<path inside the export>".
	InRoot string
}

// Stage puts known vulnerabilities on the graph: it matches every package with a version against the
// database, joins what imported reports say (vulnerability nodes with "affects"), and makes one affected-by
// edge per (package, vulnerability) with the installed and fixed versions, the sources, KEV and EPSS, Go
// reachability and the VEX statement that applies. Vulnerability nodes get their foothold classes, CVSS scores
// (rescored from the vectors) and severity. It returns facts for graph.Extend; it does not change g.
func Stage(ctx context.Context, g *graph.Graph, opt StageOptions) model.Facts {
	s := &stage{g: g, opt: opt, nodes: map[string]*model.Node{}, edges: map[[2]string]*finding{}}
	if opt.DB != nil {
		s.matchDB()
	}
	s.imported()
	if err := ctx.Err(); err != nil {
		return s.facts
	}
	s.finish(ctx)
	return s.facts
}

// finding is one (package, vulnerability) pair on its way to an affected-by edge.
type finding struct {
	pkg     *model.Node
	vuln    string // vulnerability node ID
	sources map[string]bool
	attrs   map[string]any
	imports []GoImport
}

type stage struct {
	g     *graph.Graph
	opt   StageOptions
	nodes map[string]*model.Node // vulnerability nodes to add or complete, by ID
	edges map[[2]string]*finding
	facts model.Facts
}

// matchDB matches the graph's packages against the database.
func (s *stage) matchDB() {
	var pkgs []Package
	for _, n := range s.g.NodesOfKind(model.KindPackage) {
		purl, _ := n.Attrs["purl"].(string)
		if _, unknown := model.IsUnknown(n.Attrs["version"]); unknown || purl == "" {
			continue
		}
		p, ok := PackageFromPURL(purl)
		if !ok || p.Version == "" {
			continue
		}
		p.ID = n.ID
		pkgs = append(pkgs, p)
	}
	matches, diags := s.opt.DB.Match(pkgs)
	for _, d := range diags {
		if n, _ := s.g.Node(d.File); n != nil { // match diagnostics name the package: point at its lockfile
			d.File, d.Line = n.Prov.File, n.Prov.Line
		}
		s.facts.Diagnostics = append(s.facts.Diagnostics, d)
	}
	for _, m := range matches {
		pkg, _ := s.g.Node(m.Package.ID)
		if pkg == nil {
			continue
		}
		v := m.Vulnerability
		id := model.VulnerabilityID(append([]string{v.ID}, v.Aliases...)...)
		if _, ok := s.nodes[id]; !ok && !s.has(id) {
			s.nodes[id] = dbNode(id, m, s.opt.InRoot)
		}
		f := s.finding(pkg, id)
		f.sources["osv-db"] = true
		f.attrs["installed"] = m.Package.Version
		setString(f.attrs, "range", m.Range)
		setString(f.attrs, "fixed", m.Fixed)
		setString(f.attrs, "advisory", m.AdvisoryID)
		f.imports = append(f.imports, m.Imports...)
	}
}

// dbNode is the vulnerability node of a database match.
func dbNode(id string, m Match, inRoot string) *model.Node {
	v := m.Vulnerability
	attrs := map[string]any{"aliases": toAny(v.Aliases)}
	setString(attrs, "summary", v.Summary)
	if len(v.CWEs) > 0 {
		attrs["cwes"] = toAny(v.CWEs)
	}
	if len(v.References) > 0 {
		attrs["references"] = toAny(v.References)
	}
	if !v.Published.IsZero() {
		attrs["published"] = v.Published.UTC().Format("2006-01-02")
	}
	if !v.Modified.IsZero() {
		attrs["modified"] = v.Modified.UTC().Format("2006-01-02")
	}
	var scores []any
	for _, sv := range v.Severity {
		scores = append(scores, map[string]any{"type": sv.Type, "vector": sv.Score})
	}
	if len(scores) > 0 {
		attrs["cvss"] = scores
	}
	if v.DatabaseSeverity != "" {
		attrs["database_specific_severity"] = strings.ToLower(v.DatabaseSeverity)
	}
	src := m.Source
	if src == "" {
		src = m.AdvisoryID + ".json"
	}
	file := "osv:" + src
	if inRoot != "" {
		file = path.Join(inRoot, src)
	}
	return &model.Node{ID: id, Kind: model.KindVulnerability, Type: "osv", Name: strings.TrimPrefix(id, "vuln:"),
		Attrs: attrs, Prov: model.Provenance{File: file, Line: 1, Extractor: StageName}}
}

// imported turns the "affects" of imported vulnerability nodes into findings.
func (s *stage) imported() {
	for _, v := range s.g.NodesOfKind(model.KindVulnerability) {
		affects, _ := v.Attrs["affects"].([]any)
		for _, a := range affects {
			m, _ := a.(map[string]any)
			id, _ := m["package"].(string)
			pkg, _ := s.g.Node(id)
			if pkg == nil {
				continue
			}
			f := s.finding(pkg, v.ID)
			src, _ := m["source"].(string)
			if src == "" {
				src = v.Type
			}
			f.sources[src] = true
			for _, k := range []string{"installed", "fixed"} {
				if str, _ := m[k].(string); str != "" {
					if _, set := f.attrs[k]; !set {
						f.attrs[k] = str
					}
				}
			}
		}
	}
}

func (s *stage) finding(pkg *model.Node, vuln string) *finding {
	k := [2]string{pkg.ID, vuln}
	f := s.edges[k]
	if f == nil {
		f = &finding{pkg: pkg, vuln: vuln, sources: map[string]bool{}, attrs: map[string]any{}}
		s.edges[k] = f
	}
	return f
}

// finish completes the vulnerability nodes and makes the edges, in a fixed order.
func (s *stage) finish(ctx context.Context) {
	ids := map[string]bool{}
	for _, f := range s.edges {
		ids[f.vuln] = true
	}
	for _, id := range sortedKeys(ids) {
		n := s.nodes[id]
		if n == nil { // an imported node: complete it with a definition at the same place
			cur, _ := s.g.Node(id)
			if cur == nil {
				continue
			}
			n = &model.Node{ID: id, Kind: cur.Kind, Type: cur.Type, Name: cur.Name, Prov: cur.Prov, Attrs: map[string]any{}}
			complete(n, cur.Attrs)
		} else {
			complete(n, n.Attrs)
		}
		s.feeds(n)
		s.nodes[id] = n
		s.facts.Nodes = append(s.facts.Nodes, *n)
	}
	r := newReacher(s.g, s.opt.FS)
	vex := vexIndex(s.g)
	keys := make([][2]string, 0, len(s.edges))
	for k := range s.edges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		if ctx.Err() != nil {
			return
		}
		f := s.edges[k]
		v := s.nodes[f.vuln]
		f.attrs["sources"] = toAny(sortedKeys(f.sources))
		for _, key := range []string{"kev", "epss", "epss_percentile"} {
			if val, ok := v.Attrs[key]; ok {
				f.attrs[key] = val
			}
		}
		if len(f.imports) > 0 {
			r.decide(ctx, f)
		}
		vex.apply(s.g, f, v)
		if _, ok := f.attrs["installed"]; !ok {
			if ver, _ := f.pkg.Attrs["version"].(string); ver != "" {
				f.attrs["installed"] = ver
			}
		}
		s.facts.Edges = append(s.facts.Edges, model.Edge{From: f.pkg.ID, To: f.vuln, Kind: model.EdgeAffectedBy,
			Attrs: f.attrs, Prov: model.Provenance{File: f.pkg.Prov.File, Line: f.pkg.Prov.Line, Extractor: StageName}})
	}
	s.facts.Diagnostics = append(s.facts.Diagnostics, r.diags...)
}

// complete fills a vulnerability node's scores, severity and foothold classes from attrs (its own, or the
// imported node's when n is a completing definition).
func complete(n *model.Node, attrs map[string]any) {
	var scored []any
	best := -1.0
	list, _ := attrs["cvss"].([]any)
	for _, e := range list {
		m, _ := e.(map[string]any)
		vec, _ := m["vector"].(string)
		cv, err := cvss.Parse(vec)
		if err != nil {
			continue
		}
		score := cv.Score()
		scored = append(scored, map[string]any{"version": cv.Version(), "vector": cv.String(), "score": score})
		if score > best {
			best = score
		}
	}
	if len(scored) > 0 {
		if _, ok := attrs["score"]; !ok || n.Attrs["cvss"] != nil {
			n.Attrs["score"] = best
		}
		if n.Attrs["cvss"] != nil { // a database node: its vectors are now scored
			n.Attrs["cvss"] = scored
		}
	}
	if _, ok := attrs["severity"]; !ok {
		switch {
		case best >= 0:
			n.Attrs["severity"] = cvss.Rating(best)
		case attrs["database_specific_severity"] != nil:
			n.Attrs["severity"] = normalSeverity(fmt.Sprint(attrs["database_specific_severity"]))
		default:
			n.Attrs["severity"] = "unknown"
		}
	}
	summary, _ := attrs["summary"].(string)
	details, _ := attrs["details"].(string)
	classes, reasons := Classify(link.Strings(attrs["cwes"]), summary+"\n"+details)
	if len(classes) > 0 {
		n.Attrs["classes"] = toAny(classes)
		why := map[string]any{}
		for k, v := range reasons {
			why[k] = v
		}
		n.Attrs["class_reasons"] = why
	}
}

func normalSeverity(s string) string {
	switch s = strings.ToLower(s); s {
	case "critical", "high", "medium", "low", "none":
		return s
	case "moderate":
		return "medium"
	}
	return "unknown"
}

// feeds sets kev and epss on a vulnerability node from any CVE alias.
func (s *stage) feeds(n *model.Node) {
	for _, c := range idsOf(n) { // sorted, so the result does not depend on alias order
		if !strings.HasPrefix(c, "CVE-") {
			continue
		}
		if s.opt.KEV != nil {
			if e, ok := s.opt.KEV.Lookup(c); ok {
				n.Attrs["kev"] = true
				n.Attrs["kev_date_added"] = e.DateAdded
			}
		}
		if s.opt.EPSS != nil {
			if e, ok := s.opt.EPSS.Lookup(c); ok {
				if cur, _ := n.Attrs["epss"].(float64); e.Probability > cur {
					n.Attrs["epss"] = e.Probability
					if e.Percentile >= 0 {
						n.Attrs["epss_percentile"] = e.Percentile
					}
				}
			}
		}
	}
}

// reacher runs Go reachability for the Go modules that pin affected packages.
type reacher struct {
	g     *graph.Graph
	a     *reach.Analyzer
	diags []model.Diagnostic
}

func newReacher(g *graph.Graph, fsys fs.FS) *reacher {
	r := &reacher{g: g}
	if fsys != nil {
		r.a = reach.New(fsys)
	}
	return r
}

// decide sets reachable, reachability and symbols on a Go finding from the modules whose go.mod pins it.
func (r *reacher) decide(ctx context.Context, f *finding) {
	if r.a == nil {
		f.attrs["reachability"] = "the source was not analysed"
		return
	}
	var queries []reach.Query
	for _, im := range f.imports {
		queries = append(queries, reach.Query{Package: im.Path, Symbols: im.Symbols})
	}
	var reasons, symbols []string
	status := reach.NotReachable
	seen := false
	for _, e := range r.g.In(f.pkg.ID) {
		m, _ := r.g.Node(e.From)
		if e.Kind != model.EdgeContains || m == nil || m.Kind != model.KindModule || path.Base(m.Prov.File) != "go.mod" {
			continue
		}
		ds, err := r.a.Check(ctx, path.Dir(m.Prov.File), queries)
		if err != nil {
			r.diags = append(r.diags, model.Diagnostic{File: m.Prov.File, Line: 1, Severity: model.SeverityWarning,
				Extractor: StageName, Message: "reachability not analysed: " + err.Error()})
			status = reach.Unknown
			continue
		}
		seen = true
		for _, d := range ds {
			reasons = append(reasons, d.Reason)
			symbols = append(symbols, d.Symbols...)
			switch {
			case d.Status == reach.Reachable:
				status = reach.Reachable
			case d.Status == reach.Unknown && status != reach.Reachable:
				status = reach.Unknown
			}
		}
	}
	if !seen {
		f.attrs["reachability"] = "no Go module in the scan pins the package"
		return
	}
	f.attrs["reachability"] = strings.Join(reasons, "; ")
	switch status {
	case reach.Reachable:
		f.attrs["reachable"] = true
	case reach.NotReachable:
		f.attrs["reachable"] = false
	}
	if len(symbols) > 0 {
		f.attrs["symbols"] = toAny(sortedUnique(symbols))
	}
}

func setString(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (s *stage) has(id string) bool { _, ok := s.g.Node(id); return ok }

// idsOf returns every ID of a vulnerability node, sorted and without repeats: its aliases and its primary ID.
func idsOf(n *model.Node) []string {
	return sortedUnique(append(append([]string(nil), link.Strings(n.Attrs["aliases"])...), strings.TrimPrefix(n.ID, "vuln:")))
}
