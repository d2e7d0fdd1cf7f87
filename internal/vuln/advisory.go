package vuln

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ossf/osv-schema/bindings/go/osvschema"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/structpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Severity is one severity statement of an advisory as given: its type ("CVSS_V3", "CVSS_V4", "Ubuntu" …) and
// its score (a CVSS vector or a word). Scoring a vector is internal/vuln/cvss's job.
type Severity struct {
	Type  string `json:"type"`
	Score string `json:"score"`
}

// GoImport is a vulnerable Go package of an affected module and the symbols in it, from an affected entry's
// ecosystem_specific.imports (the Go vulnerability database's format); reachability analysis reads it.
type GoImport struct {
	Path    string   `json:"path"`
	Symbols []string `json:"symbols,omitempty"`
}

// advisory is one OSV advisory reduced to what Seam keeps.
type advisory struct {
	ID         string
	Aliases    []string
	Summary    string
	Details    string
	Severity   []Severity
	DBSeverity string
	CWEs       []string
	Published  time.Time
	Modified   time.Time
	Withdrawn  bool
	References []string
	Affected   []affected
	Source     string
}

// affected is one affected-package entry of an advisory, kept separate from the advisory's other entries for the
// same package (each has its own ranges and, for Go, its own vulnerable imports).
type affected struct {
	Ecosystem  string // canonical, with release suffix
	Name       string // as the advisory writes it
	Ranges     []vrange
	Versions   []string
	Imports    []GoImport
	AdvisoryID string
	Source     string
}

// Range types of the OSV schema.
const (
	rangeEcosystem = "ECOSYSTEM"
	rangeSemver    = "SEMVER"
	rangeGit       = "GIT"
)

// vrange is one range of an affected entry: its type and its events in the order the advisory gives them.
type vrange struct {
	Type   string
	Repo   string
	Events []event
}

// Event kinds, one byte each in the index.
const (
	evIntroduced   = 'i'
	evFixed        = 'f'
	evLastAffected = 'l'
	evLimit        = 'L'
)

type event struct {
	Kind    byte
	Version string
}

var protoLine = regexp.MustCompile(`\(line (\d+):(\d+)\)`)

// problem is a defect found in one advisory file: where and what.
type problem struct {
	Line    int
	Message string
}

// parseAdvisory decodes one OSV JSON document. A document that cannot be decoded or has no ID is an error
// (with the line when the decoder says it); defects in single entries or ranges are problems, and the entry or
// range is left out while the rest of the advisory is kept.
func parseAdvisory(data []byte, source string) (*advisory, []problem, error) {
	var v osvschema.Vulnerability
	if err := (protojson.UnmarshalOptions{DiscardUnknown: true}).Unmarshal(data, &v); err != nil {
		msg := strings.TrimPrefix(err.Error(), "proto: ")
		line := 0
		if m := protoLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		return nil, nil, &parseError{Line: line, Msg: "not an OSV advisory: " + msg}
	}
	id := strings.TrimSpace(v.GetId())
	if id == "" {
		return nil, nil, &parseError{Line: 1, Msg: "OSV advisory without an id"}
	}
	a := &advisory{
		ID:         id,
		Summary:    strings.TrimSpace(v.GetSummary()),
		Details:    strings.TrimSpace(v.GetDetails()),
		Published:  timeOf(v.GetPublished()),
		Modified:   timeOf(v.GetModified()),
		Withdrawn:  v.GetWithdrawn() != nil,
		Source:     source,
		DBSeverity: stringField(v.GetDatabaseSpecific(), "severity"),
		CWEs:       cweIDs(v.GetDatabaseSpecific()),
	}
	for _, al := range v.GetAliases() {
		if al = strings.TrimSpace(al); al != "" && al != id {
			a.Aliases = append(a.Aliases, al)
		}
	}
	a.Severity = severities(v.GetSeverity())
	for _, r := range v.GetReferences() {
		if u := strings.TrimSpace(r.GetUrl()); u != "" {
			a.References = append(a.References, u)
		}
	}
	var probs []problem
	for i, af := range v.GetAffected() {
		e, p := convertAffected(af, i)
		probs = append(probs, p...)
		if e != nil {
			e.AdvisoryID, e.Source = id, source
			a.Affected = append(a.Affected, *e)
		}
		a.Severity = append(a.Severity, severities(af.GetSeverity())...)
	}
	return a, probs, nil
}

// parseError is an advisory file that cannot be used at all.
type parseError struct {
	Line int
	Msg  string
}

func (e *parseError) Error() string { return e.Msg }

// convertAffected converts the i-th affected entry, or reports why it cannot be used.
func convertAffected(af *osvschema.Affected, i int) (*affected, []problem) {
	where := fmt.Sprintf("affected[%d]", i)
	eco := CanonicalEcosystem(af.GetPackage().GetEcosystem())
	name := strings.TrimSpace(af.GetPackage().GetName())
	if eco == "" || name == "" {
		return nil, []problem{{Line: 1, Message: where + " has no package ecosystem and name; entry ignored"}}
	}
	e := &affected{Ecosystem: eco, Name: name, Imports: goImports(af.GetEcosystemSpecific())}
	for _, ver := range af.GetVersions() {
		if ver = strings.TrimSpace(ver); ver != "" {
			e.Versions = append(e.Versions, ver)
		}
	}
	var probs []problem
	for j, r := range af.GetRanges() {
		vr, msg := convertRange(r, eco)
		if msg != "" {
			probs = append(probs, problem{Line: 1, Message: fmt.Sprintf("%s (%s %s) ranges[%d]: %s; range ignored",
				where, eco, name, j, msg)})
			continue
		}
		e.Ranges = append(e.Ranges, vr)
	}
	return e, probs
}

// convertRange converts one range, checking that every event has exactly one version and, for ECOSYSTEM and
// SEMVER ranges of an ecosystem Seam can order, that each version parses.
func convertRange(r *osvschema.Range, eco string) (vrange, string) {
	vr := vrange{Type: r.GetType().String(), Repo: r.GetRepo()}
	switch vr.Type {
	case rangeEcosystem, rangeSemver, rangeGit:
	default:
		return vr, "range type " + strconv.Quote(vr.Type) + " is not ECOSYSTEM, SEMVER or GIT"
	}
	if len(r.GetEvents()) == 0 {
		return vr, "range has no events"
	}
	for k, ev := range r.GetEvents() {
		var set []event
		for _, c := range []event{{evIntroduced, ev.GetIntroduced()}, {evFixed, ev.GetFixed()},
			{evLastAffected, ev.GetLastAffected()}, {evLimit, ev.GetLimit()}} {
			if c.Version = strings.TrimSpace(c.Version); c.Version != "" {
				set = append(set, c)
			}
		}
		if len(set) != 1 {
			return vr, fmt.Sprintf("events[%d] must have exactly one of introduced, fixed, last_affected, limit", k)
		}
		vr.Events = append(vr.Events, set[0])
	}
	sorted, bad, err := sortEvents(eco, vr)
	if err != nil {
		return vr, fmt.Sprintf("events[%d]: %v", bad, err)
	}
	return sorted, ""
}

func severities(in []*osvschema.Severity) []Severity {
	var out []Severity
	for _, s := range in {
		if sc := strings.TrimSpace(s.GetScore()); sc != "" {
			out = append(out, Severity{Type: s.GetType().String(), Score: sc})
		}
	}
	return out
}

func timeOf(ts *timestamppb.Timestamp) time.Time {
	if ts == nil {
		return time.Time{}
	}
	return ts.AsTime().UTC()
}

func stringField(s *structpb.Struct, key string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(s.GetFields()[key].GetStringValue())
}

// cweIDs reads database_specific.cwe_ids (GitHub's advisories), normalised to "CWE-n", sorted, unique.
func cweIDs(s *structpb.Struct) []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, v := range s.GetFields()["cwe_ids"].GetListValue().GetValues() {
		c := strings.ToUpper(strings.TrimSpace(v.GetStringValue()))
		if n, err := strconv.Atoi(strings.TrimPrefix(c, "CWE-")); err == nil && n >= 0 {
			out = append(out, "CWE-"+strconv.Itoa(n))
		}
	}
	return sortedUnique(out)
}

// goImports reads ecosystem_specific.imports: [{path, symbols: [...]}].
func goImports(s *structpb.Struct) []GoImport {
	if s == nil {
		return nil
	}
	var out []GoImport
	for _, v := range s.GetFields()["imports"].GetListValue().GetValues() {
		f := v.GetStructValue().GetFields()
		imp := GoImport{Path: strings.TrimSpace(f["path"].GetStringValue())}
		if imp.Path == "" {
			continue
		}
		for _, sym := range f["symbols"].GetListValue().GetValues() {
			if sy := strings.TrimSpace(sym.GetStringValue()); sy != "" {
				imp.Symbols = append(imp.Symbols, sy)
			}
		}
		imp.Symbols = sortedUnique(imp.Symbols)
		out = append(out, imp)
	}
	return mergeImports(out)
}

// mergeImports merges imports of the same path (symbols united) and sorts them by path.
func mergeImports(in []GoImport) []GoImport {
	if len(in) == 0 {
		return nil
	}
	byPath := map[string][]string{}
	for _, imp := range in {
		byPath[imp.Path] = append(byPath[imp.Path], imp.Symbols...)
	}
	out := make([]GoImport, 0, len(byPath))
	for p, syms := range byPath {
		out = append(out, GoImport{Path: p, Symbols: sortedUnique(syms)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// sortedUnique sorts a slice of strings and drops repeats; nil stays nil.
func sortedUnique(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	s := append([]string(nil), in...)
	sort.Strings(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
