package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// Table is the human summary of a scan: what was found by kind and source, the stages, diagnostics and
// assumptions.
type Table struct{ style Style }

// maxListed caps how many diagnostics and assumptions the summary prints; the JSON has them all.
const maxListed = 25

// Write implements Writer.
func (s Table) Write(w io.Writer, d *Document) error {
	p := &printer{w: w, color: s.style.Color}
	p.line(p.bold("Seam scan of " + strings.Join(d.Roots, ", ")))
	p.line(fmt.Sprintf("  %d files seen, %d read by the extractors; %d nodes, %d edges", d.Summary.FilesSeen,
		d.Summary.FilesRead, d.Summary.Nodes, d.Summary.Edges))
	p.line("")
	s.kinds(p, d)
	s.stages(p, d)
	s.links(p, d)
	summaryPaths(p, d)
	s.diagnostics(p, d)
	s.assumptions(p, d)
	return p.err
}

func (Table) kinds(p *printer, d *Document) {
	p.line(p.bold(fmt.Sprintf("%-8s %-18s %6s  %s", "LAYER", "KIND", "NODES", "SOURCES")))
	for _, k := range model.NodeKinds() {
		n := d.Summary.NodesByKind[string(k)]
		if n == 0 {
			continue
		}
		var srcs []string
		bySrc := d.Summary.BySource[string(k)]
		for _, src := range sortedKeys(bySrc) {
			srcs = append(srcs, fmt.Sprintf("%s %d", src, bySrc[src]))
		}
		p.line(fmt.Sprintf("%-8s %-18s %6d  %s", shortLayer(k.Layer()), k, n, strings.Join(srcs, ", ")))
	}
	var edges []string
	for _, k := range sortedKeys(d.Summary.EdgesByKind) {
		edges = append(edges, fmt.Sprintf("%s %d", k, d.Summary.EdgesByKind[k]))
	}
	if len(edges) > 0 {
		p.line("")
		p.line(p.bold("EDGES ") + strings.Join(edges, ", "))
	}
	p.line("")
}

func shortLayer(l model.Layer) string {
	switch l {
	case model.LayerApplication:
		return "app"
	case model.LayerInfrastructure:
		return "infra"
	case model.LayerOrganisation:
		return "org"
	}
	return string(l)
}

func (Table) stages(p *printer, d *Document) {
	var parts []string
	for _, st := range d.Stages {
		parts = append(parts, fmt.Sprintf("%s %s", st.Name, st.Status))
	}
	p.line(p.bold("STAGES ") + strings.Join(parts, " · "))
	for _, st := range d.Stages {
		if st.Name == "vulnerabilities" && st.Detail != "" { // say plainly whether a database was read
			p.line(p.bold("VULNERABILITIES ") + st.Detail)
		}
	}
	p.line("")
}

// links prints what the link stage joined across layers and the links it refused, with the reason.
func (Table) links(p *printer, d *Document) {
	var parts []string
	for _, k := range sortedKeys(d.Summary.Links) {
		parts = append(parts, fmt.Sprintf("%s %d", k, d.Summary.Links[k]))
	}
	if len(parts) == 0 {
		parts = []string{"none"}
	}
	p.line(p.bold("LINKS ") + strings.Join(parts, ", "))
	if d.Summary.Owned+d.Summary.Orphans > 0 {
		p.line(p.bold("OWNERS ") + fmt.Sprintf("%d nodes with one owner, %d without (orphans), %d where sources disagreed",
			d.Summary.Owned, d.Summary.Orphans, d.Summary.Conflicts))
	}
	if len(d.Refused) == 0 {
		p.line("")
		return
	}
	p.line(p.bold(fmt.Sprintf("REFUSED LINKS %d", len(d.Refused))) + " (joins Seam looked for and did not make)")
	for i, b := range d.Refused {
		if i == maxListed {
			p.line(fmt.Sprintf("  … and %d more (see --format json)", len(d.Refused)-maxListed))
			break
		}
		target := b.To
		if target == "" {
			target = "?"
		}
		p.line(fmt.Sprintf("  %s:%d  %s -%s-> %s (%s): %s", b.Prov.File, b.Prov.Line, b.From, b.Kind, target, b.Method, b.Reason))
	}
	p.line("")
}

func (Table) diagnostics(p *printer, d *Document) {
	if len(d.Diagnostics) == 0 {
		p.line(p.bold("DIAGNOSTICS") + " none")
		return
	}
	var counts []string
	for _, sev := range []model.Severity{model.SeverityError, model.SeverityWarning, model.SeverityInfo} {
		if n := d.Summary.Diagnostics[string(sev)]; n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	p.line(p.bold("DIAGNOSTICS") + " " + strings.Join(counts, ", "))
	ds := append([]model.Diagnostic(nil), d.Diagnostics...)
	// Errors first, then warnings, then information; file order within each.
	sort.SliceStable(ds, func(i, j int) bool { return sevRank(ds[i].Severity) < sevRank(ds[j].Severity) })
	for i, dg := range ds {
		if i == maxListed {
			p.line(fmt.Sprintf("  … and %d more (see --format json)", len(ds)-maxListed))
			break
		}
		p.line("  " + p.sev(dg.Severity, dg.String()))
	}
	p.line("")
}

func sevRank(s model.Severity) int {
	switch s {
	case model.SeverityError:
		return 0
	case model.SeverityWarning:
		return 1
	}
	return 2
}

func (Table) assumptions(p *printer, d *Document) {
	if len(d.Assumptions) == 0 {
		p.line(p.bold("ASSUMPTIONS") + " none")
		return
	}
	p.line(p.bold(fmt.Sprintf("ASSUMPTIONS %d", len(d.Assumptions))) + " (values Seam could not know; never treated as safe)")
	for i, a := range d.Assumptions {
		if i == maxListed {
			p.line(fmt.Sprintf("  … and %d more (see --format json)", len(d.Assumptions)-maxListed))
			break
		}
		subject := a.Subject
		if a.Attribute != "" {
			subject += " " + a.Attribute
		}
		p.line(fmt.Sprintf("  %s:%d  %s: %s — %s", a.Prov.File, a.Prov.Line, subject, a.Reason, a.Assumed))
	}
}

// printer writes lines and remembers the first error.
type printer struct {
	w     io.Writer
	color bool
	err   error
}

func (p *printer) line(s string) {
	if p.err != nil {
		return
	}
	_, p.err = fmt.Fprintln(p.w, s)
}

func (p *printer) bold(s string) string {
	if !p.color {
		return s
	}
	return "\x1b[1m" + s + "\x1b[0m"
}

func (p *printer) sev(sev model.Severity, s string) string {
	if !p.color {
		return s
	}
	switch sev {
	case model.SeverityError:
		return "\x1b[31m" + s + "\x1b[0m"
	case model.SeverityWarning:
		return "\x1b[33m" + s + "\x1b[0m"
	}
	return s
}
