package vuln

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/google/osv-scalibr/semantic"
)

// errUnsupported is returned for an ecosystem whose versions Seam cannot order (osv-scalibr's semantic package
// has no rules for it): only an explicit versions list can match there.
var errUnsupported = errors.New("unsupported ecosystem")

// semverLike is the shape every semver-ordered version must have: a number first (after an optional "v"),
// then dotted numbers, then an optional pre-release or build part. osv-scalibr orders anything, so without
// this check "latest" or "*" would compare as 0.0.0 and match every range.
var semverLike = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+)*([-+~.][0-9A-Za-z.+~_-]*)?$`)

// pep440 is the version pattern of PEP 440 (Appendix B, "parsing version strings with regular expressions").
// osv-scalibr accepts any string as a "legacy" PyPI version ordered below every real one, which would put
// "release-1" inside every `introduced: "0"` range; Seam asks for PEP 440 instead.
var pep440 = regexp.MustCompile(`(?i)^v?([0-9]+!)?[0-9]+(\.[0-9]+)*` +
	`([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?` +
	`((-[0-9]+)|([-_.]?(post|rev|r)[-_.]?[0-9]*))?` +
	`([-_.]?dev[-_.]?[0-9]*)?` +
	`(\+[a-z0-9]+([-_.][a-z0-9]+)*)?$`)

// semverEcosystems are the ecosystems osv-scalibr orders by semver rules.
var semverEcosystems = map[string]bool{
	"Go": true, "npm": true, "crates.io": true, "Hex": true, "SwiftURL": true, "Bitnami": true,
	"Bioconductor": true, "ConanCenter": true, "GHC": true, "Julia": true, "Docker Hardened Images": true,
}

// parseVersion parses a version for comparison in a range of the given type: a SEMVER range orders by
// Semantic Versioning 2.0 whatever the ecosystem (as the OSV schema says), an ECOSYSTEM range by the
// ecosystem's own rules. A version that is not a version of that scheme is an error, never a silent zero.
func parseVersion(eco, rangeType, ver string) (semantic.Version, error) {
	ver = strings.TrimSpace(ver)
	base := baseEcosystem(eco)
	if base == "Go" {
		ver = strings.TrimPrefix(ver, "go") // toolchain versions of stdlib ("go1.22.3")
	}
	if rangeType == rangeSemver || semverEcosystems[base] {
		if !semverLike.MatchString(ver) {
			return nil, fmt.Errorf("%q is not a semantic version", ver)
		}
		if rangeType == rangeSemver {
			return semantic.ParseSemverVersion(ver), nil
		}
	}
	if base == "PyPI" && !pep440.MatchString(ver) {
		return nil, fmt.Errorf("%q is not a PEP 440 version", ver)
	}
	if ver == "" || strings.ContainsAny(ver, " \t\n") || !strings.ContainsAny(ver, "0123456789") {
		return nil, fmt.Errorf("%q is not a %s version", ver, base)
	}
	v, err := semantic.Parse(ver, base)
	if errors.Is(err, semantic.ErrUnsupportedEcosystem) {
		return nil, errUnsupported
	}
	if err != nil {
		return nil, fmt.Errorf("%q is not a %s version", ver, base)
	}
	return v, nil
}

// parseChecked parses a version that parseVersion accepted when the index was built, without checking its
// shape again.
func parseChecked(eco, rangeType, ver string) (semantic.Version, error) {
	base := baseEcosystem(eco)
	if base == "Go" {
		ver = strings.TrimPrefix(ver, "go")
	}
	if rangeType == rangeSemver {
		return semantic.ParseSemverVersion(ver), nil
	}
	return semantic.Parse(ver, base)
}

// sortedEvent is an event with its parsed version; zero marks `introduced: "0"`, below every version.
type sortedEvent struct {
	event
	v    semantic.Version
	zero bool
}

// cmpEvents orders two events by version, "0" first.
func cmpEvents(a, b sortedEvent) int {
	switch {
	case a.zero && b.zero:
		return 0
	case a.zero:
		return -1
	case b.zero:
		return 1
	}
	c, err := a.v.Compare(b.v)
	if err != nil {
		return 0
	}
	return c
}

// sortEvents checks and orders a range's events by version, `introduced: "0"` first, as the index stores them
// (done once, when the index is built). An event whose version does not parse is an error with its index.
func sortEvents(eco string, r vrange) (vrange, int, error) {
	if r.Type == rangeGit {
		return r, 0, nil
	}
	evs := make([]sortedEvent, 0, len(r.Events))
	for k, e := range r.Events {
		if e.Kind == evIntroduced && e.Version == "0" {
			evs = append(evs, sortedEvent{event: e, zero: true})
			continue
		}
		v, err := parseVersion(eco, r.Type, e.Version)
		if err != nil && err != errUnsupported {
			return r, k, err
		}
		evs = append(evs, sortedEvent{event: e, v: v})
	}
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].v == nil && !evs[i].zero || evs[j].v == nil && !evs[j].zero {
			return false // an ecosystem Seam cannot order: keep the advisory's order
		}
		return cmpEvents(evs[i], evs[j]) < 0
	})
	out := vrange{Type: r.Type, Repo: r.Repo, Events: make([]event, len(evs))}
	for i, e := range evs {
		out.Events[i] = e.event
	}
	return out, 0, nil
}

// compareTo returns the order of the installed version v against an event: -1 when v is below it.
func compareTo(v semantic.Version, e sortedEvent) int {
	if e.zero {
		return 1
	}
	c, err := v.Compare(e.v)
	if err != nil {
		return -2 // different schemes: never affected by this event
	}
	return c
}

// parseEvent parses the version of an event from the index.
func parseEvent(eco, rangeType string, raw event) (sortedEvent, bool) {
	e := sortedEvent{event: raw, zero: raw.Kind == evIntroduced && raw.Version == "0"}
	if !e.zero {
		pv, err := parseChecked(eco, rangeType, raw.Version)
		if err != nil {
			return e, false
		}
		e.v = pv
	}
	return e, true
}

// verdict is what evaluating one range for one installed version gives.
type verdict struct {
	affected bool
	text     string       // the interval holding the version: "introduced 1.2.0, fixed 1.2.7"
	fixed    *sortedEvent // the lowest fixed version above the installed one, if any
}

// inRange evaluates an ECOSYSTEM or SEMVER range, its events sorted (sortEvents), for the installed version v
// by the OSV schema's algorithm: walking the events in version order, an introduced at or below v makes it
// affected, a fixed at or below v or a last_affected below v makes it not affected; limits cap the range (v
// must be below one). Event versions are parsed as the walk reaches them, and the walk stops at the first
// fixed above v when there is no limit: nothing after it can change the answer.
func inRange(eco string, r vrange, v semantic.Version) verdict {
	var out verdict
	intro, bound := "", ""
	var limits []string
	limitOK, hasLimit := false, false
	for _, e := range r.Events {
		hasLimit = hasLimit || e.Kind == evLimit
	}
	for _, raw := range r.Events {
		e, ok := parseEvent(eco, r.Type, raw)
		if !ok {
			continue
		}
		c := compareTo(v, e)
		if c == -2 {
			continue
		}
		switch e.Kind {
		case evIntroduced:
			if c >= 0 {
				out.affected, intro, bound = true, e.Version, ""
			}
		case evFixed:
			if c >= 0 {
				out.affected = false
			} else {
				if bound == "" {
					bound = "fixed " + e.Version
				}
				if out.fixed == nil {
					ev := e
					out.fixed = &ev
				}
			}
		case evLastAffected:
			if c > 0 {
				out.affected = false
			} else if bound == "" {
				bound = "last affected " + e.Version
			}
		case evLimit:
			limits = append(limits, e.Version)
			limitOK = limitOK || c < 0
		}
		if out.fixed != nil && !hasLimit {
			break
		}
	}
	if !out.affected || (hasLimit && !limitOK) {
		out.affected = false
		return out
	}
	if bound == "" {
		bound = "no fixed version"
	}
	out.text = "introduced " + intro + ", " + bound
	if len(limits) > 0 {
		out.text += ", limit " + strings.Join(limits, ", ")
	}
	return out
}

// listed reports whether the installed version is in an explicit versions list: the same string, or the same
// version by the ecosystem's ordering ("1.0" and "1.0.0" in PyPI).
func listed(eco string, versions []string, installed string, v semantic.Version) bool {
	for _, l := range versions {
		if l == installed {
			return true
		}
	}
	if v == nil {
		return false
	}
	for _, l := range versions {
		if lv, err := parseVersion(eco, rangeEcosystem, l); err == nil {
			if c, err := v.Compare(lv); err == nil && c == 0 {
				return true
			}
		}
	}
	return false
}
