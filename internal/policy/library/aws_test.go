// Tests of the AWS half of the built-in library: the Rego unit tests of lib/ and controls/aws/, the control
// convention, the controls over the Terraform fixture in testdata/aws compared with a golden file (run with
// -update to rewrite it), and a benchmark over the generated repository of bench/gen. Helpers carry an aws
// prefix: the Kubernetes half of the library has its own tests in this directory.
package library_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/policy"
)

// awsRoots are the AWS half of the library: the helpers and controls/aws with their tests.
var awsRoots = []string{"lib", "controls/aws"}

// awsModules parses the helper modules and the AWS controls with their tests from the embedded FS.
func awsModules(t *testing.T) map[string]*ast.Module { return libraryModules(t, awsRoots) }

// TestAWSRegoTests runs every Rego test of lib/ and controls/aws/ and fails on any failing or erroring one.
func TestAWSRegoTests(t *testing.T) { runRegoTests(t, awsModules(t)) }

// awsControl is what the meta test reads from a control's METADATA.
type awsControl struct {
	file, pkg, id, severity, title, description, remediation string
	frameworks                                               map[string]any
	selects                                                  map[string]any
}

var awsIDPattern = regexp.MustCompile(`^SEAM-AWS-[A-Z0-9]+-[0-9]{3}$`)

// awsControls lists the AWS control modules (non-test modules under controls/aws) with their metadata.
func awsControls(t *testing.T, mods map[string]*ast.Module) []awsControl {
	t.Helper()
	var out []awsControl
	for p, m := range mods {
		if !strings.HasPrefix(p, "controls/aws/") || strings.HasSuffix(p, "_test.rego") {
			continue
		}
		c := awsControl{file: p, pkg: strings.TrimPrefix(m.Package.Path.String(), "data.")}
		for _, a := range m.Annotations {
			if a.Scope != "package" {
				continue
			}
			c.title, c.description = a.Title, a.Description
			c.id, _ = a.Custom["id"].(string)
			c.severity, _ = a.Custom["severity"].(string)
			c.remediation, _ = a.Custom["remediation"].(string)
			c.frameworks, _ = a.Custom["frameworks"].(map[string]any)
			c.selects, _ = a.Custom["select"].(map[string]any)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// TestAWSControlConvention checks every AWS control against docs/design/guardrails.md: package name, metadata,
// unique id, a select naming kinds and types, framework lists, a deny rule and a test that uses the control.
func TestAWSControlConvention(t *testing.T) {
	mods := awsModules(t)
	controls := awsControls(t, mods)
	if len(controls) < 90 {
		t.Errorf("%d AWS controls, want at least 90", len(controls))
	}
	seen := map[string]string{}
	for _, c := range controls {
		awsCheckControl(t, c, mods[c.file])
		if prev, ok := seen[c.id]; ok {
			t.Errorf("%s: id %s already used by %s", c.file, c.id, prev)
		}
		seen[c.id] = c.file
		if !awsTested(mods, c.pkg) {
			t.Errorf("%s: no _test.rego refers to data.%s", c.file, c.pkg)
		}
	}
}

func awsCheckControl(t *testing.T, c awsControl, m *ast.Module) {
	t.Helper()
	if !strings.HasPrefix(c.pkg, "seam.controls.aws.") {
		t.Errorf("%s: package %s is not under seam.controls.aws", c.file, c.pkg)
	}
	if !awsIDPattern.MatchString(c.id) {
		t.Errorf("%s: id %q does not match %s", c.file, c.id, awsIDPattern)
	}
	switch c.severity {
	case "critical", "high", "medium", "low", "info":
	default:
		t.Errorf("%s: severity %q", c.file, c.severity)
	}
	if c.title == "" || len(c.description) < 60 || c.remediation == "" {
		t.Errorf("%s: title, description (a rationale) and remediation are required", c.file)
	}
	for _, k := range []string{"cis-aws", "nist-800-53", "pci-dss"} {
		if _, ok := c.frameworks[k].([]any); !ok {
			t.Errorf("%s: frameworks.%s must be a list", c.file, k)
		}
	}
	if nist, _ := c.frameworks["nist-800-53"].([]any); len(nist) == 0 {
		t.Errorf("%s: no NIST 800-53 reference", c.file)
	}
	kinds, _ := c.selects["kinds"].([]any)
	types, _ := c.selects["types"].([]any)
	if len(kinds) == 0 || len(types) == 0 {
		t.Errorf("%s: select must name kinds and types", c.file)
	}
	hasDeny := false
	for _, r := range m.Rules {
		if r.Head.Name.String() == "deny" || r.Head.Ref().String() == "deny" {
			hasDeny = true
		}
	}
	if !hasDeny {
		t.Errorf("%s: no deny rule", c.file)
	}
}

// awsTested reports whether some test module refers to the control's package.
func awsTested(mods map[string]*ast.Module, pkg string) bool {
	want := regexp.MustCompile(regexp.QuoteMeta("data."+pkg) + `\b`)
	for p, m := range mods {
		if strings.HasSuffix(p, "_test.rego") && want.MatchString(m.String()) {
			return true
		}
	}
	return false
}

// awsUpdate rewrites the golden files. It shares the -update flag with any other test of the package binary
// that defined it first.
var awsUpdate = func() *bool {
	if f := flag.Lookup("update"); f != nil {
		if g, ok := f.Value.(flag.Getter); ok {
			if b, ok := g.Get().(bool); ok {
				v := b
				return &v
			}
		}
	}
	return flag.Bool("update", false, "rewrite golden files")
}()

// awsOrigin is the library restricted to lib/ and controls/aws/, as the policy engine loads it.
func awsOrigin(t testing.TB) policy.Origin { return libraryOrigin(t, awsRoots) }

// awsCheck scans dir and evaluates the AWS controls over its graph.
func awsCheck(t testing.TB, dir string) *policy.Report {
	t.Helper()
	ctx := context.Background()
	set, err := policy.Load(ctx, []policy.Origin{awsOrigin(t)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Scan(ctx, os.DirFS(dir), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return policy.Evaluate(ctx, set, res.Graph, nil, policy.Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
}

// TestAWSFixture evaluates the AWS controls over the Terraform fixture (testdata/aws, commented per resource)
// and compares every result — control, status, file:line, node and field — with testdata/aws.golden. The
// golden file is the fixture's answer key: each *_good resource is absent from it, each *_bad resource is
// there at the line of the attribute that is wrong.
func TestAWSFixture(t *testing.T) {
	rep := awsCheck(t, "testdata/aws")
	for _, d := range rep.Diagnostics {
		t.Errorf("diagnostic: %s:%d %s", d.File, d.Line, d.Message)
	}
	var b strings.Builder
	for _, r := range rep.Results {
		fmt.Fprintf(&b, "%s:%d %s %s %s", r.File, r.Line, r.ControlID, r.Status, r.NodeID)
		if r.Field != "" {
			fmt.Fprintf(&b, " %s", r.Field)
		}
		b.WriteString("\n")
	}
	const golden = "testdata/aws.golden"
	if *awsUpdate {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("results differ from %s (-want +got; run with -update to accept):\n%s", golden, diff)
	}
	// No two results share a fingerprint (control, node, field): code-scanning services would merge them.
	seen := map[string]string{}
	for _, r := range rep.Results {
		if prev, dup := seen[r.Fingerprint]; dup {
			t.Errorf("%s and %q share the fingerprint of %s %s %s", prev, r.Msg, r.ControlID, r.NodeID, r.Field)
		}
		seen[r.Fingerprint] = r.Msg
	}
	// A resource named good fails only what awsGoodExpected explains.
	for _, r := range rep.Results {
		if strings.HasSuffix(r.NodeID, ".good") && !awsGoodExpected[r.ControlID+" "+r.NodeID] {
			t.Errorf("%s fails %s, which the fixture means to pass", r.NodeID, r.ControlID)
		}
	}
}

// awsGoodExpected are the results on *_good resources that are right: a good resource passes its own
// service's headline controls but not every hardening control.
var awsGoodExpected = map[string]bool{
	"SEAM-AWS-ECS-004 aws_ecs_task_definition.good": true, // a writable root file system
	"SEAM-AWS-CT-005 aws_cloudtrail.good":           true, // no CloudWatch Logs delivery
	"SEAM-AWS-SSM-002 aws_ssm_parameter.good":       true, // its value comes from a variable: unknown
}

// BenchmarkAWSControls evaluates the AWS controls over the repository bench/gen generates (10,000 Terraform
// resources among 15,000 objects), the graph built once; it reports the evaluation time and the costliest
// control. Run: go test ./internal/policy/library -run '^$' -bench AWSControls -benchtime 3x
func BenchmarkAWSControls(b *testing.B) { benchmarkControls(b, awsOrigin(b), 5) }
