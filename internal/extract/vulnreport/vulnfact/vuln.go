package vulnfact

import (
	"sort"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/extract/redact"
	"github.com/seam-sec/seam/internal/model"
)

// CVSS is one CVSS assessment as a report gives it; Score is 0 when the report gives only the vector.
type CVSS struct {
	Version, Vector string
	Score           float64
}

// Affect is one package a finding says the vulnerability affects, and where the finding says so.
type Affect struct {
	Package, Installed, Fixed string
	File                      string
	Line                      int
	Source                    string
}

// Finding is what one report says about one vulnerability, for one or more packages.
type Finding struct {
	IDs        []string // the vulnerability's ID and all its aliases
	Summary    string
	Severity   string // as the report words it; see Severity
	CVSS       []CVSS
	Score      float64 // a score stated without a vector (osv-scanner's max_severity), when HasScore
	HasScore   bool
	CWEs       []string // "CWE-79", "79"
	References []string
	Published  string
	Modified   string
	Affects    []Affect
	Source     string // the tool: "trivy", "grype", "osv-scanner", "cyclonedx"
	Prov       model.Provenance
}

// Limits of what one vulnerability node keeps.
const (
	maxReferences = 5
	maxSummary    = 1000 // runes
)

// Set gathers the findings of one file into one vulnerability node per alias group.
type Set struct {
	byID   map[string]*group
	groups []*group
}

type group struct {
	ids      map[string]bool
	findings []Finding
	merged   bool // folded into another group
}

// Add records a finding, merging it with every group it shares an ID with.
func (s *Set) Add(f Finding) {
	if s.byID == nil {
		s.byID = map[string]*group{}
	}
	var g *group
	for _, id := range f.IDs {
		id = strings.TrimSpace(id)
		other := s.byID[id]
		switch {
		case id == "" || other == nil || other == g:
		case g == nil:
			g = other
		default: // the finding joins two groups: fold other into g
			for oid := range other.ids {
				g.ids[oid], s.byID[oid] = true, g
			}
			g.findings = append(g.findings, other.findings...)
			other.merged = true
		}
	}
	if g == nil {
		g = &group{ids: map[string]bool{}}
		s.groups = append(s.groups, g)
	}
	for _, id := range f.IDs {
		if id = strings.TrimSpace(id); id != "" {
			g.ids[id], s.byID[id] = true, g
		}
	}
	g.findings = append(g.findings, f)
}

// Nodes returns the vulnerability nodes, sorted by ID.
func (s *Set) Nodes() []model.Node {
	var out []model.Node
	for _, g := range s.groups {
		if !g.merged && len(g.ids) > 0 {
			out = append(out, g.node())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// merged is what a group's findings say together.
type merged struct {
	sev, summary, published, modified string
	cvss                              []CVSS
	score                             float64
	hasScore                          bool
	cwes                              map[string]bool
	refs                              []string
	affects                           []Affect
}

// merge folds a group's findings, in file order: the first summary and dates, the most severe severity
// word, every CVSS assessment, CWE, reference and affected package.
func (g *group) merge() merged {
	sort.SliceStable(g.findings, func(i, j int) bool { return g.findings[i].Prov.Less(g.findings[j].Prov) })
	m := merged{sev: "unknown", cwes: map[string]bool{}}
	for _, f := range g.findings {
		m.sev = worse(m.sev, Severity(f.Severity))
		m.summary, m.published, m.modified = firstOf(m.summary, f.Summary), firstOf(m.published, f.Published), firstOf(m.modified, f.Modified)
		m.cvss = append(m.cvss, f.CVSS...)
		if f.HasScore && (!m.hasScore || f.Score > m.score) {
			m.score, m.hasScore = f.Score, true
		}
		for _, c := range f.CWEs {
			if c = CWE(c); c != "" {
				m.cwes[c] = true
			}
		}
		m.refs = append(m.refs, f.References...)
		m.affects = append(m.affects, f.Affects...)
	}
	m.cvss = sortCVSS(m.cvss)
	for _, c := range m.cvss {
		if c.Score > 0 && (!m.hasScore || c.Score > m.score) {
			m.score, m.hasScore = c.Score, true
		}
	}
	if m.sev == "unknown" && m.hasScore {
		m.sev = SeverityFromScore(m.score)
	}
	return m
}

// node is the group's vulnerability node; Type and provenance are the first finding's.
func (g *group) node() model.Node {
	m := g.merge()
	ids := sortedKeys(g.ids)
	attrs := map[string]any{"aliases": toAny(ids), "severity": m.sev}
	setIf(attrs, "summary", truncate(redact.URL(m.summary)))
	setIf(attrs, "published", m.published)
	setIf(attrs, "modified", m.modified)
	if len(m.cvss) > 0 {
		attrs["cvss"] = cvssAttr(m.cvss)
	}
	if m.hasScore {
		attrs["score"] = m.score
	}
	if len(m.cwes) > 0 {
		attrs["cwes"] = toAny(sortedKeys(m.cwes))
	}
	if r := references(m.refs); len(r) > 0 {
		attrs["references"] = toAny(r)
	}
	if len(m.affects) > 0 {
		attrs["affects"] = affectsAttr(m.affects)
	}
	first := g.findings[0]
	return model.Node{ID: model.VulnerabilityID(ids...), Kind: model.KindVulnerability, Type: first.Source,
		Name: model.PrimaryVulnerabilityID(ids...), Attrs: attrs, Prov: first.Prov}
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return strings.TrimSpace(b)
}

func setIf(attrs map[string]any, key, v string) {
	if v != "" {
		attrs[key] = v
	}
}

func truncate(s string) string {
	r := []rune(s)
	if len(r) <= maxSummary {
		return s
	}
	return string(r[:maxSummary]) + "…"
}

// references keeps the first five distinct URLs, passwords redacted.
func references(refs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range refs {
		r = redact.URL(strings.TrimSpace(r))
		if r == "" || seen[r] {
			continue
		}
		seen[r] = true
		if out = append(out, r); len(out) == maxReferences {
			break
		}
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// CWE normalises a weakness ID to "CWE-n": "79", "CWE-79", "cwe-079". Placeholders such as NVD-CWE-Other
// give "".
func CWE(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "CWE-") {
		s = s[4:]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return ""
	}
	return "CWE-" + strconv.Itoa(n)
}
