package terraform

import (
	"encoding/base64"
	"fmt"
	"io/fs"
	"path"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// fileResult is a cached read of a file a function asked for.
type fileResult struct {
	data []byte
	err  error
}

// readRel reads a file named by file() or templatefile(): relative to the root module's directory, as
// Terraform resolves it, falling back to the calling module's directory. Paths that leave the scanned root are
// refused; the size cap applies.
func (x *extraction) readRel(rootDir, modDir, p string) (string, []byte, error) {
	if path.IsAbs(p) {
		return "", nil, fmt.Errorf("absolute path %q is outside the scanned directory", p)
	}
	var firstErr error
	for _, dir := range []string{rootDir, modDir} {
		full := path.Clean(path.Join(dir, p))
		if !fs.ValidPath(full) {
			firstErr = orErr(firstErr, fmt.Errorf("%q is outside the scanned directory", p))
			continue
		}
		data, err := x.cachedRead(full)
		if err == nil {
			return full, data, nil
		}
		firstErr = orErr(firstErr, err)
	}
	return "", nil, firstErr
}

func orErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// cachedRead reads a file through the scanned FS once.
func (x *extraction) cachedRead(p string) ([]byte, error) {
	x.mu.Lock()
	r, ok := x.fileCache[p]
	x.mu.Unlock()
	if ok {
		return r.data, r.err
	}
	data, err := readFile(x.fsys, p, x.max)
	x.mu.Lock()
	x.fileCache[p] = fileResult{data, err}
	x.mu.Unlock()
	return data, err
}

// functions returns the function table for expressions of the module in modDir: the base functions plus
// file(), fileexists(), filebase64() and templatefile() bound to the root and module directories.
func (r *rootRun) functions(modDir string) map[string]function.Function {
	if f, ok := r.funcs[modDir]; ok {
		return f
	}
	base := baseFunctions()
	f := make(map[string]function.Function, len(base)+4)
	for k, v := range base {
		f[k] = v
	}
	read := func(p string) (string, []byte, error) { return r.x.readRel(r.dir, modDir, p) }
	f["file"] = fileFunc(read, false)
	f["filebase64"] = fileFunc(read, true)
	f["fileexists"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			_, _, err := read(args[0].AsString())
			return cty.BoolVal(err == nil), nil
		},
	})
	withoutTemplate := f
	f = make(map[string]function.Function, len(withoutTemplate)+1)
	for k, v := range withoutTemplate {
		f[k] = v
	}
	f["templatefile"] = r.templateFunc(read, withoutTemplate)
	r.funcs[modDir] = f
	return f
}

func fileFunc(read func(string) (string, []byte, error), b64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			_, data, err := read(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			if b64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(data)), nil
			}
			if !utf8.Valid(data) {
				return cty.NilVal, fmt.Errorf("%s is not UTF-8 text", args[0].AsString())
			}
			return cty.StringVal(string(data)), nil
		},
	})
}

// templateFunc is templatefile(): the template is evaluated like any expression (a JSON template with unknown
// parts keeps its structure), with the given variables and every function but templatefile itself.
func (r *rootRun) templateFunc(read func(string) (string, []byte, error), funcs map[string]function.Function) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String},
			{Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
		Type: function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			full, data, err := read(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			r.x.addSource(full, data)
			expr, diags := hclsyntax.ParseTemplate(data, full, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.NilVal, fmt.Errorf("template %s: %s", full, diags.Error())
			}
			vars, marks := args[1].Unmark()
			if !vars.IsKnown() {
				return cty.UnknownVal(cty.String).WithMarks(marks), nil
			}
			if vars.IsNull() || !(vars.Type().IsObjectType() || vars.Type().IsMapType()) {
				return cty.NilVal, fmt.Errorf("templatefile variables must be a map or object")
			}
			vm := map[string]cty.Value{}
			for it := vars.ElementIterator(); it.Next(); {
				k, v := it.Element()
				vm[k.AsString()] = v.WithMarks(marks)
			}
			ev := &evaluator{src: r.x.srcText}
			v, _ := ev.eval(expr, &hcl.EvalContext{Variables: vm, Functions: funcs})
			if !v.IsKnown() {
				_, vmarks := v.Unmark()
				return cty.UnknownVal(cty.String).WithMarks(vmarks), nil
			}
			return convert.Convert(v, cty.String)
		},
	})
}
