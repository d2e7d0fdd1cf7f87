// Package reach decides, for a Go module in the scanned repository, whether its own code reaches the
// vulnerable symbols of a package an advisory names (OSV's ecosystem_specific.imports[].symbols): reachable,
// not reachable, or unknown — each with a reason sentence and file:line evidence. It is the symbol-level idea
// of golang.org/x/vuln, done offline from the module's own sources only.
//
// Decisions:
//   - Only the module's own non-test code counts: files under the module directory, not in a nested module
//     (a directory with its own go.mod), vendor, testdata, or a directory whose name starts with "." or "_";
//     not *_test.go; not generated files ("// Code generated … DO NOT EDIT."). Build constraints are ignored:
//     every file counts, whatever its GOOS or tags (over-approximates, as a security answer should).
//   - No type checker. Dependency sources are not in the repository, so go/types could not type a single
//     call into a dependency; the analysis is syntactic. A package symbol "Func" is referenced by a selector
//     pkg.Func on the file's name for the import (or a bare Func in a file that dot-imports it). A method
//     "Type.Method" is referenced by a method expression pkg.Type.Method, or by a selector x.Method whose
//     receiver x is declared in the file with type pkg.Type or *pkg.Type (a var, parameter, result, field, or
//     x := pkg.Type{…} / &pkg.Type{…} / new(pkg.Type)), or whose receiver's type the file does not say (a
//     call result, a field chain, an undeclared name): such a match is counted, and the reason says the
//     receiver's type was not known. A receiver declared with another type is not a match. Embedding and
//     interfaces are not followed.
//   - The file's name for an import is its explicit name, else guessed from the path (the last element
//     without a /vN or .vN suffix and without a go- prefix or -go suffix), confirmed by an identifier the
//     file uses but does not declare when the guess is not used.
//   - A symbol list that is empty means the whole package is vulnerable: importing it is reaching it.
//   - Not reachable means imported but none of the symbols referenced: the reason lists the symbols looked
//     for. A blank import (import _ "pkg") runs the package's init only and references no symbol.
//   - Unknown means the module's own code does not import the package (it may still be reached through
//     another dependency, whose sources Seam does not have), or a file failed to parse and the answer could
//     depend on it.
//   - A module is parsed once per Analyzer and its index kept for every later query.
package reach

import (
	"context"
	"io/fs"
	"sync"
)

// Query asks whether a module's code reaches a vulnerable package's symbols.
type Query struct {
	// Package is the vulnerable package's import path ("golang.org/x/net/html").
	Package string
	// Symbols are the vulnerable symbols as OSV lists them: "Parse", "Tokenizer.Next". Empty: the whole
	// package is vulnerable.
	Symbols []string
}

// Status is the answer to a query.
type Status string

// The three answers.
const (
	Reachable    Status = "reachable"
	NotReachable Status = "not-reachable"
	Unknown      Status = "unknown"
)

// Evidence is a place in the module's source that supports a decision.
type Evidence struct {
	File string // path in the scanned file system
	Line int
	What string // "import" or the symbol referenced ("Parse", "Tokenizer.Next")
}

// Decision is the answer to one query.
type Decision struct {
	Query    Query
	Status   Status
	Reason   string     // one sentence a user can read
	Symbols  []string   // the vulnerable symbols referenced, sorted (Reachable only)
	Evidence []Evidence // the first import of the package, then the first reference found, if any
}

// Analyzer answers queries over the Go modules of one file system, parsing each module once. It is safe for
// concurrent use.
type Analyzer struct {
	fsys fs.FS
	mu   sync.Mutex
	mods map[string]*moduleEntry
}

type moduleEntry struct {
	once sync.Once
	mod  *module
	err  error
}

// New returns an Analyzer over fsys, the scanned repository.
func New(fsys fs.FS) *Analyzer {
	return &Analyzer{fsys: fsys, mods: map[string]*moduleEntry{}}
}

// Check answers queries for the module whose go.mod is in dir ("." for the root), in the order given. The
// error is set only when the module directory cannot be read at all or ctx is cancelled; a file that fails to
// parse is part of the decisions instead.
func (a *Analyzer) Check(ctx context.Context, dir string, queries []Query) ([]Decision, error) {
	mod, err := a.module(ctx, dir)
	if err != nil {
		return nil, err
	}
	out := make([]Decision, len(queries))
	for i, q := range queries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = mod.decide(q)
	}
	return out, nil
}

// module returns the cached index of the module in dir, loading it on first use.
func (a *Analyzer) module(ctx context.Context, dir string) (*module, error) {
	a.mu.Lock()
	e := a.mods[dir]
	if e == nil {
		e = &moduleEntry{}
		a.mods[dir] = e
	}
	a.mu.Unlock()
	e.once.Do(func() { e.mod, e.err = loadModule(ctx, a.fsys, dir) })
	if e.err != nil && ctx.Err() != nil { // a cancelled load is not cached: the next call tries again
		a.mu.Lock()
		if a.mods[dir] == e {
			delete(a.mods, dir)
		}
		a.mu.Unlock()
	}
	return e.mod, e.err
}
