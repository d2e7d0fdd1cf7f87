package terraform

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"

	"github.com/seam-sec/seam/internal/model"
)

// fileKind says what a wanted file is.
type fileKind int

const (
	kindTF         fileKind = iota // *.tf
	kindTFJSON                     // *.tf.json
	kindTFVars                     // *.tfvars
	kindTFVarsJSON                 // *.tfvars.json
)

// kindOf classifies a path by its name; ok is false for files the extractor does not read.
func kindOf(p string) (fileKind, bool) {
	switch base := path.Base(p); {
	case strings.HasSuffix(base, ".tf.json"):
		return kindTFJSON, true
	case strings.HasSuffix(base, ".tf"):
		return kindTF, true
	case strings.HasSuffix(base, ".tfvars.json"):
		return kindTFVarsJSON, true
	case strings.HasSuffix(base, ".tfvars"):
		return kindTFVars, true
	}
	return 0, false
}

// srcFile is one read and parsed file.
type srcFile struct {
	path  string
	kind  fileKind
	src   []byte
	body  *body // nil when the file could not be read or parsed at all
	diags []model.Diagnostic
}

// body is a syntax-independent view of an HCL body: native syntax keeps nested blocks apart from attributes;
// JSON syntax, which cannot tell them apart without a schema, gives attributes only.
type body struct {
	attrs  []*attribute // sorted by name
	blocks []*block     // in source order
	rng    hcl.Range
}

// attribute is one "name = expression".
type attribute struct {
	name string
	expr hcl.Expression
	rng  hcl.Range // the whole attribute, name to end of expression
}

// block is one nested or top-level block.
type block struct {
	typ    string
	labels []string
	body   *body
	rng    hcl.Range // the whole block, header to closing brace
}

// attr returns the attribute called name, or nil.
func (b *body) attr(name string) *attribute {
	if b == nil {
		return nil
	}
	i := sort.Search(len(b.attrs), func(i int) bool { return b.attrs[i].name >= name })
	if i < len(b.attrs) && b.attrs[i].name == name {
		return b.attrs[i]
	}
	return nil
}

// readFile reads a file through fsys, refusing files over max bytes (0: no cap).
func readFile(fsys fs.FS, p string, max int64) ([]byte, error) {
	if max > 0 {
		info, err := fs.Stat(fsys, p)
		if err != nil {
			return nil, err
		}
		if info.Size() > max {
			return nil, fmt.Errorf("file is %d bytes, over the %d-byte cap", info.Size(), max)
		}
	}
	return fs.ReadFile(fsys, p)
}

// parseFiles reads and parses paths in parallel; the result is in the order of paths.
func parseFiles(ctx context.Context, fsys fs.FS, paths []string, max int64) []*srcFile {
	out := make([]*srcFile, len(paths))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(paths) {
		workers = len(paths)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = parseFile(fsys, paths[i], max)
			}
		}()
	}
	for i := range paths {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// parseFile reads and parses one file. A file with syntax errors keeps the top-level blocks that end before the
// first error: the parser's recovery after an error is not reliable enough to trust what follows.
func parseFile(fsys fs.FS, p string, max int64) *srcFile {
	kind, _ := kindOf(p)
	f := &srcFile{path: p, kind: kind}
	src, err := readFile(fsys, p, max)
	if err != nil {
		f.diags = append(f.diags, model.Diagnostic{File: p, Severity: model.SeverityError, Extractor: Name,
			Message: "cannot read Terraform file: " + err.Error()})
		return f
	}
	f.src = src
	var hf *hcl.File
	var diags hcl.Diagnostics
	if kind == kindTFJSON || kind == kindTFVarsJSON {
		hf, diags = hcljson.Parse(src, p)
	} else {
		hf, diags = hclsyntax.ParseConfig(src, p, hcl.InitialPos)
	}
	f.diags = append(f.diags, convertDiags(diags, model.SeverityError)...)
	if hf == nil || hf.Body == nil {
		return f
	}
	if kind == kindTFJSON || kind == kindTFVarsJSON {
		if diags.HasErrors() {
			return f // a JSON syntax error leaves nothing trustworthy
		}
		var more hcl.Diagnostics
		if kind == kindTFJSON {
			f.body, more = jsonTop(hf.Body)
		} else {
			f.body, more = jsonBody(hf.Body)
		}
		f.diags = append(f.diags, convertDiags(more, model.SeverityError)...)
		return f
	}
	sb, ok := hf.Body.(*hclsyntax.Body)
	if !ok {
		return f
	}
	f.body = syntaxBody(sb)
	if diags.HasErrors() {
		f.body.blocks = blocksBefore(f.body.blocks, firstError(diags))
		f.body.attrs = nil
		f.diags = noteSkipped(f.diags, p, firstError(diags))
	}
	return f
}

// skippedNote says what a syntax error costs: HCL's recovery after an error is not trusted.
const skippedNote = "; declarations from here to the end of the file are skipped"

// noteSkipped adds skippedNote to the diagnostic of the first syntax error, so one broken file reads as one
// diagnostic; when no diagnostic sits at that position, the note stands on its own as a warning.
func noteSkipped(diags []model.Diagnostic, file string, first hcl.Pos) []model.Diagnostic {
	for i, d := range diags {
		if d.Severity == model.SeverityError && d.Line == first.Line && (d.Column == 0 || d.Column == first.Column) {
			diags[i].Message = strings.TrimSuffix(d.Message, ".") + skippedNote
			return diags
		}
	}
	return append(diags, model.Diagnostic{File: file, Line: first.Line, Severity: model.SeverityWarning,
		Extractor: Name, Message: "declarations from the first syntax error to the end of the file are skipped"})
}

// firstError returns the start of the earliest error in diags.
func firstError(diags hcl.Diagnostics) hcl.Pos {
	first := hcl.Pos{Byte: -1}
	for _, d := range diags {
		if d.Severity != hcl.DiagError || d.Subject == nil {
			continue
		}
		if first.Byte < 0 || d.Subject.Start.Byte < first.Byte {
			first = d.Subject.Start
		}
	}
	if first.Byte < 0 {
		return hcl.Pos{Line: 1, Column: 1}
	}
	return first
}

// blocksBefore keeps the blocks that end before pos.
func blocksBefore(blocks []*block, pos hcl.Pos) []*block {
	var kept []*block
	for _, b := range blocks {
		if b.rng.End.Byte <= pos.Byte {
			kept = append(kept, b)
		}
	}
	return kept
}

// syntaxBody converts a native-syntax body, recursively.
func syntaxBody(sb *hclsyntax.Body) *body {
	b := &body{rng: sb.SrcRange}
	for name, a := range sb.Attributes {
		b.attrs = append(b.attrs, &attribute{name: name, expr: a.Expr, rng: a.SrcRange})
	}
	sort.Slice(b.attrs, func(i, j int) bool { return b.attrs[i].name < b.attrs[j].name })
	for _, blk := range sb.Blocks {
		b.blocks = append(b.blocks, &block{typ: blk.Type, labels: blk.Labels, body: syntaxBody(blk.Body), rng: blk.Range()})
	}
	return b
}

// jsonBody converts a JSON body: every property becomes an attribute (nested blocks become object values).
func jsonBody(hb hcl.Body) (*body, hcl.Diagnostics) {
	attrs, diags := hb.JustAttributes()
	b := &body{rng: hb.MissingItemRange()}
	for name, a := range attrs {
		b.attrs = append(b.attrs, &attribute{name: name, expr: a.Expr, rng: a.Range})
	}
	sort.Slice(b.attrs, func(i, j int) bool { return b.attrs[i].name < b.attrs[j].name })
	return b, diags
}

// topSchema lists the top-level blocks of a Terraform configuration in JSON syntax.
var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "variable", LabelNames: []string{"name"}}, {Type: "locals"}, {Type: "output", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}}, {Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "module", LabelNames: []string{"name"}}, {Type: "terraform"}, {Type: "provider", LabelNames: []string{"name"}},
	{Type: "moved"}, {Type: "import"}, {Type: "removed"}, {Type: "check", LabelNames: []string{"name"}},
}}

// jsonTop converts the top level of a .tf.json file: its blocks, each with a JSON body.
func jsonTop(hb hcl.Body) (*body, hcl.Diagnostics) {
	content, _, diags := hb.PartialContent(topSchema)
	b := &body{rng: hb.MissingItemRange()}
	if content == nil {
		return b, diags
	}
	for _, blk := range content.Blocks {
		inner, more := jsonBody(blk.Body)
		diags = append(diags, more...)
		rng := blk.DefRange
		if end := blk.Body.MissingItemRange(); end.Filename == rng.Filename && end.End.Byte > rng.End.Byte {
			rng.End = end.End
		}
		b.blocks = append(b.blocks, &block{typ: blk.Type, labels: blk.Labels, body: inner, rng: rng})
	}
	return b, diags
}

// convertDiags turns HCL diagnostics into Seam diagnostics. Errors get sev; HCL warnings stay warnings.
func convertDiags(diags hcl.Diagnostics, sev model.Severity) []model.Diagnostic {
	var out []model.Diagnostic
	for _, d := range diags {
		md := model.Diagnostic{Severity: sev, Extractor: Name, Message: diagText(d)}
		if d.Severity == hcl.DiagWarning {
			md.Severity = model.SeverityWarning
		}
		if d.Subject != nil {
			md.File, md.Line, md.Column = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		out = append(out, md)
	}
	return out
}

// diagText renders an HCL diagnostic as "summary: detail".
func diagText(d *hcl.Diagnostic) string {
	if d.Detail == "" {
		return d.Summary
	}
	return d.Summary + ": " + d.Detail
}
