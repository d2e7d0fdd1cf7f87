package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Writer renders a Document in one format.
type Writer interface {
	// Write renders d to w.
	Write(w io.Writer, d *Document) error
}

// Style carries presentation choices for human formats.
type Style struct {
	Color bool // ANSI colour (a terminal, and neither --no-color nor NO_COLOR)
}

// Format is one named output format.
type Format struct {
	Name        string
	Description string
	New         func(Style) Writer
}

// Formats lists every output format, by the command that offers it.
func Formats(command string) []Format {
	switch command {
	case "scan":
		return []Format{
			{"table", "human summary (default)", func(s Style) Writer { return Table{style: s} }},
			{"json", "the versioned JSON document (docs/json-output.md)", func(Style) Writer { return JSON{} }},
		}
	case "paths":
		return []Format{
			{"table", "every path hop by hop, and the choke points (default)", func(s Style) Writer { return PathsTable{style: s} }},
			{"json", "the versioned JSON document with attack_paths (docs/json-output.md)", func(Style) Writer { return JSON{} }},
			{"markdown", "a report for a pull request or a ticket", func(Style) Writer { return PathsMarkdown{} }},
			{"dot", "Graphviz: the attacker states and the hops between them", func(Style) Writer { return PathsDOT{} }},
			{"mermaid", "Mermaid flowchart of the paths", func(Style) Writer { return PathsMermaid{} }},
		}
	case "graph":
		return []Format{
			{"json", "the versioned JSON document (default)", func(Style) Writer { return JSON{} }},
			{"dot", "Graphviz DOT, clustered by layer", func(Style) Writer { return DOT{} }},
			{"mermaid", "Mermaid flowchart", func(Style) Writer { return Mermaid{} }},
		}
	}
	return nil
}

// Lookup finds a format by name for a command.
func Lookup(command, name string) (Format, error) {
	var names []string
	for _, f := range Formats(command) {
		if f.Name == name {
			return f, nil
		}
		names = append(names, f.Name)
	}
	sort.Strings(names)
	return Format{}, fmt.Errorf("unknown format %q for %s (choose one of: %s)", name, command, strings.Join(names, ", "))
}

// JSON writes the Document as indented JSON.
type JSON struct{}

// Write implements Writer.
func (JSON) Write(w io.Writer, d *Document) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(d)
}
