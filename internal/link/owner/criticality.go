package owner

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/catalog"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// CriticalityKey is the derived property the criticality builder sets: {tier, rank, from, from_source, via}.
const CriticalityKey = "criticality"

// Criticality is the business-criticality builder: a tier declared on a business service (seam.yaml tier,
// Backstage System tier or criticality), a Backstage Component or Resource flows to every node that is part
// of it, and from them to what supports them:
//
//   - uses-identity, runs-on, connects-to, reads-secret and mounts, forwards (the identities a member uses,
//     the node groups it runs on, the data stores and secrets it uses);
//   - can, forwards, when the access includes read, write or admin, or is not known (never silently safe);
//   - routes-to, backwards (the Services, Ingresses and load balancers that route to a member);
//   - depends-on made by the Backstage catalog (a Component's dependsOn), forwards; Terraform's depends_on
//     orders creation and says nothing about support, so it is not followed.
//
// The most critical tier wins (tier-1 over tier-2); among sources of one tier, the shortest chain, then the
// source first by ID. The derived value's via lists the chain as edge keys, from the source to the node. A
// business service declared in both seam.yaml and Backstage takes seam.yaml's tier (its tier_rank).
type Criticality struct{}

// NewCriticality returns the criticality builder.
func NewCriticality() *Criticality { return &Criticality{} }

var _ link.Builder = (*Criticality)(nil)

// Name returns "criticality".
func (*Criticality) Name() string { return "criticality" }

// Describe says what the builder derives.
func (*Criticality) Describe() string {
	return "business criticality from the tiers of business services and Backstage entities to their members and the infrastructure that supports them"
}

// Inputs lists what the builder reads.
func (*Criticality) Inputs() []string {
	return []string{
		"tier and tier_rank of business services (seam.yaml, Backstage)", "tier of Backstage Components and Resources",
		"part-of edges", "edges uses-identity, runs-on, connects-to, reads-secret, mounts, can (access), routes-to, depends-on (Backstage)",
	}
}

// tierSource is a node that declares a tier.
type tierSource struct {
	node   *model.Node
	rank   int
	source string // seam.yaml or backstage
	prov   model.Provenance
}

// hop is one edge of a chain, linked back towards the source.
type hop struct {
	key  string
	prev *hop
}

// visit is a node reached by the flow: as a member (through part-of) or as support.
type visit struct {
	id     string
	member bool
	src    *tierSource
	chain  *hop
}

// Build derives the criticality of every node a tier reaches.
func (c *Criticality) Build(ctx context.Context, in *link.Input) (model.Facts, error) {
	g := in.Graph
	sources := tierSources(g)
	assigned := map[string]bool{}
	var out model.Facts
	for rank := 1; rank <= 4; rank++ {
		if err := ctx.Err(); err != nil {
			return model.Facts{}, err
		}
		var queue []visit
		member, support := map[string]bool{}, map[string]bool{}
		reach := func(id string, m bool, src *tierSource, chain *hop) {
			if member[id] || (!m && support[id]) {
				return
			}
			support[id] = true
			member[id] = member[id] || m
			n, ok := g.Node(id)
			if !ok || !receives(n) {
				return
			}
			if !assigned[id] {
				assigned[id] = true
				out.Derived = append(out.Derived, link.NewDerived(c, id, CriticalityKey, value(src, chain),
					model.EvidenceAt(src.prov, "tier "+tierName(src.rank))))
			}
			queue = append(queue, visit{id: id, member: m, src: src, chain: chain})
		}
		for i := range sources {
			if sources[i].rank == rank {
				reach(sources[i].node.ID, true, &sources[i], nil)
			}
		}
		for head := 0; head < len(queue); head++ {
			v := queue[head]
			for _, e := range g.In(v.id) {
				switch {
				case e.Kind == model.EdgePartOf && v.member:
					reach(e.From, true, v.src, &hop{e.Key(), v.chain})
				case e.Kind == model.EdgeRoutesTo:
					reach(e.From, false, v.src, &hop{e.Key(), v.chain})
				}
			}
			for _, e := range g.Out(v.id) {
				if supportsForward(e) {
					reach(e.To, false, v.src, &hop{e.Key(), v.chain})
				}
			}
		}
	}
	sort.SliceStable(out.Derived, func(i, j int) bool { return out.Derived[i].Node < out.Derived[j].Node })
	return out, nil
}

// value renders a criticality: the tier, its rank, the source and the chain from it.
func value(src *tierSource, chain *hop) map[string]any {
	var keys []string
	for h := chain; h != nil; h = h.prev {
		keys = append(keys, h.key)
	}
	via := make([]any, len(keys))
	for i, k := range keys {
		via[len(keys)-1-i] = k
	}
	return map[string]any{"tier": tierName(src.rank), "rank": src.rank, "from": src.node.ID,
		"from_source": src.source, "via": via}
}

// receives reports whether a node can be given a criticality: application and infrastructure nodes, and
// business services (a System inherits its Domain's tier).
func receives(n *model.Node) bool {
	l := n.Kind.Layer()
	return l == model.LayerApplication || l == model.LayerInfrastructure || n.Kind == model.KindBusinessService
}

// supportsForward reports whether an edge leads from a member (or a supporter) to something that supports it.
func supportsForward(e *model.Edge) bool {
	switch e.Kind {
	case model.EdgeUsesIdentity, model.EdgeRunsOn, model.EdgeConnectsTo, model.EdgeReadsSecret, model.EdgeMounts:
		return true
	case model.EdgeCan:
		return dataAccess(e.Attrs["access"])
	case model.EdgeDependsOn:
		return e.Prov.Extractor == catalog.Name
	}
	return false
}

// dataAccess reports whether a can edge's access levels include read, write or admin; an access list Seam
// does not have counts as access.
func dataAccess(v any) bool {
	levels := link.Strings(v)
	if v == nil {
		return true
	}
	for _, l := range levels {
		if l == "read" || l == "write" || l == "admin" {
			return true
		}
	}
	return false
}

// tierSources returns the nodes that declare a tier, sorted by ID: business services, Backstage Components
// and Resources with a tier-1 … tier-4 (seam.yaml's tier_rank first).
func tierSources(g *graph.Graph) []tierSource {
	var out []tierSource
	for _, n := range g.Nodes() {
		if n.Attrs["tier"] == nil && n.Attrs["tier_rank"] == nil {
			continue
		}
		if p, ok := seamProv(n); ok && rankOf(n.Attrs["tier_rank"]) > 0 {
			out = append(out, tierSource{node: n, rank: rankOf(n.Attrs["tier_rank"]), source: SourceSeam, prov: p})
			continue
		}
		if n.Prov.Extractor != catalog.Name {
			continue // a Terraform tag or another attribute named tier is not a business tier
		}
		if s, ok := n.Attrs["tier"].(string); ok {
			if r := rankOf(strings.TrimPrefix(s, "tier-")); r > 0 {
				out = append(out, tierSource{node: n, rank: r, source: SourceBackstage, prov: n.Prov})
			}
		}
	}
	return out
}

// rankOf reads a rank 1..4 from an int, a float64 (JSON) or a digit string; 0 otherwise.
func rankOf(v any) int {
	r := 0
	switch x := v.(type) {
	case int:
		r = x
	case float64:
		r = int(x)
	case string:
		r, _ = strconv.Atoi(x)
	}
	if r < 1 || r > 4 {
		return 0
	}
	return r
}

func tierName(rank int) string { return fmt.Sprintf("tier-%d", rank) }
