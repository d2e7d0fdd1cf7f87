// Package cyclonedx imports CycloneDX 1.4–1.6 JSON SBOMs — components with their PURLs, nested components,
// the dependency graph, embedded vulnerabilities — and CycloneDX VEX, whether embedded in an SBOM
// (vulnerabilities[].analysis) or standalone (a BOM of vulnerabilities only), following the graph contract
// of docs/design/vulnerabilities.md.
//
// Two entry points: the Extractor reads SBOMs found in the scanned repository under conventional names, and
// Parse reads a file given on the command line (seam scan --import FILE); Sniff tells CycloneDX JSON by its
// first bytes.
//
// Facts:
//   - The SBOM file is a module node, model.FileNodeID(module, file), Type "cyclonedx", with spec_version,
//     serial_number, component_count. What the SBOM describes (metadata.component) is its root: a container
//     image becomes the image node (model.ImageID of name:version, implicit), and then holds the packages;
//     otherwise the module does, and a root with a PURL is also a package node.
//   - Every component with a PURL is a package node with the lockfile extractor's ID (vulnfact.NormalizePURL)
//     and a contains edge from the holder; a nested component also has one from its parent. A library or
//     framework without a PURL gets pkg:generic/<group>/<name>@<version>; other components without one (an
//     operating system, a file, a device) are counted in components_without_purl and not made nodes.
//   - dependencies become depends-on edges between the nodes their refs name; the root's own dependencies
//     mark contains edges direct instead. A ref that names no component is a warning.
//   - A vulnerability whose affects name components of the BOM is a vulnerability node (Type "cyclonedx")
//     with affects entries for the vulnerability stage; one whose affects name only things outside the BOM
//     (a standalone VEX) is no node, since it states no affected package of this scan.
//   - An analysis with a state is a VEX statement node (vulnfact.StatementNode, format "cyclonedx"): states
//     mapped resolved and resolved_with_pedigree → fixed, exploitable → affected, in_triage →
//     under_investigation, false_positive and not_affected → not_affected; the justification as CycloneDX
//     words it; the detail is the impact statement of a not_affected statement and the action statement
//     (after the responses) of the others. Products are the PURLs of the components the affects name, or
//     the refs as given (normalised when they are PURLs).
//
// Decisions:
//   - CycloneDX VEX is read here rather than in package vex: a CycloneDX VEX document is a BOM, and one
//     reader of the format keeps embedded and standalone analysis alike. Package vex reads OpenVEX; both
//     want *.vex.json, and each stays silent on a file that is the other's format. Likewise the scanners'
//     report names (trivy*.json …) are read here too, silently unless the content is CycloneDX, since
//     `trivy --format cyclonedx` and `grype -o cyclonedx-json` write SBOMs under them.
//   - Positions and typed reads come from vulnfact (cyclonedx-go decodes without positions and fails a
//     whole document on one wrong-typed field).
//   - CVSS vectors from ratings gain the "CVSS:3.1/" (or 3.0, 4.0) prefix their method implies when written
//     without it, so the vulnerability stage can rescore them.
package cyclonedx

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

// Name is the extractor's name, recorded in provenance, and the source of its packages and vulnerabilities.
const Name = "cyclonedx"

// Extractor reads CycloneDX SBOM and VEX files found in the repository. It holds no state and is safe for
// concurrent use.
type Extractor struct{}

// New returns the CycloneDX importer.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "cyclonedx".
func (*Extractor) Name() string { return Name }

// Unit says SBOMs are read one at a time.
func (*Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired wants bom.json, sbom*.json, *.cdx.json, *.bom.json, *.sbom.json, the VEX names vex.json
// and *.vex.json, and the scanners' names (trivy*.json, grype*.json, syft*.json, osv-scanner*.json, which
// hold CycloneDX when the tool was asked for it), outside testdata/ directories.
func (*Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() || strings.Contains("/"+p, "/testdata/") {
		return false
	}
	base := strings.ToLower(path.Base(p))
	return sbomName(base) || quietName(base)
}

func sbomName(base string) bool {
	if !strings.HasSuffix(base, ".json") {
		return false
	}
	return base == "bom.json" || strings.HasPrefix(base, "sbom") || strings.HasSuffix(base, ".cdx.json") ||
		strings.HasSuffix(base, ".bom.json") || strings.HasSuffix(base, ".sbom.json")
}

// quietName is a name other importers read too: a VEX document's (OpenVEX uses it, package vex) or a
// scanner's report (package vulnreport). A file under such a name that is not CycloneDX is theirs, and
// this importer says nothing of it.
func quietName(base string) bool {
	if base == "vex.json" || strings.HasSuffix(base, ".vex.json") {
		return true
	}
	for _, tool := range []string{"trivy", "grype", "syft", "osv-scanner", "osv_scanner"} {
		if strings.HasPrefix(base, tool) && strings.HasSuffix(base, ".json") {
			return true
		}
	}
	return false
}

// Extract reads the SBOMs of in.
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
		base := strings.ToLower(path.Base(p))
		quiet := quietName(base) && !sbomName(base)
		facts.Merge(read(p, data, unknownSeverity(false, quiet)))
	}
	return facts, nil
}

// Parse reads a CycloneDX file given outside the scan (seam scan --import FILE): name is the path as the
// user gave it; provenance names it "import:<base name>".
func Parse(name string, r io.Reader) model.Facts {
	label := vulnfact.ImportLabel(name)
	data, err := vulnfact.ReadCapped(r, vulnfact.MaxImportSize)
	if err != nil {
		return vulnfact.ReadError(label, Name, err)
	}
	return read(label, data, model.SeverityError)
}

// unknownSeverity is how a file that is not CycloneDX is reported: an error when the user named it, an info
// when found by name, nothing for a VEX name (package vex reports it, if it is not OpenVEX either).
func unknownSeverity(explicit, quiet bool) model.Severity {
	switch {
	case explicit:
		return model.SeverityError
	case quiet:
		return ""
	}
	return model.SeverityInfo
}

// Sniff reports whether the first bytes of a file look like CycloneDX JSON: a top-level bomFormat key, or a
// $schema naming CycloneDX, among the first keys.
func Sniff(head []byte) bool {
	for _, k := range vulnfact.TopKeys(head) {
		if k == "bomFormat" {
			return true
		}
	}
	h := strings.ToLower(string(head[:min(len(head), 512)]))
	return strings.Contains(h, `"$schema"`) && strings.Contains(h, "cyclonedx.org/schema")
}

// read turns one CycloneDX file, named file in provenance, into facts; notMine is the severity of the
// diagnostic for a file that is not CycloneDX ("" for none).
func read(file string, data []byte, notMine model.Severity) model.Facts {
	d, root, ok := vulnfact.Load(file, Name, data)
	if !ok {
		return model.Facts{Diagnostics: d.Finish()}
	}
	if root.Get("bomFormat") == nil || d.Str(root, "bomFormat") != "CycloneDX" {
		if notMine != "" {
			d.Diag(root, notMine, "not a CycloneDX JSON document (no bomFormat \"CycloneDX\"); not imported")
		}
		return model.Facts{Diagnostics: d.Finish()}
	}
	spec := d.Str(root, "specVersion")
	switch spec {
	case "1.4", "1.5", "1.6":
	default:
		d.Diag(root.Get("specVersion"), model.SeverityWarning,
			fmt.Sprintf("CycloneDX spec version %q: read as 1.6, fields that differ are missed", spec))
	}
	b := newBOM(d, root)
	b.readComponents()
	b.readDependencies()
	b.readVulnerabilities()
	return b.facts(spec)
}
