package vulnfact

import (
	"strings"

	"github.com/google/osv-scalibr/semantic"
)

// LowestFixed picks, from the fixed versions a report lists, the lowest one above the installed version, with
// the ecosystem's ordering (osv-scalibr's semantic package, eco an OSV ecosystem name). When versions cannot
// be ordered (an ecosystem scalibr does not know, a malformed version) the first listed is kept; "" when
// none is listed or none is above the installed one.
func LowestFixed(eco, installed string, fixed []string) string {
	var cands []string
	for _, f := range fixed {
		if f = strings.TrimSpace(f); f != "" {
			cands = append(cands, f)
		}
	}
	if len(cands) == 0 {
		return ""
	}
	inst, err := semantic.Parse(installed, eco)
	if err != nil || installed == "" {
		return cands[0]
	}
	best, bestV := "", semantic.Version(nil)
	for _, c := range cands {
		v, err := semantic.Parse(c, eco)
		if err != nil {
			return cands[0]
		}
		above, err := v.Compare(inst)
		if err != nil {
			return cands[0]
		}
		if above <= 0 {
			continue
		}
		if bestV == nil {
			best, bestV = c, v
			continue
		}
		if lower, err := v.Compare(bestV); err == nil && lower < 0 {
			best, bestV = c, v
		}
	}
	return best
}

// SplitList splits a comma-separated list of versions, as Trivy writes FixedVersion ("1.2.5, 2.0.1").
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
