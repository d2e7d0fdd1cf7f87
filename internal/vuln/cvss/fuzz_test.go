package cvss

import (
	"math"
	"testing"
)

// FuzzParse feeds the parser arbitrary strings, seeded with every vector of testdata/scores.txt. Whatever the
// input, Parse must not panic; a vector it accepts must score within 0–10 on one decimal, rate to a known
// severity, and print to a canonical form that parses back to the same score.
func FuzzParse(f *testing.F) {
	for _, k := range readKnownScores(f) {
		f.Add(k.vector)
	}
	f.Add("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N/E:U/CR:L/IR:L/AR:L/MSI:S/MSA:S")
	f.Add("CVSS:3.1/AV:N/AV:N")
	f.Add("CVSS:")
	f.Add("/:/")
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		score := v.Score()
		if score < 0 || score > 10 || math.IsNaN(score) || math.Abs(score*10-math.Round(score*10)) > 1e-9 {
			t.Fatalf("%q scores %v", s, score)
		}
		if sev := v.Severity(); sev == "unknown" || sev == "" {
			t.Fatalf("%q has severity %q", s, sev)
		}
		again, err := Parse(v.String())
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", v.String(), s, err)
		}
		if again.Score() != score || again.String() != v.String() {
			t.Fatalf("canonical %q of %q scores %v, want %v", again.String(), s, again.Score(), score)
		}
	})
}
