package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// baseFunctions are the Terraform functions that do not read files, built once. Terraform functions missing
// here are "unknown functions": a call becomes an unknown value with an assumption, never a failure.
var baseFunctions = sync.OnceValue(func() map[string]function.Function {
	f := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc, "log": stdlib.LogFunc,
		"max": stdlib.MaxFunc, "min": stdlib.MinFunc, "parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc,
		"signum": stdlib.SignumFunc,
		"chomp":  stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc, "regex": stdlib.RegexFunc,
		"regexall": stdlib.RegexAllFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc,
		"substr": stdlib.SubstrFunc, "title": stdlib.TitleFunc, "trim": stdlib.TrimFunc,
		"trimprefix": stdlib.TrimPrefixFunc, "trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"upper":     stdlib.UpperFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc, "coalescelist": stdlib.CoalesceListFunc,
		"compact": stdlib.CompactFunc, "concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc,
		"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
		"keys": stdlib.KeysFunc, "lookup": stdlib.LookupFunc, "merge": stdlib.MergeFunc, "range": stdlib.RangeFunc,
		"reverse": stdlib.ReverseListFunc, "setintersection": stdlib.SetIntersectionFunc,
		"setproduct": stdlib.SetProductFunc, "setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "sort": stdlib.SortFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "jsondecode": stdlib.JSONDecodeFunc, "formatdate": stdlib.FormatDateFunc,
		"timeadd": stdlib.TimeAddFunc,
		"try":     tryFunc, "can": canFunc,
		"length": lengthFunc, "replace": replaceFunc, "jsonencode": jsonencodeFunc,
		"startswith": strPredicate(strings.HasPrefix), "endswith": strPredicate(strings.HasSuffix),
		"strcontains": strPredicate(strings.Contains),
		"index":       indexFunc, "one": oneFunc, "sum": sumFunc, "alltrue": boolsFunc(true), "anytrue": boolsFunc(false),
		"base64encode": strFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"base64decode": strFunc(func(s string) (string, error) {
			b, err := base64.StdEncoding.DecodeString(s)
			return string(b), err
		}),
		"urlencode": strFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"md5":       hashFunc(md5.New, false), "sha1": hashFunc(sha1.New, false), "sha256": hashFunc(sha256.New, false),
		"sha512": hashFunc(sha512.New, false), "base64sha256": hashFunc(sha256.New, true),
		"base64sha512": hashFunc(sha512.New, true),
		"basename":     strFunc(func(s string) (string, error) { return path.Base(s), nil }),
		"dirname":      strFunc(func(s string) (string, error) { return path.Dir(s), nil }),
		"abspath":      strFunc(func(s string) (string, error) { return path.Clean(s), nil }),
		"tobool":       toFunc(cty.Bool), "tonumber": toFunc(cty.Number), "tostring": toFunc(cty.String),
		"tolist": toFunc(cty.List(cty.DynamicPseudoType)), "toset": toFunc(cty.Set(cty.DynamicPseudoType)),
		"tomap":     toFunc(cty.Map(cty.DynamicPseudoType)),
		"sensitive": sensitiveFunc, "nonsensitive": nonsensitiveFunc,
		"cidrsubnet": cidrSubnetFunc, "cidrhost": cidrHostFunc, "cidrnetmask": cidrNetmaskFunc,
	}
	for name, reason := range map[string]string{
		"timestamp": "timestamp() changes on every run", "plantimestamp": "plantimestamp() changes on every plan",
		"uuid": "uuid() changes on every run", "bcrypt": "bcrypt() is salted at random",
		"pathexpand": "pathexpand() depends on the machine running Terraform",
	} {
		f[name] = unknownFunc(name, reason)
	}
	return f
})

// tryFunc is Terraform's try: the first argument that evaluates without errors. Like Terraform it answers
// unknown when that argument is not wholly known, but the answer keeps the argument's marks, so
// try(aws_iam_role.this[0].arn, "") still refers to the role and says why it is unknown.
var tryFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "expressions", Type: customdecode.ExpressionClosureType},
	Type: func(args []cty.Value) (cty.Type, error) {
		v, err := try(args)
		if err != nil {
			return cty.NilType, err
		}
		return v.Type(), nil
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return try(args) },
})

func try(args []cty.Value) (cty.Value, error) {
	var problems []string
	for _, arg := range args {
		v, diags := customdecode.ExpressionClosureFromVal(arg).Value()
		if diags.HasErrors() {
			for _, d := range diags {
				problems = append(problems, diagText(d))
			}
			continue
		}
		if !v.IsWhollyKnown() {
			return cty.DynamicVal.WithMarks(withoutExprMarks(allMarks(v))), nil
		}
		return v, nil
	}
	return cty.NilVal, fmt.Errorf("no expression succeeded: %s", strings.Join(problems, "; "))
}

// canFunc is Terraform's can: whether its argument evaluates without errors (unknown while it is not wholly
// known, keeping its marks).
var canFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "expression", Type: customdecode.ExpressionClosureType}},
	Type:   function.StaticReturnType(cty.Bool),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, diags := customdecode.ExpressionClosureFromVal(args[0]).Value()
		switch {
		case diags.HasErrors():
			return cty.False, nil
		case !v.IsWhollyKnown():
			return cty.UnknownVal(cty.Bool).WithMarks(withoutExprMarks(allMarks(v))), nil
		}
		return cty.True, nil
	},
})

// withoutExprMarks drops expression marks: a value derived from another one stands for a new expression.
func withoutExprMarks(marks cty.ValueMarks) cty.ValueMarks {
	out := cty.ValueMarks{}
	for m := range marks {
		if _, ok := m.(exprMark); !ok {
			out[m] = struct{}{}
		}
	}
	return out
}

// dyn is a parameter that takes any value, unknown and null included.
func dyn(name string) function.Parameter {
	return function.Parameter{Name: name, Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true,
		AllowDynamicType: true}
}

// coalesceFunc is Terraform's coalesce: the first argument that is neither null nor an empty string.
var coalesceFunc = function.New(&function.Spec{
	VarParam: &function.Parameter{Name: "vals", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true,
		AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		types := make([]cty.Type, len(args))
		for i, a := range args {
			types[i] = a.Type()
		}
		ty, _ := convert.UnifyUnsafe(types)
		if ty == cty.NilType {
			return cty.NilType, fmt.Errorf("all arguments must have the same type")
		}
		return ty, nil
	},
	Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
		for _, a := range args {
			if !a.IsKnown() {
				return cty.UnknownVal(ty), nil
			}
			if a.IsNull() || (a.Type() == cty.String && a.AsString() == "") {
				continue
			}
			return convert.Convert(a, ty)
		}
		return cty.NilVal, fmt.Errorf("no non-null, non-empty-string arguments")
	},
})

var lengthFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if args[0].Type() == cty.String {
			return stdlib.Strlen(args[0])
		}
		return stdlib.Length(args[0])
	},
})

// replaceFunc is Terraform's replace: a substring wrapped in slashes is a regular expression.
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "substr", Type: cty.String},
		{Name: "replace", Type: cty.String}},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && strings.HasPrefix(sub, "/") && strings.HasSuffix(sub, "/") {
			return stdlib.RegexReplace(args[0], cty.StringVal(sub[1:len(sub)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})

// jsonencodeFunc keeps the structure around unknown parts (see encodeJSON).
var jsonencodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "val", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true,
		AllowDynamicType: true, AllowMarked: true}},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return encodeJSON(args[0], false), nil },
})

func strPredicate(fn func(s, sub string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}, {Name: "sub", Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(fn(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

func strFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "str", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := fn(args[0].AsString())
			if err != nil {
				return cty.NilVal, err
			}
			return cty.StringVal(s), nil
		},
	})
}

func hashFunc(h func() hash.Hash, b64 bool) function.Function {
	return strFunc(func(s string) (string, error) {
		x := h()
		x.Write([]byte(s))
		if b64 {
			return base64.StdEncoding.EncodeToString(x.Sum(nil)), nil
		}
		return hex.EncodeToString(x.Sum(nil)), nil
	})
}

// unknownFunc is a function whose result Seam cannot know.
func unknownFunc(name, reason string) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true,
			AllowNull: true, AllowDynamicType: true, AllowMarked: true},
		Type: function.StaticReturnType(cty.String),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return unknownVal(cty.String, name+"()", reason), nil
		},
	})
}

func toFunc(ty cty.Type) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{dyn("v")},
		Type:   function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if args[0].IsNull() {
				return args[0], nil
			}
			return convert.Convert(args[0], ty)
		},
	})
}

var indexFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}, {Name: "value", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].CanIterateElements() {
			return cty.NilVal, fmt.Errorf("index needs a list")
		}
		i := 0
		for it := args[0].ElementIterator(); it.Next(); i++ {
			_, v := it.Element()
			if eq := v.Equals(args[1]); eq.IsKnown() && eq.True() {
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		return cty.NilVal, fmt.Errorf("item not found")
	},
})

var oneFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].CanIterateElements() {
			return cty.NilVal, fmt.Errorf("one needs a list or set")
		}
		switch args[0].LengthInt() {
		case 0:
			return cty.NullVal(cty.DynamicPseudoType), nil
		case 1:
			it := args[0].ElementIterator()
			it.Next()
			_, v := it.Element()
			return v, nil
		}
		return cty.NilVal, fmt.Errorf("must have no more than one element")
	},
})

var sumFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
	Type:   function.StaticReturnType(cty.Number),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].CanIterateElements() {
			return cty.NilVal, fmt.Errorf("sum needs a list or set of numbers")
		}
		total := cty.Zero
		for it := args[0].ElementIterator(); it.Next(); {
			_, v := it.Element()
			n, err := convert.Convert(v, cty.Number)
			if err != nil || n.IsNull() {
				return cty.NilVal, fmt.Errorf("sum needs numbers")
			}
			total = total.Add(n)
		}
		return total, nil
	},
})

func boolsFunc(all bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "list", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if !args[0].CanIterateElements() {
				return cty.NilVal, fmt.Errorf("needs a list of bools")
			}
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				b, err := convert.Convert(v, cty.Bool)
				if err != nil {
					return cty.NilVal, fmt.Errorf("needs a list of bools")
				}
				if !b.IsKnown() {
					return cty.UnknownVal(cty.Bool), nil
				}
				if isTrue := !b.IsNull() && b.True(); isTrue != all {
					return cty.BoolVal(!all), nil
				}
			}
			return cty.BoolVal(all), nil
		},
	})
}

var sensitiveFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true,
		AllowDynamicType: true, AllowMarked: true}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0].Mark(sensitiveMark{}), nil },
})

var nonsensitiveFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true,
		AllowDynamicType: true, AllowMarked: true}},
	Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return withoutMarks(args[0], func(m any) bool { return m == sensitiveMark{} }), nil
	},
})
