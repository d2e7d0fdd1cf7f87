package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func loadPolicyFixture(t *testing.T, name string) (*Config, []byte, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "policy", name))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse(name, data)
	return cfg, data, err
}

func TestPoliciesAndExceptions(t *testing.T) {
	cfg, data, err := loadPolicyFixture(t, "valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.CheckPolicies(data); err != nil {
		t.Fatal(err)
	}
	want := Policies{
		Dirs:         []string{"policy/"},
		Bundles:      []PolicyBundle{{Path: "/etc/seam/org-bundle.tar.gz", Enforced: true, Line: 7}},
		Disable:      []string{"SEAM-DOCKER-003"},
		DisableLines: []int{9},
	}
	if diff := cmp.Diff(want, cfg.Policies); diff != "" {
		t.Errorf("policies (-want +got):\n%s", diff)
	}
	wantEx := []Exception{{Control: "SEAM-AWS-S3-002", Resources: []string{"infra/terraform:aws_s3_bucket.public_assets"},
		Owner: "@acme/platform", Reason: "the bucket serves the public web site", Expires: "2027-03-31", Line: 11}}
	if diff := cmp.Diff(wantEx, cfg.Exceptions); diff != "" {
		t.Errorf("exceptions (-want +got):\n%s", diff)
	}
}

func TestExceptionExpiry(t *testing.T) {
	e := Exception{Expires: "2027-03-31"}
	tests := []struct {
		now  string
		want bool
	}{
		{"2027-03-31T23:59:59Z", false}, // the expiry day itself still holds
		{"2027-04-01T00:00:00Z", true},
		{"2026-12-01T00:00:00Z", false},
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		if got := e.Expired(now); got != tt.want {
			t.Errorf("Expired(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if (Exception{Expires: "soon"}).Expired(time.Now()) {
		t.Error("an unparseable date must not count as expired (CheckPolicies reports it)")
	}
}

func TestPolicyProblems(t *testing.T) {
	// Loading reports what the schema cannot check about policies and exceptions, like every other problem.
	_, _, err := loadPolicyFixture(t, "invalid.yaml")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("loading invalid.yaml = %v, want a *ValidationError", err)
	}
	want := []string{
		`invalid.yaml:9:5: exceptions[0].expires: "31/03/2027" is not a date: write it as YYYY-MM-DD, e.g. 2027-03-31`,
		`invalid.yaml:12:9: exceptions[1].resources[0]: invalid glob "aws_s3_bucket.[b": an unclosed '[' or '{', or a trailing '\'`,
		`invalid.yaml:17:10: policies.dirs[0]: "../shared-policies" must be a directory inside the scanned root, relative to it (an organisation's controls outside it are a bundle)`,
	}
	var got []string
	for _, p := range ve.Problems {
		got = append(got, p.String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestPolicySchema(t *testing.T) {
	_, _, err := loadPolicyFixture(t, "schema.yaml")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Parse = %v, want a *ValidationError", err)
	}
	for _, p := range ve.Problems {
		t.Log(p.String())
	}
	if len(ve.Problems) != 3 {
		t.Errorf("got %d problems, want 3 (missing owner, missing path, unknown key)", len(ve.Problems))
	}
}
