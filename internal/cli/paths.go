package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/seam-sec/seam/internal/report"
)

func newPathsCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &scanFlags{paths: true}
	cmd := &cobra.Command{
		Use:   "paths [PATH]",
		Short: "Show the attack paths from entry points to crown jewels, hop by hop, and the fixes that cut them",
		Long: `Paths scans PATH (default: the current directory), links the layers and finds the attack paths an
attacker walks from an entry point (the internet, and the entry points seam.yaml declares) to a crown jewel
(stores of sensitive data, admin-equivalent identities, critical stores, declared crown jewels). Paths come
best first by risk = likelihood × impact; every hop shows its MITRE ATT&CK technique, why it is possible, the
evidence (file:line), who owns what it reaches and the change that would break it. The choke points are the
fewest fixes that cut the most risk, each checked by searching again with it applied.`,
		Example: `  seam paths examples/webshop
  seam paths . --top 3
  seam paths . --format markdown > paths.md
  seam paths . --format dot | dot -Tsvg > paths.svg`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPaths(cmd.Context(), env, g, f, args)
		},
	}
	f.register(cmd, "table", "paths")
	cmd.Flags().IntVar(&f.top, "top", 10, "how many paths the table shows (0: all; other formats show all)")
	return cmd
}

func runPaths(ctx context.Context, env *Env, g *globalFlags, f *scanFlags, args []string) error {
	format, err := report.Lookup("paths", f.format)
	if err != nil {
		return usageError{err}
	}
	doc, err := scanDocument(ctx, env, g, f, args)
	if err != nil {
		return err
	}
	style := report.Style{Color: f.output == "" && !g.noColor && env.Getenv("NO_COLOR") == "" && isTerminal(env.Stdout)}
	w := format.New(style)
	if t, ok := w.(report.PathsTable); ok {
		t.Top = f.top
		w = t
	}
	if err := writeWith(env, f, w, format.Name, doc); err != nil {
		return err
	}
	return strictCheck(f, doc)
}
