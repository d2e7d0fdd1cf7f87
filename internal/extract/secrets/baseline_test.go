package secrets

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// plantedWithBaseline is testdata/planted plus baseline.yaml, with the fingerprints of the Stripe key and
// the kubeconfig token filled in.
func plantedWithBaseline(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	src := dirFS(t, "testdata/planted")
	for _, p := range wanted(t, src) {
		data, err := os.ReadFile("testdata/planted/" + p)
		if err != nil {
			t.Fatal(err)
		}
		fsys[p] = &fstest.MapFile{Data: data}
	}
	base, err := os.ReadFile("testdata/baseline/secrets-baseline.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.NewReplacer(
		"STRIPE", Fingerprint("app/payments.js", "stripe-access-token", "sk_test_L2aEJXquQrDs0GPRZwwrPwV8"),
		"KUBE", Fingerprint("kube/kubeconfig", "generic-api-key", "5KyBBoFsETyy926kMMqVtFqAbu8tF7sjEbhQN9Cp"),
	).Replace(string(base))
	fsys["baseline.yaml"] = &fstest.MapFile{Data: []byte(text)}
	return fsys
}

func TestBaselineApplied(t *testing.T) {
	f := extractFS(t, plantedWithBaseline(t), extract.Options{SecretsBaseline: "baseline.yaml"})
	baselined := map[string]string{}
	for _, n := range f.Nodes {
		if n.Attrs["baselined"] == true {
			baselined[n.ID] = n.Attrs["baseline_reason"].(string) + " / " + n.Attrs["baseline_owner"].(string)
		}
	}
	want := map[string]string{"secret:app/payments.js:2:stripe-access-token": "Stripe test-mode key of the sandbox account; cannot move money / @acme/payments"}
	if diff := cmp.Diff(want, baselined); diff != "" {
		t.Errorf("baselined (-want +got):\n%s", diff)
	}
	var diags []string
	for _, d := range f.Diagnostics {
		diags = append(diags, d.String())
	}
	wantDiags := []string{
		"baseline.yaml:10: warning: secrets baseline: the entry for " +
			Fingerprint("kube/kubeconfig", "generic-api-key", "5KyBBoFsETyy926kMMqVtFqAbu8tF7sjEbhQN9Cp") +
			" expired on 2026-06-30; the finding is reported again (secrets)",
		"baseline.yaml:14: info: secrets baseline: the entry for sha256:00000000deadbeef matches no finding; remove it if the secret is gone (secrets)",
	}
	if diff := cmp.Diff(wantDiags, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestBaselineDefaultPath checks that .seam/secrets-baseline.yaml is read when no path is given, and that a
// named baseline that does not exist is a warning.
func TestBaselineDefaultPath(t *testing.T) {
	fp := Fingerprint(".env", "generic-api-key", "TcEokd5ihu9lEmJc")
	fsys := fstest.MapFS{
		".env":                        {Data: []byte("DB_PASSWORD=TcEokd5ihu9lEmJc\n")},
		".seam/secrets-baseline.yaml": {Data: []byte("accepted:\n  - fingerprint: " + fp + "\n    reason: local only\n")},
	}
	f := extractFS(t, fsys, extract.Options{})
	if len(f.Nodes) != 1 || f.Nodes[0].Attrs["baselined"] != true {
		t.Errorf("the default baseline was not applied: %v", f.Nodes)
	}
	f = extractFS(t, fsys, extract.Options{SecretsBaseline: "missing.yaml"})
	if len(f.Diagnostics) != 1 || f.Diagnostics[0].Severity != model.SeverityWarning || f.Diagnostics[0].File != "missing.yaml" {
		t.Errorf("diagnostics = %v, want one warning for missing.yaml", f.Diagnostics)
	}
}

func TestParseBaseline(t *testing.T) {
	const fp = "sha256:0123456789abcdef"
	tests := []struct {
		name, text string
		entries    int
		diags      []string // "line: severity"
	}{
		{"empty", "", 0, nil},
		{"ok", "version: 1\naccepted:\n  - fingerprint: " + fp + "\n    reason: fixture\n    owner: me\n    expires: 2027-01-01\n", 1, nil},
		{"no list", "accepted:\n", 0, nil},
		{"not yaml", "accepted: [\n", 0, []string{"1: error"}},
		{"top is a list", "- a\n- b\n", 0, []string{"1: error"}},
		{"bad version", "version: 2\naccepted: []\n", 0, []string{"1: error"}},
		{"accepted not a list", "accepted: yes\n", 0, []string{"1: error"}},
		{"no reason", "accepted:\n  - fingerprint: " + fp + "\n", 0, []string{"2: error"}},
		{"blank reason", "accepted:\n  - fingerprint: " + fp + "\n    reason: '  '\n", 0, []string{"2: error"}},
		{"bad fingerprint", "accepted:\n  - reason: x\n    fingerprint: AKIA1234\n", 0, []string{"2: error"}},
		{"bad date", "accepted:\n  - fingerprint: " + fp + "\n    reason: x\n    expires: next year\n", 0, []string{"2: error"}},
		{"entry not a mapping", "accepted:\n  - " + fp + "\n", 0, []string{"2: error"}},
		{"unknown keys", "owner: me\naccepted:\n  - fingerprint: " + fp + "\n    reason: x\n    ticket: SEC-1\n", 1, []string{"1: warning", "5: warning"}},
		{"duplicate", "accepted:\n  - fingerprint: " + fp + "\n    reason: x\n  - fingerprint: " + fp + "\n    reason: y\n", 1, []string{"4: warning"}},
		{"two documents", "accepted: []\n---\naccepted: []\n", 0, []string{"3: warning"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, ds := ParseBaseline("b.yaml", []byte(tt.text))
			var got []string
			for _, d := range ds {
				if d.File != "b.yaml" || d.Extractor != Name {
					t.Errorf("diagnostic without file or extractor: %+v", d)
				}
				got = append(got, strconv.Itoa(d.Line)+": "+string(d.Severity))
			}
			if diff := cmp.Diff(tt.diags, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s\n%v", diff, ds)
			}
			if len(b.Entries) != tt.entries {
				t.Errorf("got %d entries, want %d", len(b.Entries), tt.entries)
			}
		})
	}
}
