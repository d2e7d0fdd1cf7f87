package cvss

import (
	"math"
	"strings"
)

// v4Metrics are the CVSS v4.0 metrics in the specification's order (section 7, Table 23): eleven mandatory
// base metrics, then threat, environmental and supplemental ones.
var v4Metrics = []metricDef{
	{"AV", []string{"N", "A", "L", "P"}, true},
	{"AC", []string{"L", "H"}, true},
	{"AT", []string{"N", "P"}, true},
	{"PR", []string{"N", "L", "H"}, true},
	{"UI", []string{"N", "P", "A"}, true},
	{"VC", []string{"H", "L", "N"}, true},
	{"VI", []string{"H", "L", "N"}, true},
	{"VA", []string{"H", "L", "N"}, true},
	{"SC", []string{"H", "L", "N"}, true},
	{"SI", []string{"H", "L", "N"}, true},
	{"SA", []string{"H", "L", "N"}, true},
	{"E", []string{"X", "A", "P", "U"}, false},
	{"CR", []string{"X", "H", "M", "L"}, false},
	{"IR", []string{"X", "H", "M", "L"}, false},
	{"AR", []string{"X", "H", "M", "L"}, false},
	{"MAV", []string{"X", "N", "A", "L", "P"}, false},
	{"MAC", []string{"X", "L", "H"}, false},
	{"MAT", []string{"X", "N", "P"}, false},
	{"MPR", []string{"X", "N", "L", "H"}, false},
	{"MUI", []string{"X", "N", "P", "A"}, false},
	{"MVC", []string{"X", "H", "L", "N"}, false},
	{"MVI", []string{"X", "H", "L", "N"}, false},
	{"MVA", []string{"X", "H", "L", "N"}, false},
	{"MSC", []string{"X", "H", "L", "N"}, false},
	{"MSI", []string{"X", "S", "H", "L", "N"}, false},
	{"MSA", []string{"X", "S", "H", "L", "N"}, false},
	{"S", []string{"X", "N", "P"}, false},
	{"AU", []string{"X", "N", "Y"}, false},
	{"R", []string{"X", "A", "U", "I"}, false},
	{"V", []string{"X", "D", "C"}, false},
	{"RE", []string{"X", "L", "M", "H"}, false},
	{"U", []string{"X", "Clear", "Green", "Amber", "Red"}, false},
}

var specV40 = spec{version: "4.0", prefix: "CVSS:4.0/", metrics: v4Metrics, score: baseV4}

// v4Levels are the severity levels of each metric value used for the severity distance (v4.0 section 8.3):
// 0 is the most severe, each step 0.1. Kept as the specification's decimals so that the arithmetic, and so
// the rounding at .x5, is the reference calculator's.
var v4Levels = map[string]map[string]float64{
	"AV": {"N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3},
	"PR": {"N": 0.0, "L": 0.1, "H": 0.2},
	"UI": {"N": 0.0, "P": 0.1, "A": 0.2},
	"AC": {"L": 0.0, "H": 0.1},
	"AT": {"N": 0.0, "P": 0.1},
	"VC": {"H": 0.0, "L": 0.1, "N": 0.2},
	"VI": {"H": 0.0, "L": 0.1, "N": 0.2},
	"VA": {"H": 0.0, "L": 0.1, "N": 0.2},
	"SC": {"H": 0.1, "L": 0.2, "N": 0.3},
	"SI": {"S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3},
	"SA": {"S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3},
	"CR": {"H": 0.0, "M": 0.1, "L": 0.2},
	"IR": {"H": 0.0, "M": 0.1, "L": 0.2},
	"AR": {"H": 0.0, "M": 0.1, "L": 0.2},
}

// v4Eff is the value a metric takes in the base score: the vector's base value, with the threat and
// security-requirement metrics at their worst case (section 8: "X" counts as E:A, CR/IR/AR:H).
type v4Eff map[string]string

func effectiveV4(v Vector) v4Eff {
	e := v4Eff{"E": "A", "CR": "H", "IR": "H", "AR": "H"}
	for _, name := range []string{"AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"} {
		e[name] = v.vals[name]
	}
	return e
}

// macroVector computes the six equivalence classes (section 8.1, Table 24–29).
func macroVector(m v4Eff) [6]int {
	var eq [6]int
	switch {
	case m["AV"] == "N" && m["PR"] == "N" && m["UI"] == "N":
		eq[0] = 0
	case (m["AV"] == "N" || m["PR"] == "N" || m["UI"] == "N") && m["AV"] != "P":
		eq[0] = 1
	default:
		eq[0] = 2
	}
	if !(m["AC"] == "L" && m["AT"] == "N") {
		eq[1] = 1
	}
	switch {
	case m["VC"] == "H" && m["VI"] == "H":
		eq[2] = 0
	case m["VC"] == "H" || m["VI"] == "H" || m["VA"] == "H":
		eq[2] = 1
	default:
		eq[2] = 2
	}
	switch {
	case m["SI"] == "S" || m["SA"] == "S": // only through MSI/MSA, which the base score does not use
		eq[3] = 0
	case m["SC"] == "H" || m["SI"] == "H" || m["SA"] == "H":
		eq[3] = 1
	default:
		eq[3] = 2
	}
	eq[4] = map[string]int{"A": 0, "P": 1, "U": 2}[m["E"]]
	if !((m["CR"] == "H" && m["VC"] == "H") || (m["IR"] == "H" && m["VI"] == "H") || (m["AR"] == "H" && m["VA"] == "H")) {
		eq[5] = 1
	}
	return eq
}

func macroKey(eq [6]int) string {
	b := make([]byte, 6)
	for i, d := range eq {
		b[i] = byte('0' + d)
	}
	return string(b)
}

// lookupMacro is the table score of a macro vector, or NaN when the table has none (a level past the last).
func lookupMacro(eq [6]int) float64 {
	if s, ok := macroScores[macroKey(eq)]; ok {
		return s
	}
	return math.NaN()
}

// baseV4 is the v4.0 score (section 8.2–8.3): the macro vector's score, lowered by the mean over the EQs of
// (score gap to the next lower macro vector) × (the vector's severity distance from the macro vector's highest
// vector, as a share of the macro vector's depth).
func baseV4(v Vector) float64 {
	m := effectiveV4(v)
	if m["VC"] == "N" && m["VI"] == "N" && m["VA"] == "N" && m["SC"] == "N" && m["SI"] == "N" && m["SA"] == "N" {
		return 0
	}
	eq := macroVector(m)
	value := macroScores[macroKey(eq)]
	lower := nextLowerScores(eq)
	dist := severityDistances(m, eq)
	depth := [5]float64{
		v4MaxSeverity.eq1[eq[0]] * 0.1,
		v4MaxSeverity.eq2[eq[1]] * 0.1,
		v4MaxSeverity.eq3eq6[[2]int{eq[2], eq[5]}] * 0.1,
		v4MaxSeverity.eq4[eq[3]] * 0.1,
	}
	var sum float64
	n := 0
	for i := 0; i < 5; i++ {
		available := value - lower[i]
		if math.IsNaN(available) {
			continue
		}
		n++
		if i == 4 {
			continue // EQ5 has a single value per level: its proportion is always 0
		}
		sum += available * (dist[i] / depth[i])
	}
	if n > 0 {
		value -= sum / float64(n)
	}
	return roundHalfUp1(math.Max(0, math.Min(10, value)))
}

// nextLowerScores are the table scores one level down in EQ1, EQ2, EQ3+EQ6 (joined), EQ4 and EQ5; NaN where
// there is none. From EQ3+EQ6 = 00 two lower macro vectors exist and the higher-scoring one is taken.
func nextLowerScores(eq [6]int) [5]float64 {
	step := func(i int) [6]int { e := eq; e[i]++; return e }
	var out [5]float64
	out[0] = lookupMacro(step(0))
	out[1] = lookupMacro(step(1))
	switch e3, e6 := eq[2], eq[5]; {
	case e3 == 0 && e6 == 0:
		left, right := lookupMacro(step(5)), lookupMacro(step(2))
		out[2] = right
		if left > right { // NaN compares false, as in the reference calculator
			out[2] = left
		}
	case e3 == 1 && e6 == 0:
		out[2] = lookupMacro(step(5))
	case e3 == 2:
		e := eq
		e[2]++
		e[5]++
		out[2] = lookupMacro(e)
	default: // 01 → 11, 11 → 21
		out[2] = lookupMacro(step(2))
	}
	out[3] = lookupMacro(step(3))
	out[4] = lookupMacro(step(4))
	return out
}

// severityDistances are the vector's distances, per EQ (EQ3 and EQ6 joined), from the first highest-severity
// vector of its macro vector that is at least as severe in every metric; the highest vectors are composed
// from each EQ's list in the reference calculator's order (EQ1 outermost). When none qualifies, the last
// one's distances are used, as the reference calculator does.
func severityDistances(m v4Eff, eq [6]int) [4]float64 {
	d := make(map[string]float64, 14)
	measure := func(parts ...[]metricValue) bool {
		ok := true
		for _, p := range parts {
			for _, mv := range p {
				d[mv.name] = v4Levels[mv.name][m[mv.name]] - v4Levels[mv.name][mv.value]
				ok = ok && d[mv.name] >= 0
			}
		}
		return ok
	}
	found := false
	for _, a := range v4MaxParsed.eq1[eq[0]] {
		for _, b := range v4MaxParsed.eq2[eq[1]] {
			for _, c := range v4MaxParsed.eq3eq6[[2]int{eq[2], eq[5]}] {
				for _, e := range v4MaxParsed.eq4[eq[3]] {
					if !found && measure(a, b, c, e) {
						found = true
					}
				}
			}
		}
	}
	return [4]float64{
		d["AV"] + d["PR"] + d["UI"],
		d["AC"] + d["AT"],
		d["VC"] + d["VI"] + d["VA"] + d["CR"] + d["IR"] + d["AR"],
		d["SC"] + d["SI"] + d["SA"],
	}
}

// metricValue is one "M:V" of a highest-severity vector.
type metricValue struct{ name, value string }

// v4MaxParsed is v4MaxComposed with each "M:V/M:V" string split once.
var v4MaxParsed = struct {
	eq1, eq2, eq4 map[int][][]metricValue
	eq3eq6        map[[2]int][][]metricValue
}{
	eq1: parseMaxLists(v4MaxComposed.eq1), eq2: parseMaxLists(v4MaxComposed.eq2), eq4: parseMaxLists(v4MaxComposed.eq4),
	eq3eq6: parseMaxLists(v4MaxComposed.eq3eq6),
}

func parseMaxLists[K comparable](in map[K][]string) map[K][][]metricValue {
	out := make(map[K][][]metricValue, len(in))
	for k, list := range in {
		for _, s := range list {
			var mvs []metricValue
			for _, p := range strings.Split(s, "/") {
				name, value, _ := strings.Cut(p, ":")
				mvs = append(mvs, metricValue{name, value})
			}
			out[k] = append(out[k], mvs)
		}
	}
	return out
}
