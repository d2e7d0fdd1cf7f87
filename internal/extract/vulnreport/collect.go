package vulnreport

import (
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// collector gathers the facts of one report: package nodes (the first line that names a package wins),
// implicit target nodes (the lockfile's module, the image), contains edges and vulnerability findings.
type collector struct {
	d       *vulnfact.Doc
	tool    string
	pkgs    map[string]model.Node
	targets map[string]model.Node
	edges   map[string]model.Edge
	vulns   vulnfact.Set
}

func newCollector(d *vulnfact.Doc, tool string) *collector {
	return &collector{d: d, tool: tool, pkgs: map[string]model.Node{}, targets: map[string]model.Node{},
		edges: map[string]model.Edge{}}
}

// pkgFromPURL records the package a PURL names and returns its ID; a PURL that does not parse is a warning
// at its line and gives "".
func (c *collector) pkgFromPURL(s string, at *vulnfact.Value) string {
	norm, p, err := vulnfact.NormalizePURL(s)
	if err != nil {
		c.d.Diag(at, model.SeverityWarning, "package URL "+quote(s)+" does not parse ("+err.Error()+"); the package is left out")
		return ""
	}
	if _, ok := c.pkgs[norm]; !ok {
		c.pkgs[norm] = vulnfact.PackageNode(norm, p, c.tool, c.d.Prov(at))
	}
	return norm
}

// pkgFromName records a package named by OSV ecosystem, name and version; an ecosystem with no PURL type is
// a warning and gives "".
func (c *collector) pkgFromName(eco, name, version string, at *vulnfact.Value) string {
	s := vulnfact.PURLFor(eco, name, version)
	if s == "" {
		c.d.Diag(at, model.SeverityWarning, "package "+quote(name)+" of ecosystem "+quote(eco)+
			" has no package URL here; the package is left out")
		return ""
	}
	return c.pkgFromPURL(s, at)
}

// moduleTarget returns the module node ID of a lockfile the report names by a path relative to the
// repository, recording the node as implicit (the lockfile extractor defines it); "" for any other path.
func (c *collector) moduleTarget(p string, at *vulnfact.Value) string {
	rel, ok := relativePath(p)
	if !ok {
		return ""
	}
	id := model.FileNodeID(model.KindModule, rel)
	if _, seen := c.targets[id]; !seen {
		c.targets[id] = model.Node{ID: id, Kind: model.KindModule, Type: path.Base(rel), Name: rel,
			Implicit: true, Prov: c.d.Prov(at)}
	}
	return id
}

// imageTarget returns the node ID of a scanned container image, recording the node as implicit.
func (c *collector) imageTarget(ref string, at *vulnfact.Value) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	id := model.ImageID(ref)
	if _, seen := c.targets[id]; !seen {
		c.targets[id] = model.Node{ID: id, Kind: model.KindImage, Type: "container image",
			Name: model.NormalizeImageRef(ref), Attrs: map[string]any{"ref": ref}, Implicit: true, Prov: c.d.Prov(at)}
	}
	return id
}

// contains records a target → package edge; either being "" records nothing.
func (c *collector) contains(from, to string, at *vulnfact.Value, attrs map[string]any) {
	if from == "" || to == "" {
		return
	}
	e := model.Edge{From: from, To: to, Kind: model.EdgeContains, Attrs: attrs, Prov: c.d.Prov(at)}
	if old, ok := c.edges[e.Key()]; !ok || e.Prov.Less(old.Prov) {
		c.edges[e.Key()] = e
	}
}

// affect is the affects entry of a finding at a value's line. The installed version is the package node's
// (normalised, as the lockfile extractor writes it: Trivy's "v0.17.0" is 0.17.0) when its PURL has one.
func (c *collector) affect(pkg, installed, fixed string, at *vulnfact.Value) vulnfact.Affect {
	if v, _ := c.pkgs[pkg].Attrs["version"].(string); v != "" {
		installed = v
	}
	return vulnfact.Affect{Package: pkg, Installed: installed, Fixed: fixed, File: c.d.File, Line: c.d.Line(at),
		Source: c.tool}
}

// facts returns everything gathered, sorted: targets and packages by ID, then vulnerabilities by ID.
func (c *collector) facts() model.Facts {
	var f model.Facts
	f.Nodes = append(sortedNodes(c.targets), sortedNodes(c.pkgs)...)
	f.Nodes = append(f.Nodes, c.vulns.Nodes()...)
	keys := make([]string, 0, len(c.edges))
	for k := range c.edges {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f.Edges = append(f.Edges, c.edges[k])
	}
	f.Diagnostics = c.d.Finish()
	return f
}

func sortedNodes(m map[string]model.Node) []model.Node {
	out := make([]model.Node, 0, len(m))
	for _, n := range m {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// relativePath cleans a path a report gives for a scanned file and reports whether it is relative to the
// scanned root: not absolute, not a Windows path, not a URL, not leaving the root.
func relativePath(p string) (string, bool) {
	p = strings.TrimSpace(p)
	if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || strings.Contains(p, "://") ||
		(len(p) > 1 && p[1] == ':') {
		return "", false
	}
	p = path.Clean(strings.ReplaceAll(p, `\`, "/"))
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	return p, true
}

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return `"` + s + `"`
}
