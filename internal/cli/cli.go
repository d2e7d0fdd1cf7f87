// Package cli is Seam's command line: subcommands, flags, output selection and the one place where errors
// become exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, documented in docs/exit-codes.md and `seam --help`.
const (
	ExitOK       = 0 // the command did what was asked
	ExitFindings = 1 // reserved: findings at or above a threshold (seam check, later)
	ExitUsage    = 2 // bad flags or arguments, or an invalid seam.yaml
	ExitFailed   = 3 // the scan could not run (root unreadable, output not writable, cancelled)
	ExitPartial  = 4 // --strict: the scan finished but some inputs could not be read (error diagnostics)
)

// usageError marks errors caused by how Seam was invoked.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// partialError reports, under --strict, that inputs could not be read.
type partialError struct{ errors int }

func (e partialError) Error() string {
	return fmt.Sprintf("%d input(s) could not be read (see the diagnostics); failing because of --strict", e.errors)
}

// Env is what a command needs from the process: streams and environment.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// Run runs Seam with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv}
	root := newRoot(env)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	if strings.HasPrefix(err.Error(), "unknown command ") {
		// cobra reports an unknown subcommand as a plain error.
		err = usageError{err}
	}
	fmt.Fprintln(stderr, "seam: "+err.Error())
	return exitCode(err)
}

// exitCode maps an error to its exit code.
func exitCode(err error) int {
	var ue usageError
	var pe partialError
	var ce configError
	switch {
	case errors.As(err, &ue), errors.As(err, &ce):
		return ExitUsage
	case errors.As(err, &pe):
		return ExitPartial
	case isFindings(err):
		return ExitFindings
	}
	return ExitFailed
}

// globalFlags are shared by every command.
type globalFlags struct {
	config  string
	quiet   bool
	noColor bool
}

func newRoot(env *Env) *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:   "seam",
		Short: "Seam puts application and infrastructure security in one graph",
		Long: `Seam reads what a repository already holds — Terraform, Kubernetes manifests, Dockerfiles,
dependency lockfiles, CODEOWNERS, Backstage catalog files, seam.yaml — into one typed graph with
provenance (file:line) on every fact, offline and without cloud credentials.

Exit codes:
  0  success
  1  findings at or above the failure threshold (reserved for seam check)
  2  usage error or invalid seam.yaml
  3  the scan could not run (unreadable root, unwritable output, interrupted)
  4  with --strict: the scan finished but some inputs could not be read`,
		Example: `  seam scan .                         # summary of what Seam found here
  seam scan examples/webshop --format json --output result.json
  seam graph examples/webshop --format dot | dot -Tsvg > graph.svg`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&g.config, "config", "", "path to seam.yaml (default: seam.yaml, seam.yml or .seam.yaml at the scanned root)")
	pf.BoolVarP(&g.quiet, "quiet", "q", false, "print nothing on stderr but errors (no progress)")
	pf.BoolVar(&g.noColor, "no-color", false, "never colour the output (NO_COLOR is honoured too)")
	root.AddCommand(newScanCmd(env, g), newGraphCmd(env, g), newPathsCmd(env, g), newAccessCmd(env, g), newWhoCanCmd(env, g), newVersionCmd(env))
	root.AddCommand(newCheckCmd(env, g))
	root.AddCommand(newPolicyCmd(env, g))
	root.AddCommand(newDBCmd(env, g))
	root.AddCommand(newSbomCmd(env, g))
	return root
}

// Version returns Seam's version from the build information ("devel" for a local build).
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print Seam's version",
		Example: "  seam version",
		Args:    usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			goVersion := "unknown"
			if bi, ok := debug.ReadBuildInfo(); ok {
				goVersion = bi.GoVersion
			}
			_, err := fmt.Fprintf(env.Stdout, "seam %s (%s)\n", Version(), goVersion)
			return err
		},
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return termFD(f)
}

// usageArgs makes an argument validator's complaint a usage error.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
