// Package vuln is the paths.FootholdSource of known vulnerabilities: a package a workload runs that is
// affected by a vulnerability of a foothold class (remote code execution, SSRF, SQL injection, path traversal,
// deserialization …) gives an attacker who reaches the workload the same step a code flaw of that class gives.
// The vulnerability stage (internal/vuln) puts the facts on the graph — affected-by edges with the installed
// and fixed versions, KEV, EPSS, reachability and VEX — and this package turns them into likelihoods, factor by
// factor, so that a vulnerability ranks by the paths it opens rather than by its CVSS score alone.
//
// Decisions:
//   - A workload runs a package when it runs an image that contains the package (directly, as an imported
//     SBOM or image report says, or through a lockfile the image's Dockerfile copies in), or, less surely, when
//     the workload and the package are part of the same service.
//   - Likelihood = base × KEV × EPSS × reachability × route, every factor said on the foothold:
//     base by CVSS base score: ≥ 9 → 0.8, ≥ 7 → 0.6, ≥ 4 → 0.4, below → 0.2, no score → 0.4 (an assumption);
//     on CISA's Known Exploited Vulnerabilities list → at least 0.95; EPSS ≥ 0.5 → × 1.2, EPSS ≤ 0.01 → × 0.7;
//     analysis says the vulnerable code is not called → × 0.2 (kept, never dropped); reachability unknown → × 1
//     with the assumption; a development-only dependency → × 0.3; known only through the service → × 0.8.
//   - A VEX statement of not_affected (or fixed) for the package removes the foothold: that is what the
//     statement claims, with its justification. The vulnerability stays in the scan's output, marked.
//   - The control that breaks the step is upgrading the package to the fixed version, at the package's
//     lockfile line; every path through the same package shares it, so choke points count the upgrade once.
package vuln

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// SourceName is the name of the vulnerability foothold source.
const SourceName = "vulnerability"

// Vulnerabilities is the paths.FootholdSource of known vulnerabilities. It is stateless; its index lives in
// the analysis context.
type Vulnerabilities struct{}

// Name returns "vulnerability".
func (Vulnerabilities) Name() string { return SourceName }

// Footholds returns the vulnerability footholds of a workload: by vulnerability ID, then class.
func (Vulnerabilities) Footholds(c *paths.Context, workload string) []paths.Foothold {
	refs := indexOf(c)[workload]
	var out []paths.Foothold
	for _, r := range refs {
		out = append(out, r.footholds(c)...)
	}
	return out
}

// How a workload comes to run a package, most direct first.
const (
	routeImage   = iota // W -runs-> I -contains-> P
	routeModule         // W -runs-> I -contains-> M -contains-> P
	routeService        // W -part-of-> S <-part-of- P
)

// ref is one affected package of one workload and the edges that give it.
type ref struct {
	vuln, pkg *model.Node
	affected  *model.Edge   // P -affected-by-> V
	via       []*model.Edge // from the workload to the package
	route     int
}

type index map[string][]ref

const indexKey = "vuln.footholds"

func indexOf(c *paths.Context) index {
	return c.Cached(indexKey, func() any { return buildIndex(c) }).(index)
}

// buildIndex follows every affected-by edge into a vulnerability of a foothold class back to the workloads
// that run the package.
func buildIndex(c *paths.Context) index {
	g := c.Graph
	ix := index{}
	add := func(w *model.Node, r ref) {
		if w != nil && w.Kind == model.KindWorkload {
			ix[w.ID] = append(ix[w.ID], r)
		}
	}
	for _, v := range g.NodesOfKind(model.KindVulnerability) {
		if len(classesOf(v)) == 0 {
			continue
		}
		for _, a := range g.In(v.ID) {
			p := c.Node(a.From)
			if a.Kind != model.EdgeAffectedBy || p == nil || p.Kind != model.KindPackage {
				continue
			}
			base := ref{vuln: v, pkg: p, affected: a}
			for _, hold := range g.In(p.ID) {
				holder := c.Node(hold.From)
				if hold.Kind != model.EdgeContains || holder == nil {
					continue
				}
				for _, w := range runnersOf(c, holder, hold) {
					r := base
					r.via, r.route = w.via, w.route
					add(c.Node(w.workload), r)
				}
			}
			for _, po := range g.Out(p.ID) {
				if po.Kind != model.EdgePartOf {
					continue
				}
				for _, wp := range g.In(po.To) {
					if wp.Kind == model.EdgePartOf && wp.From != p.ID {
						r := base
						r.via, r.route = []*model.Edge{wp, po}, routeService
						add(c.Node(wp.From), r)
					}
				}
			}
		}
	}
	for w, refs := range ix {
		ix[w] = oneRefPerPackage(refs)
	}
	return ix
}

type runner struct {
	workload string
	via      []*model.Edge
	route    int
}

// runnersOf returns the workloads that run what holds a package: an image (W -runs-> I) or a module an image
// contains (W -runs-> I -contains-> M).
func runnersOf(c *paths.Context, holder *model.Node, hold *model.Edge) []runner {
	g := c.Graph
	var out []runner
	switch holder.Kind {
	case model.KindImage:
		for _, r := range g.In(holder.ID) {
			if r.Kind == model.EdgeRuns {
				out = append(out, runner{r.From, []*model.Edge{r, hold}, routeImage})
			}
		}
	case model.KindModule:
		for _, ic := range g.In(holder.ID) {
			img := c.Node(ic.From)
			if ic.Kind != model.EdgeContains || img == nil || img.Kind != model.KindImage {
				continue
			}
			for _, r := range g.In(img.ID) {
				if r.Kind == model.EdgeRuns {
					out = append(out, runner{r.From, []*model.Edge{r, ic, hold}, routeModule})
				}
			}
		}
	}
	return out
}

// oneRefPerPackage keeps, of each (vulnerability, package) pair, the most direct route.
func oneRefPerPackage(refs []ref) []ref {
	sort.SliceStable(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.vuln.ID != b.vuln.ID {
			return a.vuln.ID < b.vuln.ID
		}
		if a.pkg.ID != b.pkg.ID {
			return a.pkg.ID < b.pkg.ID
		}
		if a.route != b.route {
			return a.route < b.route
		}
		return viaKey(a.via) < viaKey(b.via)
	})
	out := refs[:0]
	for i, r := range refs {
		if i > 0 && r.vuln.ID == refs[i-1].vuln.ID && r.pkg.ID == refs[i-1].pkg.ID {
			continue
		}
		out = append(out, r)
	}
	return out
}

func viaKey(es []*model.Edge) string {
	keys := make([]string, len(es))
	for i, e := range es {
		keys[i] = e.Key()
	}
	return strings.Join(keys, "|")
}

// classesOf returns a vulnerability's foothold classes, sorted.
func classesOf(v *model.Node) []flaw.Class {
	var out []flaw.Class
	for _, s := range link.Strings(v.Attrs["classes"]) {
		out = append(out, flaw.Class(s))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// footholds turns a reference into one foothold per class of the vulnerability, or none when a VEX statement
// says the package is not affected.
func (r ref) footholds(c *paths.Context) []paths.Foothold {
	status := attrString(r.affected.Attrs, "vex_status")
	if status == "not_affected" || status == "fixed" {
		return nil
	}
	l, reasons, assumptions := r.likelihood(c)
	label := r.label()
	var out []paths.Foothold
	for _, cl := range classesOf(r.vuln) {
		fh := paths.Foothold{Class: string(cl), Node: r.vuln.ID, Label: label, Likelihood: l,
			Reachable:   !isFalse(r.affected.Attrs["reachable"]),
			Assumptions: append([]string(nil), assumptions...),
			Control:     r.control(),
			Evidence:    r.evidence(),
		}
		fh.Reason = fmt.Sprintf("%s, a %s vulnerability (%s): %s", label, cl, strings.Join(reasons, ", "), r.how(c))
		out = append(out, fh)
	}
	return out
}

// label names the vulnerability and the package: "CVE-2024-39338 in axios 1.6.0".
func (r ref) label() string {
	name := orDefault(attrString(r.pkg.Attrs, "name"), r.pkg.Name)
	version := attrString(r.affected.Attrs, "installed")
	if version == "" {
		version = attrString(r.pkg.Attrs, "version")
	}
	if version != "" {
		name += " " + version
	}
	return orDefault(r.vuln.Name, r.vuln.ID) + " in " + name
}

// likelihood computes the foothold's likelihood with a reason per factor and the assumptions it rests on.
func (r ref) likelihood(c *paths.Context) (float64, []string, []string) {
	var reasons, assumptions []string
	l := 0.4
	if score, ok := number(r.vuln.Attrs["score"]); ok {
		switch {
		case score >= 9:
			l = 0.8
		case score >= 7:
			l = 0.6
		case score >= 4:
			l = 0.4
		default:
			l = 0.2
		}
		reasons = append(reasons, fmt.Sprintf("CVSS %.1f → %.1f", score, l))
	} else {
		reasons = append(reasons, "no CVSS score → 0.4")
		assumptions = append(assumptions, fmt.Sprintf("%s states no CVSS score; its exploitability is assumed medium (0.4)", r.vuln.Name))
	}
	if isTrue(r.affected.Attrs["kev"]) || isTrue(r.vuln.Attrs["kev"]) {
		l = math.Max(l, 0.95)
		reasons = append(reasons, "exploited in the wild (CISA KEV) → at least 0.95")
	}
	if epss, ok := epssOf(r); ok {
		switch {
		case epss >= 0.5:
			l *= 1.2
			reasons = append(reasons, fmt.Sprintf("EPSS %.2f → × 1.2", epss))
		case epss <= 0.01:
			l *= 0.7
			reasons = append(reasons, fmt.Sprintf("EPSS %.3f → × 0.7", epss))
		}
	}
	switch reach := r.affected.Attrs["reachable"].(type) {
	case bool:
		if !reach {
			l *= 0.2
			reasons = append(reasons, "vulnerable code not called → × 0.2")
		} else {
			reasons = append(reasons, "vulnerable code called")
		}
	default:
		if why := attrString(r.affected.Attrs, "reachability"); why != "" {
			assumptions = append(assumptions, "the vulnerable code is assumed reachable: "+why)
		}
	}
	if isTrue(r.pkg.Attrs["dev"]) || devDependency(r) {
		l *= 0.3
		reasons = append(reasons, "development dependency → × 0.3")
		assumptions = append(assumptions, fmt.Sprintf("%s is a development dependency; assumed it may still be installed in the image", r.pkg.Name))
	}
	if r.route == routeService {
		l *= 0.8
		reasons = append(reasons, "known only through the service → × 0.8")
		assumptions = append(assumptions, fmt.Sprintf("%s is known only to be part of the same service as the workload; assumed the workload runs it", r.pkg.ID))
	}
	if status := attrString(r.affected.Attrs, "vex_status"); status != "" {
		reasons = append(reasons, "VEX: "+status)
	}
	if l > 1 {
		l = 1
	}
	return l, reasons, assumptions
}

func epssOf(r ref) (float64, bool) {
	if v, ok := number(r.affected.Attrs["epss"]); ok {
		return v, true
	}
	return number(r.vuln.Attrs["epss"])
}

// devDependency reports whether the lockfile marks the package development-only on the route's contains edge.
func devDependency(r ref) bool {
	if len(r.via) == 0 {
		return false
	}
	last := r.via[len(r.via)-1]
	return last.Kind == model.EdgeContains && isTrue(last.Attrs["dev"])
}

// control is the upgrade that breaks every step through this package.
func (r ref) control() paths.Control {
	fixed := attrString(r.affected.Attrs, "fixed")
	title := fmt.Sprintf("upgrade %s to a version without %s", orDefault(attrString(r.pkg.Attrs, "name"), r.pkg.Name), r.vuln.Name)
	if fixed != "" {
		title = fmt.Sprintf("upgrade %s to %s or later (fixes %s)", orDefault(attrString(r.pkg.Attrs, "name"), r.pkg.Name), fixed, r.vuln.Name)
	}
	ctl := paths.ControlAt("upgrade", r.pkg, title)
	if r.affected.Prov.File != "" {
		ctl.File, ctl.Line = r.affected.Prov.File, r.affected.Prov.Line
	}
	return ctl
}

// evidence lists the affected-by edge (the package's lockfile line), the advisory and the route's edges.
func (r ref) evidence() []model.Evidence {
	ev := []model.Evidence{link.EvidenceOfEdge(r.affected, fmt.Sprintf("%s is affected by %s (%s)",
		r.pkg.ID, r.vuln.Name, orDefault(attrString(r.affected.Attrs, "range"), "affected range")))}
	ev = append(ev, link.Evidence(r.vuln, orDefault(attrString(r.vuln.Attrs, "summary"), r.vuln.Name)))
	for _, e := range r.via {
		ev = append(ev, link.EvidenceOfEdge(e, string(e.Kind)+" "+e.To))
	}
	return ev
}

// how says how the workload comes to run the package.
func (r ref) how(c *paths.Context) string {
	switch r.route {
	case routeImage:
		return fmt.Sprintf("%s runs %s, which contains %s", c.Name(r.via[0].From), c.Name(r.via[0].To), r.pkg.ID)
	case routeModule:
		return fmt.Sprintf("%s runs %s, built with %s, which pins %s", c.Name(r.via[0].From), c.Name(r.via[0].To),
			r.via[1].To, r.pkg.ID)
	}
	return fmt.Sprintf("%s is part of %s, which uses %s", c.Name(r.via[0].From), c.Name(r.via[0].To), r.pkg.ID)
}

func attrString(attrs map[string]any, key string) string {
	s, _ := attrs[key].(string)
	return s
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

func isTrue(v any) bool  { b, ok := v.(bool); return ok && b }
func isFalse(v any) bool { b, ok := v.(bool); return ok && !b }

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
