// Package sbom writes Seam's graph as a CycloneDX 1.6 JSON bill of materials with VEX: the repository, one
// component per service and container image with the lockfiles and packages they hold nested inside, the
// dependency graph, and the known vulnerabilities with an analysis derived from what Seam found (imported
// VEX, reachability, deployment, attack-path footholds).
//
// Decisions:
//   - Every component appears once in the tree, so bom-refs are unique: a node's bom-ref is its graph ID
//     (a package's is its PURL). The tree reads business service → service → image → lockfile → package,
//     following part-of and contains edges; a node with several parents nests under one home (the best
//     ranked, then the lowest ID: see tree.home — an image prefers a service, a lockfile an image a workload
//     runs, a package its lockfile) and every other parent names it in dependencies. Business services and
//     nodes with no parent are top-level components.
//   - dependencies hold containment (image → lockfile → package, image → package), membership (service →
//     what is part of it) and the graph's depends-on edges, each only between components of the BOM; the
//     repository depends on the top-level components. Every list is sorted.
//   - One vulnerabilities entry per vulnerability and analysis: when the packages a vulnerability affects
//     come to different analyses (one deployed, one not), each analysis is its own entry, the first with the
//     vulnerability node's ID as bom-ref and the others with "#2", "#3" … appended.
//   - The analysis of an affected-by edge, first rule that applies: an imported VEX statement (its status and
//     justification, OpenVEX words mapped to CycloneDX's); reachable false → not_affected,
//     code_not_reachable; no workload Seam found runs an image containing the package → in_triage, "not
//     deployed by any workload Seam found" — not not_affected, because Seam sees only the workloads in the
//     scanned files and the image may run elsewhere (honest uncertainty); a vulnerability with foothold
//     classes → exploitable; else in_triage.
//   - The serial number is a name-based (version 5) UUID over the BOM's content without serial and
//     timestamp, so the same graph gives the same serial; the timestamp comes from Options.Now.
//   - Dates the graph holds as YYYY-MM-DD become RFC 3339 midnight UTC, as the schema wants date-time.
package sbom

import (
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"time"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
)

// Options are what the BOM needs besides the graph.
type Options struct {
	Repository  string    // the scanned repository's name (the root's display label), for metadata.component
	ToolVersion string    // Seam's version, for metadata.tools
	Now         time.Time // the BOM's timestamp; zero leaves it out
}

// Build turns a frozen graph into a CycloneDX 1.6 BOM. The result is deterministic for a given graph and
// options.
func Build(g *graph.Graph, opt Options) *cdx.BOM {
	t := newTree(g)
	bom := cdx.NewBOM()
	bom.SpecVersion = cdx.SpecVersion1_6
	bom.JSONSchema = "http://cyclonedx.org/schema/bom-1.6.schema.json" // NewBOM names the newest schema
	bom.Version = 1
	root := repositoryComponent(g, opt.Repository)
	bom.Metadata = &cdx.Metadata{
		Component: &root,
		Tools: &cdx.ToolsChoice{Components: &[]cdx.Component{{
			Type: cdx.ComponentTypeApplication, Name: "seam", Version: opt.ToolVersion,
			Group: "seam-sec", BOMRef: "tool:seam",
		}}},
	}
	comps := t.components()
	if len(comps) > 0 {
		bom.Components = &comps
	}
	deps := t.dependencies(root.BOMRef)
	if len(deps) > 0 {
		bom.Dependencies = &deps
	}
	vulns := vulnerabilities(g, t)
	if len(vulns) > 0 {
		bom.Vulnerabilities = &vulns
	}
	bom.SerialNumber = serial(bom)
	if !opt.Now.IsZero() {
		bom.Metadata.Timestamp = opt.Now.UTC().Format(time.RFC3339)
	}
	return bom
}

// Write builds the BOM of g and writes it as indented CycloneDX 1.6 JSON.
func Write(w io.Writer, g *graph.Graph, opt Options) error {
	var compact bytes.Buffer
	if err := encode(&compact, Build(g, opt), false); err != nil {
		return err
	}
	// Indenting once into a buffer sized up front is twice as fast as the encoder's own indentation, which
	// grows its output slice as it goes.
	var out bytes.Buffer
	out.Grow(compact.Len() * 2)
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return err
	}
	_, err := out.WriteTo(w)
	return err
}

// encode writes the BOM as JSON. The BOM is built as 1.6, so Encode needs no EncodeVersion conversion (a
// deep copy through gob that would double the cost).
func encode(w io.Writer, bom *cdx.BOM, pretty bool) error {
	return cdx.NewBOMEncoder(w, cdx.BOMFileFormatJSON).SetPretty(pretty).SetEscapeHTML(false).Encode(bom)
}

// repositoryComponent is metadata.component: the graph's repository node when there is one, else a
// component named after the scanned root.
func repositoryComponent(g *graph.Graph, name string) cdx.Component {
	if rs := g.NodesOfKind(model.KindRepository); len(rs) > 0 {
		n := rs[0]
		return cdx.Component{Type: cdx.ComponentTypeApplication, BOMRef: n.ID, Name: n.Name, Properties: provenance(n)}
	}
	if name == "" {
		name = "repository"
	}
	return cdx.Component{Type: cdx.ComponentTypeApplication, BOMRef: "repository:" + name, Name: name}
}

// seamNamespace is the UUID namespace of Seam's BOM serial numbers (a fixed random UUID).
var seamNamespace = [16]byte{0x6b, 0x3f, 0x1e, 0x52, 0x9a, 0x0c, 0x4d, 0x8e, 0xb1, 0x27, 0x5c, 0xe4, 0x30, 0x9d, 0x71, 0xa8}

// serial is a version 5 UUID (RFC 9562 §5.5) over the BOM's compact JSON without serial number and
// timestamp.
func serial(bom *cdx.BOM) string {
	saved := bom.Metadata.Timestamp
	bom.SerialNumber, bom.Metadata.Timestamp = "", ""
	defer func() { bom.Metadata.Timestamp = saved }()
	h := sha1.New()
	h.Write(seamNamespace[:])
	if err := encode(h, bom, false); err != nil {
		return "" // unreachable for a 1.6 BOM; an empty serial is simply left out
	}
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// provenance is a node's file:line as a property, so a reader can find where Seam saw it.
func provenance(n *model.Node) *[]cdx.Property {
	if n.Prov.File == "" {
		return nil
	}
	return &[]cdx.Property{{Name: "seam:provenance", Value: fmt.Sprintf("%s:%d", n.Prov.File, n.Prov.Line)}}
}
