package cli

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/seam-sec/seam/internal/engine"
	"github.com/seam-sec/seam/internal/extract/sarif"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/report"
	"github.com/seam-sec/seam/internal/source"
)

// scanFlags are the flags of every command that scans.
type scanFlags struct {
	format      string
	output      string
	varFiles    []string
	sarif       []string // SARIF files of other tools to import (--sarif)
	maxFileSize string
	workers     int
	strict      bool
	view        string // graph only: overview or full
	paths       bool   // run the attack-path analysis (scan, paths)
	top         int    // paths only: how many paths to show
	vulnFlags
	secretsBaseline string // accepted secrets, relative to the scanned root
}

func (f *scanFlags) register(cmd *cobra.Command, defaultFormat, command string) {
	var names []string
	for _, ff := range report.Formats(command) {
		names = append(names, ff.Name)
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", defaultFormat, "output format: "+strings.Join(names, ", "))
	fl.StringVarP(&f.output, "output", "o", "", "write the output to this file instead of standard output")
	fl.StringArrayVar(&f.varFiles, "var-file", nil, "Terraform variable file, relative to the scanned root (repeatable; applied after terraform.tfvars and *.auto.tfvars)")
	fl.StringArrayVar(&f.sarif, "sarif", nil, "SARIF 2.1.0 results of Semgrep, CodeQL, gosec, Bandit… to import as code flaws (repeatable; the file may be outside PATH)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "", "skip files larger than this (e.g. 5MiB, 512KiB, 1048576; default 5MiB or settings.max_file_size)")
	fl.IntVar(&f.workers, "workers", 0, "extraction parallelism (default: number of CPUs)")
	f.vulnFlags.register(fl)
	fl.StringVar(&f.secretsBaseline, "secrets-baseline", "", "accepted secrets with a reason each, relative to the scanned root (default .seam/secrets-baseline.yaml)")
	fl.BoolVar(&f.strict, "strict", false, "exit 4 when any input could not be read (error diagnostics)")
}

func newScanCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Scan repositories into one graph and summarise what was found",
		Long: `Scan walks each PATH (default: the current directory), reads every supported file into one graph and
prints a summary: what was found by kind and source, the pipeline stages, diagnostics (files that could not
be read, and why) and assumptions (values Seam could not know). Several PATHs are scanned as one system; their
files then appear under the base name of each PATH.`,
		Example: `  seam scan                                   # the current directory
  seam scan examples/webshop
  seam scan infra/ deploy/ --format json -o result.json
  seam scan . --var-file env/prod.tfvars --strict`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f.paths = true
			return runScan(cmd.Context(), env, g, f, "scan", args)
		},
	}
	f.register(cmd, "table", "scan")
	return cmd
}

func newGraphCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "graph [PATH]",
		Short: "Export the graph of a repository (JSON, DOT, Mermaid)",
		Long: `Graph scans PATH (default: the current directory) and writes its graph with the provenance of every
node and edge. JSON is the versioned document described in docs/json-output.md and holds the whole graph; DOT
and Mermaid draw it. Pictures show the overview by default: what runs, what it is built from, the identities
it uses, what reaches it and what it reaches, with the cross-layer links Seam made in red and single packages,
policies and network plumbing left out (--view full draws everything).`,
		Example: `  seam graph examples/webshop --format dot | dot -Tsvg > webshop.svg
  seam graph . --format mermaid -o graph.mmd
  seam graph . --format dot --view full > everything.dot
  seam graph . -o graph.json`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd.Context(), env, g, f, "graph", args)
		},
	}
	f.register(cmd, "json", "graph")
	cmd.Flags().StringVar(&f.view, "view", "", "what to draw: overview (default for dot and mermaid) or full (default for json)")
	return cmd
}

// runScan is the body of scan and graph: resolve roots and config, scan, write the chosen format.
func runScan(ctx context.Context, env *Env, g *globalFlags, f *scanFlags, command string, args []string) error {
	format, err := report.Lookup(command, f.format)
	if err != nil {
		return usageError{err}
	}
	if f.view != "" && f.view != "overview" && f.view != "full" {
		return usageError{fmt.Errorf("unknown --view %q (choose overview or full)", f.view)}
	}
	doc, err := scanDocument(ctx, env, g, f, args)
	if err != nil {
		return err
	}
	if f.view == "overview" || f.view == "" && command == "graph" && f.format != "json" {
		doc = report.Overview(doc)
	}
	if err := writeOutput(env, g, f, format, doc); err != nil {
		return err
	}
	return strictCheck(f, doc)
}

// scanDocument resolves the roots and configuration, scans and returns the result document; it is the
// common first half of every command that reads a repository.
func scanDocument(ctx context.Context, env *Env, g *globalFlags, f *scanFlags, args []string) (*report.Document, error) {
	res, labels, err := scanResult(ctx, env, g, f, args)
	if err != nil {
		return nil, err
	}
	return report.NewDocument(res, labels, Version()), nil
}

// scanResult scans the roots and returns the engine's result with the roots' display labels.
func scanResult(ctx context.Context, env *Env, g *globalFlags, f *scanFlags, args []string) (*engine.Result, []string, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	fsys, labels, closeAll, err := openRoots(args)
	if err != nil {
		return nil, nil, err
	}
	defer closeAll()

	cfg, cfgFile, err := loadConfig(fsys, args, labels, g.config)
	if err != nil {
		return nil, nil, err
	}
	opt, err := scanOptions(f, cfg, cfgFile)
	if err != nil {
		return nil, nil, err
	}
	if f.paths {
		opt.Paths = engine.PathsDefault()
	}
	closeDB, err := addInputs(env, f, cfg, args[0], &opt)
	if err != nil {
		return nil, nil, err
	}
	defer closeDB()
	stopProgress := startProgress(env, g, &opt)
	res, err := engine.Scan(ctx, fsys, opt)
	stopProgress()
	if err != nil {
		return nil, nil, fmt.Errorf("scan: %w", err)
	}
	return res, labels, nil
}

// writeOutput renders doc in a format to --output or standard output.
func writeOutput(env *Env, g *globalFlags, f *scanFlags, format report.Format, doc *report.Document) error {
	style := report.Style{Color: f.output == "" && !g.noColor && env.Getenv("NO_COLOR") == "" && isTerminal(env.Stdout)}
	return writeWith(env, f, format.New(style), format.Name, doc)
}

// writeWith renders doc with a writer to --output or standard output.
func writeWith(env *Env, f *scanFlags, w report.Writer, name string, doc *report.Document) error {
	out, finish, err := openOutput(env, f.output)
	if err != nil {
		return err
	}
	if err := w.Write(out, doc); err != nil {
		finish()
		return fmt.Errorf("write %s: %w", name, err)
	}
	return finish()
}

// strictCheck fails under --strict when some input could not be read.
func strictCheck(f *scanFlags, doc *report.Document) error {
	if f.strict && doc.Summary.Diagnostics[string(model.SeverityError)] > 0 {
		return partialError{doc.Summary.Diagnostics[string(model.SeverityError)]}
	}
	return nil
}

// openRoots opens each PATH with symlink containment. One root is scanned as itself; several are presented as
// one FS whose top directories are their base names.
func openRoots(args []string) (fs.FS, []string, func(), error) {
	var roots []*source.Root
	closeAll := func() {
		for _, r := range roots {
			r.Close()
		}
	}
	for _, a := range args {
		r, err := source.OpenRoot(a)
		if err != nil {
			closeAll()
			return nil, nil, nil, usageError{err}
		}
		roots = append(roots, r)
	}
	if len(roots) == 1 {
		return roots[0].FS(), []string{displayPath(args[0])}, closeAll, nil
	}
	labels := source.Labels(args)
	fss := make([]fs.FS, len(roots))
	for i, r := range roots {
		fss[i] = r.FS()
	}
	return source.NewUnion(labels, fss), labels, closeAll, nil
}

// displayPath shows a root as the user named it when that is relative, and by its base name when absolute,
// so results do not depend on where the repository sits on a machine.
func displayPath(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Base(p)
	}
	return filepath.ToSlash(filepath.Clean(p))
}

// openOutput returns the writer for --output (or standard output) and a function that closes it.
func openOutput(env *Env, path string) (io.Writer, func() error, error) {
	if path == "" {
		return env.Stdout, func() error { return nil }, nil
	}
	file, err := os.Create(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open output: %w", err)
	}
	return file, func() error {
		if err := file.Close(); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		return nil
	}, nil
}

func termFD(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// maxSARIF caps a SARIF file given with --sarif: a code-scanning log of a large repository is tens of MB.
const maxSARIF = 256 << 20

// readSARIF reads a --sarif file into facts. A file that cannot be opened is a usage error; malformed content
// is a diagnostic in the facts, as for any input.
func readSARIF(name string) (model.Facts, error) {
	file, err := os.Open(name)
	if err != nil {
		return model.Facts{}, usageError{fmt.Errorf("--sarif: %w", err)}
	}
	defer file.Close()
	info, err := file.Stat()
	if err == nil && info.Size() > maxSARIF {
		return model.Facts{}, usageError{fmt.Errorf("--sarif %s: %d bytes, over the %d MiB cap", name, info.Size(), maxSARIF>>20)}
	}
	return sarif.Parse(name, io.LimitReader(file, maxSARIF)), nil
}
