package vulnfact

import (
	"sort"
	"strings"
)

// severityRank orders the severity words, most severe first.
var severityRank = map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3, "none": 4, "unknown": 5}

// Severity maps a report's severity word to Seam's vocabulary: critical, high, medium, low, none or
// unknown. "Moderate" (GitHub, OSV) is medium; "negligible" (Grype) is low; "info" is none.
func Severity(word string) string {
	switch w := strings.ToLower(strings.TrimSpace(word)); w {
	case "critical", "high", "medium", "low", "none":
		return w
	case "moderate":
		return "medium"
	case "important": // Red Hat's word
		return "high"
	case "negligible", "minor":
		return "low"
	case "info", "informational":
		return "none"
	}
	return "unknown"
}

// SeverityFromScore rates a CVSS base score with CVSS v3.1's qualitative scale (FIRST, CVSS v3.1
// specification, section 5): 0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10 critical.
func SeverityFromScore(s float64) string {
	switch {
	case s >= 9:
		return "critical"
	case s >= 7:
		return "high"
	case s >= 4:
		return "medium"
	case s > 0:
		return "low"
	}
	return "none"
}

// worse returns the more severe of two severity words.
func worse(a, b string) string {
	if severityRank[b] < severityRank[a] {
		return b
	}
	return a
}

// CVSSVersion is the version a vector states ("CVSS:3.1/…" → "3.1"); a vector without the prefix is v2.
func CVSSVersion(vector string) string {
	if rest, ok := strings.CutPrefix(vector, "CVSS:"); ok {
		v, _, _ := strings.Cut(rest, "/")
		return v
	}
	if vector != "" {
		return "2.0"
	}
	return ""
}

// versionOrder puts v4 first, then v3.1, v3.0, v2 (the contract's order).
func versionOrder(v string) int {
	switch v {
	case "4.0":
		return 0
	case "3.1":
		return 1
	case "3.0":
		return 2
	case "2.0":
		return 3
	}
	return 4
}

// sortCVSS orders assessments by version then vector and keeps one per vector (the highest score); those
// without a vector are kept once per version and score.
func sortCVSS(cs []CVSS) []CVSS {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if oa, ob := versionOrder(a.Version), versionOrder(b.Version); oa != ob {
			return oa < ob
		}
		if a.Version != b.Version {
			return a.Version < b.Version
		}
		if a.Vector != b.Vector {
			return a.Vector < b.Vector
		}
		return a.Score > b.Score
	})
	var out []CVSS
	for _, c := range cs {
		if n := len(out); n > 0 && out[n-1].Version == c.Version && out[n-1].Vector == c.Vector &&
			(c.Vector != "" || out[n-1].Score == c.Score) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func cvssAttr(cs []CVSS) []any {
	out := make([]any, 0, len(cs))
	for _, c := range cs {
		m := map[string]any{"version": c.Version, "vector": c.Vector}
		if c.Score > 0 {
			m["score"] = c.Score
		}
		out = append(out, m)
	}
	return out
}

// affectsAttr lists each affected package once, sorted by package, file and line.
func affectsAttr(as []Affect) []any {
	sort.Slice(as, func(i, j int) bool {
		a, b := as[i], as[j]
		switch {
		case a.Package != b.Package:
			return a.Package < b.Package
		case a.File != b.File:
			return a.File < b.File
		case a.Line != b.Line:
			return a.Line < b.Line
		case a.Installed != b.Installed:
			return a.Installed < b.Installed
		case a.Fixed != b.Fixed:
			return a.Fixed < b.Fixed
		}
		return a.Source < b.Source
	})
	var out []any
	for i, a := range as {
		if i > 0 && a == as[i-1] {
			continue
		}
		m := map[string]any{"package": a.Package, "installed": a.Installed, "file": a.File, "line": a.Line,
			"source": a.Source}
		if a.Fixed != "" {
			m["fixed"] = a.Fixed
		}
		out = append(out, m)
	}
	return out
}
