package cvss

import "math"

// v3Metrics are the CVSS v3.0/v3.1 metrics in the specification's order (v3.1 section 6, Table 15): the eight
// base metrics are mandatory, the temporal and environmental ones optional.
var v3Metrics = []metricDef{
	{"AV", []string{"N", "A", "L", "P"}, true},
	{"AC", []string{"L", "H"}, true},
	{"PR", []string{"N", "L", "H"}, true},
	{"UI", []string{"N", "R"}, true},
	{"S", []string{"U", "C"}, true},
	{"C", []string{"H", "L", "N"}, true},
	{"I", []string{"H", "L", "N"}, true},
	{"A", []string{"H", "L", "N"}, true},
	{"E", []string{"X", "H", "F", "P", "U"}, false},
	{"RL", []string{"X", "U", "W", "T", "O"}, false},
	{"RC", []string{"X", "C", "R", "U"}, false},
	{"CR", []string{"X", "H", "M", "L"}, false},
	{"IR", []string{"X", "H", "M", "L"}, false},
	{"AR", []string{"X", "H", "M", "L"}, false},
	{"MAV", []string{"X", "N", "A", "L", "P"}, false},
	{"MAC", []string{"X", "L", "H"}, false},
	{"MPR", []string{"X", "N", "L", "H"}, false},
	{"MUI", []string{"X", "N", "R"}, false},
	{"MS", []string{"X", "U", "C"}, false},
	{"MC", []string{"X", "H", "L", "N"}, false},
	{"MI", []string{"X", "H", "L", "N"}, false},
	{"MA", []string{"X", "H", "L", "N"}, false},
}

var (
	specV30 = spec{version: "3.0", prefix: "CVSS:3.0/", metrics: v3Metrics,
		score: func(v Vector) float64 { return baseV3(v, roundupV30) }}
	specV31 = spec{version: "3.1", prefix: "CVSS:3.1/", metrics: v3Metrics,
		score: func(v Vector) float64 { return baseV3(v, roundupV31) }}
)

// Metric weights, CVSS v3.1 specification section 7.4 (the same numbers as v3.0 section 8.4).
var (
	v3AV  = map[string]float64{"N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2}
	v3AC  = map[string]float64{"L": 0.77, "H": 0.44}
	v3PRU = map[string]float64{"N": 0.85, "L": 0.62, "H": 0.27} // scope unchanged
	v3PRC = map[string]float64{"N": 0.85, "L": 0.68, "H": 0.5}  // scope changed
	v3UI  = map[string]float64{"N": 0.85, "R": 0.62}
	v3CIA = map[string]float64{"H": 0.56, "L": 0.22, "N": 0}
)

// baseV3 is the v3 base score equation (v3.1 section 7.1).
func baseV3(v Vector, roundup func(float64) float64) float64 {
	changed := v.vals["S"] == "C"
	iss := 1 - (1-v3CIA[v.vals["C"]])*(1-v3CIA[v.vals["I"]])*(1-v3CIA[v.vals["A"]])
	var impact float64
	if changed {
		impact = 7.52*(iss-0.029) - 3.25*math.Pow(iss-0.02, 15)
	} else {
		impact = 6.42 * iss
	}
	pr := v3PRU
	if changed {
		pr = v3PRC
	}
	exploitability := 8.22 * v3AV[v.vals["AV"]] * v3AC[v.vals["AC"]] * pr[v.vals["PR"]] * v3UI[v.vals["UI"]]
	if impact <= 0 {
		return 0
	}
	if changed {
		return roundup(math.Min(1.08*(impact+exploitability), 10))
	}
	return roundup(math.Min(impact+exploitability, 10))
}

// roundupV31 is the v3.1 Roundup (Appendix A): the smallest one-decimal number ≥ x, computed on integers so
// that floating-point noise (4.000000000000001) does not round up a whole step.
func roundupV31(x float64) float64 {
	i := int64(math.Round(x * 100000))
	if i%10000 == 0 {
		return float64(i) / 100000
	}
	return float64(i/10000+1) / 10
}

// roundupV30 is the v3.0 Roundup (section 8.1): the smallest one-decimal number ≥ x, taken literally.
func roundupV30(x float64) float64 { return math.Ceil(x*10) / 10 }
