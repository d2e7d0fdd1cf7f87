package policy

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/config"
)

func loadProblems(t *testing.T, origins ...Origin) []string {
	t.Helper()
	_, err := Load(context.Background(), append([]Origin{testLibrary()}, origins...))
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Load = %v, want a *LoadError", err)
	}
	var out []string
	for _, p := range le.Problems {
		out = append(out, p.String())
	}
	return out
}

func TestLoadControls(t *testing.T) {
	s := loadTest(t)
	var ids []string
	for _, c := range s.Controls {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{"SEAM-AWS-EC2-001", "SEAM-CROSS-PATH-001", "SEAM-K8S-POD-001", "SEAM-K8S-SA-001"}, ids); diff != "" {
		t.Errorf("controls (-want +got):\n%s", diff)
	}
	c, _ := s.Control("SEAM-AWS-EC2-001")
	want := Control{ID: "SEAM-AWS-EC2-001", Title: "Instances require IMDSv2",
		Description: "With IMDSv1 allowed, a server-side request forgery in any application on the instance reads the " +
			"instance role's credentials from the metadata service. IMDSv2's session tokens stop a plain forged GET.",
		Severity: High, Remediation: `Set metadata_options { http_tokens = "required" }.`,
		Frameworks: map[string][]string{"cis-aws": {"5.6"}, "nist-800-53": {"AC-3", "SC-7"}},
		Select:     Select{Kinds: []string{"workload"}, Types: []string{"aws_instance", "aws_launch_template"}},
		Source:     SourceBuiltin, Package: "seam.controls.aws.ec2_imdsv2", File: "library/controls/aws/ec2_imdsv2.rego", Line: 1}
	if diff := cmp.Diff(want, c); diff != "" {
		t.Errorf("control (-want +got):\n%s", diff)
	}
}

func TestLoadErrors(t *testing.T) {
	got := loadProblems(t, Origin{Source: SourceDir, Path: "testdata/badmeta"})
	want := []string{
		"testdata/badmeta/controls/bad_fields.rego:1: control seam.controls.bad.bad_fields has no deny rule",
		"testdata/badmeta/controls/bad_fields.rego:1: custom.frameworks must map a framework to a list of references",
		"testdata/badmeta/controls/bad_fields.rego:1: custom.id is missing",
		"testdata/badmeta/controls/bad_fields.rego:1: custom.remediation is missing",
		`testdata/badmeta/controls/bad_fields.rego:1: custom.select.edges: "calls-home" is not an edge kind`,
		`testdata/badmeta/controls/bad_fields.rego:1: custom.select.kinds: "workloads" is not a node kind`,
		"testdata/badmeta/controls/bad_fields.rego:1: custom.select.nodes: unknown key (select takes kinds, types and edges)",
		`testdata/badmeta/controls/bad_fields.rego:1: custom.severity: unknown severity "severe" (choose one of: critical, high, medium, low, info)`,
		"testdata/badmeta/controls/dup_id.rego:1: control ID SEAM-AWS-EC2-001 is also declared at library/controls/aws/ec2_imdsv2.rego:1",
		"testdata/badmeta/controls/no_meta.rego:2: control seam.controls.bad.no_meta has no METADATA block on its package (see docs/design/guardrails.md)",
		"testdata/badmeta/controls/syntax.rego:7: unexpected eof token",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestLoadMissing(t *testing.T) {
	got := loadProblems(t, Origin{Source: SourceBundle, Path: "testdata/no-such-bundle.tar.gz"})
	want := []string{"testdata/no-such-bundle.tar.gz: cannot open policies: stat testdata/no-such-bundle.tar.gz: no such file or directory"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	got = loadProblems(t, Origin{Source: SourceBundle, Path: "testdata/bundle/org/README.md"})
	if want := []string{"testdata/bundle/org/README.md: a policy source must be a directory or a .tar.gz bundle"}; !cmp.Equal(want, got) {
		t.Errorf("problems = %q", got)
	}
}

func TestEvalErrorsAreDiagnostics(t *testing.T) {
	g, pr := testGraph()
	s := loadTest(t, Origin{Source: SourceDir, Path: "testdata/badeval"})
	rep := Evaluate(context.Background(), s, g, pr, Options{Now: testNow})
	var diags []string
	for _, d := range rep.Diagnostics {
		diags = append(diags, d.String())
	}
	want := []string{
		"testdata/badeval/controls/conflict.rego:1: error: SEAM-TEST-EVAL-001: evaluation failed: testdata/badeval/controls/conflict.rego:14: eval_conflict_error: complete rules must not produce multiple outputs (policy)",
		"testdata/badeval/controls/malformed.rego:1: error: SEAM-TEST-EVAL-002: 1 result(s) dropped: a result must be an object with node and msg (policy)",
		"testdata/badeval/controls/malformed.rego:1: error: SEAM-TEST-EVAL-002: 1 result(s) dropped: a result needs a node (string) and a msg (string) (policy)",
		`testdata/badeval/controls/malformed.rego:1: error: SEAM-TEST-EVAL-002: 1 result(s) dropped: node "no-such-node" is not in the graph (policy)`,
	}
	if diff := cmp.Diff(want, diags); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	n := 0
	for _, r := range rep.Results {
		if r.ControlID == "SEAM-TEST-EVAL-002" {
			n++
		}
	}
	if n != 1 || len(rep.Results) != 7 {
		t.Errorf("got %d results (%d of SEAM-TEST-EVAL-002), want the 6 of the library and the well-formed one", len(rep.Results), n)
	}
}

// tarGz builds a .tar.gz in memory from entries (name → content; a content of "->target" is a symlink).
func tarGz(t testing.TB, entries [][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range entries {
		h := &tar.Header{Name: e[0], Mode: 0o644, Size: int64(len(e[1])), Typeflag: tar.TypeReg, ModTime: time.Unix(0, 0)}
		if target, ok := strings.CutPrefix(e[1], "->"); ok {
			h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, target, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write([]byte(e[1]))
		}
	}
	tw.Close()
	zw.Close()
	return buf.Bytes()
}

// orgBundle packs testdata/bundle/org into a .tar.gz in a temporary directory.
func orgBundle(t *testing.T) string {
	t.Helper()
	var entries [][2]string
	for _, name := range []string{"controls/owner_tag.rego", "lib/tags.rego", "README.md"} {
		data, err := os.ReadFile(filepath.Join("testdata/bundle/org", name))
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, [2]string{"./" + name, string(data)})
	}
	p := filepath.Join(t.TempDir(), "org.tar.gz")
	if err := os.WriteFile(p, tarGz(t, entries), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBundles(t *testing.T) {
	tgz := orgBundle(t)
	for _, path := range []string{"testdata/bundle/org", tgz} {
		s := loadTest(t, Origin{Source: SourceBundle, Path: path, Enforced: true})
		c, ok := s.Control("SEAM-ORG-TAG-001")
		if !ok || !c.Enforced || c.Origin != path || c.File != filepath.ToSlash(filepath.Join(path, "controls/owner_tag.rego")) {
			t.Fatalf("%s: control %+v", path, c)
		}
		g, pr := testGraph()
		rep := Evaluate(context.Background(), s, g, pr, Options{Now: testNow})
		found := false
		for _, r := range rep.Results {
			found = found || r.ControlID == "SEAM-ORG-TAG-001" && r.NodeID == "infra:aws_iam_role.app"
		}
		if !found {
			t.Errorf("%s: the bundle's control did not fire", path)
		}
		cfg := &config.Config{File: "seam.yaml", Policies: config.Policies{Disable: []string{"SEAM-ORG-TAG-001"}, DisableLines: []int{7}},
			Exceptions: []config.Exception{{Control: "SEAM-ORG-TAG-001", Resources: []string{"*"}, Line: 12}}}
		err := s.Enforce(cfg)
		want := "seam.yaml overrides enforced controls\n" +
			"seam.yaml:7: SEAM-ORG-TAG-001 cannot be disabled: it is enforced by the bundle " + path + "\n" +
			"seam.yaml:12: SEAM-ORG-TAG-001 cannot be excepted: it is enforced by the bundle " + path
		if err == nil || err.Error() != want {
			t.Errorf("Enforce = %v, want %s", err, want)
		}
	}
}

func TestHostileBundles(t *testing.T) {
	ctl := "package acme.x\n"
	tests := []struct {
		name    string
		entries [][2]string
		want    string
	}{
		{"dot-dot", [][2]string{{"../escape.rego", ctl}}, `../escape.rego: entry names must not leave the bundle ("..")`},
		{"absolute", [][2]string{{"/etc/x.rego", ctl}}, "/etc/x.rego: entry names must be relative paths inside the bundle"},
		{"symlink", [][2]string{{"lib.rego", "->/etc/passwd"}}, "lib.rego: links are not allowed in a policy bundle"},
		{"bomb", [][2]string{{"big.rego", strings.Repeat("#", 3<<20)}}, "big.rego: expands to more than 2 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readTarGz(bytes.NewReader(tarGz(t, tt.entries)), 2<<20)
			if err == nil || err.Error() != tt.want {
				t.Errorf("readTarGz = %v, want %q", err, tt.want)
			}
		})
	}
	if _, err := readTarGz(strings.NewReader("not gzip"), 2<<20); err == nil {
		t.Error("a file that is not gzip must be refused")
	}
}

func TestRunTests(t *testing.T) {
	lib := Origin{Source: SourceBuiltin, Path: "library", FS: os.DirFS("testdata/library")}
	dir := t.TempDir()
	// A control test in a user's directory that uses the library control and lib: one passing, one failing.
	src := `package acme_test

import data.seam.controls.k8s.sa_token
import rego.v1

test_mounted_fails if {
	count(sa_token.deny) == 1 with input as {"nodes": [{"id": "a", "name": "a", "attrs": {"automount_effective": true}}]}
}

test_wrong if {
	count(sa_token.deny) == 5 with input as {"nodes": []}
}
`
	if err := os.WriteFile(filepath.Join(dir, "acme_test.rego"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := RunTests(context.Background(), []Origin{lib}, []Origin{{Source: SourceDir, Path: dir}})
	if err != nil {
		t.Fatal(err)
	}
	var brief []string
	for _, r := range got {
		brief = append(brief, strings.TrimPrefix(r.File, dir)+":"+strconv.Itoa(r.Line)+" "+r.Name+" "+strconv.FormatBool(r.Pass))
	}
	want := []string{"/acme_test.rego:6 test_mounted_fails true", "/acme_test.rego:10 test_wrong false"}
	if diff := cmp.Diff(want, brief); diff != "" {
		t.Errorf("tests (-want +got):\n%s", diff)
	}
	// The library's own tests.
	got, err = RunTests(context.Background(), nil, []Origin{lib})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range got {
		if !r.Pass {
			t.Errorf("%s:%d %s failed %s", r.File, r.Line, r.Name, r.Error)
		}
	}
	if len(got) != 3 {
		t.Errorf("got %d library tests, want 3", len(got))
	}
}
