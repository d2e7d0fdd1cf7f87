package vuln

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// vexStatements indexes the graph's VEX statements (config nodes of type vex-statement, from the CycloneDX and
// OpenVEX importers) by vulnerability ID.
type vexStatements map[string][]*model.Node

func vexIndex(g *graph.Graph) vexStatements {
	ix := vexStatements{}
	for _, n := range g.NodesOfKind(model.KindConfig) {
		if n.Type != "vex-statement" {
			continue
		}
		ids := append([]string(nil), link.Strings(n.Attrs["ids"])...)
		if v, _ := n.Attrs["vulnerability"].(string); v != "" {
			ids = append(ids, v)
		}
		for _, id := range sortedUnique(ids) {
			ix[id] = append(ix[id], n)
		}
	}
	return ix
}

// apply sets the VEX status of a finding from the statement about its vulnerability whose product is the
// package (by PURL, with or without version) or an image that contains it. Of several statements, the one
// from the latest timestamp wins, then the last by file and line — a later statement supersedes.
func (ix vexStatements) apply(g *graph.Graph, f *finding, v *model.Node) {
	var best *model.Node
	for _, id := range idsOf(v) {
		for _, st := range ix[id] {
			if !statementCovers(g, st, f.pkg) {
				continue
			}
			if best == nil || later(st, best) {
				best = st
			}
		}
	}
	if best == nil {
		return
	}
	status, _ := best.Attrs["status"].(string)
	f.attrs["vex_status"] = status
	if j, _ := best.Attrs["justification"].(string); j != "" {
		f.attrs["vex_justification"] = j
	}
	if is, _ := best.Attrs["impact_statement"].(string); is != "" {
		f.attrs["vex_impact"] = is
	}
	f.attrs["vex_statement"] = fmt.Sprintf("%s:%d", best.Prov.File, best.Prov.Line)
}

func later(a, b *model.Node) bool {
	ta, _ := a.Attrs["timestamp"].(string)
	tb, _ := b.Attrs["timestamp"].(string)
	if ta != tb {
		return ta > tb
	}
	return b.Prov.Less(a.Prov)
}

// statementCovers reports whether a statement's products name the package, or an image that contains it
// (directly or through a lockfile) when the statement lists no subcomponents or lists the package.
func statementCovers(g *graph.Graph, st, pkg *model.Node) bool {
	subs := link.Strings(st.Attrs["subcomponents"])
	for _, p := range link.Strings(st.Attrs["products"]) {
		if purlMatches(p, pkg.ID) {
			return true
		}
		img, _ := g.Node(model.ImageID(p))
		if img == nil || img.Kind != model.KindImage || !imageContains(g, img.ID, pkg.ID) {
			continue
		}
		if len(subs) == 0 {
			return true
		}
		for _, s := range subs {
			if purlMatches(s, pkg.ID) {
				return true
			}
		}
	}
	return false
}

// purlMatches compares a statement's product with a package ID (a PURL): equal without qualifiers, or the
// product has no version and names the same package.
func purlMatches(product, pkgID string) bool {
	if !strings.HasPrefix(product, "pkg:") {
		return false
	}
	strip := func(s string) string {
		if i := strings.IndexAny(s, "?#"); i >= 0 {
			s = s[:i]
		}
		return s
	}
	product, pkgID = strip(product), strip(pkgID)
	if product == pkgID {
		return true
	}
	if at := strings.LastIndex(pkgID, "@"); at > 0 && !strings.Contains(product[strings.LastIndex(product, "/")+1:], "@") {
		return strings.EqualFold(product, pkgID[:at])
	}
	return false
}

func imageContains(g *graph.Graph, img, pkg string) bool {
	for _, e := range g.Out(img) {
		if e.Kind != model.EdgeContains {
			continue
		}
		if e.To == pkg {
			return true
		}
		for _, e2 := range g.Out(e.To) {
			if e2.Kind == model.EdgeContains && e2.To == pkg {
				return true
			}
		}
	}
	return false
}
