package sbom

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// NotDeployed is the analysis detail of a vulnerable package no workload Seam found runs.
const NotDeployed = "not deployed by any workload Seam found"

// analysis is the VEX verdict of one affected-by edge.
type analysis struct {
	State         cdx.ImpactAnalysisState
	Justification cdx.ImpactAnalysisJustification
	Detail        string
}

// vulnerabilities renders the vulnerability nodes that affect packages of the BOM, sorted by node ID, one
// entry per distinct analysis.
func vulnerabilities(g *graph.Graph, t *tree) []cdx.Vulnerability {
	var out []cdx.Vulnerability
	for _, v := range g.NodesOfKind(model.KindVulnerability) {
		groups := map[analysis][]*model.Edge{}
		for _, e := range g.In(v.ID) {
			if e.Kind == model.EdgeAffectedBy && t.in[e.From] {
				a := analyse(v, e, t.deployed[e.From])
				groups[a] = append(groups[a], e)
			}
		}
		keys := make([]analysis, 0, len(groups))
		for a := range groups {
			keys = append(keys, a)
		}
		sort.Slice(keys, func(i, j int) bool { return analysisLess(keys[i], keys[j]) })
		for i, a := range keys {
			entry := vulnerability(v, a, groups[a])
			if i > 0 {
				entry.BOMRef = fmt.Sprintf("%s#%d", v.ID, i+1)
			}
			out = append(out, entry)
		}
	}
	return out
}

func analysisLess(a, b analysis) bool {
	if a.State != b.State {
		return a.State < b.State
	}
	if a.Justification != b.Justification {
		return a.Justification < b.Justification
	}
	return a.Detail < b.Detail
}

// analyse derives the analysis of one affected-by edge (the package's deployment given), by the rules of the
// package comment.
func analyse(v *model.Node, e *model.Edge, deployed bool) analysis {
	if st, _ := e.Attrs["vex_status"].(string); st != "" {
		return vexAnalysis(st, e)
	}
	if r, ok := e.Attrs["reachable"].(bool); ok && !r {
		reason, _ := e.Attrs["reachability"].(string)
		return analysis{State: cdx.IASNotAffected, Justification: cdx.IAJCodeNotReachable, Detail: reason}
	}
	if !deployed {
		return analysis{State: cdx.IASInTriage, Detail: NotDeployed}
	}
	if classes := link.Strings(v.Attrs["classes"]); len(classes) > 0 {
		return analysis{State: cdx.IASExploitable, Detail: "a foothold (" + strings.Join(classes, ", ") +
			") on Seam's attack paths in a deployed image" + reachedBy(e)}
	}
	return analysis{State: cdx.IASInTriage, Detail: "affected version deployed; not a foothold class Seam's attack paths use" + reachedBy(e)}
}

func reachedBy(e *model.Edge) string {
	if r, ok := e.Attrs["reachable"].(bool); ok && r {
		if reason, _ := e.Attrs["reachability"].(string); reason != "" {
			return "; reachable: " + reason
		}
	}
	return ""
}

// vexStates maps VEX statuses (OpenVEX and the vulnerability stage's vocabulary) to CycloneDX states.
var vexStates = map[string]cdx.ImpactAnalysisState{
	"not_affected": cdx.IASNotAffected, "affected": cdx.IASExploitable, "fixed": cdx.IASResolved,
	"under_investigation": cdx.IASInTriage,
}

// vexJustifications maps OpenVEX justifications to the nearest CycloneDX ones (the same correspondence
// vexctl and the CISA VEX minimum requirements use); CycloneDX words pass through.
var vexJustifications = map[string]cdx.ImpactAnalysisJustification{
	"component_not_present":                             cdx.IAJCodeNotPresent,
	"vulnerable_code_not_present":                       cdx.IAJCodeNotPresent,
	"vulnerable_code_not_in_execute_path":               cdx.IAJCodeNotReachable,
	"vulnerable_code_cannot_be_controlled_by_adversary": cdx.IAJRequiresEnvironment,
	"inline_mitigations_already_exist":                  cdx.IAJProtectedByMitigatingControl,
	"code_not_present":                                  cdx.IAJCodeNotPresent,
	"code_not_reachable":                                cdx.IAJCodeNotReachable,
	"requires_configuration":                            cdx.IAJRequiresConfiguration,
	"requires_dependency":                               cdx.IAJRequiresDependency,
	"requires_environment":                              cdx.IAJRequiresEnvironment,
	"protected_by_compiler":                             cdx.IAJProtectedByCompiler,
	"protected_at_runtime":                              cdx.IAJProtectedAtRuntime,
	"protected_at_perimeter":                            cdx.IAJProtectedAtPerimeter,
	"protected_by_mitigating_control":                   cdx.IAJProtectedByMitigatingControl,
}

func vexAnalysis(status string, e *model.Edge) analysis {
	a := analysis{State: vexStates[status]}
	if a.State == "" {
		a.State = cdx.IASInTriage
	}
	var detail []string
	if j, _ := e.Attrs["vex_justification"].(string); j != "" {
		if a.State == cdx.IASNotAffected {
			a.Justification = vexJustifications[j]
		}
		detail = append(detail, "justification "+j)
	}
	if is, _ := e.Attrs["vex_impact"].(string); is != "" {
		detail = append(detail, is)
	}
	if at, _ := e.Attrs["vex_statement"].(string); at != "" {
		detail = append(detail, "VEX statement at "+at)
	}
	a.Detail = "VEX " + status
	if len(detail) > 0 {
		a.Detail += ": " + strings.Join(detail, "; ")
	}
	return a
}

// vulnerability renders one vulnerability node with the analysis and the edges it applies to.
func vulnerability(v *model.Node, a analysis, edges []*model.Edge) cdx.Vulnerability {
	id := v.Name
	if id == "" {
		id = strings.TrimPrefix(v.ID, "vuln:")
	}
	out := cdx.Vulnerability{BOMRef: v.ID, ID: id, Source: source(v.Type, id), Properties: provenance(v)}
	out.Description, _ = v.Attrs["summary"].(string)
	out.Published = dateTime(v.Attrs["published"])
	out.Updated = dateTime(v.Attrs["modified"])
	if rs := ratings(v); len(rs) > 0 {
		out.Ratings = &rs
	}
	if cwes := cweNumbers(link.Strings(v.Attrs["cwes"])); len(cwes) > 0 {
		out.CWEs = &cwes
	}
	if refs := aliasRefs(id, link.Strings(v.Attrs["aliases"])); len(refs) > 0 {
		out.References = &refs
	}
	if advs := advisories(link.Strings(v.Attrs["references"])); len(advs) > 0 {
		out.Advisories = &advs
	}
	out.Analysis = &cdx.VulnerabilityAnalysis{State: a.State, Justification: a.Justification, Detail: a.Detail}
	affects, fixes := affected(a, edges)
	out.Affects = &affects
	out.Recommendation = strings.Join(fixes, "; ")
	return out
}

// affected lists the packages an analysis applies to, sorted, and the upgrades that fix them.
func affected(a analysis, edges []*model.Edge) ([]cdx.Affects, []string) {
	status := cdx.VulnerabilityStatusAffected
	if a.State == cdx.IASNotAffected || a.State == cdx.IASResolved {
		status = cdx.VulnerabilityStatusNotAffected
	}
	sort.Slice(edges, func(i, j int) bool { return edges[i].From < edges[j].From })
	var out []cdx.Affects
	var fixes []string
	for _, e := range edges {
		aff := cdx.Affects{Ref: e.From}
		if inst, _ := e.Attrs["installed"].(string); inst != "" {
			aff.Range = &[]cdx.AffectedVersions{{Version: inst, Status: status}}
		}
		out = append(out, aff)
		if fixed, _ := e.Attrs["fixed"].(string); fixed != "" {
			fixes = append(fixes, fmt.Sprintf("upgrade %s to %s", e.From, fixed))
		}
	}
	return out, fixes
}

// ratings are the node's CVSS scores, in the graph's order (v4 first), each rated by its score; a node with
// no CVSS but a severity word gets one rating with that severity.
func ratings(v *model.Node) []cdx.VulnerabilityRating {
	var out []cdx.VulnerabilityRating
	list, _ := v.Attrs["cvss"].([]any)
	for _, item := range list {
		m, _ := item.(map[string]any)
		version, _ := m["version"].(string)
		vector, _ := m["vector"].(string)
		score, ok := number(m["score"])
		r := cdx.VulnerabilityRating{Method: method(version), Vector: vector}
		if ok {
			r.Score = &score
			r.Severity = rate(version, score)
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		if sev, _ := v.Attrs["severity"].(string); sev != "" {
			out = append(out, cdx.VulnerabilityRating{Severity: severity(sev), Method: cdx.ScoringMethodOther})
		}
	}
	return out
}

func method(version string) cdx.ScoringMethod {
	switch {
	case strings.HasPrefix(version, "4"):
		return cdx.ScoringMethodCVSSv4
	case version == "3.1":
		return cdx.ScoringMethodCVSSv31
	case strings.HasPrefix(version, "3"):
		return cdx.ScoringMethodCVSSv3
	case strings.HasPrefix(version, "2"):
		return cdx.ScoringMethodCVSSv2
	}
	return cdx.ScoringMethodOther
}

// rate is the qualitative rating of a base score: CVSS v3.1 specification §5 (also v4.0's table), and NVD's
// v2 bands (low < 4, medium < 7, high) for v2.
func rate(version string, s float64) cdx.Severity {
	if strings.HasPrefix(version, "2") {
		switch {
		case s >= 7:
			return cdx.SeverityHigh
		case s >= 4:
			return cdx.SeverityMedium
		}
		return cdx.SeverityLow
	}
	switch {
	case s >= 9:
		return cdx.SeverityCritical
	case s >= 7:
		return cdx.SeverityHigh
	case s >= 4:
		return cdx.SeverityMedium
	case s > 0:
		return cdx.SeverityLow
	}
	return cdx.SeverityNone
}

// severity reads a severity word; GitHub's "moderate" is CycloneDX's medium.
func severity(word string) cdx.Severity {
	if strings.EqualFold(word, "moderate") {
		return cdx.SeverityMedium
	}
	switch s := cdx.Severity(strings.ToLower(word)); s {
	case cdx.SeverityCritical, cdx.SeverityHigh, cdx.SeverityMedium, cdx.SeverityLow, cdx.SeverityNone, cdx.SeverityInfo:
		return s
	}
	return cdx.SeverityUnknown
}

// source names the database a vulnerability ID belongs to.
func source(typ, id string) *cdx.Source {
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return &cdx.Source{Name: "NVD", URL: "https://nvd.nist.gov/vuln/detail/" + id}
	case strings.HasPrefix(id, "GHSA-"):
		return &cdx.Source{Name: "GitHub Advisory Database", URL: "https://github.com/advisories/" + id}
	case typ == "osv" || typ == "":
		return &cdx.Source{Name: "OSV", URL: "https://osv.dev/vulnerability/" + id}
	}
	return &cdx.Source{Name: typ}
}

// aliasRefs are the vulnerability's other IDs, sorted.
func aliasRefs(primary string, aliases []string) []cdx.VulnerabilityReference {
	var out []cdx.VulnerabilityReference
	for _, a := range aliases {
		if a != primary {
			out = append(out, cdx.VulnerabilityReference{ID: a, Source: source("osv", a)})
		}
	}
	return out
}

func advisories(urls []string) []cdx.Advisory {
	var out []cdx.Advisory
	for _, u := range urls {
		out = append(out, cdx.Advisory{URL: u})
	}
	return out
}

// cweNumbers turns "CWE-918" into 918, sorted; anything else is left out.
func cweNumbers(cwes []string) []int {
	var out []int
	for _, c := range cwes {
		if n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(c), "CWE-")); err == nil && n > 0 {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// dateTime turns a YYYY-MM-DD date into RFC 3339 midnight UTC and keeps a full timestamp as it is.
func dateTime(v any) string {
	s, _ := v.(string)
	if len(s) == len("2006-01-02") {
		return s + "T00:00:00Z"
	}
	return s
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}
