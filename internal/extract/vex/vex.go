// Package vex imports OpenVEX documents (v0.2.0, and the v0.0.1 shape where vulnerability and products are
// plain strings) as VEX statement nodes — Kind config, Type "vex-statement", ID "vex:<file>#<n>" — that the
// vulnerability stage applies to the affected-by edges it makes (docs/design/vulnerabilities.md): a
// not_affected statement removes a vulnerability's path hop and keeps the finding with its justification.
//
// Two entry points: the Extractor reads *.openvex.json, openvex.json, *.vex.json and vex.json found in the
// repository, and Parse reads a file given on the command line (seam scan --import FILE); Sniff tells
// OpenVEX by its @context.
//
// Decisions:
//   - CycloneDX VEX is read by package cyclonedx (it is a BOM); this package reads OpenVEX only. Both want
//     *.vex.json: this one says nothing of a file that is CycloneDX, and reports a file that is neither.
//   - n in the ID is the statement's 1-based position in the statements array, so IDs stay put when an
//     earlier statement is fixed or dropped by validation.
//   - A statement's attributes (vulnfact.StatementNode): vulnerability (the primary of its name and
//     aliases), ids, products and subcomponents (each product's @id and identifiers.purl, PURLs normalised to
//     the lockfile extractor's IDs; image references and other IRIs as given), status, justification,
//     impact_statement, action_statement, author (the document's), timestamp (the statement's, else the
//     document's last_updated or timestamp), format "openvex".
//   - Validation follows the OpenVEX specification (v0.2.0, "Statement"): an unknown status, no
//     vulnerability name or no products is a warning and the statement is skipped; not_affected without a
//     justification or impact statement, affected without an action statement, or a justification outside
//     the five the specification lists are warnings, and the statement is kept as written.
//   - Malformed JSON is one error diagnostic at its line; a wrong-typed value is a warning at its line.
package vex

import (
	"context"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "vex"

// Extractor reads OpenVEX documents found in the repository. It holds no state and is safe for concurrent
// use.
type Extractor struct{}

// New returns the OpenVEX importer.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "vex".
func (*Extractor) Name() string { return Name }

// Unit says documents are read one at a time.
func (*Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired wants openvex.json, *.openvex.json, vex.json and *.vex.json outside testdata/ directories.
func (*Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() || strings.Contains("/"+p, "/testdata/") {
		return false
	}
	base := strings.ToLower(path.Base(p))
	return base == "vex.json" || base == "openvex.json" || strings.HasSuffix(base, ".vex.json") ||
		strings.HasSuffix(base, ".openvex.json")
}

// Extract reads the documents of in.
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

// Parse reads an OpenVEX document given outside the scan (seam scan --import FILE): name is the path as the
// user gave it; provenance names it "import:<base name>".
func Parse(name string, r io.Reader) model.Facts {
	label := vulnfact.ImportLabel(name)
	data, err := vulnfact.ReadCapped(r, vulnfact.MaxImportSize)
	if err != nil {
		return vulnfact.ReadError(label, Name, err)
	}
	return read(label, data, true)
}

// Sniff reports whether the first bytes of a file look like OpenVEX: an @context naming openvex.dev among
// the first keys.
func Sniff(head []byte) bool {
	keys := vulnfact.TopKeys(head)
	for _, k := range keys {
		if k == "@context" {
			return strings.Contains(strings.ToLower(string(head[:min(len(head), 4096)])), "openvex")
		}
	}
	return false
}

// isOpenVEX reports whether a decoded document's @context names OpenVEX.
func isOpenVEX(root *vulnfact.Value) bool {
	ctx := root.Get("@context")
	if ctx == nil {
		return false
	}
	var texts []string
	switch ctx.Kind {
	case vulnfact.String:
		texts = []string{ctx.Text}
	case vulnfact.Array:
		for _, it := range ctx.Items {
			texts = append(texts, it.Text)
		}
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), "openvex.dev/ns") {
			return true
		}
	}
	return false
}

// read turns one document, named file in provenance, into facts; explicit says the user named the file.
func read(file string, data []byte, explicit bool) model.Facts {
	d, root, ok := vulnfact.Load(file, Name, data)
	if !ok {
		return model.Facts{Diagnostics: d.Finish()}
	}
	if !isOpenVEX(root) {
		switch {
		case explicit:
			d.Diag(root, model.SeverityError, "not an OpenVEX document (no @context of openvex.dev); not imported")
		case root.Get("bomFormat") == nil: // a CycloneDX VEX is package cyclonedx's
			d.Diag(root, model.SeverityInfo, "neither an OpenVEX nor a CycloneDX document; not imported")
		}
		return model.Facts{Diagnostics: d.Finish()}
	}
	doc := document{d: d, author: d.Str(root, "author"),
		timestamp: firstOf(d.Str(root, "last_updated"), d.Str(root, "timestamp"))}
	if doc.author == "" {
		d.Diag(root, model.SeverityWarning, "the document names no author, which OpenVEX requires")
	}
	var f model.Facts
	for i, st := range d.Arr(root, "statements") {
		if st.Kind != vulnfact.Object {
			d.Diag(st, model.SeverityWarning, "a statement is "+st.Kind.String()+", not an object; skipped")
			continue
		}
		if s, ok := doc.statement(st); ok {
			f.Nodes = append(f.Nodes, vulnfact.StatementNode(i+1, s))
		}
	}
	f.Diagnostics = d.Finish()
	return f
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
