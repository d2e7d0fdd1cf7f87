package vex

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// TestStatements states every statement of the fixtures (testdata/README.md):
// "<id> <vulnerability> <status> <justification> | <products> | <subcomponents>".
func TestStatements(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"shop-api.openvex.json", []string{
			"vex:shop-api.openvex.json#1 CVE-2023-45288 not_affected vulnerable_code_not_in_execute_path | pkg:oci/shop-api@sha256:5b0e1f0c3d7a9e2f?repository_url=ghcr.io%2Facme%2Fshop-api | pkg:golang/golang.org/x/net@0.17.0",
			"vex:shop-api.openvex.json#2 CVE-2021-23337 affected  | ghcr.io/acme/shop-api:1.4.2 | pkg:npm/lodash@4.17.20",
			"vex:shop-api.openvex.json#3 CVE-2024-0727 under_investigation  | https://acme.example/products/shop-api,pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.4 | ",
			"vex:shop-api.openvex.json#4 CVE-2023-44487 not_affected  | pkg:golang/golang.org/x/net@0.17.0 | ",
			"vex:shop-api.openvex.json#6 CVE-2023-39325 not_affected not_reachable | pkg:golang/golang.org/x/net@0.17.0 | ",
		}},
		{"legacy.openvex.json", []string{"vex:legacy.openvex.json#1 CVE-2020-14343 fixed  | pkg:pypi/pyyaml@5.3.1 | pkg:pypi/pyyaml@5.3.1"}},
		{"vex.json", nil},
		{"broken.vex.json", nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var got []string
			for _, n := range extractFixture(t, tt.file).Nodes {
				if n.Kind != model.KindConfig || n.Type != "vex-statement" || n.Prov.Extractor != Name {
					t.Errorf("%s: kind %s type %s provenance %v", n.ID, n.Kind, n.Type, n.Prov)
				}
				j, _ := n.Attrs["justification"].(string)
				got = append(got, n.ID+" "+n.Attrs["vulnerability"].(string)+" "+n.Attrs["status"].(string)+" "+j+
					" | "+join(n.Attrs["products"])+" | "+join(n.Attrs["subcomponents"]))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

func join(v any) string {
	list, _ := v.([]any)
	var ss []string
	for _, s := range list {
		ss = append(ss, s.(string))
	}
	return strings.Join(ss, ",")
}

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"vex.json": true, "openvex.json": true, "release/shop-api.openvex.json": true, "api.vex.json": true,
		"VEX.JSON": true, "vex.yaml": false, "testdata/vex.json": false, "bom.json": false, "convex.json": false,
	}
	for p, want := range tests {
		if got := New().FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]bool{
		`{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "x"`:  true,
		`{"@context": "https://openvex.dev/ns", "statements": []}`:  true,
		`{"@context": "https://www.w3.org/ns/credentials/v2"}`:      false,
		`{"bomFormat": "CycloneDX", "specVersion": "1.6"}`:          false,
		`{"SchemaVersion": 2, "ArtifactName": ".", "Results": []}`:  false,
		"\ufeff{\"@context\": [\"https://openvex.dev/ns/v0.2.0\"]}": true,
	}
	for head, want := range tests {
		if got := Sniff([]byte(head)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", head, got, want)
		}
	}
}

// TestNotOpenVEX: a CycloneDX file under a VEX name is package cyclonedx's and gets no word here; a file
// that is neither gets an info, or an error when the user named it with --import.
func TestNotOpenVEX(t *testing.T) {
	fsys := fstest.MapFS{"a.vex.json": {Data: []byte(`{"bomFormat": "CycloneDX"}`)}, "b.vex.json": {Data: []byte(`{"x": 1}`)}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"a.vex.json", "b.vex.json"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Diagnostic{{File: "b.vex.json", Line: 1, Severity: model.SeverityInfo, Extractor: Name,
		Message: "neither an OpenVEX nor a CycloneDX document; not imported"}}
	if diff := cmp.Diff(want, f.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	p := Parse("/tmp/a.vex.json", strings.NewReader(`{"bomFormat": "CycloneDX"}`))
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != model.SeverityError || p.Diagnostics[0].File != "import:a.vex.json" {
		t.Errorf("Parse of a non-OpenVEX file: %v", p.Diagnostics)
	}
}
