package golang

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// file is one parsed Go file and what Seam resolved in it: the imports by local name, the objects the type
// checker found (best effort: imported packages are empty, so only the file's own declarations have types),
// the struct types it declares and its package-level regular expressions.
type file struct {
	name    string
	fset    *token.FileSet
	tok     *token.File
	src     []byte
	ast     *ast.File
	info    *types.Info
	imports map[string]string // local name → import path, major version suffix removed
	structs map[string]*ast.StructType
	objIDs  map[types.Object]int
	globals state // package-level variables: regular expressions, clients, templates
}

// offlineImporter gives every import an empty, complete package: Seam scans repositories whose module
// sources are absent, so the type checker resolves the file's own declarations and nothing imported.
type offlineImporter struct{ pkgs map[string]*types.Package }

// Import returns an empty package named as its path suggests.
func (o offlineImporter) Import(path string) (*types.Package, error) {
	if p, ok := o.pkgs[path]; ok {
		return p, nil
	}
	p := types.NewPackage(path, defaultName(path))
	p.MarkComplete()
	o.pkgs[path] = p
	return p, nil
}

func newFile(name string, fset *token.FileSet, f *ast.File, src []byte) *file {
	fl := &file{name: name, fset: fset, tok: fset.File(f.Pos()), src: src, ast: f, imports: map[string]string{},
		structs: map[string]*ast.StructType{}, objIDs: map[types.Object]int{}, globals: state{}}
	for _, im := range f.Imports {
		p, err := strconv.Unquote(im.Path.Value)
		if err != nil {
			continue
		}
		local := defaultName(p)
		if im.Name != nil {
			local = im.Name.Name
		}
		if local != "_" && local != "." {
			fl.imports[local] = stripMajor(p)
		}
	}
	fl.info = &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{}}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			if ts, ok := s.(*ast.TypeSpec); ok {
				if st, ok := ts.Type.(*ast.StructType); ok {
					fl.structs[ts.Name.Name] = st
				}
			}
		}
	}
	return fl
}

// check runs the type checker over the file, best effort: imports are empty packages, so it reports
// errors (ignored) and resolves what the file itself declares.
func (f *file) check() {
	conf := types.Config{Importer: offlineImporter{pkgs: map[string]*types.Package{}}, Error: func(error) {},
		FakeImportC: true}
	_, _ = conf.Check(f.ast.Name.Name, f.fset, []*ast.File{f.ast}, f.info)
}

// defaultName is the package name an import path suggests: its last element without a major version
// ("github.com/go-chi/chi/v5" → chi, "gopkg.in/yaml.v3" → yaml, "github.com/goccy/go-yaml" → yaml).
func defaultName(p string) string {
	p = stripMajor(p)
	name := p[strings.LastIndexByte(p, '/')+1:]
	if i := strings.Index(name, ".v"); i > 0 {
		name = name[:i]
	}
	name = strings.TrimPrefix(name, "go-")
	name = strings.TrimSuffix(name, "-go")
	return strings.ReplaceAll(name, "-", "")
}

// stripMajor removes a major version from an import path: a trailing element ("/v5") or a gopkg.in suffix
// ("gopkg.in/yaml.v3" → "gopkg.in/yaml").
func stripMajor(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return p
	}
	last := p[i+1:]
	if len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		return p[:i]
	}
	if j := strings.LastIndex(last, ".v"); j > 0 && strings.Trim(last[j+2:], "0123456789") == "" && j+2 < len(last) {
		return p[:i+1+j]
	}
	return p
}

// pkgOf returns the import path an identifier names when it is a package name, "" otherwise.
func (f *file) pkgOf(e ast.Expr) string {
	id, ok := e.(*ast.Ident)
	if !ok {
		return ""
	}
	switch obj := f.info.Uses[id].(type) {
	case *types.PkgName:
		return stripMajor(obj.Imported().Path())
	case nil:
		return f.imports[id.Name]
	}
	return ""
}

// objKey returns the state key of an identifier: its object when the type checker resolved it, its name
// otherwise (an identifier declared in another file of the package).
func (f *file) objKey(id *ast.Ident) string {
	obj := f.info.Uses[id]
	if obj == nil {
		obj = f.info.Defs[id]
	}
	if obj == nil {
		return "?" + id.Name
	}
	return f.objectKey(obj)
}

// objectKey returns the state key of a resolved object.
func (f *file) objectKey(obj types.Object) string {
	n, ok := f.objIDs[obj]
	if !ok {
		n = len(f.objIDs) + 1
		f.objIDs[obj] = n
	}
	return "v" + strconv.Itoa(n)
}

// keyOf returns the state key of an expression that names a variable or a field path under one.
func (f *file) keyOf(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.Ident:
		if e.Name == "_" || f.pkgOf(e) != "" {
			return "", false
		}
		return f.objKey(e), true
	case *ast.SelectorExpr:
		if p := f.pkgOf(e.X); p != "" {
			return "pkg:" + p + "." + e.Sel.Name, true
		}
		k, ok := f.keyOf(e.X)
		if !ok {
			return "", false
		}
		return k + "." + e.Sel.Name, true
	case *ast.ParenExpr:
		return f.keyOf(e.X)
	case *ast.StarExpr:
		return f.keyOf(e.X)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return f.keyOf(e.X)
		}
	}
	return "", false
}

// constString returns the value of a constant string expression.
func (f *file) constString(e ast.Expr) (string, bool) {
	if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	if tv, ok := f.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	return "", false
}

// isConst reports whether an expression is a constant (a literal or a declared constant).
func (f *file) isConst(e ast.Expr) bool {
	if _, ok := e.(*ast.BasicLit); ok {
		return true
	}
	tv, ok := f.info.Types[e]
	return ok && tv.Value != nil
}

// harmless reports whether the type checker knows the expression to be a number or a boolean (or a slice of
// numbers other than bytes and runes): such a value cannot carry an injection.
func (f *file) harmless(e ast.Expr) bool {
	t := f.info.TypeOf(e)
	if t == nil {
		return false
	}
	inSlice := false
	for range 3 {
		switch u := t.Underlying().(type) {
		case *types.Basic:
			if inSlice && (u.Kind() == types.Uint8 || u.Kind() == types.Int32) {
				return false // []byte and []rune carry text
			}
			return u.Info()&(types.IsNumeric|types.IsBoolean) != 0
		case *types.Slice:
			t, inSlice = u.Elem(), true
		case *types.Array:
			t, inSlice = u.Elem(), true
		case *types.Pointer:
			t = u.Elem()
		default:
			return false
		}
	}
	return false
}

// text returns an expression as written, on one line and at most 120 characters.
func (f *file) text(n ast.Node) string {
	start, end := f.tok.Offset(n.Pos()), f.tok.Offset(n.End())
	if start < 0 || end > len(f.src) || start >= end {
		return ""
	}
	s := strings.Join(strings.Fields(string(f.src[start:end])), " ")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "( ", "("), ", )", ")")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// line returns the line of a position.
func (f *file) line(p token.Pos) int { return f.tok.Line(p) }

// typeHint names the type a type expression denotes, when Seam can tell: "net/http.Client" for
// *http.Client, the bare name for a type declared in the file.
func (f *file) typeHint(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return f.typeHint(t.X)
	case *ast.ParenExpr:
		return f.typeHint(t.X)
	case *ast.SelectorExpr:
		if p := f.pkgOf(t.X); p != "" {
			return p + "." + t.Sel.Name
		}
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr: // a generic instance
		return f.typeHint(t.X)
	}
	return ""
}

// fieldHint returns the type hint of field name of a struct type declared in the file.
func (f *file) fieldHint(structName, name string) string {
	st := f.structs[structName]
	if st == nil {
		return ""
	}
	for _, fld := range st.Fields.List {
		for _, n := range fld.Names {
			if n.Name == name {
				return f.typeHint(fld.Type)
			}
		}
		if len(fld.Names) == 0 && f.typeHint(fld.Type) == name { // embedded
			return f.typeHint(fld.Type)
		}
	}
	return ""
}

// imported reports whether the file imports a package whose path has the prefix.
func (f *file) imported(prefix string) bool {
	for _, p := range f.imports {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}
