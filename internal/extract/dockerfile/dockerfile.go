// Package dockerfile reads Dockerfiles (and Containerfiles) into facts: one Dockerfile node that describes the
// build stages and the configuration of the final image (user, exposed ports, environment, entrypoint, copied
// files), and one implicit image node per external base image with a built-from edge to it.
//
// Parsing uses BuildKit's own parser (github.com/moby/buildkit/frontend/dockerfile/parser) and its typed
// instructions, so parser directives (# syntax=, # escape=), line continuations, heredocs, lowercase
// instructions and JSON versus shell form behave as in `docker build`. A file the parser rejects becomes one
// diagnostic; an instruction it rejects becomes a diagnostic and the rest of the file is still read.
//
// Decisions where Docker leaves the answer to build time:
//   - ARG defaults are substituted into FROM (only global ARGs, declared before the first FROM, are in scope
//     there, as in BuildKit). A base that uses an ARG without a default, or a BuildKit platform argument,
//     becomes model.Unknown with an assumption, and no base image node is made for it.
//   - With no USER in the final stage or the stages it is built from, the image runs as whatever user its base
//     image sets, which Seam cannot see offline: runs_as_root is recorded as true (Docker's default) with an
//     assumption. A chain that starts FROM scratch runs as root for certain and needs no assumption.
//   - ENV and ARG values whose name looks secret (PASSWORD, PASSWD, SECRET, TOKEN, KEY, CREDENTIAL) or whose
//     value is a URL with a password are never stored: the entry says masked: true instead.
//   - RUN instructions are recorded as attrs "runs" ({line, stage, command, exec}): the command line as
//     written, heredoc bodies included, with secret values masked (NAME=value of a secret-looking name,
//     --password/--token style flags, Authorization headers, curl --user, URL passwords, AWS key IDs).
//   - COPY --from=<image> names an external image the build pulls: it gets an image node and a built-from
//     edge too, marked relation "copy-from".
//   - attrs "lines" maps keys that match the node's attrs to the line of the instruction behind them (see
//     lines.go): "from", "stages[i]", "user", "runs_as_root", "workdir", "healthcheck", "entrypoint", "cmd",
//     "expose[i]", "env[i]" and "env.NAME" (likewise args and labels), "copies[i]" with "copy[i]" and
//     "add[i]", and "run[i]". A multi-line ENV, ARG or LABEL gives each entry the instruction's first line,
//     which is what BuildKit reports.
package dockerfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// Name is the extractor's name, recorded in provenance.
const Name = "dockerfile"

// Extractor reads Dockerfiles. It holds no state and is safe for concurrent use.
type Extractor struct{}

// New returns a Dockerfile extractor.
func New() *Extractor { return &Extractor{} }

var _ extract.Extractor = (*Extractor)(nil)

// Name returns "dockerfile".
func (e *Extractor) Name() string { return Name }

// Unit says Dockerfiles are read one file at a time.
func (e *Extractor) Unit() extract.Unit { return extract.UnitFile }

// FileRequired reports whether p names a Dockerfile: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
// Containerfile or Containerfile.*.
func (e *Extractor) FileRequired(p string, info fs.FileInfo) bool {
	if info != nil && info.IsDir() {
		return false
	}
	return IsDockerfileName(path.Base(p))
}

// IsDockerfileName reports whether a base file name is one of the names Seam reads as a Dockerfile.
func IsDockerfileName(base string) bool {
	switch {
	case base == "Dockerfile" || base == "Containerfile":
		return true
	case strings.HasPrefix(base, "Dockerfile.") && len(base) > len("Dockerfile."):
		return true
	case strings.HasPrefix(base, "Containerfile.") && len(base) > len("Containerfile."):
		return true
	case strings.HasSuffix(base, ".Dockerfile") && len(base) > len(".Dockerfile"):
		return true
	case strings.HasSuffix(base, ".dockerfile") && len(base) > len(".dockerfile"):
		return true
	}
	return false
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

// ExtractBytes reads one Dockerfile's content; p is its slash path relative to the scanned root. It never
// panics and never fails: problems are diagnostics in the returned facts.
func ExtractBytes(p string, data []byte) (facts model.Facts) {
	defer func() {
		if r := recover(); r != nil {
			facts = model.Facts{Diagnostics: []model.Diagnostic{diag(p, 0, model.SeverityError,
				fmt.Sprintf("Dockerfile parser failed on this file (a bug, please report it): %v", r))}}
		}
	}()
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		facts.Diagnostics = append(facts.Diagnostics, diag(p, errorLine(err), model.SeverityError,
			"cannot parse Dockerfile: "+errorMessage(err)))
		if res == nil || res.AST == nil || len(res.AST.Children) == 0 {
			return facts
		}
	}
	for _, w := range res.Warnings {
		line := 0
		if w.Location != nil {
			line = w.Location.Start.Line
		}
		facts.Diagnostics = append(facts.Diagnostics, diag(p, line, model.SeverityWarning, w.Short))
	}
	b := newBuild(p, res)
	b.readInstructions(res.AST)
	b.directives(data)
	facts.Merge(b.facts())
	model.SortDiagnostics(facts.Diagnostics)
	model.SortAssumptions(facts.Assumptions)
	return facts
}

// errorLine returns the first line a BuildKit error points at, or 0.
func errorLine(err error) int {
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, rs := range le.Locations {
			for _, r := range rs {
				if r.Start.Line > 0 {
					return r.Start.Line
				}
			}
		}
	}
	return 0
}

// errorMessage is the innermost message of a BuildKit error, without the "dockerfile parse error on line N"
// prefix that the diagnostic's own line makes redundant.
func errorMessage(err error) string {
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, "dockerfile parse error on line "); ok {
		if _, after, ok := strings.Cut(rest, ": "); ok {
			return after
		}
	}
	return msg
}

func diag(p string, line int, sev model.Severity, msg string) model.Diagnostic {
	return model.Diagnostic{File: p, Line: line, Severity: sev, Extractor: Name, Message: msg}
}

func prov(p string, line int) model.Provenance {
	return model.Provenance{File: p, Line: line, Extractor: Name}
}
