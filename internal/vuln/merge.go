package vuln

import (
	"sort"
	"time"

	"github.com/seam-sec/seam/internal/model"
)

// maxReferences is how many reference URLs a vulnerability keeps (the graph contract shows at most 5).
const maxReferences = 5

// Vulnerability is one vulnerability: the advisories whose IDs and aliases overlap (a CVE, its GHSA, GO- and
// PYSEC- advisories), merged into one record.
type Vulnerability struct {
	ID               string     `json:"id"`      // primary ID, by model.PrimaryVulnerabilityID
	Aliases          []string   `json:"aliases"` // every ID of the group, sorted, the primary included
	Summary          string     `json:"summary,omitempty"`
	Details          string     `json:"details,omitempty"`
	Severity         []Severity `json:"severity,omitempty"`          // as the advisories give them
	DatabaseSeverity string     `json:"database_severity,omitempty"` // database_specific.severity ("HIGH")
	CWEs             []string   `json:"cwes,omitempty"`              // "CWE-n", sorted
	Published        time.Time  `json:"published,omitzero"`          // the earliest of the group
	Modified         time.Time  `json:"modified,omitzero"`           // the latest of the group
	References       []string   `json:"references,omitempty"`        // at most 5 URLs
}

// unionFind groups IDs that alias each other.
type unionFind struct {
	parent map[string]string
}

func (u *unionFind) find(x string) string {
	p, ok := u.parent[x]
	if !ok {
		u.parent[x] = x
		return x
	}
	if p == x {
		return x
	}
	r := u.find(p)
	u.parent[x] = r
	return r
}

func (u *unionFind) union(a, b string) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		if rb < ra {
			ra, rb = rb, ra
		}
		u.parent[rb] = ra
	}
}

// merge groups advisories by overlapping IDs and aliases into vulnerabilities, sorted by primary ID, and
// returns the affected entries with the index of their vulnerability. The same advisory ID read twice (a
// directory holding both the JSON and a zip of it) is kept once: the latest modified, then the first source.
func merge(advs []*advisory) ([]Vulnerability, []affected, []int, []model.Diagnostic) {
	advs, diags := dedupe(advs)
	u := &unionFind{parent: map[string]string{}}
	for _, a := range advs {
		u.find(a.ID)
		for _, al := range a.Aliases {
			u.union(a.ID, al)
		}
	}
	groups := map[string][]*advisory{}
	for _, a := range advs {
		r := u.find(a.ID)
		groups[r] = append(groups[r], a)
	}
	vulns := make([]Vulnerability, 0, len(groups))
	members := make([][]*advisory, 0, len(groups))
	for _, g := range groups {
		v := mergeGroup(g)
		vulns = append(vulns, v)
		members = append(members, g)
	}
	order := make([]int, len(vulns))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return vulns[order[i]].ID < vulns[order[j]].ID })
	sorted := make([]Vulnerability, len(vulns))
	var entries []affected
	var owners []int
	for newIdx, old := range order {
		sorted[newIdx] = vulns[old]
		for _, a := range members[old] {
			for _, e := range a.Affected {
				entries = append(entries, e)
				owners = append(owners, newIdx)
			}
		}
	}
	return sorted, entries, owners, diags
}

// dedupe keeps one advisory per ID. advs is sorted by ID, then source.
func dedupe(advs []*advisory) ([]*advisory, []model.Diagnostic) {
	var out []*advisory
	var diags []model.Diagnostic
	for _, a := range advs {
		if n := len(out); n > 0 && out[n-1].ID == a.ID {
			kept, dropped := out[n-1], a
			if a.Modified.After(kept.Modified) {
				kept, dropped = a, kept
				out[n-1] = a
			}
			diags = append(diags, diag(model.SeverityInfo, dropped.Source, 1,
				"advisory "+a.ID+" is also in "+kept.Source+", which is used"))
			continue
		}
		out = append(out, a)
	}
	return out, diags
}

// mergeGroup merges one alias group. Its text comes from the advisory with the primary ID when there is one
// (else the lowest ID) and, where that advisory says nothing, from the next; severities, CWEs and references
// are united in that order.
func mergeGroup(g []*advisory) Vulnerability {
	var ids []string
	for _, a := range g {
		ids = append(ids, a.ID)
		ids = append(ids, a.Aliases...)
	}
	v := Vulnerability{ID: model.PrimaryVulnerabilityID(ids...), Aliases: sortedUnique(ids)}
	sort.SliceStable(g, func(i, j int) bool {
		pi, pj := g[i].ID == v.ID, g[j].ID == v.ID
		if pi != pj {
			return pi
		}
		return g[i].ID < g[j].ID
	})
	seenSev, seenRef := map[Severity]bool{}, map[string]bool{}
	var cwes []string
	for _, a := range g {
		v.Summary = firstNonEmpty(v.Summary, a.Summary)
		v.Details = firstNonEmpty(v.Details, a.Details)
		v.DatabaseSeverity = firstNonEmpty(v.DatabaseSeverity, a.DBSeverity)
		for _, s := range a.Severity {
			if !seenSev[s] {
				seenSev[s] = true
				v.Severity = append(v.Severity, s)
			}
		}
		for _, r := range a.References {
			if !seenRef[r] && len(v.References) < maxReferences {
				seenRef[r] = true
				v.References = append(v.References, r)
			}
		}
		cwes = append(cwes, a.CWEs...)
		if !a.Published.IsZero() && (v.Published.IsZero() || a.Published.Before(v.Published)) {
			v.Published = a.Published
		}
		if a.Modified.After(v.Modified) {
			v.Modified = a.Modified
		}
	}
	v.CWEs = sortedUnique(cwes)
	return v
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
