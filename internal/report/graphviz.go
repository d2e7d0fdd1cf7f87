package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// DOT writes the graph in Graphviz DOT: one cluster per layer, a shape per kind, edges labelled with their
// kind. `seam graph --format dot | dot -Tsvg > graph.svg` draws it.
type DOT struct{}

// dotShapes gives kinds a recognisable shape; the rest are boxes.
var dotShapes = map[model.NodeKind]string{
	model.KindWorkload: "box3d", model.KindIdentity: "octagon", model.KindGrant: "note",
	model.KindDataStore: "cylinder", model.KindExposure: "invhouse", model.KindNetwork: "hexagon",
	model.KindImage: "component", model.KindPackage: "ellipse", model.KindOwner: "house",
	model.KindEntryPoint: "doublecircle", model.KindDataClass: "tab", model.KindSecret: "diamond",
}

// Write implements Writer.
func (DOT) Write(w io.Writer, d *Document) error {
	var b strings.Builder
	b.WriteString("digraph seam {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=white];\n  edge [fontname=\"Helvetica\", fontsize=8, color=gray40];\n")
	byLayer := map[model.Layer][]model.Node{}
	for _, n := range d.Nodes {
		byLayer[n.Kind.Layer()] = append(byLayer[n.Kind.Layer()], n)
	}
	colors := map[model.Layer]string{model.LayerApplication: "#e8f1fb", model.LayerInfrastructure: "#fdf1e3",
		model.LayerOrganisation: "#eef7ea", model.LayerSpecial: "#fbe9e9"}
	for _, layer := range []model.Layer{model.LayerSpecial, model.LayerApplication, model.LayerInfrastructure, model.LayerOrganisation} {
		nodes := byLayer[layer]
		if len(nodes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "  subgraph %q {\n    label=%q; style=filled; color=%q;\n", "cluster_"+string(layer), string(layer), colors[layer])
		for _, n := range nodes {
			shape := dotShapes[n.Kind]
			if shape == "" {
				shape = "box"
			}
			label := fmt.Sprintf("%s\n%s", kindLabel(n), nodeLabel(n))
			extra := ""
			if n.Implicit {
				extra = ", style=\"filled,dashed\""
			}
			fmt.Fprintf(&b, "    %q [label=%q, shape=%s, tooltip=%q%s];\n", n.ID, label, shape, n.Prov.File+":"+fmt.Sprint(n.Prov.Line), extra)
		}
		b.WriteString("  }\n")
	}
	for _, e := range d.Edges {
		if method, ok := linkMethod(e); ok {
			// Cross-layer links stand out: they are what no single file says.
			fmt.Fprintf(&b, "  %q -> %q [label=%q, color=\"#b03a2e\", fontcolor=\"#b03a2e\", penwidth=1.6, tooltip=%q];\n",
				e.From, e.To, string(e.Kind)+"\n"+method, reasonOf(e))
			continue
		}
		fmt.Fprintf(&b, "  %q -> %q [label=%q];\n", e.From, e.To, string(e.Kind))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// linkMethod returns the method of an edge the link stage made.
func linkMethod(e model.Edge) (string, bool) {
	if !strings.HasPrefix(e.Prov.Extractor, "link/") {
		return "", false
	}
	m, _ := e.Attrs["method"].(string)
	return m, true
}

// reasonOf returns a link edge's reason, for a tooltip.
func reasonOf(e model.Edge) string {
	r, _ := e.Attrs["reason"].(string)
	return r
}

// kindLabel is the first line of a node's label: its source type, or its kind.
func kindLabel(n model.Node) string {
	if n.Type != "" {
		return n.Type
	}
	return string(n.Kind)
}

// nodeLabel is a node's human name, falling back to its ID.
func nodeLabel(n model.Node) string {
	if n.Name != "" {
		return n.Name
	}
	return n.ID
}

// Mermaid writes the graph as a Mermaid flowchart, with nodes grouped into one subgraph per layer. Node IDs are
// replaced by short stable handles (n1, n2 … in ID order) because Mermaid IDs cannot hold most characters.
type Mermaid struct{}

// Write implements Writer.
func (Mermaid) Write(w io.Writer, d *Document) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	handle := make(map[string]string, len(d.Nodes))
	for i, n := range d.Nodes {
		handle[n.ID] = fmt.Sprintf("n%d", i+1)
	}
	for _, layer := range []model.Layer{model.LayerSpecial, model.LayerApplication, model.LayerInfrastructure, model.LayerOrganisation} {
		first := true
		for _, n := range d.Nodes {
			if n.Kind.Layer() != layer {
				continue
			}
			if first {
				fmt.Fprintf(&b, "  subgraph %s [%s]\n", layer, layer)
				first = false
			}
			fmt.Fprintf(&b, "    %s[\"%s<br/>%s\"]\n", handle[n.ID], mermaidText(kindLabel(n)), mermaidText(nodeLabel(n)))
		}
		if !first {
			b.WriteString("  end\n")
		}
	}
	for _, e := range d.Edges {
		if _, ok := linkMethod(e); ok {
			fmt.Fprintf(&b, "  %s ==>|%s| %s\n", handle[e.From], e.Kind, handle[e.To])
			continue
		}
		fmt.Fprintf(&b, "  %s -->|%s| %s\n", handle[e.From], e.Kind, handle[e.To])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText escapes text for a quoted Mermaid label.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ")
	return r.Replace(s)
}
