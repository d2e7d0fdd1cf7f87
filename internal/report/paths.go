package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/seam-sec/seam/internal/paths"
)

// maxSummaryPaths and maxSummaryChokes are how many paths and choke points the scan summary shows.
const (
	maxSummaryPaths  = 3
	maxSummaryChokes = 3
)

// PathsTable writes the attack paths for people: best first, each hop with its technique, likelihood,
// reason, evidence, owner and fix; then the choke points.
type PathsTable struct {
	style Style
	Top   int // paths to show; 0 shows all
}

// Write implements Writer.
func (t PathsTable) Write(w io.Writer, d *Document) error {
	p := &printer{w: w, color: t.style.Color}
	r := d.Paths
	p.line(p.bold("Seam attack paths of " + strings.Join(d.Roots, ", ")))
	if r == nil || len(r.Paths) == 0 {
		p.line("  no attack path from an entry point to a crown jewel")
		if r != nil {
			p.line(fmt.Sprintf("  (%d entry points, %d crown jewels, %d states explored)", r.Stats.Entries, r.Stats.Targets, r.Stats.States))
		}
		return p.err
	}
	p.line(fmt.Sprintf("  %d paths to %d crown jewels · total risk %.1f · %d without an owner", len(r.Paths), r.Stats.Targets, r.TotalRisk, r.Stats.Orphans))
	for i, path := range r.Paths {
		if t.Top > 0 && i == t.Top {
			p.line(fmt.Sprintf("\n  … and %d more (--top 0 shows all)", len(r.Paths)-t.Top))
			break
		}
		p.line("")
		writePath(p, i+1, path, true)
	}
	p.line("")
	writeChokes(p, r.ChokePoints, 0)
	return p.err
}

// writePath prints one path; hops=false prints only its head line.
func writePath(p *printer, n int, path paths.Path, hops bool) {
	owner := short(path.Owner)
	if path.Orphan {
		owner = "no owner (orphan)"
	}
	p.line(p.bold(fmt.Sprintf("#%d  risk %.1f  %s → %s", n, path.Risk, path.EntryName, path.Target.Describe(path.TargetName))) + "  " + owner)
	var fs []string
	for _, f := range path.ImpactFactors {
		fs = append(fs, fmt.Sprintf("%s %.2f (%s)", f.Name, f.Value, f.Reason))
	}
	p.line(fmt.Sprintf("    likelihood %.3f × impact %.3f: %s", path.Likelihood, path.Impact, strings.Join(fs, ", ")))
	if !hops {
		return
	}
	for i, h := range path.Hops {
		p.line(fmt.Sprintf("    %d. %-9s %s  [%s %s, %.2f]", i+1, h.To.Kind, h.ToName, h.Technique, h.TechniqueName, h.Likelihood))
		p.line("       why      " + h.Reason)
		for j, e := range h.Evidence {
			if j == 3 {
				p.line(fmt.Sprintf("                … %d more", len(h.Evidence)-3))
				break
			}
			p.line(fmt.Sprintf("       evidence %s:%d %s", e.File, e.Line, e.What))
		}
		fix := h.Control.Title
		if h.FixOwner != "" {
			fix += " (" + short(h.FixOwner) + ")"
		}
		if h.Control.File != "" {
			fix += fmt.Sprintf(" at %s:%d", h.Control.File, h.Control.Line)
		}
		p.line("       fix      " + fix)
		for _, a := range h.Assumptions {
			p.line("       assumes  " + a)
		}
	}
}

func writeChokes(p *printer, cs []paths.ChokePoint, max int) {
	if len(cs) == 0 {
		return
	}
	p.line(p.bold("CHOKE POINTS") + " (the fixes that cut the most path risk; residual risk re-checked by searching again)")
	for i, c := range cs {
		if max > 0 && i == max {
			p.line(fmt.Sprintf("  … and %d more (seam paths)", len(cs)-max))
			break
		}
		where := ""
		if c.Control.File != "" {
			where = fmt.Sprintf(" at %s:%d", c.Control.File, c.Control.Line)
		}
		owner := ""
		if c.Owner != "" {
			owner = ", " + short(c.Owner)
		}
		p.line(fmt.Sprintf("  %d. %s%s%s — cuts %d paths, %.0f%% of the risk (%.0f%% with the above); %.1f risk left in %d paths",
			i+1, c.Control.Title, where, owner, len(c.Paths), c.Share*100, c.Cumulative*100, c.Residual, c.ResidualPaths))
	}
}

// summaryPaths is the part of the scan summary about attack paths.
func summaryPaths(p *printer, d *Document) {
	r := d.Paths
	if r == nil {
		return
	}
	if len(r.Paths) == 0 {
		p.line(p.bold("ATTACK PATHS") + fmt.Sprintf(" none (%d entry points, %d crown jewels)", r.Stats.Entries, r.Stats.Targets))
		p.line("")
		return
	}
	p.line(p.bold(fmt.Sprintf("ATTACK PATHS %d", len(r.Paths))) + fmt.Sprintf(" to %d crown jewels, total risk %.1f (seam paths for every hop)", r.Stats.Targets, r.TotalRisk))
	for i, path := range r.Paths {
		if i == maxSummaryPaths {
			break
		}
		var hops []string
		for _, h := range path.Hops {
			hops = append(hops, string(h.To.Kind)+" "+h.ToName)
		}
		p.line(fmt.Sprintf("  #%d risk %.1f  %s → %s  (%s)", i+1, path.Risk, path.EntryName, strings.Join(hops, " → "), ownerOrOrphan(path)))
	}
	writeChokes(p, r.ChokePoints, maxSummaryChokes)
	p.line("")
}

func ownerOrOrphan(p paths.Path) string {
	if p.Orphan {
		return "no owner"
	}
	return short(p.Owner)
}

func short(owner string) string { return strings.TrimPrefix(owner, "owner:") }
