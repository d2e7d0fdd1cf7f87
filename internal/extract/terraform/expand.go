package terraform

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/seam-sec/seam/internal/model"
)

// maxInstances caps count and for_each: a larger expansion is treated as unknown (one node) with a diagnostic,
// so a typo or a hostile file cannot make the scan explode.
const maxInstances = 10000

// maxBodies caps the bodies (resource instances and nested blocks) one root module may evaluate; expansions past
// it are unknown, with one diagnostic. Real repositories stay far below it.
const maxBodies = 500000

// overBudget reports whether n more bodies would exceed the root module's budget, recording a diagnostic the
// first time.
func (s *scope) overBudget(n int, rng hcl.Range) bool {
	if s.run.bodies+n <= maxBodies {
		return false
	}
	if !s.run.budgetHit {
		s.run.budgetHit = true
		s.run.diag(rng, model.SeverityWarning, fmt.Sprintf("the root module expands to more than %d resource instances and "+
			"blocks; further count, for_each and dynamic expansions are treated as unknown", maxBodies))
	}
	return true
}

// expansion modes.
const (
	expSingle  = iota // neither count nor for_each
	expCount          // count with a known value
	expForEach        // for_each with known keys
	expUnknown        // count or for_each whose value is not known: one instance without a key
)

// instance is one instance of a resource, data source or module call.
type instance struct {
	keyStr string               // "", "[0]", `["a"]`
	key    cty.Value            // cty.NilVal for expSingle and expUnknown
	extra  map[string]cty.Value // count or each
}

// expansion is how a declaration expands into instances.
type expansion struct {
	mode    int
	insts   []instance
	reasons []string   // why the expansion is unknown
	attr    *attribute // the count or for_each argument
}

// expand evaluates count or for_each.
func (s *scope) expand(d *decl) expansion {
	switch {
	case d.count != nil:
		return s.expandCount(d)
	case d.forEach != nil:
		return s.expandForEach(d)
	}
	return expansion{mode: expSingle, insts: []instance{{}}}
}

func (s *scope) unknownExpansion(d *decl, a *attribute, reasons []string) expansion {
	if len(reasons) == 0 {
		reasons = []string{a.name + " is not known"}
	}
	reason := strings.Join(reasons, "; ")
	extra := map[string]cty.Value{}
	if a.name == "count" {
		extra["count"] = cty.ObjectVal(map[string]cty.Value{"index": unknownVal(cty.Number, "count.index", reason)})
	} else {
		extra["each"] = cty.ObjectVal(map[string]cty.Value{"key": unknownVal(cty.String, "each.key", reason),
			"value": unknownVal(cty.DynamicPseudoType, "each.value", reason)})
	}
	return expansion{mode: expUnknown, insts: []instance{{extra: extra}}, reasons: reasons, attr: a}
}

func (s *scope) expandCount(d *decl) expansion {
	a := d.count
	v, failed := s.run.ev.eval(a.expr, s.ctx(d.travs, nil))
	v, marks := v.UnmarkDeep()
	if failed || !v.IsKnown() {
		return s.unknownExpansion(d, a, reasonsOf(marks))
	}
	n, err := countValue(v)
	if err == nil && s.overBudget(n, a.rng) {
		err = fmt.Errorf("is over the evaluation budget")
	}
	if err != nil {
		s.run.diag(a.rng, model.SeverityWarning, "count of "+s.prefix+d.key+" "+err.Error())
		return s.unknownExpansion(d, a, []string{"count " + err.Error()})
	}
	exp := expansion{mode: expCount, attr: a}
	for i := 0; i < n; i++ {
		exp.insts = append(exp.insts, instance{keyStr: "[" + strconv.Itoa(i) + "]", key: cty.NumberIntVal(int64(i)),
			extra: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))})}})
	}
	return exp
}

// countValue reads a known count.
func countValue(v cty.Value) (int, error) {
	if v.IsNull() {
		return 0, fmt.Errorf("is null")
	}
	nv, err := convertTo(v, cty.Number)
	if err != nil {
		return 0, fmt.Errorf("is not a number")
	}
	bf := nv.AsBigFloat()
	n, acc := bf.Int64()
	switch {
	case acc != big.Exact:
		return 0, fmt.Errorf("is not a whole number")
	case n < 0:
		return 0, fmt.Errorf("is negative")
	case n > maxInstances:
		return 0, fmt.Errorf("is %d, over Seam's cap of %d instances", n, maxInstances)
	}
	return int(n), nil
}

func (s *scope) expandForEach(d *decl) expansion {
	a := d.forEach
	v, failed := s.run.ev.eval(a.expr, s.ctx(d.travs, nil))
	v, marks := v.Unmark()
	if failed || !v.IsKnown() {
		return s.unknownExpansion(d, a, reasonsOf(allMarks(v.WithMarks(marks))))
	}
	if _, partial := marks[partialMark{}]; partial {
		return s.unknownExpansion(d, a, reasonsOf(marks))
	}
	warn := func(msg string) expansion {
		s.run.diag(a.rng, model.SeverityWarning, "for_each of "+s.prefix+d.key+" "+msg)
		return s.unknownExpansion(d, a, []string{"for_each " + msg})
	}
	ty := v.Type()
	switch {
	case v.IsNull():
		return warn("is null")
	case !ty.IsMapType() && !ty.IsObjectType() && !ty.IsSetType() && !ty.IsListType() && !ty.IsTupleType():
		return warn("is not a map or a set of strings")
	case v.LengthInt() > maxInstances:
		return warn(fmt.Sprintf("has %d elements, over Seam's cap of %d instances", v.LengthInt(), maxInstances))
	case s.overBudget(v.LengthInt(), a.rng):
		return s.unknownExpansion(d, a, []string{"for_each is over the evaluation budget"})
	}
	if ty.IsListType() || ty.IsTupleType() {
		s.run.diag(a.rng, model.SeverityWarning, "for_each of "+s.prefix+d.key+
			" is a list; Terraform needs a map or a set (toset()); its strings are used as keys")
	}
	exp := expansion{mode: expForEach, attr: a}
	seen := map[string]bool{}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		if !(ty.IsMapType() || ty.IsObjectType()) {
			k = ev
		}
		k, _ = k.Unmark()
		if !k.IsKnown() || k.IsNull() || k.Type() != cty.String || hasPlaceholder(k.AsString()) {
			return s.unknownExpansion(d, a, append(reasonsOf(marks), "for_each has keys that are not known strings"))
		}
		key := k.AsString()
		if seen[key] {
			continue
		}
		seen[key] = true
		each := cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(key), "value": ev.WithMarks(marks)})
		exp.insts = append(exp.insts, instance{keyStr: instanceKey(key), key: cty.StringVal(key),
			extra: map[string]cty.Value{"each": each}})
	}
	return exp
}

// instanceKey renders a string instance key as Terraform does in addresses: ["a"].
func instanceKey(k string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`, "${", "$${", "%{", "%%{")
	return `["` + r.Replace(k) + `"]`
}

// combine assembles the value of a declaration from its instances' values: the value itself, a tuple for
// count, an object for for_each, and for an unknown expansion an unknown that keeps the instances' references.
func combine(exp expansion, vals []cty.Value, base string) cty.Value {
	switch exp.mode {
	case expSingle:
		return vals[0]
	case expCount:
		if len(vals) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(vals)
	case expForEach:
		m := make(map[string]cty.Value, len(vals))
		for i, in := range exp.insts {
			m[in.key.AsString()] = vals[i]
		}
		return cty.ObjectVal(m)
	}
	marks := cty.NewValueMarks(reasonMark{"the instances of " + base + " are not known: " + strings.Join(exp.reasons, "; ")})
	for _, v := range vals {
		for _, r := range refsOf(v) {
			marks[refMark{r}] = struct{}{}
		}
	}
	return cty.DynamicVal.WithMarks(marks)
}

// convertTo converts v to ty, unmarking first.
func convertTo(v cty.Value, ty cty.Type) (cty.Value, error) {
	v, _ = v.UnmarkDeep()
	return convert.Convert(v, ty)
}
