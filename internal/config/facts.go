package config

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/seam-sec/seam/internal/model"
)

// BuiltinFile is the provenance file of facts Seam adds without any file declaring them: the internet entry
// point when seam.yaml does not declare it.
const BuiltinFile = "(built-in)"

// CrownJewelID returns the ID of a crown jewel: "crown-jewel:<name>", or "crown-jewel:<n>" with its 1-based
// position when it has no name. Names start with a letter, so the two never collide.
func CrownJewelID(name string, position int) string {
	if name == "" {
		name = strconv.Itoa(position)
	}
	return "crown-jewel:" + name
}

// Facts turns the declarations into graph facts, each with provenance in file (the configuration's path
// relative to the scanned root; "" when there is no file, as for Default). Globs are kept as attributes for the
// linker, not resolved. The internet entry point is always present: from its declaration if file declares
// one named "internet", else with provenance BuiltinFile. Nodes are sorted by ID and edges by key.
func (c *Config) Facts(file string) model.Facts {
	b := &factBuilder{file: file}
	if c == nil {
		c = Default()
	}
	if file != "" {
		attrs := map[string]any{"version": c.Version}
		putStrings(attrs, "ignore", c.Ignore)
		b.node(model.FileNodeID(model.KindConfig, file), model.KindConfig, "seam.yaml", file, 1, attrs)
	}
	declared := map[string]bool{}
	for _, o := range c.Owners {
		declared[model.OwnerID(o.ID)] = true
		b.owner(o)
	}
	for _, s := range c.Services {
		b.service(s, declared)
	}
	for _, d := range c.DataClasses {
		attrs := map[string]any{"source": ExtractorName}
		putString(attrs, "description", d.Description)
		putStrings(attrs, "resources", d.Resources)
		if len(d.Tags) > 0 {
			tags := make(map[string]any, len(d.Tags))
			for k, v := range d.Tags {
				tags[k] = v
			}
			attrs["tags"] = tags
		}
		b.node(model.DataClassID(d.Name), model.KindDataClass, "data-class", d.Name, d.Line, attrs)
	}
	for i, j := range c.CrownJewels {
		attrs := map[string]any{"source": ExtractorName}
		putString(attrs, "reason", j.Reason)
		putStrings(attrs, "resources", j.Resources)
		name := j.Name
		if name == "" {
			name = fmt.Sprintf("crown jewel %d", i+1)
		}
		b.node(CrownJewelID(j.Name, i+1), model.KindCrownJewel, "crown-jewel", name, j.Line, attrs)
	}
	internet := false
	for _, e := range c.EntryPoints {
		internet = internet || model.EntryPointID(e.Name) == model.InternetID
		b.entryPoint(e)
	}
	if !internet {
		b.facts.Nodes = append(b.facts.Nodes, model.Node{
			ID: model.InternetID, Kind: model.KindEntryPoint, Type: string(EntryInternet), Name: "internet",
			Attrs: map[string]any{"type": string(EntryInternet), "source": "built-in"},
			Prov:  model.Provenance{File: BuiltinFile, Extractor: ExtractorName},
		})
	}
	return b.sorted()
}

// factBuilder collects facts with provenance in one file.
type factBuilder struct {
	file  string
	facts model.Facts
}

func (b *factBuilder) prov(line int) model.Provenance {
	return model.Provenance{File: b.file, Line: line, Extractor: ExtractorName}
}

func (b *factBuilder) node(id string, k model.NodeKind, typ, name string, line int, attrs map[string]any) {
	b.facts.Nodes = append(b.facts.Nodes, model.Node{
		ID: id, Kind: k, Type: typ, Name: name, Attrs: attrs, Prov: b.prov(line),
	})
}

// owner adds a declared team.
func (b *factBuilder) owner(o Owner) {
	name := o.Name
	if name == "" {
		name = o.ID
	}
	attrs := map[string]any{"source": ExtractorName, "id": o.ID}
	putString(attrs, "name", o.Name)
	putStrings(attrs, "aliases", o.Aliases)
	contacts := map[string]any{}
	putString(contacts, "slack", o.Contacts.Slack)
	putString(contacts, "email", o.Contacts.Email)
	putString(contacts, "pagerduty", o.Contacts.PagerDuty)
	putString(contacts, "opsgenie", o.Contacts.Opsgenie)
	putString(contacts, "url", o.Contacts.URL)
	if len(contacts) > 0 {
		attrs["contacts"] = contacts
	}
	putStrings(attrs, "paths", o.Paths)
	putStrings(attrs, "resources", o.Resources)
	b.node(model.OwnerID(o.ID), model.KindOwner, "team", name, o.Line, attrs)
}

// service adds a business service and its owned-by edge. An owner not declared in seam.yaml becomes an
// implicit node, for another source (Backstage, CODEOWNERS) to define, with an info diagnostic in case it is
// a typo.
func (b *factBuilder) service(s Service, declared map[string]bool) {
	id := model.BusinessServiceID(s.Name)
	attrs := map[string]any{"source": ExtractorName, "tier": string(s.Tier), "tier_rank": s.Tier.Rank()}
	putString(attrs, "description", s.Description)
	putStrings(attrs, "paths", s.Paths)
	putStrings(attrs, "resources", s.Resources)
	b.node(id, model.KindBusinessService, "business-service", s.Name, s.Line, attrs)
	if s.Owner == "" {
		return
	}
	owner := model.OwnerID(s.Owner)
	b.facts.Edges = append(b.facts.Edges, model.Edge{
		From: id, To: owner, Kind: model.EdgeOwnedBy, Prov: b.prov(s.OwnerLine),
	})
	if declared[owner] {
		return
	}
	declared[owner] = true
	b.facts.Nodes = append(b.facts.Nodes, model.Node{
		ID: owner, Kind: model.KindOwner, Type: "team", Name: s.Owner, Implicit: true, Prov: b.prov(s.OwnerLine),
	})
	b.facts.Diagnostics = append(b.facts.Diagnostics, model.Diagnostic{
		File: b.file, Line: s.OwnerLine, Severity: model.SeverityInfo, Extractor: ExtractorName,
		Message: fmt.Sprintf("owner %q of service %q is not declared under owners; Seam expects another source "+
			"(Backstage, CODEOWNERS, tags) to define it", s.Owner, s.Name),
	})
}

// entryPoint adds a declared entry point with its targets.
func (b *factBuilder) entryPoint(e EntryPoint) {
	attrs := map[string]any{"source": ExtractorName, "type": string(e.Type)}
	putString(attrs, "description", e.Description)
	putString(attrs, "identity", e.Identity)
	putString(attrs, "namespace", e.Namespace)
	putString(attrs, "package", e.Package)
	putStrings(attrs, "resources", e.Resources)
	b.node(model.EntryPointID(e.Name), model.KindEntryPoint, string(e.Type), e.Name, e.Line, attrs)
}

// sorted returns the facts in a deterministic order.
func (b *factBuilder) sorted() model.Facts {
	f := b.facts
	sort.SliceStable(f.Nodes, func(i, j int) bool { return f.Nodes[i].ID < f.Nodes[j].ID })
	sort.SliceStable(f.Edges, func(i, j int) bool { return f.Edges[i].Key() < f.Edges[j].Key() })
	model.SortDiagnostics(f.Diagnostics)
	return f
}

// putString sets a string attribute when it is not empty.
func putString(attrs map[string]any, key, v string) {
	if v != "" {
		attrs[key] = v
	}
}

// putStrings sets a list attribute, as []any of strings, when it is not empty.
func putStrings(attrs map[string]any, key string, vs []string) {
	if len(vs) == 0 {
		return
	}
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	attrs[key] = out
}
