// Package vulnreport imports the JSON results of other vulnerability scanners — osv-scanner, Trivy and
// Grype — as package nodes, contains edges from what was scanned, and vulnerability nodes whose affects
// list the packages, so that the vulnerability stage (internal/vuln) makes the affected-by edges with VEX,
// reachability, KEV and EPSS decided in one place (docs/design/vulnerabilities.md, "Graph contract").
//
// Two entry points: the Extractor reads reports found in the scanned repository under conventional names,
// and Parse reads a file given on the command line (seam scan --import FILE). Sniff says whether content
// looks like one of the three formats, so the command line can route a file to the right importer.
//
// Decisions:
//   - The format is told by content, never by name: Trivy has SchemaVersion or ArtifactName and Results,
//     Grype has matches, osv-scanner has results. A file named like a report that is none of them is an
//     info diagnostic (found in the repository) or an error (given with --import) — except CycloneDX, which
//     the tools write on request under the same names and package cyclonedx reads.
//   - What was scanned becomes the holder of the packages. A Trivy image scan (ArtifactType
//     container_image) or a Grype image source: the image node, model.ImageID(ref), with the path inside the
//     image on the edge (target). A filesystem or repository scan: the module node of each lockfile,
//     model.FileNodeID(module, path), when the path is relative to the repository (as CI writes it); an
//     absolute path (osv-scanner's usual output) cannot be placed by an extractor, so those packages have
//     no holder and an info diagnostic says so. Holders are implicit nodes: the lockfile and Dockerfile
//     extractors define them.
//   - Package IDs are the lockfile extractor's: PURLs normalised by vulnfact.NormalizePURL; a package
//     without a PURL (osv-scanner, old Trivy) gets one from its ecosystem, name and version.
//   - One vulnerability node per alias group per report (vulnfact.Set): osv-scanner's groups, Trivy's
//     VendorIDs, Grype's related vulnerabilities are aliases. The affects entry points at the finding's
//     line in the report; fixed is the lowest fixed version above the installed one (osv-scalibr's version
//     ordering), from Trivy's FixedVersion list, Grype's fix.versions (state fixed), or the OSV ranges.
//   - Scores are kept as the report gives them (osv-scanner gives vectors only, and a group's
//     max_severity); the vulnerability stage rescores from the vectors.
//   - Trivy misconfigurations and secrets are not imported (Seam's own extractors find them; a secret
//     from a report would be a secret stored): an info diagnostic counts them.
//   - Malformed JSON is one error diagnostic at its line; a value of the wrong type is a warning at its
//     line and only that value is ignored. Files over the walker's cap never reach the extractor; Parse
//     caps input at vulnfact.MaxImportSize.
package vulnreport

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "vulnreport"

// The tools, as vulnerability node Type and package source.
const (
	ToolTrivy      = "trivy"
	ToolGrype      = "grype"
	ToolOSVScanner = "osv-scanner"
)

// Extractor reads scanner reports found in the repository. It holds no state and is safe for concurrent
// use.
type Extractor struct{}

// New returns the report importer.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "vulnreport".
func (*Extractor) Name() string { return Name }

// Unit says reports are read one at a time.
func (*Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired wants JSON files named after the tools — trivy*.json, grype*.json, osv-scanner*.json,
// osv_scanner*.json, and *.trivy.json, *.grype.json, *.osv-scanner.json — outside testdata/ directories.
func (*Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() || strings.Contains("/"+p, "/testdata/") {
		return false
	}
	base := strings.ToLower(path.Base(p))
	if !strings.HasSuffix(base, ".json") {
		return false
	}
	for _, tool := range []string{"trivy", "grype", "osv-scanner", "osv_scanner"} {
		if strings.HasPrefix(base, tool) || strings.HasSuffix(base, "."+tool+".json") {
			return true
		}
	}
	return false
}

// Extract reads the reports of in.
func (*Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	var facts model.Facts
	for _, p := range in.Paths {
		if err := ctx.Err(); err != nil {
			return facts, err
		}
		data, err := fs.ReadFile(in.FS, p)
		if err != nil {
			facts.Merge(vulnfact.ReadError(p, Name, err))
			continue
		}
		facts.Merge(read(p, data, false))
	}
	return facts, nil
}

// Parse reads a report given outside the scan (seam scan --import FILE): name is the path as the user gave
// it; provenance names it "import:<base name>". Problems are diagnostics in the facts.
func Parse(name string, r io.Reader) model.Facts {
	label := vulnfact.ImportLabel(name)
	data, err := vulnfact.ReadCapped(r, vulnfact.MaxImportSize)
	if err != nil {
		return vulnfact.ReadError(label, Name, err)
	}
	return read(label, data, true)
}

// Sniff reports whether the first bytes of a file look like an osv-scanner, Trivy or Grype JSON report.
func Sniff(head []byte) bool { return sniffKeys(vulnfact.TopKeys(head)) != "" }

// sniffKeys names the tool whose report has these top-level keys, or "".
func sniffKeys(keys []string) string {
	has := map[string]bool{}
	for _, k := range keys {
		has[k] = true
	}
	switch {
	case has["SchemaVersion"] || has["ArtifactName"] && has["Results"]:
		return ToolTrivy
	case has["matches"] && !has["bomFormat"]:
		return ToolGrype
	case has["results"] && !has["runs"] && !has["bomFormat"]:
		return ToolOSVScanner
	}
	return ""
}

// read turns one report, named file in provenance, into facts; explicit says the user named the file.
func read(file string, data []byte, explicit bool) model.Facts {
	d, root, ok := vulnfact.Load(file, Name, data)
	if !ok {
		return model.Facts{Diagnostics: d.Finish()}
	}
	tool := sniffKeys(root.Keys)
	if tool == "" && !explicit && root.Get("bomFormat") != nil {
		return model.Facts{Diagnostics: d.Finish()} // a CycloneDX report (trivy --format cyclonedx): package cyclonedx reads it
	}
	if tool == "" {
		sev := model.SeverityInfo
		if explicit {
			sev = model.SeverityError
		}
		d.Diag(root, sev, fmt.Sprintf("not an osv-scanner, Trivy or Grype JSON report (top-level keys: %s); not imported",
			strings.Join(firstKeys(root.Keys, 6), ", ")))
		return model.Facts{Diagnostics: d.Finish()}
	}
	c := newCollector(d, tool)
	switch tool {
	case ToolTrivy:
		readTrivy(c, root)
	case ToolGrype:
		readGrype(c, root)
	default:
		readOSVScanner(c, root)
	}
	return c.facts()
}

func firstKeys(keys []string, n int) []string {
	if len(keys) == 0 {
		return []string{"none"}
	}
	if len(keys) > n {
		return append(keys[:n:n], "…")
	}
	return keys
}
