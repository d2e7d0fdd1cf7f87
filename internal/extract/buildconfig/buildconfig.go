// Package buildconfig reads the build configurations that say which image tag is built from which Dockerfile
// and build context: docker-compose files, skaffold.yaml, GitHub Actions workflows (docker/build-push-action
// steps and `docker build` commands in run steps) and Makefiles (docker/podman build recipes).
//
// For every build it finds it emits an implicit image node (ID model.ImageID of the reference, as the
// Kubernetes and Dockerfile extractors make theirs, so that the nodes merge) whose attributes say how it is
// built — repository, tag, context, dockerfile, builder, config, config_line — and one config node per file
// (model.FileNodeID(model.KindConfig, path)) whose "builds" attribute lists every build of the file. Paths are
// slash paths relative to the scanned root.
//
// Decisions:
//   - No edge to the Dockerfile. An extractor sees one file and cannot know whether the Dockerfile a
//     configuration names is in the scan; an edge to a missing node would be dropped by the graph with a warning
//     that is noise. The relation is an attribute only, and the image link builder (internal/link/image) makes
//     the built-from edge, or a refused link when the Dockerfile is not there.
//   - Why a config node as well: two files may build the same tag (a compose file for development, a workflow
//     for CI). Implicit nodes with one ID merge, keeping one set of attributes; the config node's list keeps
//     every build.
//   - Unknown values keep their literal text ("${{ github.sha }}", "$(VERSION)", "${REGISTRY}") in the
//     reference, context and Dockerfile path; attribute unknown_parts names them per field and an assumption
//     says what Seam does about each. A default Seam applies (compose's "${TAG:-dev}", its `<project>-<service>`
//     image name) is an assumption too.
//   - Build arguments are kept by name only: their values may be secrets.
package buildconfig

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "buildconfig"

// The builder names recorded on each build.
const (
	BuilderCompose  = "compose"
	BuilderSkaffold = "skaffold"
	BuilderActions  = "github-actions"
	BuilderMake     = "makefile"
)

// Extractor reads build configurations. It holds no state and is safe for concurrent use.
type Extractor struct{}

// New returns a build configuration extractor.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "buildconfig".
func (e *Extractor) Name() string { return Name }

// Unit says build configurations are read one file at a time.
func (e *Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired reports whether p is a build configuration this extractor reads (see Format).
func (e *Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	return Format(p) != ""
}

// Format returns the builder whose configuration the file at p is, by its name: compose for
// docker-compose*.y(a)ml and compose*.y(a)ml, skaffold for skaffold.y(a)ml, github-actions for
// .github/workflows/*.y(a)ml, makefile for Makefile, makefile, GNUmakefile and *.mk; "" for anything else.
func Format(p string) string {
	base := path.Base(p)
	lower := strings.ToLower(base)
	yml := strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".yaml")
	switch {
	case yml && (strings.HasPrefix(lower, "docker-compose") || strings.HasPrefix(lower, "compose")):
		return BuilderCompose
	case lower == "skaffold.yaml" || lower == "skaffold.yml":
		return BuilderSkaffold
	case yml && (path.Dir(p) == ".github/workflows" || strings.HasSuffix(path.Dir(p), "/.github/workflows")):
		return BuilderActions
	case base == "Makefile" || base == "makefile" || base == "GNUmakefile" || strings.HasSuffix(lower, ".mk"):
		return BuilderMake
	}
	return ""
}

// Extract reads each file in in.Paths. A file that cannot be read or parsed becomes a diagnostic.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	var facts model.Facts
	for _, p := range in.Paths {
		if err := ctx.Err(); err != nil {
			return facts, err
		}
		data, err := fs.ReadFile(in.FS, p)
		if err != nil {
			facts.Diagnostics = append(facts.Diagnostics, diag(p, 0, model.SeverityError, "cannot read file: "+err.Error()))
			continue
		}
		if in.MaxFileSize > 0 && int64(len(data)) > in.MaxFileSize {
			facts.Diagnostics = append(facts.Diagnostics, diag(p, 0, model.SeverityWarning,
				fmt.Sprintf("file is larger than the %d-byte cap; skipped", in.MaxFileSize)))
			continue
		}
		facts.Merge(ExtractBytes(p, data))
	}
	return facts, nil
}

// ExtractBytes reads one build configuration's content; p is its slash path relative to the scanned root and
// decides the format. It never panics and never fails: problems are diagnostics in the returned facts.
func ExtractBytes(p string, data []byte) (facts model.Facts) {
	defer func() {
		if r := recover(); r != nil {
			facts = model.Facts{Diagnostics: []model.Diagnostic{diag(p, 0, model.SeverityError,
				fmt.Sprintf("build configuration reader failed on this file (a bug, please report it): %v", r))}}
		}
	}()
	f := &file{path: p, dir: path.Dir(p), builder: Format(p)}
	switch f.builder {
	case BuilderCompose:
		f.readYAML(data, f.compose)
	case BuilderSkaffold:
		f.readYAML(data, f.skaffold)
	case BuilderActions:
		f.readYAML(data, f.workflow)
	case BuilderMake:
		f.makefile(data)
	default:
		return model.Facts{}
	}
	return f.facts()
}

// file collects the builds of one configuration file.
type file struct {
	path    string
	dir     string // directory of the file, "." at the root
	builder string
	builds  []*build
	diags   []model.Diagnostic
}

// readYAML decodes every document and hands each to read; a syntax error is a diagnostic with its line.
func (f *file) readYAML(data []byte, read func(root *node)) {
	for _, d := range parseYAML(data) {
		if d.err != "" {
			dg := diag(f.path, d.errLine, model.SeverityError, "invalid YAML: "+d.err)
			dg.Column = d.errColumn
			f.diags = append(f.diags, dg)
			continue
		}
		if d.root != nil && d.root.kind == mapNode {
			read(d.root)
		}
	}
}

// warn records a warning diagnostic at a line.
func (f *file) warn(line int, msg string) {
	f.diags = append(f.diags, diag(f.path, line, model.SeverityWarning, msg))
}

func diag(p string, line int, sev model.Severity, msg string) model.Diagnostic {
	return model.Diagnostic{File: p, Line: line, Severity: sev, Extractor: Name, Message: msg}
}

func prov(p string, line int) model.Provenance {
	return model.Provenance{File: p, Line: line, Extractor: Name}
}
