package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/paths"
)

// PathsMarkdown writes the attack paths as Markdown: a summary table, each path's hops as a table, and the
// choke points — for a pull-request comment or a ticket.
type PathsMarkdown struct{}

// Write implements Writer.
func (PathsMarkdown) Write(w io.Writer, d *Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Attack paths of %s\n\n", strings.Join(d.Roots, ", "))
	r := d.Paths
	if r == nil || len(r.Paths) == 0 {
		b.WriteString("No attack path from an entry point to a crown jewel.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%d paths to %d crown jewels, total risk %.1f.\n\n", len(r.Paths), r.Stats.Targets, r.TotalRisk)
	b.WriteString("| # | risk | from | to | owner |\n|---|---|---|---|---|\n")
	for i, p := range r.Paths {
		fmt.Fprintf(&b, "| %d | %.1f | %s | %s | %s |\n", i+1, p.Risk, md(p.EntryName), md(p.Target.Describe(p.TargetName)), md(ownerOrOrphan(p)))
	}
	if len(r.ChokePoints) > 0 {
		b.WriteString("\n## Choke points\n\n| # | fix | where | owner | paths cut | share of risk | cumulative | risk left |\n|---|---|---|---|---|---|---|---|\n")
		for i, c := range r.ChokePoints {
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %d | %.0f%% | %.0f%% | %.1f |\n", i+1, md(c.Control.Title), where(c.Control),
				md(short(c.Owner)), len(c.Paths), c.Share*100, c.Cumulative*100, c.Residual)
		}
	}
	for i, p := range r.Paths {
		fmt.Fprintf(&b, "\n## #%d — risk %.1f: %s → %s\n\n", i+1, p.Risk, md(p.EntryName), md(p.Target.Describe(p.TargetName)))
		fmt.Fprintf(&b, "Likelihood %.3f × impact %.3f. Accountable owner: %s (%s).\n\n", p.Likelihood, p.Impact, md(ownerOrOrphan(p)), md(p.OwnerReason))
		b.WriteString("| hop | technique | likelihood | why | evidence | fix |\n|---|---|---|---|---|---|\n")
		for _, h := range p.Hops {
			var ev []string
			for _, e := range h.Evidence {
				ev = append(ev, fmt.Sprintf("`%s:%d`", e.File, e.Line))
			}
			fmt.Fprintf(&b, "| %s %s | %s %s | %.2f | %s | %s | %s |\n", h.To.Kind, md(h.ToName), h.Technique, md(h.TechniqueName),
				h.Likelihood, md(h.Reason), strings.Join(ev, " "), md(h.Control.Title))
		}
		if len(p.Assumptions) > 0 {
			b.WriteString("\nAssumed: " + md(strings.Join(p.Assumptions, "; ")) + "\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func where(c paths.Control) string {
	if c.File == "" {
		return ""
	}
	return fmt.Sprintf("`%s:%d`", c.File, c.Line)
}

// md escapes text for a Markdown table cell.
func md(s string) string { return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s) }

// PathsDOT draws the attack paths in Graphviz: one node per attacker state, one edge per hop labelled with its
// technique and likelihood, crown jewels double-bordered, the best path's hops bold.
type PathsDOT struct{}

// Write implements Writer.
func (PathsDOT) Write(w io.Writer, d *Document) error {
	var b strings.Builder
	b.WriteString("digraph paths {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=white];\n  edge [fontname=\"Helvetica\", fontsize=8];\n")
	states, hops, best := pathGraph(d.Paths)
	for _, s := range states {
		shape := ""
		switch {
		case s.target:
			shape = ", peripheries=2, fillcolor=\"#fbe9e9\""
		case s.state.Kind == paths.Entry:
			shape = ", shape=doublecircle, fillcolor=\"#fbe9e9\""
		}
		fmt.Fprintf(&b, "  %q [label=%q%s];\n", s.state.String(), string(s.state.Kind)+"\n"+s.name, shape)
	}
	for _, h := range hops {
		style := ""
		if best[h.key] {
			style = ", penwidth=2, color=\"#b03a2e\", fontcolor=\"#b03a2e\""
		}
		fmt.Fprintf(&b, "  %q -> %q [label=%q, tooltip=%q%s];\n", h.from.String(), h.to.String(),
			fmt.Sprintf("%s %.2f", h.technique, h.likelihood), h.reason, style)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// PathsMermaid draws the attack paths as a Mermaid flowchart.
type PathsMermaid struct{}

// Write implements Writer.
func (PathsMermaid) Write(w io.Writer, d *Document) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	states, hops, best := pathGraph(d.Paths)
	handle := map[paths.State]string{}
	for i, s := range states {
		handle[s.state] = fmt.Sprintf("s%d", i+1)
		open, close := "[\"", "\"]"
		if s.target {
			open, close = "[[\"", "\"]]"
		}
		fmt.Fprintf(&b, "  %s%s%s<br/>%s%s\n", handle[s.state], open, s.state.Kind, mermaidText(s.name), close)
	}
	for _, h := range hops {
		arrow := "-->"
		if best[h.key] {
			arrow = "==>"
		}
		fmt.Fprintf(&b, "  %s %s|%s %.2f| %s\n", handle[h.from], arrow, h.technique, h.likelihood, handle[h.to])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type pathState struct {
	state  paths.State
	name   string
	target bool
}

type pathHop struct {
	key               string
	from, to          paths.State
	technique, reason string
	likelihood        float64
}

// pathGraph merges every path's states and hops into one graph, sorted, and marks the best path's hops.
func pathGraph(r *paths.Result) ([]pathState, []pathHop, map[string]bool) {
	states := map[paths.State]*pathState{}
	hops := map[string]pathHop{}
	best := map[string]bool{}
	if r == nil {
		return nil, nil, best
	}
	for i, p := range r.Paths {
		if _, ok := states[p.Entry]; !ok {
			states[p.Entry] = &pathState{state: p.Entry, name: p.EntryName}
		}
		from := p.Entry
		for _, h := range p.Hops {
			if _, ok := states[h.To]; !ok {
				states[h.To] = &pathState{state: h.To, name: h.ToName}
			}
			k := from.String() + "\x00" + h.To.String()
			if _, ok := hops[k]; !ok {
				hops[k] = pathHop{key: k, from: from, to: h.To, technique: h.Technique, reason: h.Reason, likelihood: h.Likelihood}
			}
			if i == 0 {
				best[k] = true
			}
			from = h.To
		}
		states[p.Target].target = true
	}
	var ss []pathState
	for _, s := range states {
		ss = append(ss, *s)
	}
	sort.Slice(ss, func(i, j int) bool { return ss[i].state.Less(ss[j].state) })
	var hs []pathHop
	for _, h := range hops {
		hs = append(hs, h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].key < hs[j].key })
	return ss, hs, best
}
