package policy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Problem is one thing wrong with a policy file, at file:line (line 0 when it concerns the whole file).
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// String renders the problem as "file:line: message".
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return p.File + ": " + p.Message
}

// LoadError reports controls that could not be loaded: every problem found, sorted. The CLI maps it to the
// usage exit code, like an invalid seam.yaml.
type LoadError struct {
	Problems []Problem
}

// Error renders every problem, one per line.
func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "cannot load policies\n" + strings.Join(lines, "\n")
}

// Origin is one place controls come from.
type Origin struct {
	Source Source
	// Path is the directory, .tar.gz or (for the built-in library) the label the files are named under.
	Path string
	// FS, when set, is read instead of opening Path (the embedded library, tests).
	FS fs.FS
	// Enforced marks an organisation bundle whose controls the repository cannot disable or except.
	Enforced bool
}

// Limits on what is read from one origin: a policy is text written by people, so these are generous, and they
// stop a hostile bundle from exhausting memory.
const (
	maxPolicyFile  = 1 << 20   // bytes in one .rego file
	maxPolicyFiles = 10_000    // .rego files in one origin
	maxBundleBytes = 256 << 20 // bytes expanded from one .tar.gz
)

// module is a parsed Rego file with where it came from.
type module struct {
	file   string
	origin Origin
	mod    *ast.Module
	test   bool // a _test.rego file: run by `seam policy test`, never by the engine
}

// readOrigin returns the .rego files of one origin, parsed, with the problems found. Files are named by the
// origin's Path joined with their path inside it.
func readOrigin(ctx context.Context, o Origin) ([]module, []Problem) {
	fsys, closer, err := openOrigin(o)
	if err != nil {
		return nil, []Problem{{File: o.Path, Message: err.Error()}}
	}
	if closer != nil {
		defer closer.Close()
	}
	var mods []module
	var problems []Problem
	count := 0
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, Problem{File: path.Join(o.Path, p), Message: err.Error()})
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() || !strings.HasSuffix(p, ".rego") || !d.Type().IsRegular() {
			return nil
		}
		if count++; count > maxPolicyFiles {
			return fmt.Errorf("more than %d .rego files", maxPolicyFiles)
		}
		name := path.Join(o.Path, p)
		m, perr := parseFile(fsys, p, name)
		if perr != nil {
			problems = append(problems, perr...)
			return nil
		}
		mods = append(mods, module{file: name, origin: o, mod: m, test: strings.HasSuffix(p, "_test.rego")})
		return nil
	})
	if err != nil {
		problems = append(problems, Problem{File: o.Path, Message: err.Error()})
	}
	return mods, problems
}

// openOrigin gives the file system of an origin: its FS, a directory opened with symlink containment, or a
// .tar.gz expanded in memory within the caps.
func openOrigin(o Origin) (fs.FS, io.Closer, error) {
	if o.FS != nil {
		return o.FS, nil, nil
	}
	info, err := os.Stat(o.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open policies: %w", err)
	}
	if info.IsDir() {
		root, err := os.OpenRoot(o.Path)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot open policies: %w", err)
		}
		return root.FS(), root, nil
	}
	if strings.HasSuffix(o.Path, ".tar.gz") || strings.HasSuffix(o.Path, ".tgz") {
		f, err := os.Open(o.Path)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot open bundle: %w", err)
		}
		defer f.Close()
		fsys, err := readTarGz(f, maxBundleBytes)
		if err != nil {
			return nil, nil, fmt.Errorf("bad bundle: %w", err)
		}
		return fsys, nil, nil
	}
	return nil, nil, errors.New("a policy source must be a directory or a .tar.gz bundle")
}

// parseFile reads and parses one Rego file (Rego v1, METADATA processed).
func parseFile(fsys fs.FS, p, name string) (*ast.Module, []Problem) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, []Problem{{File: name, Message: err.Error()}}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPolicyFile+1))
	if err != nil {
		return nil, []Problem{{File: name, Message: err.Error()}}
	}
	if len(data) > maxPolicyFile {
		return nil, []Problem{{File: name, Message: fmt.Sprintf("larger than %d KiB, the most Seam reads for a policy file", maxPolicyFile>>10)}}
	}
	m, err := ast.ParseModuleWithOpts(name, string(data), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
	if err != nil {
		return nil, astProblems(name, err)
	}
	if m == nil {
		return nil, []Problem{{File: name, Message: "the file holds no package"}}
	}
	return m, nil
}

// astProblems turns OPA's errors into located problems.
func astProblems(file string, err error) []Problem {
	var errs ast.Errors
	if !errors.As(err, &errs) {
		return []Problem{{File: file, Message: err.Error()}}
	}
	var out []Problem
	for _, e := range errs {
		p := Problem{File: file, Message: e.Message}
		if e.Location != nil {
			p.Line = e.Location.Row
			if e.Location.File != "" {
				p.File = e.Location.File
			}
		}
		out = append(out, p)
	}
	return out
}

// sortProblems orders problems by file, line and message and drops repeats.
func sortProblems(ps []Problem) []Problem {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	out := ps[:0]
	for i, p := range ps {
		if i == 0 || p != ps[i-1] {
			out = append(out, p)
		}
	}
	return out
}
