package owner

import (
	"fmt"
	"strings"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// names resolves owner node IDs from any source to the canonical owner node: a seam.yaml owner for the
// aliases it lists, else the owner node itself.
type names struct {
	g     *graph.Graph
	alias map[string]string // owner ID of an alias → owner ID of the seam.yaml owner listing it
}

// newNames reads the aliases of the seam.yaml owners. An alias that is itself a seam.yaml owner stays that
// owner; an alias two owners list goes to the first by owner ID; both are warned about.
func newNames(b link.Builder, g *graph.Graph) (*names, []model.Diagnostic) {
	nm := &names{g: g, alias: map[string]string{}}
	var diags []model.Diagnostic
	declared := map[string]bool{}
	for _, o := range g.NodesOfKind(model.KindOwner) {
		if _, ok := seamProv(o); ok {
			declared[o.ID] = true
		}
	}
	for _, o := range g.NodesOfKind(model.KindOwner) {
		p, ok := seamProv(o)
		if !ok {
			continue
		}
		for _, a := range link.Strings(o.Attrs["aliases"]) {
			id := model.OwnerID(a)
			warn := ""
			switch prev, taken := nm.alias[id]; {
			case id == o.ID:
				continue
			case declared[id]:
				warn = fmt.Sprintf("alias %q of owner %s is an owner of its own in seam.yaml; it stays that owner", a, o.ID)
			case taken && prev != o.ID:
				warn = fmt.Sprintf("alias %q is listed by owners %s and %s; Seam gives it to %s", a, prev, o.ID, prev)
			default:
				nm.alias[id] = o.ID
			}
			if warn != "" {
				diags = append(diags, model.Diagnostic{File: p.File, Line: p.Line, Severity: model.SeverityWarning,
					Extractor: link.Extractor(b), Message: warn})
			}
		}
	}
	return nm, diags
}

// canonical returns the canonical owner ID of an owner ID.
func (nm *names) canonical(id string) string {
	if c, ok := nm.alias[id]; ok {
		return c
	}
	return id
}

// display returns an owner's name for people: the seam.yaml name, else the node's name, else the name in
// its ID.
func (nm *names) display(id string) string {
	if n, ok := nm.g.Node(id); ok {
		if s, ok := n.Attrs["name"].(string); ok && s != "" {
			return s
		}
		if n.Name != "" {
			return n.Name
		}
	}
	return strings.TrimPrefix(id, "owner:")
}

// seamProv returns where seam.yaml declares a node, if it does (a merged node may carry another source's
// provenance first).
func seamProv(n *model.Node) (model.Provenance, bool) {
	if n.Prov.Extractor == config.ExtractorName {
		return n.Prov, true
	}
	for _, p := range n.Also {
		if p.Extractor == config.ExtractorName {
			return p, true
		}
	}
	return model.Provenance{}, false
}
