package cyclonedx

import (
	"bytes"
	"context"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/vulnreport"
	"github.com/seam-sec/seam/internal/model"
)

// TestStatements states the VEX statement of every analysis in the fixtures (testdata/README.md):
// "<vulnerability> <status> <justification> <products>".
func TestStatements(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"orders-1.5.cdx.json", []string{"CVE-2021-44228 affected  pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}},
		{"shop-api-1.6.cdx.json", []string{
			"CVE-2021-23337 not_affected code_not_reachable pkg:npm/lodash@4.17.20",
			"CVE-2023-45288 under_investigation  pkg:golang/golang.org/x/net@0.17.0"}},
		{"acme-api.vex.json", []string{
			"CVE-2023-45288 not_affected requires_configuration urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:golang/golang.org/x/net@v0.17.0",
			"CVE-2024-0727 fixed  pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.4",
			"CVE-2021-23337 not_affected code_not_present pkg:npm/lodash@4.17.20"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var got []string
			for _, n := range extractFixture(t, tt.file).Nodes {
				if n.Type != "vex-statement" {
					continue
				}
				j, _ := n.Attrs["justification"].(string)
				var ps []string
				for _, p := range n.Attrs["products"].([]any) {
					ps = append(ps, p.(string))
				}
				got = append(got, n.Attrs["vulnerability"].(string)+" "+n.Attrs["status"].(string)+" "+j+" "+strings.Join(ps, ","))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGraphShape draws the edges of the 1.5 SBOM:
//
//	module:orders-1.5.cdx.json ─contains→ every package but the root
//	orders ─depends-on→ jackson-databind ─depends-on→ jackson-core
//	       ─depends-on→ log4j-core ─depends-on→ log4j-api
//	       ─depends-on→ spring-boot ─contains,depends-on→ spring-core (nested)
func TestGraphShape(t *testing.T) {
	var got []string
	short := func(id string) string {
		id = strings.TrimPrefix(id, "pkg:maven/")
		if i := strings.LastIndex(id, "/"); i >= 0 {
			id = id[i+1:]
		}
		id, _, _ = strings.Cut(id, "@")
		return id
	}
	for _, e := range extractFixture(t, "orders-1.5.cdx.json").Edges {
		got = append(got, short(e.From)+" "+string(e.Kind)+" "+short(e.To))
	}
	sort.Strings(got)
	want := []string{
		"jackson-databind depends-on jackson-core", "log4j-core depends-on log4j-api",
		"module:orders-1.5.cdx.json contains crc32c", "module:orders-1.5.cdx.json contains jackson-core",
		"module:orders-1.5.cdx.json contains jackson-databind", "module:orders-1.5.cdx.json contains log4j-api",
		"module:orders-1.5.cdx.json contains log4j-core", "module:orders-1.5.cdx.json contains spring-boot",
		"module:orders-1.5.cdx.json contains spring-core",
		"orders depends-on jackson-databind", "orders depends-on log4j-core", "orders depends-on spring-boot",
		"spring-boot contains spring-core", "spring-boot depends-on spring-core",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}

// TestPackagesMatchTrivy: the image SBOM names packages with the IDs the lockfile extractor and the Trivy
// importer give them (Go's "v" dropped, npm scopes encoded).
func TestPackagesMatchTrivy(t *testing.T) {
	var got []string
	for _, n := range extractFixture(t, "shop-api-1.6.cdx.json").Nodes {
		if n.Kind == model.KindPackage {
			got = append(got, n.ID+" "+n.Name+" "+n.Attrs["ecosystem"].(string))
		}
	}
	want := []string{
		"pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.4 openssl Debian:12",
		"pkg:golang/golang.org/x/net@0.17.0 golang.org/x/net Go",
		"pkg:npm/%40acme/ui-kit@3.2.0 @acme/ui-kit npm",
		"pkg:npm/lodash@4.17.20 lodash npm",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("packages (-want +got):\n%s", diff)
	}
}

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"bom.json": true, "sbom.json": true, "dist/sbom-api.json": true, "api.cdx.json": true, "x.bom.json": true,
		"x.sbom.json": true, "vex.json": true, "release/api.vex.json": true, "BOM.JSON": true, "reports/trivy-sbom.json": true, "grype.json": true,
		"package.json": false, "bom.xml": false, "testdata/bom.json": false, "trivy.yaml": false,
	}
	for p, want := range tests {
		if got := New().FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]bool{
		`{"bomFormat": "CycloneDX", "specVersion": "1.6"`:                                true,
		`{"$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json", "components": [`: true,
		`{"@context": "https://openvex.dev/ns/v0.2.0"}`:                                  false,
		`{"spdxVersion": "SPDX-2.3"}`:                                                    false,
		`{"SchemaVersion": 2}`:                                                           false,
	}
	for head, want := range tests {
		if got := Sniff([]byte(head)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", head, got, want)
		}
	}
}

// TestQuietOnOpenVEX: a vex.json that is OpenVEX is package vex's, a trivy.json that is Trivy's own format
// package vulnreport's; this importer says nothing of them, unless the user named one with --import.
func TestQuietOnOpenVEX(t *testing.T) {
	fsys := fstest.MapFS{"vex.json": {Data: []byte(`{"@context": "https://openvex.dev/ns/v0.2.0"}`)},
		"trivy.json": {Data: []byte(`{"SchemaVersion": 2}`)},
		"sbom.json":  {Data: []byte(`{"@context": "https://openvex.dev/ns/v0.2.0"}`)}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"sbom.json", "trivy.json", "vex.json"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Diagnostic{{File: "sbom.json", Line: 1, Severity: model.SeverityInfo, Extractor: Name,
		Message: `not a CycloneDX JSON document (no bomFormat "CycloneDX"); not imported`}}
	if diff := cmp.Diff(want, f.Diagnostics); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	p := Parse("vex.json", strings.NewReader(`{"a": 1}`))
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != model.SeverityError {
		t.Errorf("Parse of a non-CycloneDX file: %v", p.Diagnostics)
	}
}

// TestSameNodesAsTrivy: Trivy's JSON report and the CycloneDX SBOM of the same image name the image, its
// packages and its vulnerabilities with the same IDs, so the two imports merge on the graph.
func TestSameNodesAsTrivy(t *testing.T) {
	data, err := os.ReadFile("../vulnreport/testdata/trivy-image.json")
	if err != nil {
		t.Fatal(err)
	}
	trivy := map[string]bool{}
	for _, n := range vulnreport.Parse("trivy-image.json", bytes.NewReader(data)).Nodes {
		trivy[n.ID] = true
	}
	for _, id := range []string{"image:ghcr.io/acme/shop-api:1.4.2", "pkg:npm/lodash@4.17.20",
		"pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12.4", "vuln:CVE-2021-23337"} {
		found := false
		for _, n := range extractFixture(t, "shop-api-1.6.cdx.json").Nodes {
			found = found || n.ID == id
		}
		if !found || !trivy[id] {
			t.Errorf("%s: in the SBOM %v, in the Trivy report %v", id, found, trivy[id])
		}
	}
}
