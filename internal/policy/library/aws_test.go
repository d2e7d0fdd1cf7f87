package library

import (
	"context"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"
)

// awsModules parses the helper modules and the AWS controls with their tests from the embedded FS.
func awsModules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	mods := map[string]*ast.Module{}
	for _, root := range []string{"lib", "controls/aws"} {
		err := fs.WalkDir(FS, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".rego" {
				return err
			}
			src, err := fs.ReadFile(FS, p)
			if err != nil {
				return err
			}
			m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				return err
			}
			mods[p] = m
			return nil
		})
		if err != nil {
			t.Fatalf("loading %s: %v", root, err)
		}
	}
	return mods
}

// TestAWSRegoTests runs every Rego test of lib/ and controls/aws/ and fails on any failing or erroring one.
func TestAWSRegoTests(t *testing.T) {
	ctx := context.Background()
	ch, err := tester.NewRunner().SetModules(awsModules(t)).RaiseBuiltinErrors(true).RunTests(ctx, nil)
	if err != nil {
		t.Fatalf("running Rego tests: %v", err)
	}
	n := 0
	for r := range ch {
		n++
		if r.Error != nil {
			t.Errorf("%s.%s (%s): error: %v", r.Package, r.Name, r.Location, r.Error)
		} else if r.Fail {
			t.Errorf("%s.%s (%s): failed", r.Package, r.Name, r.Location)
		}
	}
	if n == 0 {
		t.Fatal("no Rego tests ran")
	}
	t.Logf("%d Rego tests", n)
}

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
