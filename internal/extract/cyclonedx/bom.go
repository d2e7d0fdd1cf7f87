package cyclonedx

import (
	"sort"

	"github.com/package-url/packageurl-go"

	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// maxComponents bounds the components read from one SBOM; the rest are counted in a warning.
const maxComponents = 1_000_000

// bom is one CycloneDX document while it is read.
type bom struct {
	d          *vulnfact.Doc
	root       *vulnfact.Value
	moduleID   string
	holder     string            // the node that contains the packages: the image, else the module
	holderNode *model.Node       // the image node, when the root is a container
	describes  string            // the node of metadata.component, if any
	refs       map[string]string // bom-ref → node ID
	pkgs       map[string]model.Node
	edges      []model.Edge
	edgeIdx    map[edgeKey]int // index in edges
	count      int             // components read
	noPURL     int             // components without a PURL that are not libraries
	vulns      vulnfact.Set
	statements []model.Node
}

func newBOM(d *vulnfact.Doc, root *vulnfact.Value) *bom {
	b := &bom{d: d, root: root, moduleID: model.FileNodeID(model.KindModule, d.File), refs: map[string]string{},
		pkgs: map[string]model.Node{}, edgeIdx: map[edgeKey]int{}}
	b.holder = b.moduleID
	return b
}

// readComponents reads metadata.component (the root) and the component tree.
func (b *bom) readComponents() {
	cs := b.d.Objs(b.root, "components")
	// Size the indexes for the usual shape (a contains edge per component, two dependencies each) so that a
	// large SBOM does not rehash them again and again.
	deps := b.root.Get("dependencies").Len()
	b.pkgs = make(map[string]model.Node, len(cs))
	b.refs = make(map[string]string, len(cs))
	b.edgeIdx = make(map[edgeKey]int, len(cs)+2*deps)
	b.edges = make([]model.Edge, 0, len(cs)+2*deps)
	meta := b.d.Obj(b.root, "metadata")
	if rc := b.d.Obj(meta, "component"); rc != nil {
		b.readRoot(rc)
	}
	b.walk(cs, "")
	if b.count > maxComponents {
		b.d.Diag(b.root, model.SeverityWarning, "more than 1,000,000 components: the rest are not read")
	}
}

// readRoot makes the node of what the SBOM describes: a container image holds the packages; another root
// with a PURL is a package node; its bom-ref names whichever it is.
func (b *bom) readRoot(rc *vulnfact.Value) {
	name, version := b.d.Str(rc, "name"), b.d.Str(rc, "version")
	ref := b.d.Str(rc, "bom-ref")
	if b.d.Str(rc, "type") == "container" && name != "" {
		imageRef := name
		if version != "" && !hasTagOrDigest(name) {
			imageRef += ":" + version
		}
		id := model.ImageID(imageRef)
		b.holder, b.describes = id, id
		b.holderNode = &model.Node{ID: id, Kind: model.KindImage, Type: "container image",
			Name: model.NormalizeImageRef(imageRef), Attrs: map[string]any{"ref": imageRef}, Implicit: true,
			Prov: b.d.Prov(rc)}
		if ref != "" {
			b.refs[ref] = id
		}
		return
	}
	id := b.component(rc, "")
	if id != "" {
		b.describes = id
	}
	if ref != "" {
		if id == "" {
			id = b.moduleID
		}
		b.refs[ref] = id
	}
}

// hasTagOrDigest reports whether an image name already carries a tag or digest.
func hasTagOrDigest(name string) bool {
	for i := len(name) - 1; i >= 0 && name[i] != '/'; i-- {
		if name[i] == ':' || name[i] == '@' {
			return true
		}
	}
	return false
}

// walk reads a list of components and their nested components; parent is the enclosing package's ID.
func (b *bom) walk(cs []*vulnfact.Value, parent string) {
	for _, c := range cs {
		if b.count++; b.count > maxComponents {
			return
		}
		id := b.component(c, b.holder)
		if ref := b.d.Str(c, "bom-ref"); ref != "" {
			target := id
			if target == "" { // no package (an OS, a lockfile, a file): its ref stands for what encloses it
				if target = parent; target == "" {
					target = b.holder
				}
			}
			if old, dup := b.refs[ref]; dup && old != target {
				b.d.Diag(c, model.SeverityWarning, "bom-ref "+quote(ref)+" names two components; the first is kept")
			} else {
				b.refs[ref] = target
			}
		}
		if parent != "" && id != "" && id != parent {
			b.contains(parent, id, c, nil)
		}
		next := id
		if next == "" {
			next = parent
		}
		b.walk(b.d.Objs(c, "components"), next)
	}
}

// component makes the package node of a component and, when holder is set, the holder's contains edge; it
// returns the node ID, or "" for a component that is no package.
func (b *bom) component(c *vulnfact.Value, holder string) string {
	s := b.d.Str(c, "purl")
	if s == "" {
		typ := b.d.Str(c, "type")
		name := b.d.Str(c, "name")
		if (typ != "library" && typ != "framework") || name == "" {
			b.noPURL++
			return ""
		}
		s = packageurl.PackageURL{Type: "generic", Namespace: b.d.Str(c, "group"), Name: name,
			Version: b.d.Str(c, "version")}.String()
	}
	norm, p, err := vulnfact.NormalizePURL(s)
	if err != nil {
		b.d.Diag(c, model.SeverityWarning, "package URL "+quote(s)+" does not parse ("+err.Error()+"); the component is left out")
		return ""
	}
	if _, ok := b.pkgs[norm]; !ok {
		b.pkgs[norm] = vulnfact.PackageNode(norm, p, Name, b.d.Prov(c))
	}
	if holder != "" {
		b.contains(holder, norm, c, nil)
	}
	return norm
}

func (b *bom) contains(from, to string, at *vulnfact.Value, attrs map[string]any) {
	b.edge(model.Edge{From: from, To: to, Kind: model.EdgeContains, Attrs: attrs, Prov: b.d.Prov(at)})
}

// edgeKey identifies an edge, as model.Edge.Key does, without building a string.
type edgeKey struct {
	from, to string
	kind     model.EdgeKind
}

// edge records an edge; of two with one key the earlier line wins.
func (b *bom) edge(e model.Edge) {
	k := edgeKey{e.From, e.To, e.Kind}
	i, ok := b.edgeIdx[k]
	switch {
	case !ok:
		b.edgeIdx[k] = len(b.edges)
		b.edges = append(b.edges, e)
	case e.Prov.Less(b.edges[i].Prov):
		b.edges[i] = e
	}
}

// readDependencies turns the dependency graph into depends-on edges; the holder's own dependencies mark
// its contains edges direct.
func (b *bom) readDependencies() {
	for _, dep := range b.d.Objs(b.root, "dependencies") {
		from, ok := b.resolve(dep, b.d.Str(dep, "ref"))
		if !ok {
			continue
		}
		for _, to := range b.d.Strs(dep, "dependsOn") {
			toID, ok := b.resolve(dep, to)
			if !ok || toID == from {
				continue
			}
			if from == b.holder || from == b.moduleID {
				if i, ok := b.edgeIdx[edgeKey{b.holder, toID, model.EdgeContains}]; ok {
					b.edges[i].Attrs = map[string]any{"direct": true}
				}
				continue
			}
			b.edge(model.Edge{From: from, To: toID, Kind: model.EdgeDependsOn, Prov: b.d.Prov(dep)})
		}
	}
}

// resolve finds the node a bom-ref names; an unknown one is a warning at the dependency's line.
func (b *bom) resolve(at *vulnfact.Value, ref string) (string, bool) {
	if ref == "" {
		return "", false
	}
	if id, ok := b.lookup(ref); ok {
		return id, true
	}
	b.d.Diag(at, model.SeverityWarning, "dependency ref "+quote(ref)+" names no component of this BOM")
	return "", false
}

// facts returns the module node, the image, packages, vulnerabilities and VEX statements, and the edges,
// sorted.
func (b *bom) facts(spec string) model.Facts {
	var f model.Facts
	attrs := map[string]any{"format": "CycloneDX", "spec_version": spec, "component_count": len(b.pkgs)}
	if s := b.d.Str(b.root, "serialNumber"); s != "" {
		attrs["serial_number"] = s
	}
	if b.noPURL > 0 {
		attrs["components_without_purl"] = b.noPURL
	}
	name := b.d.File
	if rc := b.root.Get("metadata").Get("component"); rc != nil && rc.Get("name") != nil && rc.Get("name").Kind == vulnfact.String {
		attrs["root"] = rc.Get("name").Text
	}
	f.Nodes = append(f.Nodes, model.Node{ID: b.moduleID, Kind: model.KindModule, Type: "cyclonedx", Name: name,
		Attrs: attrs, Prov: model.Provenance{File: b.d.File, Line: 1, Extractor: Name}})
	if b.holderNode != nil {
		f.Nodes = append(f.Nodes, *b.holderNode)
	}
	if b.describes != "" {
		attrs["describes"] = b.describes
	}
	vulns := b.vulns.Nodes()
	nodes := make([]model.Node, 0, len(f.Nodes)+len(b.pkgs)+len(vulns)+len(b.statements))
	nodes = append(nodes, f.Nodes...)
	start := len(nodes)
	for _, n := range b.pkgs {
		nodes = append(nodes, n)
	}
	pk := nodes[start:]
	sort.Slice(pk, func(i, j int) bool { return pk[i].ID < pk[j].ID })
	f.Nodes = append(append(nodes, vulns...), b.statements...)
	sort.Slice(b.edges, func(i, j int) bool {
		a, c := b.edges[i], b.edges[j]
		if a.From != c.From {
			return a.From < c.From
		}
		if a.Kind != c.Kind {
			return a.Kind < c.Kind
		}
		return a.To < c.To
	})
	if len(b.edges) > 0 {
		f.Edges = b.edges
	}
	f.Diagnostics = b.d.Finish()
	return f
}

// lookup finds the node a ref names: a bom-ref, else a PURL of a component (many tools use PURLs as
// bom-refs, and a ref may spell one differently from the component).
func (b *bom) lookup(ref string) (string, bool) {
	if id, ok := b.refs[ref]; ok {
		return id, true
	}
	if norm, _, err := vulnfact.NormalizePURL(ref); err == nil {
		if _, ok := b.pkgs[norm]; ok {
			return norm, true
		}
	}
	return "", false
}

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return `"` + s + `"`
}
