// Package report writes scan results in every output format Seam supports: the human summary, the versioned
// JSON document, and graph exports (DOT, Mermaid). Every format implements Writer; the JSON document can be
// read back so a saved result can be rendered again.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// SchemaVersion names the version of the JSON document. It changes only when a field changes meaning or is
// removed; new fields may appear within a version. The schema is documented in docs/json-output.md and
// docs/schema/result-v1.schema.json.
const SchemaVersion = "seam.result/v1"

// Document is the JSON result of a scan: everything a report needs, in a stable, sorted form.
type Document struct {
	Schema     string                 `json:"schema"`
	Tool       Tool                   `json:"tool"`
	Roots      []string               `json:"roots"`
	Summary    Summary                `json:"summary"`
	Stages     []engine.Stage         `json:"stages"`
	Extractors []engine.ExtractorStat `json:"extractors"`
	Linkers    []engine.LinkerStat    `json:"linkers"`
	Nodes      []model.Node           `json:"nodes"`
	Edges      []model.Edge           `json:"edges"`
	Refused    []model.BrokenLink     `json:"refused_links"`
	// Paths is the attack-path analysis, when the command ran it.
	Paths       *paths.Result      `json:"attack_paths,omitempty"`
	Diagnostics []model.Diagnostic `json:"diagnostics"`
	Assumptions []model.Assumption `json:"assumptions"`
}

// Tool names the program that wrote the document.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Summary counts what the scan found.
type Summary struct {
	FilesSeen   int                       `json:"files_seen"`
	FilesRead   int                       `json:"files_read"`
	Nodes       int                       `json:"nodes"`
	Edges       int                       `json:"edges"`
	NodesByKind map[string]int            `json:"nodes_by_kind"`
	EdgesByKind map[string]int            `json:"edges_by_kind"`
	BySource    map[string]map[string]int `json:"nodes_by_kind_and_source"`
	Diagnostics map[string]int            `json:"diagnostics_by_severity"`
	Assumptions int                       `json:"assumptions"`
	// Links counts the edges the link stage made, by kind; Refused the links it looked for and refused.
	Links   map[string]int `json:"links_by_kind"`
	Refused int            `json:"refused_links"`
	// Owned, Orphans and Conflicts count the nodes with one accountable owner, with none, and those whose
	// ownership sources disagreed (their derived owner says which won).
	Owned     int `json:"owned"`
	Orphans   int `json:"orphans"`
	Conflicts int `json:"owner_conflicts"`
}

// NewDocument turns an engine result into a Document.
func NewDocument(res *engine.Result, roots []string, version string) *Document {
	g := res.Graph
	d := &Document{
		Schema:      SchemaVersion,
		Tool:        Tool{Name: "seam", Version: version},
		Roots:       roots,
		Stages:      res.Stages,
		Extractors:  res.Extractors,
		Linkers:     append([]engine.LinkerStat{}, res.Linkers...),
		Refused:     append([]model.BrokenLink{}, g.Broken()...),
		Paths:       res.Paths,
		Nodes:       make([]model.Node, 0, len(g.Nodes())),
		Edges:       make([]model.Edge, 0, len(g.Edges())),
		Diagnostics: append([]model.Diagnostic{}, g.Diagnostics()...),
		Assumptions: append([]model.Assumption{}, g.Assumptions()...),
	}
	for _, n := range g.Nodes() {
		d.Nodes = append(d.Nodes, *n)
	}
	for _, e := range g.Edges() {
		d.Edges = append(d.Edges, *e)
	}
	d.Summary = summarise(d, res)
	return d
}

func summarise(d *Document, res *engine.Result) Summary {
	s := Summary{
		FilesSeen: res.FilesSeen, FilesRead: res.FilesRead,
		Nodes: len(d.Nodes), Edges: len(d.Edges),
		NodesByKind: map[string]int{}, EdgesByKind: map[string]int{}, BySource: map[string]map[string]int{},
		Diagnostics: map[string]int{}, Assumptions: len(d.Assumptions),
		Links: map[string]int{}, Refused: len(d.Refused),
	}
	for _, n := range d.Nodes {
		if o, ok := n.Derived["owner"]; ok {
			m, _ := o.Value.(map[string]any)
			switch {
			case m["orphan"] == true:
				s.Orphans++
			default:
				s.Owned++
				if m["conflict"] == true {
					s.Conflicts++
				}
			}
		}
		s.NodesByKind[string(n.Kind)]++
		src := s.BySource[string(n.Kind)]
		if src == nil {
			src = map[string]int{}
			s.BySource[string(n.Kind)] = src
		}
		src[n.Prov.Extractor]++
	}
	for _, e := range d.Edges {
		s.EdgesByKind[string(e.Kind)]++
		if strings.HasPrefix(e.Prov.Extractor, "link/") {
			s.Links[string(e.Kind)]++
		}
	}
	for _, dg := range d.Diagnostics {
		s.Diagnostics[string(dg.Severity)]++
	}
	return s
}

// ReadDocument reads a JSON document written by the JSON writer, refusing other schema versions.
func ReadDocument(r io.Reader) (*Document, error) {
	var d Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("read result: %w", err)
	}
	if d.Schema != SchemaVersion {
		return nil, fmt.Errorf("read result: schema %q is not %q", d.Schema, SchemaVersion)
	}
	return &d, nil
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
