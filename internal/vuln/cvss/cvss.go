// Package cvss parses CVSS vector strings (v2.0, v3.0, v3.1 and v4.0) and computes their base score and
// qualitative severity rating, following the FIRST specifications:
//
//   - CVSS v2.0: https://www.first.org/cvss/v2/guide (section 3.2.1, base equation)
//   - CVSS v3.0: https://www.first.org/cvss/v3.0/specification-document (section 8.1)
//   - CVSS v3.1: https://www.first.org/cvss/v3.1/specification-document (section 7.1, Appendix A roundup)
//   - CVSS v4.0: https://www.first.org/cvss/v4.0/specification-document (section 8, macro vectors and
//     severity distances), with the macro-vector score table of FIRST's reference calculator
//     (https://github.com/FIRSTdotorg/cvss-v4-calculator, cvss_lookup.js)
//
// Decisions:
//
//   - Score is always the base score. Threat, temporal, environmental and supplemental metrics are parsed and
//     validated (an unknown value is an error) but do not change the score: an advisory's vector describes the
//     vulnerability, not a deployment, and Seam ranks deployments with its own factors (paths, KEV, EPSS). For
//     v4.0 this is the "CVSS-B" score: E, CR, IR and AR count as their worst case (A, H, H, H), as the
//     specification says for a vector without them.
//   - CVSS v2 vectors are scored by the v2 base equation. Their Severity uses the v2 bands NVD publishes
//     (low < 4.0 ≤ medium < 7.0 ≤ high), never "critical" or "none": v2 has no such levels, and calling a v2
//     10.0 "critical" would invent a v3 rating nobody assigned. Rating (the function) is the v3/v4 table.
//   - Metrics may come in any order (v3.x allows it; for v4.0 FIRST's calculator insists on the table's
//     order, but rejecting a reordered advisory loses its severity for no gain). Duplicates, unknown metrics,
//     unknown values, a missing base metric, an empty component and a wrong or missing prefix are errors that
//     say which; String gives the canonical order.
//   - Input is capped at 1,024 bytes (the longest valid v4.0 vector is under 300).
package cvss

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Errors a vector can fail with; the returned error wraps one of them and says which metric or part.
var (
	ErrPrefix    = errors.New("unsupported or missing CVSS prefix")
	ErrMalformed = errors.New("malformed vector")
	ErrUnknown   = errors.New("unknown metric")
	ErrValue     = errors.New("invalid metric value")
	ErrDuplicate = errors.New("duplicate metric")
	ErrMissing   = errors.New("missing base metric")
)

// maxVectorLen caps the input: anything longer is not a vector.
const maxVectorLen = 1024

// Vector is a parsed, validated CVSS vector. The zero Vector is invalid: its Version is "" and its Score 0.
type Vector struct {
	spec *spec
	vals map[string]string
}

// metricDef is one metric of a version: its abbreviation, allowed values, and whether a vector must have it.
type metricDef struct {
	name      string
	values    []string
	mandatory bool
}

// spec is one CVSS version: its prefix, metrics in canonical order, and its base-score equation.
type spec struct {
	version string
	prefix  string // "CVSS:3.1/"; empty for v2, whose vectors have none
	metrics []metricDef
	score   func(Vector) float64
}

// specs lists the supported versions; Parse picks one by prefix.
var specs = []*spec{&specV2, &specV30, &specV31, &specV40}

// Parse reads a CVSS vector string such as "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H". A vector without a
// "CVSS:" prefix is read as CVSS v2 ("AV:N/AC:L/Au:N/C:P/I:P/A:P").
func Parse(s string) (Vector, error) {
	s = strings.TrimSpace(s)
	if len(s) > maxVectorLen {
		return Vector{}, fmt.Errorf("%w: %d bytes, at most %d", ErrMalformed, len(s), maxVectorLen)
	}
	sp, body, err := pickSpec(s)
	if err != nil {
		return Vector{}, err
	}
	vals, err := sp.parseBody(body)
	if err != nil {
		return Vector{}, fmt.Errorf("CVSS v%s: %w", sp.version, err)
	}
	return Vector{spec: sp, vals: vals}, nil
}

// pickSpec finds the version by the vector's prefix and returns the rest.
func pickSpec(s string) (*spec, string, error) {
	if len(s) < 5 || !strings.EqualFold(s[:5], "CVSS:") {
		if s == "" {
			return nil, "", fmt.Errorf("%w: empty vector", ErrMalformed)
		}
		return &specV2, s, nil
	}
	for _, sp := range specs {
		if sp.prefix != "" && strings.HasPrefix(s, sp.prefix) {
			return sp, s[len(sp.prefix):], nil
		}
	}
	head, _, _ := strings.Cut(s, "/")
	return nil, "", fmt.Errorf("%w: %q (want CVSS:3.0/, CVSS:3.1/, CVSS:4.0/ or a v2 vector without prefix)",
		ErrPrefix, head)
}

// parseBody splits "M:V/M:V…" and checks every metric against the spec.
func (sp *spec) parseBody(body string) (map[string]string, error) {
	vals := make(map[string]string, len(sp.metrics))
	for _, part := range strings.Split(body, "/") {
		name, value, ok := strings.Cut(part, ":")
		if !ok || name == "" || value == "" {
			return nil, fmt.Errorf("%w: component %q is not METRIC:VALUE", ErrMalformed, part)
		}
		def := sp.metric(name)
		if def == nil {
			if strings.EqualFold(name, "CVSS") {
				return nil, fmt.Errorf("%w: %q in the middle of the vector", ErrPrefix, part)
			}
			return nil, fmt.Errorf("%w %q", ErrUnknown, name)
		}
		if _, dup := vals[name]; dup {
			return nil, fmt.Errorf("%w %q", ErrDuplicate, name)
		}
		if !contains(def.values, value) {
			return nil, fmt.Errorf("%w %s:%s (allowed: %s)", ErrValue, name, value, strings.Join(def.values, ", "))
		}
		vals[name] = value
	}
	var missing []string
	for _, def := range sp.metrics {
		if _, ok := vals[def.name]; def.mandatory && !ok {
			missing = append(missing, def.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrMissing, strings.Join(missing, ", "))
	}
	return vals, nil
}

func (sp *spec) metric(name string) *metricDef {
	for i := range sp.metrics {
		if sp.metrics[i].name == name {
			return &sp.metrics[i]
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Version is the CVSS version of the vector: "2.0", "3.0", "3.1" or "4.0" ("" for the zero Vector).
func (v Vector) Version() string {
	if v.spec == nil {
		return ""
	}
	return v.spec.version
}

// Metric is the value of one metric as written in the vector ("" when absent). Absent optional metrics mean
// "not defined" (X).
func (v Vector) Metric(name string) string { return v.vals[name] }

// Score is the base score, 0.0–10.0, rounded to one decimal as the version's specification says.
func (v Vector) Score() float64 {
	if v.spec == nil {
		return 0
	}
	return v.spec.score(v)
}

// Severity is the qualitative rating of the base score in the version's own scale: for v3.x and v4.0 the
// FIRST table (Rating); for v2 NVD's v2 bands, "low", "medium" or "high". The zero Vector is "unknown".
func (v Vector) Severity() string {
	if v.spec == nil {
		return "unknown"
	}
	s := v.Score()
	if v.spec == &specV2 {
		switch {
		case s < 4.0:
			return "low"
		case s < 7.0:
			return "medium"
		default:
			return "high"
		}
	}
	return Rating(s)
}

// String is the vector in canonical form: the prefix, then every metric present in the specification's order.
func (v Vector) String() string {
	if v.spec == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(v.spec.prefix)
	first := true
	for _, def := range v.spec.metrics {
		val, ok := v.vals[def.name]
		if !ok {
			continue
		}
		if !first {
			b.WriteByte('/')
		}
		first = false
		b.WriteString(def.name + ":" + val)
	}
	return b.String()
}

// Rating is the CVSS v3.x/v4.0 qualitative severity of a score: "none" (0.0), "low" (0.1–3.9), "medium"
// (4.0–6.9), "high" (7.0–8.9) or "critical" (9.0–10.0); "unknown" outside 0–10 or for NaN. Source: CVSS v3.1
// specification, section 5, and CVSS v4.0 specification, section 6.
func Rating(score float64) string {
	switch {
	case math.IsNaN(score) || score < 0 || score > 10:
		return "unknown"
	case score == 0:
		return "none"
	case score < 4.0:
		return "low"
	case score < 7.0:
		return "medium"
	case score < 9.0:
		return "high"
	default:
		return "critical"
	}
}

// roundHalfUp1 rounds a non-negative score to one decimal, halves up (the v2 and v4.0 rounding).
func roundHalfUp1(x float64) float64 { return math.Round(x*10) / 10 }
