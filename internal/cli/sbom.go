package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/seam-sec/seam/internal/report/sbom"
)

// sbomFormats are the formats seam sbom writes.
var sbomFormats = []string{"cyclonedx"}

func newSbomCmd(env *Env, g *globalFlags) *cobra.Command {
	f := &scanFlags{}
	cmd := &cobra.Command{
		Use:   "sbom [PATH]",
		Short: "Write a CycloneDX 1.6 SBOM with VEX: services, images, their packages and vulnerabilities",
		Long: `Sbom scans PATH (default: the current directory) and writes a CycloneDX 1.6 JSON bill of materials:
the repository as the BOM's subject, one component per service and container image with the lockfiles and
packages they contain nested inside (PURLs as bom-refs), the dependency graph, and the known vulnerabilities
(the OSV database of --vuln-db and imported reports) with a VEX analysis derived from the scan: an imported
VEX statement, "not reachable" from Go reachability, "not deployed by any workload Seam found", or
exploitable when the vulnerability is a foothold on an attack path.

SEAM_NOW (YYYY-MM-DD or RFC 3339) sets the BOM's timestamp, for reproducible output; the serial number is
derived from the content.`,
		Example: `  seam sbom . -o bom.cdx.json
  seam sbom examples/webshop --vuln-db ~/.cache/seam/vulndb
  seam sbom . --import trivy.json --import app.openvex.json`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSbom(cmd.Context(), env, g, f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&f.format, "format", "f", "cyclonedx", "output format: "+strings.Join(sbomFormats, ", "))
	registerInputFlags(fl, f)
	fl.BoolVar(&f.strict, "strict", false, "exit 4 when any input could not be read (error diagnostics)")
	return cmd
}

func runSbom(ctx context.Context, env *Env, g *globalFlags, f *scanFlags, args []string) error {
	if f.format != "cyclonedx" {
		return usageError{fmt.Errorf("unknown --format %q for sbom (choose %s)", f.format, strings.Join(sbomFormats, ", "))}
	}
	now, err := checkClock(env)
	if err != nil {
		return usageError{err}
	}
	res, _, err := scanResult(ctx, env, g, f, args)
	if err != nil {
		return err
	}
	opt := sbom.Options{Repository: repositoryName(args), ToolVersion: Version(), Now: now}
	out, finish, err := openOutput(env, f.output)
	if err != nil {
		return err
	}
	if err := sbom.Write(out, res.Graph, opt); err != nil {
		finish()
		return fmt.Errorf("write cyclonedx: %w", err)
	}
	if err := finish(); err != nil {
		return err
	}
	if errs := countErrors(res.Graph.Diagnostics()); f.strict && errs > 0 {
		return partialError{errs}
	}
	return nil
}

// repositoryName names the BOM's subject by the base name of each scanned root, so it does not depend on
// where the repository sits on a machine or how the path was spelled.
func repositoryName(args []string) string {
	if len(args) == 0 {
		args = []string{"."}
	}
	names := make([]string, 0, len(args))
	for _, a := range args {
		if abs, err := filepath.Abs(a); err == nil {
			a = abs
		}
		names = append(names, filepath.Base(a))
	}
	return strings.Join(names, "+")
}
