package cvss

// v2Metrics are the CVSS v2 metrics in the guide's order (section 2.4, Table 13): six base metrics, then the
// temporal and environmental ones. v2 vectors carry no prefix.
var v2Metrics = []metricDef{
	{"AV", []string{"L", "A", "N"}, true},
	{"AC", []string{"H", "M", "L"}, true},
	{"Au", []string{"M", "S", "N"}, true},
	{"C", []string{"N", "P", "C"}, true},
	{"I", []string{"N", "P", "C"}, true},
	{"A", []string{"N", "P", "C"}, true},
	{"E", []string{"U", "POC", "F", "H", "ND"}, false},
	{"RL", []string{"OF", "TF", "W", "U", "ND"}, false},
	{"RC", []string{"UC", "UR", "C", "ND"}, false},
	{"CDP", []string{"N", "L", "LM", "MH", "H", "ND"}, false},
	{"TD", []string{"N", "L", "M", "H", "ND"}, false},
	{"CR", []string{"L", "M", "H", "ND"}, false},
	{"IR", []string{"L", "M", "H", "ND"}, false},
	{"AR", []string{"L", "M", "H", "ND"}, false},
}

var specV2 = spec{version: "2.0", metrics: v2Metrics, score: baseV2}

// Metric weights, CVSS v2 guide section 3.2.1.
var (
	v2AV  = map[string]float64{"L": 0.395, "A": 0.646, "N": 1.0}
	v2AC  = map[string]float64{"H": 0.35, "M": 0.61, "L": 0.71}
	v2Au  = map[string]float64{"M": 0.45, "S": 0.56, "N": 0.704}
	v2CIA = map[string]float64{"N": 0, "P": 0.275, "C": 0.660}
)

// baseV2 is the v2 base equation: round_to_1_decimal(((0.6·Impact) + (0.4·Exploitability) − 1.5) · f(Impact)).
func baseV2(v Vector) float64 {
	impact := 10.41 * (1 - (1-v2CIA[v.vals["C"]])*(1-v2CIA[v.vals["I"]])*(1-v2CIA[v.vals["A"]]))
	if impact == 0 {
		return 0 // f(Impact) = 0; returned directly so that the score is never -0
	}
	exploitability := 20 * v2AV[v.vals["AV"]] * v2AC[v.vals["AC"]] * v2Au[v.vals["Au"]]
	return roundHalfUp1((0.6*impact + 0.4*exploitability - 1.5) * 1.176)
}
