package cli

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/seam-sec/seam/internal/policy"
	"github.com/seam-sec/seam/internal/policy/library"
	"github.com/seam-sec/seam/internal/report"
)

// builtinPolicies is the embedded control library (internal/policy/library: lib/ and controls/); a build
// without it (nil) evaluates only seam.yaml's and --policy controls.
var builtinPolicies fs.FS = library.FS

// builtinOrigin is the embedded library as a policy origin, or nil.
func builtinOrigin() []policy.Origin {
	if builtinPolicies == nil {
		return nil
	}
	return []policy.Origin{{Source: policy.SourceBuiltin, Path: "builtin", FS: builtinPolicies}}
}

func newPolicyCmd(env *Env, g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Test guardrail controls and write their catalogue",
		Long: `Policy works on the Rego controls seam check evaluates: "seam policy test" runs their unit tests,
"seam policy doc" writes the catalogue of controls as Markdown.`,
		Example: `  seam policy test ./org-policies
  seam policy doc -o docs/controls.md`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{fmt.Errorf("policy needs a subcommand: test or doc")}
		},
	}
	cmd.AddCommand(newPolicyTestCmd(env), newPolicyDocCmd(env))
	return cmd
}

func newPolicyTestCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests (test_ rules, _test.rego files) of policy directories",
		Long: `Test runs the Rego unit tests in each DIR with Seam's helpers (data.seam.lib) and built-in controls
available, and prints each test's outcome. Without DIR it runs the built-in library's own tests. It exits 1
when a test fails and 2 when a file does not parse or compile.`,
		Example: `  seam policy test ./org-policies
  seam policy test`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPolicyTest(cmd.Context(), env, args)
		},
	}
}

func runPolicyTest(ctx context.Context, env *Env, dirs []string) error {
	lib := builtinOrigin()
	tests := make([]policy.Origin, 0, len(dirs))
	for _, d := range dirs {
		tests = append(tests, policy.Origin{Source: policy.SourceDir, Path: filepath.ToSlash(filepath.Clean(d))})
	}
	if len(dirs) == 0 {
		if lib == nil {
			return usageError{fmt.Errorf("no built-in library in this build: name a directory to test")}
		}
		lib, tests = nil, lib
	}
	results, err := policy.RunTests(ctx, lib, tests)
	if err != nil {
		return usageError{err}
	}
	failed := 0
	for _, r := range results {
		status := "PASS"
		if !r.Pass {
			status, failed = "FAIL", failed+1
		}
		line := fmt.Sprintf("%s  %s:%d  %s.%s", status, r.File, r.Line, r.Package, r.Name)
		if r.Error != "" {
			line += "\n      " + r.Error
		}
		fmt.Fprintln(env.Stdout, line)
	}
	fmt.Fprintf(env.Stdout, "%d passed, %d failed\n", len(results)-failed, failed)
	switch {
	case failed > 0:
		return findingsError{fmt.Sprintf("%d policy test(s) failed", failed)}
	case len(results) == 0:
		return usageError{fmt.Errorf("no tests found (a test is a rule named test_… in a .rego file)")}
	}
	return nil
}

func newPolicyDocCmd(env *Env) *cobra.Command {
	var output string
	var dirs []string
	cmd := &cobra.Command{
		Use:   "doc",
		Short: "Write the catalogue of controls as Markdown",
		Long: `Doc writes the catalogue of the built-in controls (and those of --policy directories): each control's
ID, title, severity, rationale, remediation, framework references and what it selects, sorted by ID. The
repository keeps it as docs/controls.md, and a test checks it is current.`,
		Example: `  seam policy doc -o docs/controls.md
  seam policy doc --policy ./org-policies`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			origins := builtinOrigin()
			for _, d := range dirs {
				origins = append(origins, policy.Origin{Source: policy.SourceDir, Path: filepath.ToSlash(filepath.Clean(d))})
			}
			set, err := policy.Load(cmd.Context(), origins)
			if err != nil {
				return usageError{err}
			}
			out, finish, err := openOutput(env, output)
			if err != nil {
				return err
			}
			controls := append(append([]policy.Control(nil), set.Controls...), policy.ExpiredExceptionControl())
			if err := report.WriteCatalogue(out, controls); err != nil {
				finish()
				return fmt.Errorf("write catalogue: %w", err)
			}
			return finish()
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "write the catalogue to this file instead of standard output")
	cmd.Flags().StringArrayVar(&dirs, "policy", nil, "a directory of extra .rego controls to include (repeatable)")
	return cmd
}
