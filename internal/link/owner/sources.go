package owner

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/extract/catalog"
	"github.com/seam-sec/seam/internal/extract/codeowners"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// The sources a derived owner names.
const (
	SourceSeam       = "seam.yaml"
	SourceBackstage  = "backstage"
	SourceTag        = "tag"
	SourceLabel      = "label"
	SourceCodeowners = "codeowners"
	SourceService    = "service"    // inherited from a service the node is part of
	SourceModule     = "module"     // a package's owner: that of the lockfile module or image containing it
	SourceDockerfile = "dockerfile" // an image built elsewhere: the owner of a Dockerfile that builds from it
	SourceWorkload   = "workload"   // an image built elsewhere: the owner of a workload that runs it
)

// The precedence steps, highest first (see the package comment).
const (
	stepSeamResources = iota + 1
	stepSeamService
	stepSeamPaths
	stepBackstage
	stepTags
	stepCodeowners
	stepInherited
)

var stepNames = map[int]string{
	stepSeamResources: "seam.yaml resources", stepSeamService: "seam.yaml service owners",
	stepSeamPaths: "seam.yaml paths", stepBackstage: "the Backstage catalog", stepTags: "tags and labels",
	stepCodeowners: "CODEOWNERS", stepInherited: "inherited owners",
}

// candidate is one owner a source proposes for a node.
type candidate struct {
	owner   string // canonical owner node ID
	named   string // the owner as the source wrote it
	source  string
	step    int // precedence step; lower wins
	spec    int // specificity within the step (a glob's literal prefix length); higher wins
	order   int // tie-break within a step, before the evidence (tag key order)
	rule    string
	ev      model.Evidence
	coOwner bool // a further owner on the deciding CODEOWNERS line: listed, never chosen
}

// less orders candidates: the winner first, then the rest deterministically.
func less(a, b candidate) bool {
	if a.step != b.step {
		return a.step < b.step
	}
	if a.spec != b.spec {
		return a.spec > b.spec
	}
	if a.order != b.order {
		return a.order < b.order
	}
	if a.ev.File != b.ev.File {
		return a.ev.File < b.ev.File
	}
	if a.ev.Line != b.ev.Line {
		return a.ev.Line < b.ev.Line
	}
	if a.owner != b.owner {
		return a.owner < b.owner
	}
	return a.rule < b.rule
}

// ownerGlob is one resources or paths glob of a seam.yaml owner.
type ownerGlob struct {
	owner  string // owner node ID (canonical: seam.yaml owners are)
	named  string
	glob   string
	prefix string
	prov   model.Provenance
}

// seamGlobs reads the resources and paths globs of the seam.yaml owners.
func seamGlobs(g *graph.Graph) (resources, paths []ownerGlob) {
	for _, o := range g.NodesOfKind(model.KindOwner) {
		p, ok := seamProv(o)
		if !ok {
			continue
		}
		named, _ := o.Attrs["id"].(string)
		for _, gl := range link.Strings(o.Attrs["resources"]) {
			resources = append(resources, ownerGlob{owner: o.ID, named: named, glob: gl, prefix: link.LiteralPrefix(gl), prov: p})
		}
		for _, gl := range link.Strings(o.Attrs["paths"]) {
			paths = append(paths, ownerGlob{owner: o.ID, named: named, glob: gl, prefix: link.LiteralPrefix(gl), prov: p})
		}
	}
	return resources, paths
}

// globCandidates returns the candidates of the globs matching s (a node ID or a file path).
func globCandidates(globs []ownerGlob, s string, step int, what string) []candidate {
	var out []candidate
	for _, og := range globs {
		if !strings.HasPrefix(s, og.prefix) {
			continue
		}
		if ok, _ := doublestar.Match(og.glob, s); !ok {
			continue
		}
		rule := fmt.Sprintf("seam.yaml owner %s %s %q", og.named, what, og.glob)
		out = append(out, candidate{owner: og.owner, named: og.named, source: SourceSeam, step: step,
			spec: len(og.prefix), rule: rule, ev: model.EvidenceAt(og.prov, rule)})
	}
	return out
}

// ownedBy returns the candidates of a node's owned-by edges made by one extractor.
func (r *resolver) ownedBy(n *model.Node, extractor, source string, step int, rule func(e *model.Edge) string) []candidate {
	var out []candidate
	for _, e := range r.g.Out(n.ID) {
		if e.Kind != model.EdgeOwnedBy || e.Prov.Extractor != extractor {
			continue
		}
		named := strings.TrimPrefix(e.To, "owner:")
		if o, ok := r.g.Node(e.To); ok && o.Name != "" {
			named = o.Name
		}
		if ref, ok := entityRef(r.g, e.To); ok {
			named = ref
		}
		text := rule(e)
		out = append(out, candidate{owner: r.names.canonical(e.To), named: named, source: source, step: step,
			rule: text, ev: link.EvidenceOfEdge(e, text)})
	}
	return out
}

// partOf returns the nodes n is part of, of the given kinds, in edge order.
func (r *resolver) partOf(n *model.Node, kinds ...model.NodeKind) []*model.Node {
	var out []*model.Node
	for _, e := range r.g.Out(n.ID) {
		if e.Kind != model.EdgePartOf {
			continue
		}
		if s, ok := r.g.Node(e.To); ok && (len(kinds) == 0 || hasKind(kinds, s.Kind)) {
			out = append(out, s)
		}
	}
	return out
}

func hasKind(ks []model.NodeKind, k model.NodeKind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// seamServices proposes the owners of the seam.yaml services a node is part of, and a business service's own.
func (r *resolver) seamServices(n *model.Node) []candidate {
	var out []candidate
	if n.Kind == model.KindBusinessService {
		out = append(out, r.ownedBy(n, config.ExtractorName, SourceSeam, stepSeamService, func(e *model.Edge) string {
			return fmt.Sprintf("owner of seam.yaml service %s", n.Name)
		})...)
	}
	var via []candidate
	for _, s := range r.partOf(n, model.KindBusinessService) {
		via = append(via, r.ownedBy(s, config.ExtractorName, SourceSeam, stepSeamService, func(e *model.Edge) string {
			return fmt.Sprintf("owner of seam.yaml service %s, which it is part of", s.Name)
		})...)
	}
	return append(out, agreeing(n, via)...)
}

// sharedKinds are the kinds of infrastructure that several services legitimately share: an Ingress or a load
// balancer in front of them, a network, a cluster, its nodes.
var sharedKinds = map[model.NodeKind]bool{model.KindExposure: true, model.KindNetwork: true, model.KindCluster: true,
	model.KindHost: true, model.KindAccount: true, model.KindLogging: true}

// agreeing returns the candidates a node gets from the services it is part of. Shared infrastructure (see
// sharedKinds) that services with different owners share (one Ingress in front of two services) gets none:
// the services abstain and the next source down the precedence decides, without a conflict. Anything else
// claimed by two services with different owners is a conflict, reported.
func agreeing(n *model.Node, cs []candidate) []candidate {
	if !sharedKinds[n.Kind] {
		return cs
	}
	for _, c := range cs[min(1, len(cs)):] {
		if c.owner != cs[0].owner {
			return nil
		}
	}
	return cs
}

// backstage proposes spec.owner of a Backstage entity, and of the Components a node is part of.
func (r *resolver) backstage(n *model.Node) []candidate {
	out := r.ownedBy(n, catalog.Name, SourceBackstage, stepBackstage, func(e *model.Edge) string {
		return "spec.owner of " + refOf(n)
	})
	var via []candidate
	for _, c := range r.partOf(n, model.KindService) {
		if c.Prov.Extractor != catalog.Name {
			continue
		}
		via = append(via, r.ownedBy(c, catalog.Name, SourceBackstage, stepBackstage, func(e *model.Edge) string {
			return fmt.Sprintf("spec.owner of %s, which it is part of", refOf(c))
		})...)
	}
	return append(out, agreeing(n, via)...)
}

// refOf names a Backstage entity by its entity reference, any other node by its ID.
func refOf(n *model.Node) string {
	if s, ok := n.Attrs["entity_ref"].(string); ok {
		return s
	}
	return n.ID
}

func entityRef(g *graph.Graph, id string) (string, bool) {
	n, ok := g.Node(id)
	if !ok {
		return "", false
	}
	s, ok := n.Attrs["entity_ref"].(string)
	return s, ok
}

// ownerKeys are the tag and label keys that name an owner, in tie-break order.
var ownerKeys = map[string]int{"owner": 0, "team": 1, "owner-team": 2}

// tags proposes the owners that owner, team and owner-team tags (Terraform) and labels (Kubernetes) name.
func (r *resolver) tags(n *model.Node) []candidate {
	var out []candidate
	for _, src := range []struct{ attr, source string }{{"tags", SourceTag}, {"labels", SourceLabel}} {
		for _, kv := range pairs(n.Attrs[src.attr]) {
			order, ok := ownerKeys[strings.ReplaceAll(strings.ToLower(kv.key), "_", "-")]
			if !ok {
				continue
			}
			if expr, unknown := model.IsUnknown(kv.value); unknown {
				r.out.Assumptions = append(r.out.Assumptions, model.Assumption{Subject: n.ID,
					Attribute: src.attr + "." + kv.key, Reason: fmt.Sprintf("the %s %s is not known (%s)", src.source, kv.key, expr),
					Assumed: "it names no owner; the other sources decide",
					Prov:    model.Provenance{File: n.Prov.File, Line: n.Prov.Line, Extractor: link.Extractor(r.b)}})
				continue
			}
			v, _ := kv.value.(string)
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			rule := fmt.Sprintf("%s %s=%s", src.source, kv.key, v)
			out = append(out, candidate{owner: r.names.canonical(model.OwnerID(v)), named: v, source: src.source,
				step: stepTags, order: order, rule: rule, ev: link.Evidence(n, rule)})
		}
	}
	return out
}

type pair struct {
	key   string
	value any
}

// pairs reads a tags or labels attribute: a map, or a list of {key, value} objects (aws_autoscaling_group
// tag blocks), sorted by key.
func pairs(v any) []pair {
	var out []pair
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			out = append(out, pair{k, val})
		}
	case map[string]string:
		for k, val := range x {
			out = append(out, pair{k, val})
		}
	case []any:
		for _, item := range x {
			if m, ok := item.(map[string]any); ok {
				if k, ok := m["key"].(string); ok {
					out = append(out, pair{k, m["value"]})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// codeownersFile is the CODEOWNERS file that applies to the repository, with its rules.
type codeownersFile struct {
	path  string
	rules codeowners.Rules
}

// codeownersLocations are the places CODEOWNERS files are read from, in the order a platform picks them:
// GitHub's, then GitLab's own directory.
var codeownersLocations = append(codeowners.GitHubLocations(), ".gitlab/CODEOWNERS")

// findCodeowners picks the CODEOWNERS file that applies and rebuilds its rules from the node's attributes.
func findCodeowners(b link.Builder, g *graph.Graph) (*codeownersFile, []model.Diagnostic) {
	for _, p := range codeownersLocations {
		n, ok := g.Node(model.FileNodeID(model.KindConfig, p))
		if !ok || n.Type != "CODEOWNERS" {
			continue
		}
		rules, err := codeowners.RulesFromAttrs(n.Attrs)
		if err != nil {
			return nil, []model.Diagnostic{{File: p, Line: 1, Severity: model.SeverityWarning, Extractor: link.Extractor(b),
				Message: "CODEOWNERS rules cannot be read back from the graph, so it decides no owner: " + err.Error()}}
		}
		return &codeownersFile{path: p, rules: rules}, nil
	}
	return nil, nil
}

// candidates returns the first owner of the last rule matching file, and its co-owners.
func (c *codeownersFile) candidates(nm *names, file string) []candidate {
	if c == nil {
		return nil
	}
	owners, rule, ok := c.rules.Owners(file)
	if !ok || len(owners) == 0 {
		return nil
	}
	line := strings.TrimSpace(rule.Pattern + " " + strings.Join(rule.Owners, " "))
	var out []candidate
	for i, o := range owners {
		text := fmt.Sprintf("CODEOWNERS line %d %q: the first owner on the last matching line", rule.Line, line)
		if i > 0 {
			text = fmt.Sprintf("CODEOWNERS line %d %q: a further owner on the last matching line", rule.Line, line)
		}
		out = append(out, candidate{owner: nm.canonical(model.OwnerID(o)), named: o, source: SourceCodeowners,
			step: stepCodeowners, order: i, rule: text, coOwner: i > 0,
			ev: model.Evidence{File: c.path, Line: rule.Line, What: text}})
	}
	return out
}
