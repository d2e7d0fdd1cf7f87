// Package entry holds the rules that start paths: from the internet to what it reaches (the exposure the
// link stage derived, public grants of resource policies), and from the entry points seam.yaml declares (a
// leaked credential, an insider in a namespace, a compromised package, nodes named directly).
package entry

import (
	"fmt"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// Rules returns the entry rules.
func Rules() []paths.Rule {
	return []paths.Rule{internetReach{}, publicData{}, declared{}}
}

// internetReach: the internet reaches every workload the link stage found exposed, through the route it
// found; and every other node the internet exposes directly (a public database, a function URL).
type internetReach struct{}

func (internetReach) Meta() paths.Meta {
	return paths.Meta{ID: "entry.internet-reach", Title: "The internet reaches an exposed service",
		Technique: "T1595", TechniqueName: "Active Scanning", Likelihood: 1,
		Rationale: "anything reachable from the internet is found by scanners within hours",
		Control:   "put authentication in front of the route, or take it off the internet",
		From:      []paths.Kind{paths.Entry}, To: []paths.Kind{paths.Reach}}
}

func (r internetReach) Steps(c *paths.Context, s paths.State) []paths.Step {
	if s.Node != model.InternetID {
		return nil
	}
	var out []paths.Step
	for _, w := range c.Graph.Nodes() {
		d, ok := w.Derived["exposure"]
		if !ok {
			continue
		}
		m, _ := d.Value.(map[string]any)
		if m["internet"] != true {
			continue
		}
		out = append(out, exposureStep(c, w, m, d.Prov))
	}
	for _, e := range c.Graph.Out(model.InternetID) {
		if e.Kind != model.EdgeExposes {
			continue
		}
		t := c.Node(e.To)
		if t == nil || t.Kind == model.KindExposure || t.Kind == model.KindWorkload {
			continue // exposures lead on to workloads, which carry the derived exposure
		}
		reason, _ := e.Attrs["reason"].(string)
		out = append(out, paths.Step{To: paths.State{Kind: paths.Reach, Node: t.ID}, Reason: reason,
			Evidence: []model.Evidence{link.EvidenceOfEdge(e, "exposed to the internet")},
			Control:  paths.ControlAt("unexpose", t, "take "+c.Name(t.ID)+" off the internet"),
			Via:      []string{e.Key()}, Assumptions: strs(e.Attrs["assumptions"])})
	}
	return out
}

// exposureStep is the step to a workload through the first route of its derived exposure.
func exposureStep(c *paths.Context, w *model.Node, m map[string]any, prov model.Provenance) paths.Step {
	routes, _ := m["routes"].([]any)
	route, _ := first(routes).(map[string]any)
	hops := strs(route["hops"])
	auth, _ := m["authentication"].(string)
	likelihood := 1.0
	if auth != "" && auth != "none" && auth != "unknown" {
		likelihood = 0.3 // a route behind IAM, JWT or a custom authoriser: the attacker needs a credential first
	}
	entry := c.Node(str(route["entry"]))
	if entry == nil {
		entry = w
	}
	ev := []model.Evidence{{File: prov.File, Line: prov.Line, What: "exposed through " + strings.Join(hops, " → ")}}
	for _, h := range hops[min(1, len(hops)):] {
		if n := c.Node(h); n != nil {
			ev = append(ev, link.Evidence(n, c.Name(h)))
		}
	}
	reason := fmt.Sprintf("the internet reaches %s through %s (authentication: %s)", c.Name(w.ID), strings.Join(hops[min(1, len(hops)):], " → "), orUnknown(auth))
	ctl := paths.ControlAt("authenticate", entry, "require authentication at "+c.Name(entry.ID)+", or take the route off the internet")
	ctl.Design = true // a public service is meant to be reached: the fix is rarely to close it
	return paths.Step{To: paths.State{Kind: paths.Reach, Node: w.ID}, Likelihood: likelihood, Reason: reason, Evidence: ev,
		Control: ctl, Assumptions: strs(route["assumptions"])}
}

// publicData: a resource policy that grants anyone access (the access builder's internet can edges).
type publicData struct{}

func (publicData) Meta() paths.Meta {
	return paths.Meta{ID: "entry.public-resource-policy", Title: "A resource policy grants the internet access",
		Technique: "T1530", TechniqueName: "Data from Cloud Storage", Likelihood: 0.9,
		Rationale: "public buckets and queues are enumerated by name by automated tools",
		Control:   `remove the statement whose Principal is "*", and block public access on the account`,
		From:      []paths.Kind{paths.Entry}, To: []paths.Kind{paths.Read, paths.Write}}
}

func (r publicData) Steps(c *paths.Context, s paths.State) []paths.Step {
	if s.Node != model.InternetID {
		return nil
	}
	var out []paths.Step
	for _, e := range c.Graph.Out(model.InternetID) {
		if e.Kind != model.EdgeCan {
			continue
		}
		t := c.Node(e.To)
		if t == nil {
			continue
		}
		reason, _ := e.Attrs["reason"].(string)
		ctl := paths.ControlAt("public-policy", t, "remove the public grant from the resource policy of "+c.Name(t.ID))
		if p := policyOf(e); p != "" {
			if n := c.Node(p); n != nil {
				ctl = paths.ControlAt("public-policy", n, "remove the statement granting \"*\" from "+c.Name(p))
			}
		}
		for _, k := range levelsToKinds(strs(e.Attrs["access"])) {
			out = append(out, paths.Step{To: paths.State{Kind: k, Node: t.ID}, Reason: reason, Control: ctl,
				Evidence: []model.Evidence{link.EvidenceOfEdge(e, "public grant")}, Via: []string{e.Key()}})
		}
	}
	return out
}

// declared: the entry points seam.yaml names.
type declared struct{}

func (declared) Meta() paths.Meta {
	return paths.Meta{ID: "entry.declared", Title: "An attacker starts where seam.yaml says",
		Technique: "T1078", TechniqueName: "Valid Accounts", Likelihood: 1,
		Rationale: "a declared entry point is assumed, not proven: it is the scenario the organisation asked about",
		Control:   "rotate the leaked credential, remove the insider's access, pin the package",
		From:      []paths.Kind{paths.Entry}, To: []paths.Kind{paths.Creds, paths.Exec, paths.Reach}}
}

func (r declared) Steps(c *paths.Context, s paths.State) []paths.Step {
	e := c.Node(s.Node)
	if e == nil || e.Kind != model.KindEntryPoint {
		return nil
	}
	var out []paths.Step
	ev := []model.Evidence{link.Evidence(e, "declared entry point "+e.Name)}
	step := func(k paths.Kind, id, reason string) {
		out = append(out, paths.Step{To: paths.State{Kind: k, Node: id}, Reason: reason, Evidence: ev,
			Control: paths.ControlAt("entry", e, "close the entry point "+e.Name), Assumptions: []string{"declared in seam.yaml: " + e.Name}})
	}
	typ, _ := e.Attrs["type"].(string)
	for _, id := range matching(c, str(e.Attrs["identity"])) {
		step(paths.Creds, id, fmt.Sprintf("the attacker holds the credentials of %s (%s)", c.Name(id), typ))
	}
	if ns := str(e.Attrs["namespace"]); ns != "" {
		for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
			if w.Attrs["namespace"] == ns {
				step(paths.Exec, w.ID, fmt.Sprintf("an insider runs code in namespace %s, as %s", ns, c.Name(w.ID)))
			}
		}
	}
	if pkg := str(e.Attrs["package"]); pkg != "" {
		for _, w := range runningPackage(c, pkg) {
			step(paths.Exec, w, fmt.Sprintf("the compromised package %s runs in %s", pkg, c.Name(w)))
		}
	}
	for _, g := range strs(e.Attrs["resources"]) {
		for _, id := range matching(c, g) {
			if id != model.InternetID {
				step(paths.Reach, id, fmt.Sprintf("%s reaches %s directly", e.Name, c.Name(id)))
			}
		}
	}
	return out
}

// runningPackage returns the workloads that run an image containing a module that contains the package
// (a PURL; without a version, every version).
func runningPackage(c *paths.Context, purl string) []string {
	match := func(id string) bool {
		return id == purl || !strings.Contains(purl, "@") && strings.HasPrefix(id, purl+"@")
	}
	var out []string
	for _, w := range c.Graph.NodesOfKind(model.KindWorkload) {
		if runs(c, w.ID, match) {
			out = append(out, w.ID)
		}
	}
	return out
}

func runs(c *paths.Context, w string, match func(string) bool) bool {
	for _, r := range c.Graph.Out(w) {
		if r.Kind != model.EdgeRuns {
			continue
		}
		for _, m := range c.Graph.Out(r.To) {
			if m.Kind != model.EdgeContains {
				continue
			}
			if match(m.To) {
				return true
			}
			for _, p := range c.Graph.Out(m.To) {
				if p.Kind == model.EdgeContains && match(p.To) {
					return true
				}
			}
		}
	}
	return false
}

// matching returns the node IDs a glob (or an ID) names, sorted.
func matching(c *paths.Context, glob string) []string {
	if glob == "" {
		return nil
	}
	if n := c.Node(glob); n != nil {
		return []string{n.ID}
	}
	var out []string
	for _, n := range c.Graph.Nodes() {
		if ok, _ := doublestar.Match(glob, n.ID); ok {
			out = append(out, n.ID)
		}
	}
	sort.Strings(out)
	return out
}

// levelsToKinds maps access levels to the states they give.
func levelsToKinds(levels []string) []paths.Kind {
	var read, write bool
	for _, l := range levels {
		switch l {
		case "read", "list":
			read = read || l == "read"
		case "write", "admin", "permissions-management":
			write = true
			read = read || l == "admin"
		}
	}
	var out []paths.Kind
	if read {
		out = append(out, paths.Read)
	}
	if write {
		out = append(out, paths.Write)
	}
	return out
}

func policyOf(e *model.Edge) string {
	list, _ := e.Attrs["statements"].([]any)
	if m, ok := first(list).(map[string]any); ok {
		return str(m["policy"])
	}
	return ""
}

func first(l []any) any {
	if len(l) == 0 {
		return nil
	}
	return l[0]
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func strs(v any) []string { return link.Strings(v) }

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
