package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/policy"
	"github.com/seam-sec/seam/internal/report"
)

// findingsError reports that a check found failing results at or above --fail-on, or that policy tests
// failed; it maps to ExitFindings.
type findingsError struct{ msg string }

func (e findingsError) Error() string { return e.msg }

// policyError marks policies that could not be loaded or a seam.yaml that overrides enforced controls; it is
// a usage error (exit 2).
func policyError(err error) error { return usageError{err} }

// checkFlags are the flags of seam check.
type checkFlags struct {
	scanFlags
	failOn   string
	policies []string
	baseline string
	builtin  bool
	costs    bool
}

func newCheckCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &checkFlags{}
	cmd := &cobra.Command{
		Use:   "check [PATH]",
		Short: "Evaluate the guardrail controls over the graph and fail on violations (CI gate)",
		Long: `Check scans PATH (default: the current directory) with its attack paths, evaluates every control —
the built-in library, seam.yaml's policies.dirs and policies.bundles, and --policy directories — over the
graph's nodes with their neighbours and the paths through them, and prints each violation at the file and
line to fix. seam.yaml's policies.disable and exceptions switch controls off or excuse resources, except the
controls of enforced bundles; an expired exception fails and says so.

Exit codes: 0 no failing result at or above --fail-on; 1 some; 2 bad flags, seam.yaml or policies (a
control that does not load, an enforced control disabled or excepted); 3 the scan could not run.

SEAM_NOW (YYYY-MM-DD or RFC 3339) sets the date exceptions expire by, for reproducible runs.`,
		Example: `  seam check .
  seam check . --fail-on critical
  seam check . --format sarif -o seam.sarif
  seam check . --baseline main.sarif --format sarif -o new.sarif
  seam check . --policy ./org-policies --format junit -o seam-junit.xml`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), env, g, f, args)
		},
	}
	var names []string
	for _, ff := range report.CheckFormats() {
		names = append(names, ff.Name)
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "table", "output format: "+strings.Join(names, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the output to this file instead of standard output")
	fl.StringVar(&f.failOn, "fail-on", "high", "exit 1 when a result fails at or above this severity: critical, high, medium, low, info")
	fl.StringArrayVar(&f.policies, "policy", nil, "a directory of extra .rego controls (repeatable)")
	fl.StringVar(&f.baseline, "baseline", "", "a previous seam check --format json or sarif output: report only results that are new")
	fl.BoolVar(&f.builtin, "builtin", true, "evaluate the built-in control library (--builtin=false: only seam.yaml's and --policy controls)")
	fl.BoolVar(&f.costs, "costs", false, "print each control's evaluation time and result count on stderr, slowest first")
	fl.StringArrayVar(&f.varFiles, "var-file", nil, "Terraform variable file, relative to the scanned root (repeatable)")
	fl.StringArrayVar(&f.sarif, "sarif", nil, "SARIF results of other tools to import as code flaws (repeatable)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "", "skip files larger than this (default 5MiB or settings.max_file_size)")
	fl.IntVar(&f.workers, "workers", 0, "extraction parallelism (default: number of CPUs)")
	f.vulnFlags.register(fl)
	fl.StringVar(&f.secretsBaseline, "secrets-baseline", "", "accepted secrets with a reason each, relative to the scanned root (default .seam/secrets-baseline.yaml)")
	fl.BoolVar(&f.strict, "strict", false, "exit 4 when any input could not be read (error diagnostics)")
	return cmd
}

func runCheck(ctx context.Context, env *Env, g *globalFlags, f *checkFlags, args []string) error {
	failOn, err := policy.ParseSeverity(f.failOn)
	if err != nil {
		return usageError{fmt.Errorf("--fail-on: %w", err)}
	}
	format, err := report.LookupCheck(f.format)
	if err != nil {
		return usageError{err}
	}
	now, err := checkClock(env)
	if err != nil {
		return usageError{err}
	}
	var known map[string]bool
	if f.baseline != "" {
		if known, err = readBaseline(f.baseline); err != nil {
			return usageError{err}
		}
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	fsys, labels, closeAll, err := openRoots(args)
	if err != nil {
		return err
	}
	defer closeAll()
	cfg, cfgFile, err := loadPolicyConfig(fsys, args, labels, g.config)
	if err != nil {
		return err
	}
	set, err := loadPolicies(ctx, f, cfg, args[0], g.config != "")
	if err != nil {
		return err
	}
	res, err := checkScan(ctx, env, g, f, fsys, args[0], cfg, cfgFile)
	if err != nil {
		return err
	}
	rep := policy.Evaluate(ctx, set, res.Graph, res.Paths, policy.Options{Config: cfg, Now: now})
	if f.costs {
		printCosts(env, rep.Costs)
	}
	doc := report.NewCheckDocument(rep, labels, Version(), failOn)
	if known != nil {
		doc.ApplyBaseline(displayPath(f.baseline), known)
	}
	style := report.Style{Color: f.output == "" && !g.noColor && env.Getenv("NO_COLOR") == "" && isTerminal(env.Stdout)}
	out, finish, err := openOutput(env, f.output)
	if err != nil {
		return err
	}
	if err := format.New(style).WriteCheck(out, doc); err != nil {
		finish()
		return fmt.Errorf("write %s: %w", format.Name, err)
	}
	if err := finish(); err != nil {
		return err
	}
	if errs := countErrors(res.Graph.Diagnostics()); f.strict && errs > 0 {
		return partialError{errs}
	}
	if doc.Summary.Failing > 0 {
		return findingsError{fmt.Sprintf("%d failing result(s) at or above %s", doc.Summary.Failing, failOn)}
	}
	return nil
}

// loadPolicyConfig loads seam.yaml as every command does, then locates and checks its policies and
// exceptions (their lines name the errors of enforced controls and expired exceptions).
func loadPolicyConfig(fsys fs.FS, args, labels []string, flagPath string) (*config.Config, string, error) {
	cfg, cfgFile, err := loadConfig(fsys, args, labels, flagPath)
	if err != nil || cfgFile == "" {
		return cfg, cfgFile, err
	}
	var data []byte
	if flagPath != "" {
		data, err = os.ReadFile(flagPath)
	} else {
		data, err = fs.ReadFile(fsys, cfgFile)
	}
	if err != nil {
		return nil, "", configError{fmt.Errorf("read configuration: %w", err)}
	}
	if err := cfg.CheckPolicies(data); err != nil {
		if flagPath == "" && len(args) == 1 {
			err = atRoot(err, args[0])
		}
		return nil, "", configError{err}
	}
	return cfg, cfgFile, nil
}

// loadPolicies loads the built-in library, seam.yaml's directories and bundles (relative to the scanned
// root) and the --policy directories, and checks seam.yaml does not override an enforced control.
// With configFlag (--config), seam.yaml's lines are named as given; otherwise under the root.
func loadPolicies(ctx context.Context, f *checkFlags, cfg *config.Config, root string, configFlag bool) (*policy.Set, error) {
	var origins []policy.Origin
	if f.builtin && builtinPolicies != nil {
		origins = append(origins, policy.Origin{Source: policy.SourceBuiltin, Path: "builtin", FS: builtinPolicies})
	}
	for _, d := range cfg.Policies.Dirs {
		origins = append(origins, policy.Origin{Source: policy.SourceDir, Path: filepath.ToSlash(filepath.Join(root, d))})
	}
	for _, d := range f.policies {
		origins = append(origins, policy.Origin{Source: policy.SourceDir, Path: filepath.ToSlash(filepath.Clean(d))})
	}
	for _, b := range cfg.Policies.Bundles {
		p := b.Path
		if !filepath.IsAbs(p) {
			p = filepath.ToSlash(filepath.Join(root, p))
		}
		origins = append(origins, policy.Origin{Source: policy.SourceBundle, Path: p, Enforced: b.Enforced})
	}
	set, err := policy.Load(ctx, origins)
	if err != nil {
		return nil, policyError(err)
	}
	if err := set.Enforce(cfg); err != nil {
		var ee *policy.EnforcedError
		if errors.As(err, &ee) && !configFlag {
			for i := range ee.Problems { // name the seam.yaml the user can open, as configuration errors do
				ee.Problems[i].File = filepath.ToSlash(filepath.Join(root, ee.Problems[i].File))
			}
		}
		return nil, policyError(err)
	}
	return set, nil
}

// checkScan scans with the attack-path analysis, as seam paths does.
func checkScan(ctx context.Context, env *Env, g *globalFlags, f *checkFlags, fsys fs.FS, root string, cfg *config.Config, cfgFile string) (*engine.Result, error) {
	opt, err := scanOptions(&f.scanFlags, cfg, cfgFile)
	if err != nil {
		return nil, err
	}
	opt.Paths = engine.PathsDefault()
	closeDB, err := addInputs(env, &f.scanFlags, cfg, root, &opt)
	if err != nil {
		return nil, err
	}
	defer closeDB()
	stop := startProgress(env, g, &opt)
	res, err := engine.Scan(ctx, fsys, opt)
	stop()
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	return res, nil
}

// checkClock returns the date exceptions expire by: SEAM_NOW when set, else now.
func checkClock(env *Env) (time.Time, error) {
	v := env.Getenv("SEAM_NOW")
	if v == "" {
		return time.Now().UTC(), nil
	}
	if t, err := time.Parse(config.DateLayout, v); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("SEAM_NOW=%q is neither YYYY-MM-DD nor RFC 3339", v)
	}
	return t, nil
}

// readBaseline reads the fingerprints of a previous check's JSON or SARIF output.
func readBaseline(name string) (map[string]bool, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	defer file.Close()
	known, err := report.ReadBaseline(file)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: %w", name, err)
	}
	return known, nil
}

// printCosts writes each control's cost on stderr, slowest first.
func printCosts(env *Env, costs []policy.Cost) {
	cs := append([]policy.Cost(nil), costs...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Duration > cs[j].Duration })
	var total time.Duration
	for _, c := range cs {
		total += c.Duration
	}
	fmt.Fprintf(env.Stderr, "control costs (%d controls, %s of evaluation):\n", len(cs), total.Round(time.Microsecond))
	for _, c := range cs {
		fmt.Fprintf(env.Stderr, "  %-28s %10s  %6d nodes  %5d results\n", c.ControlID, c.Duration.Round(time.Microsecond), c.Nodes, c.Results)
	}
}

func countErrors(ds []model.Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == model.SeverityError {
			n++
		}
	}
	return n
}

// isFindings reports whether err is a failing check (exit 1).
func isFindings(err error) bool {
	var fe findingsError
	return errors.As(err, &fe)
}
