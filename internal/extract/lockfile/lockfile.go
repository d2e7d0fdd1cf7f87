package lockfile

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem"
	scalibrlog "github.com/google/osv-scalibr/log"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name in provenance.
const Name = "lockfile"

// Extractor wraps osv-scalibr's lockfile extractors behind one Seam extractor: one call per lockfile, facts
// for the lockfile (a module node) and every package it pins (package nodes and contains edges).
type Extractor struct {
	plugins []plugin
}

var _ extract.Extractor = (*Extractor)(nil)

// silenceScalibr routes osv-scalibr's package-level logger to nowhere: Seam libraries never print, and
// everything scalibr logs about a file is also returned as an error that becomes a diagnostic.
var silenceScalibr sync.Once

// New returns the lockfile extractor with every wrapped scalibr plugin constructed once.
func New() *Extractor {
	silenceScalibr.Do(func() { scalibrlog.SetLogger(discardLogger{}) })
	return &Extractor{plugins: newPlugins()}
}

// Name returns "lockfile".
func (e *Extractor) Name() string { return Name }

// Unit is UnitFile: every lockfile stands alone.
func (e *Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired reports whether one of the wrapped scalibr plugins wants the file. Each plugin's own check is a
// name comparison (a Stat at most, answered from info), so this is cheap enough for every file of a walk.
func (e *Extractor) FileRequired(path string, info fs.FileInfo) bool {
	return e.pluginFor(path, info) != nil
}

// pluginFor returns the first plugin (in table order) that wants the file, or nil.
func (e *Extractor) pluginFor(path string, info fs.FileInfo) *plugin {
	var api filesystem.FileAPI = &fileAPI{path: path, info: info} // one allocation, not one per plugin
	for i := range e.plugins {
		if e.plugins[i].ex.FileRequired(api) {
			return &e.plugins[i]
		}
	}
	return nil
}

// Extract reads every lockfile in in.Paths. A malformed lockfile, or a scalibr plugin that panics on it,
// becomes a diagnostic; the error is only for a cancelled context.
func (e *Extractor) Extract(ctx context.Context, in extract.Input) (model.Facts, error) {
	var out model.Facts
	for _, p := range in.Paths {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		out.Merge(e.extractFile(ctx, in.FS, p, in.MaxFileSize))
	}
	model.SortDiagnostics(out.Diagnostics)
	model.SortAssumptions(out.Assumptions)
	return out, nil
}

// extractFile reads one lockfile: scalibr's inventory, Seam's own notes on the format, then facts.
func (e *Extractor) extractFile(ctx context.Context, fsys fs.FS, path string, maxSize int64) model.Facts {
	info, err := fs.Stat(fsys, path)
	if err != nil {
		return diagFacts(path, 0, model.SeverityError, "cannot read lockfile: "+err.Error())
	}
	if maxSize > 0 && info.Size() > maxSize {
		return diagFacts(path, 0, model.SeverityWarning,
			fmt.Sprintf("lockfile skipped: %d bytes is over the %d-byte cap", info.Size(), maxSize))
	}
	content, err := fs.ReadFile(fsys, path)
	if err != nil {
		return diagFacts(path, 0, model.SeverityError, "cannot read lockfile: "+err.Error())
	}
	p := e.pluginFor(path, info)
	if p == nil {
		return diagFacts(path, 0, model.SeverityWarning, "not a lockfile format Seam reads")
	}
	src := source{fsys: fsys, path: path, content: content}
	notes, noteDiag := readNotes(p, src)
	var pkgs []*extractor.Package
	var runErr error
	if len(bytes.TrimSpace(content)) > 0 && notes.skipReason == "" {
		pkgs, runErr = runPlugin(ctx, p, scanFS{fsys: fsys, maxSize: maxSize}, path, info, content)
	}
	facts := buildFacts(src, p, notes, pkgs, runErr)
	if noteDiag != nil {
		facts.Diagnostics = append(facts.Diagnostics, *noteDiag)
	}
	return facts
}

// runPlugin calls one scalibr plugin on one file and turns a panic into an error: scalibr's parsers are not
// all hardened against hostile input, and one bad file must not stop the scan.
func runPlugin(ctx context.Context, p *plugin, fsys scanFS, path string, info fs.FileInfo, content []byte) (pkgs []*extractor.Package, err error) {
	defer func() {
		if r := recover(); r != nil {
			pkgs, err = nil, &pluginPanic{plugin: p.ex.Name(), value: r, site: panicSite(debug.Stack())}
		}
	}()
	inv, err := p.ex.Extract(ctx, &filesystem.ScanInput{
		FS:     fsys,
		Path:   path,
		Info:   info,
		Reader: bytes.NewReader(content),
	})
	return inv.Packages, err
}

// readNotes runs Seam's own read of the format, recovering from a panic (which would be a Seam bug) so that
// scalibr's packages are still reported.
func readNotes(p *plugin, src source) (notes formatNotes, diag *model.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			notes = formatNotes{}
			d := model.Diagnostic{File: src.path, Severity: model.SeverityWarning, Extractor: Name,
				Message: fmt.Sprintf("reading direct/dev flags crashed (a Seam bug, please report it): %v", r)}
			diag = &d
		}
	}()
	if p.notes == nil {
		return formatNotes{}, nil
	}
	return p.notes(src), nil
}

// pluginPanic is the error a recovered scalibr panic becomes.
type pluginPanic struct {
	plugin string
	value  any
	site   string
}

func (p *pluginPanic) Error() string {
	return fmt.Sprintf("osv-scalibr %s crashed on this file: %v (in %s)", p.plugin, p.value, p.site)
}

// panicSite names the function that panicked: the first frame after "panic(" in a goroutine stack. Only the
// function name is kept, never file paths, so the message is the same on every machine.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, "panic(") {
			continue
		}
		for _, next := range lines[i+1:] {
			if next == "" || strings.HasPrefix(next, "\t") || strings.HasPrefix(next, "panic(") {
				continue
			}
			if fn, _, ok := strings.Cut(next, "("); ok {
				return fn
			}
			return next
		}
	}
	return "unknown function"
}

// diagFacts returns facts holding one diagnostic about path.
func diagFacts(path string, line int, sev model.Severity, msg string) model.Facts {
	return model.Facts{Diagnostics: []model.Diagnostic{{File: path, Line: line, Severity: sev, Extractor: Name, Message: msg}}}
}

// discardLogger drops scalibr's log lines.
type discardLogger struct{}

func (discardLogger) Errorf(string, ...any) {}
func (discardLogger) Error(...any)          {}
func (discardLogger) Warnf(string, ...any)  {}
func (discardLogger) Warn(...any)           {}
func (discardLogger) Infof(string, ...any)  {}
func (discardLogger) Info(...any)           {}
func (discardLogger) Debugf(string, ...any) {}
func (discardLogger) Debug(...any)          {}
