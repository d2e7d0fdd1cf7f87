package policy

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLint(t *testing.T) {
	var got []string
	for _, p := range Lint(context.Background(), Origin{Source: SourceDir, Path: "testdata/lint"}) {
		got = append(got, p.String())
	}
	want := []string{
		"testdata/lint/controls/bad_id.rego:1: id \"MY-CONTROL-1\" is not of the form SEAM-<AREA>-<SVC>-NNN",
		"testdata/lint/controls/bad_id.rego:1: no framework reference (cis-aws, cis-kubernetes, nist-800-53, pci-dss)",
		"testdata/lint/controls/only_fail.rego:1: no test shows it passing: no passing test fails when deny always has a result",
		"testdata/lint/controls/untested.rego:1: custom.select.edges is missing: name the edge kinds the control reads ([] for none), or its input carries every edge of every selected node",
		"testdata/lint/controls/untested.rego:1: no test: no _test.rego refers to data.seam.controls.test.untested",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lint (-want +got):\n%s", diff)
	}
	// The engine's own test library: only the IMDSv2 control has tests, and none declares its edges (the
	// engine tests evaluate them with every edge, the default for controls that do not say).
	got = nil
	for _, p := range Lint(context.Background(), Origin{Source: SourceBuiltin, Path: "library", FS: os.DirFS("testdata/library")}) {
		got = append(got, p.String())
	}
	want = []string{
		"library/controls/aws/ec2_imdsv2.rego:1: custom.select.edges is missing: name the edge kinds the control reads ([] for none), or its input carries every edge of every selected node",
		"library/controls/cross/path_identity_pii.rego:1: custom.select.edges is missing: name the edge kinds the control reads ([] for none), or its input carries every edge of every selected node",
		"library/controls/cross/path_identity_pii.rego:1: no test: no _test.rego refers to data.seam.controls.cross.path_identity_pii",
		"library/controls/k8s/host_network.rego:1: custom.select.edges is missing: name the edge kinds the control reads ([] for none), or its input carries every edge of every selected node",
		"library/controls/k8s/host_network.rego:1: no test: no _test.rego refers to data.seam.controls.k8s.host_network",
		"library/controls/k8s/sa_token.rego:1: custom.select.edges is missing: name the edge kinds the control reads ([] for none), or its input carries every edge of every selected node",
		"library/controls/k8s/sa_token.rego:1: no test: no _test.rego refers to data.seam.controls.k8s.sa_token",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("lint of the test library (-want +got):\n%s", diff)
	}
}
