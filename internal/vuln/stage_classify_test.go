package vuln

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name    string
		cwes    []string
		text    string
		want    []string
		reasons map[string]string
	}{
		{"SSRF by CWE", []string{"CWE-918"}, "", []string{"ssrf"}, map[string]string{"ssrf": "CWE-918"}},
		{"two CWEs, lower case, one not a foothold", []string{"cwe-200", "CWE-22"}, "", []string{"path-traversal"},
			map[string]string{"path-traversal": "CWE-22"}},
		{"the CWE wins over text", []string{"CWE-502"}, "Remote code execution through a gadget chain",
			[]string{"deserialization"}, map[string]string{"deserialization": "CWE-502"}},
		{"text alone: RCE", nil, "A crafted header leads to remote code execution.", []string{"remote-code-execution"},
			map[string]string{"remote-code-execution": `the advisory says "remote code execution"`}},
		{"text naming RCE and its mechanism is the mechanism", nil,
			"Command injection in the archive helper allows remote code execution", []string{"command-injection"},
			map[string]string{"command-injection": `the advisory says "Command injection"`}},
		{"SSRF by its acronym", []string{"CWE-NOPE"}, "SSRF via protocol-relative URL", []string{"ssrf"},
			map[string]string{"ssrf": `the advisory says "SSRF"`}},
		{"authentication bypass", nil, "allows an attacker to bypass authentication", []string{"auth-bypass"},
			map[string]string{"auth-bypass": `the advisory says "bypass authentication"`}},
		{"denial of service is no foothold", []string{"CWE-400"}, "Uncontrolled resource consumption", nil, map[string]string{}},
		{"'arbitrary' alone is no foothold", nil, "arbitrary file overwrite of the cache", nil, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reasons := Classify(tt.cwes, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("classes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.reasons, reasons); diff != "" {
				t.Errorf("reasons (-want +got):\n%s", diff)
			}
		})
	}
}
