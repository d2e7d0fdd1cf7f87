package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/query"
	"github.com/seam-sec/seam/internal/report"
)

func newAccessCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "access IDENTITY [PATH]",
		Short: "Show what an identity or workload can reach, at which level, granted by which statements",
		Long: `Access scans PATH (default: the current directory) and shows what IDENTITY can reach: every resource
its IAM policies, resource policies and Kubernetes RBAC let it act on, with Seam's access level (list, read,
write, permissions-management, tagging, admin), the actions and the statements that grant them (file:line).
IDENTITY is a node ID (seam graph --format json lists them), an ARN, a Kubernetes namespace/name or a name.
For a workload or ServiceAccount, Seam follows the identities it holds: its ServiceAccount and IRSA role, its
instance profile and role, and the node role of the hosts it runs on.`,
		Example: `  seam access webshop-prod-api examples/webshop
  seam access shop/Deployment/api examples/webshop
  seam access arn:aws:iam::123456789012:role/webshop-prod-node examples/webshop --format json`,
		Args: usageArgs(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAccess(cmd.Context(), env, g, f, args[0], args[1:])
		},
	}
	registerQueryFlags(cmd, f)
	return cmd
}

func newWhoCanCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "who-can ACTION RESOURCE [PATH]",
		Short: "List the identities, and the workloads holding them, that can perform an action on a resource",
		Long: `Who-can scans PATH (default: the current directory) and lists every identity that may perform ACTION on
RESOURCE, by AWS's policy evaluation logic over the identity policies, permission boundaries and resource
policies in the files, with the statements that allow it (file:line), whether it covers only part of the
resource, what Seam had to assume, and the workloads that hold each identity. RESOURCE is a node ID, an ARN
or a name (a bucket, a table, a role). For a Kubernetes object, ACTION is an RBAC verb (get, list, create…).`,
		Example: `  seam who-can s3:GetObject customer-documents examples/webshop
  seam who-can kms:Decrypt infra/terraform:aws_kms_key.documents examples/webshop
  seam who-can get shop/Secret/orders-db examples/webshop --format json`,
		Args: usageArgs(cobra.RangeArgs(2, 3)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWhoCan(cmd.Context(), env, g, f, args[0], args[1], args[2:])
		},
	}
	registerQueryFlags(cmd, f)
	return cmd
}

func registerQueryFlags(cmd *cobra.Command, f *scanFlags) {
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "table", "output format: table, json")
	registerInputFlags(fl, f)
}

// registerInputFlags registers the output file and what a command that scans reads besides PATH: variable
// files, imported SARIF, the size cap, parallelism, the vulnerability inputs and the secrets baseline.
func registerInputFlags(fl *pflag.FlagSet, f *scanFlags) {
	fl.StringVarP(&f.output, "output", "o", "", "write the output to this file instead of standard output")
	fl.StringArrayVar(&f.varFiles, "var-file", nil, "Terraform variable file, relative to the scanned root (repeatable)")
	fl.StringArrayVar(&f.sarif, "sarif", nil, "SARIF results of other tools to import as code flaws (repeatable)")
	fl.StringVar(&f.maxFileSize, "max-file-size", "", "skip files larger than this (default 5MiB or settings.max_file_size)")
	fl.IntVar(&f.workers, "workers", 0, "extraction parallelism (default: number of CPUs)")
	f.vulnFlags.register(fl)
	fl.StringVar(&f.secretsBaseline, "secrets-baseline", "", "accepted secrets with a reason each, relative to the scanned root (default .seam/secrets-baseline.yaml)")
}

func checkQueryFormat(f *scanFlags) error {
	if f.format != "table" && f.format != "json" {
		return usageError{fmt.Errorf("unknown format %q (choose one of: json, table)", f.format)}
	}
	return nil
}

func runAccess(ctx context.Context, env *Env, g *globalFlags, f *scanFlags, identity string, path []string) error {
	if err := checkQueryFormat(f); err != nil {
		return err
	}
	res, _, err := scanResult(ctx, env, g, f, path)
	if err != nil {
		return err
	}
	ix := link.NewIndex(res.Graph)
	nodes, err := query.Find(res.Graph, identity, ix.ARN, model.KindIdentity, model.KindWorkload, model.KindHost, model.KindEntryPoint)
	if err != nil {
		return usageError{err}
	}
	if len(nodes) > 1 {
		return usageError{query.Ambiguous(identity, nodes)}
	}
	answer := query.Access(res.Graph, nodes[0])
	return writeQuery(env, g, f, func(w io.Writer, style report.Style) error {
		if f.format == "json" {
			return report.WriteAccessJSON(w, answer)
		}
		return report.WriteAccessTable(w, answer, style)
	})
}

func runWhoCan(ctx context.Context, env *Env, g *globalFlags, f *scanFlags, action, resource string, path []string) error {
	if err := checkQueryFormat(f); err != nil {
		return err
	}
	res, _, err := scanResult(ctx, env, g, f, path)
	if err != nil {
		return err
	}
	ix := link.NewIndex(res.Graph)
	nodes, err := query.Find(res.Graph, resource, ix.ARN)
	if err != nil {
		return usageError{err}
	}
	// A policy can name only what has an ARN (or, for RBAC, a Kubernetes object): keep those.
	var nameable []*model.Node
	for _, n := range nodes {
		if ix.ARN(n) != "" || strings.HasPrefix(n.ID, "k8s:") {
			nameable = append(nameable, n)
		}
	}
	if len(nameable) == 0 {
		return usageError{fmt.Errorf("%q names nothing a policy can grant access to (no ARN, not a Kubernetes object): %s", resource, nodes[0].ID)}
	}
	nodes = nameable
	if len(nodes) > 1 {
		return usageError{query.Ambiguous(resource, nodes)}
	}
	answer := query.WhoCan(res.Graph, action, nodes[0])
	return writeQuery(env, g, f, func(w io.Writer, style report.Style) error {
		if f.format == "json" {
			return report.WriteWhoCanJSON(w, answer)
		}
		return report.WriteWhoCanTable(w, answer, style)
	})
}

// writeQuery writes a query answer to --output or standard output.
func writeQuery(env *Env, g *globalFlags, f *scanFlags, write func(io.Writer, report.Style) error) error {
	out, finish, err := openOutput(env, f.output)
	if err != nil {
		return err
	}
	style := report.Style{Color: f.output == "" && !g.noColor && env.Getenv("NO_COLOR") == "" && isTerminal(env.Stdout)}
	if err := write(out, style); err != nil {
		finish()
		return fmt.Errorf("write %s: %w", f.format, err)
	}
	return finish()
}
