package reach

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// importRef is one import of a file.
type importRef struct {
	path  string
	name  string // the explicit name, "" when none
	line  int
	dot   bool
	blank bool
}

// selKey is a qualified reference base.Name ("html.Parse") or a method expression base.Type.Method.
type selKey struct{ base, name string }

// fileIndex is what decisions need from one file: imports, the first line of each qualified reference and
// selector, and the types the file declares for its identifiers.
type fileIndex struct {
	path     string
	imports  []importRef
	sels     map[selKey]int
	methods  map[string]map[string]int  // selector name → receiver identifier ("" not an identifier) → line
	bare     map[string]int             // identifiers the file uses without declaring them (dot imports)
	bases    map[string]bool            // undeclared identifiers used as a selector's base
	declared map[string]map[string]bool // identifier → the type names it is declared with ("" unknown)
	names    [][]string                 // per import, the names the file may use for it (localNames)
	pkgNames map[string]bool            // every name of every import: a selector on one is not a method
}

// indexFile parses one Go file and indexes it; a generated file gives nil.
func indexFile(p string, src []byte) (*fileIndex, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, p, src, parser.ParseComments)
	if err != nil {
		var list scanner.ErrorList
		if errors.As(err, &list) && len(list) > 0 {
			return nil, fmt.Errorf("%s:%d: %s", p, list[0].Pos.Line, list[0].Msg)
		}
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	if ast.IsGenerated(f) {
		return nil, nil
	}
	fi := &fileIndex{path: p, sels: map[selKey]int{}, methods: map[string]map[string]int{}, bare: map[string]int{},
		bases: map[string]bool{}, declared: map[string]map[string]bool{}}
	line := func(pos token.Pos) int { return fset.Position(pos).Line }
	for _, s := range f.Imports {
		ip, err := strconv.Unquote(s.Path.Value)
		if err != nil {
			continue
		}
		r := importRef{path: ip, line: line(s.Pos())}
		if s.Name != nil {
			r.name, r.dot, r.blank = s.Name.Name, s.Name.Name == ".", s.Name.Name == "_"
		}
		fi.imports = append(fi.imports, r)
	}
	for _, id := range f.Unresolved {
		first(fi.bare, id.Name, line(id.Pos()))
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			fi.selector(x, line(x.Sel.Pos()))
		case *ast.Field:
			for _, id := range x.Names {
				fi.declare(id.Name, typeName(x.Type))
			}
		case *ast.ValueSpec:
			fi.valueSpec(x)
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE && len(x.Lhs) == len(x.Rhs) {
				for i, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						fi.declare(id.Name, exprType(x.Rhs[i]))
					}
				}
			} else if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						fi.declare(id.Name, "")
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{x.Key, x.Value} {
				if id, ok := e.(*ast.Ident); ok && x.Tok == token.DEFINE {
					fi.declare(id.Name, "")
				}
			}
		}
		return true
	})
	fi.pkgNames = map[string]bool{}
	for _, imp := range fi.imports {
		names := fi.localNames(imp)
		fi.names = append(fi.names, names)
		for _, n := range names {
			fi.pkgNames[n] = true
		}
	}
	return fi, nil
}

// selector records x.Sel: a qualified reference when x is an identifier, a method expression base.T.M, and
// a method use with its receiver.
func (fi *fileIndex) selector(x *ast.SelectorExpr, l int) {
	switch base := x.X.(type) {
	case *ast.Ident:
		first(fi.sels, selKey{base.Name, x.Sel.Name}, l)
		if base.Obj == nil {
			fi.bases[base.Name] = true
		}
		fi.method(x.Sel.Name, base.Name, l)
		return
	case *ast.SelectorExpr:
		if id, ok := base.X.(*ast.Ident); ok {
			first(fi.sels, selKey{id.Name, base.Sel.Name + "." + x.Sel.Name}, l)
		}
	case *ast.ParenExpr: // (*pkg.T).Method
		if st, ok := base.X.(*ast.StarExpr); ok {
			if s, ok := st.X.(*ast.SelectorExpr); ok {
				if id, ok := s.X.(*ast.Ident); ok {
					first(fi.sels, selKey{id.Name, s.Sel.Name + "." + x.Sel.Name}, l)
				}
			}
		}
	}
	fi.method(x.Sel.Name, "", l)
}

// method records a selector .name on the receiver identifier recv ("" when the receiver is not a plain
// identifier: a call result, a field chain, an index).
func (fi *fileIndex) method(name, recv string, l int) {
	byRecv := fi.methods[name]
	if byRecv == nil {
		byRecv = map[string]int{}
		fi.methods[name] = byRecv
	}
	first(byRecv, recv, l)
}

// valueSpec records the types of var and const declarations.
func (fi *fileIndex) valueSpec(x *ast.ValueSpec) {
	for i, id := range x.Names {
		switch {
		case x.Type != nil:
			fi.declare(id.Name, typeName(x.Type))
		case len(x.Values) == len(x.Names):
			fi.declare(id.Name, exprType(x.Values[i]))
		default:
			fi.declare(id.Name, "")
		}
	}
}

// declare records that the identifier name is declared with type t ("" unknown).
func (fi *fileIndex) declare(name, t string) {
	if name == "_" {
		return
	}
	set := fi.declared[name]
	if set == nil {
		set = map[string]bool{}
		fi.declared[name] = set
	}
	set[t] = true
}

// typeName names a type expression: "pkg.T" for a qualified type (pointer, parentheses and type arguments
// removed), "T" for a local one, "~" for a type literal, which has no methods of an imported type.
func typeName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return typeName(x.X)
	case *ast.ParenExpr:
		return typeName(x.X)
	case *ast.IndexExpr:
		return typeName(x.X)
	case *ast.IndexListExpr:
		return typeName(x.X)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			return id.Name + "." + x.Sel.Name
		}
		return ""
	case *ast.Ident:
		return x.Name
	case *ast.Ellipsis, *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.StructType:
		return "~"
	}
	return "" // an interface, or something Seam does not name: unknown
}

// exprType is the type of an initialiser when the syntax says it: T{…}, &T{…}, new(T), a literal.
func exprType(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.CompositeLit:
		if x.Type == nil {
			return ""
		}
		return typeName(x.Type)
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			return exprType(x.X)
		}
	case *ast.CallExpr:
		if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
			return typeName(x.Args[0])
		}
	case *ast.BasicLit, *ast.FuncLit:
		return "~"
	}
	return ""
}

// first keeps the first (lowest) line of a key.
func first[K comparable](m map[K]int, k K, l int) {
	if old, ok := m[k]; !ok || l < old {
		m[k] = l
	}
}

// localNames returns the names a file may use for an import: its explicit name, else the guesses from the
// path (see guessNames), else, when no guess is used, the undeclared selector bases no other import claims.
func (fi *fileIndex) localNames(r importRef) []string {
	if r.name != "" {
		return []string{r.name}
	}
	guesses := guessNames(r.path)
	for _, g := range guesses {
		if fi.bases[g] {
			return []string{g}
		}
	}
	claimed := map[string]bool{}
	for _, o := range fi.imports {
		if o.path == r.path {
			continue
		}
		if o.name != "" {
			claimed[o.name] = true
			continue
		}
		for _, g := range guessNames(o.path) {
			claimed[g] = true
		}
	}
	out := guesses
	for b := range fi.bases {
		if !claimed[b] && fi.declared[b] == nil {
			out = append(out, b)
		}
	}
	return out
}

// guessNames guesses a package's name from its import path: "github.com/go-chi/chi/v5" → chi,
// "gopkg.in/yaml.v3" → yaml, "github.com/mattn/go-sqlite3" → sqlite3, go-sqlite3 → gosqlite3.
func guessNames(p string) []string {
	elems := strings.Split(p, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && isMajor(last) {
		last = elems[len(elems)-2]
	}
	if i := strings.Index(last, ".v"); i > 0 && isMajor(last[i+1:]) {
		last = last[:i]
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.ReplaceAll(s, ".", "")
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(strings.TrimSuffix(strings.TrimPrefix(last, "go-"), "-go"))
	add(strings.ReplaceAll(last, "-", ""))
	add(strings.ReplaceAll(last, "-", "_"))
	return out
}

// isMajor reports whether s is a major version suffix: v2, v10.
func isMajor(s string) bool {
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	_, err := strconv.Atoi(s[1:])
	return err == nil
}
