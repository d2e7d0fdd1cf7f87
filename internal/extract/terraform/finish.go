package terraform

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// varFile is a parsed variable definitions file.
type varFile struct {
	vals map[string]input
}

// varFile reads a variable definitions file once: from the parsed files, or through the FS for a --var-file
// the walker did not hand over. Values must be literals, as Terraform requires.
func (x *extraction) varFile(p string) *varFile {
	x.mu.Lock()
	vf, ok := x.varCache[p]
	x.mu.Unlock()
	if ok {
		return vf
	}
	vf = &varFile{vals: map[string]input{}}
	var diags []model.Diagnostic
	f := x.files[p]
	switch {
	case f != nil:
	case !fs.ValidPath(p):
		diags = append(diags, model.Diagnostic{File: p, Severity: model.SeverityError, Extractor: Name,
			Message: "variable file is outside the scanned directory"})
	default:
		f = parseFile(x.fsys, p, x.max)
		diags = append(diags, f.diags...)
	}
	if f != nil && f.body != nil {
		for _, a := range f.body.attrs {
			v, vd := a.expr.Value(nil)
			if vd.HasErrors() {
				diags = append(diags, convertDiags(vd, model.SeverityWarning)...)
				continue
			}
			vf.vals[a.name] = input{val: v, rng: a.rng}
		}
	}
	x.mu.Lock()
	if prev, ok := x.varCache[p]; ok {
		vf = prev
	} else {
		x.varCache[p] = vf
		x.lateDiags = append(x.lateDiags, diags...)
	}
	x.mu.Unlock()
	return vf
}

// rootInputs collects the values of a root module's variables: its automatic var files in Terraform's order,
// then the var files given in Options. A value for a variable the module does not declare is reported when it
// comes from the module's own automatic files.
func (r *rootRun) rootInputs(mod *module) map[string]input {
	inputs := map[string]input{}
	auto := r.x.autoVars[r.dir]
	files := append(append([]string(nil), auto...), r.x.opts.TerraformVarFiles...)
	for i, p := range files {
		if i >= len(auto) {
			p = path.Clean(p)
		}
		vf := r.x.varFile(p)
		for _, name := range sortedKeys(vf.vals) {
			if mod.varIdx[name] == nil {
				if i < len(auto) {
					r.diag(vf.vals[name].rng, model.SeverityWarning,
						fmt.Sprintf("value for undeclared variable %q (the root module in %s does not declare it)", name, r.dir))
				}
				continue
			}
			inputs[name] = vf.vals[name]
		}
	}
	return inputs
}

// finish merges the facts of every root module, removes repeats (a module evaluated for several instances
// reports the same problem once) and sorts everything.
func (x *extraction) finish(results []model.Facts) model.Facts {
	var out model.Facts
	var n, e int
	for _, r := range results {
		n, e = n+len(r.Nodes), e+len(r.Edges)
	}
	out.Nodes, out.Edges = make([]model.Node, 0, n), make([]model.Edge, 0, e)
	out.Diagnostics = append(append(out.Diagnostics, x.diags...), x.lateDiags...)
	for _, r := range results {
		out.Merge(r)
	}
	out.Nodes = uniqueNodes(out.Nodes)
	out.Edges = uniqueEdges(out.Edges)
	model.SortDiagnostics(out.Diagnostics)
	out.Diagnostics = compact(out.Diagnostics)
	model.SortAssumptions(out.Assumptions)
	out.Assumptions = compact(out.Assumptions)
	return out
}

// uniqueNodes sorts nodes by ID and keeps one per ID: the first by provenance, with the others' provenance in
// Also (an implicit image named by two task definitions).
func uniqueNodes(ns []model.Node) []model.Node {
	sort.SliceStable(ns, func(i, j int) bool {
		if ns[i].ID != ns[j].ID {
			return ns[i].ID < ns[j].ID
		}
		return ns[i].Prov.Less(ns[j].Prov)
	})
	out := ns[:0]
	for _, n := range ns {
		if k := len(out); k > 0 && out[k-1].ID == n.ID {
			if last := &out[k-1]; last.Prov != n.Prov && !containsProv(last.Also, n.Prov) {
				last.Also = append(last.Also, n.Prov)
			}
			continue
		}
		out = append(out, n)
	}
	return out
}

func containsProv(ps []model.Provenance, p model.Provenance) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// uniqueEdges sorts edges by key and keeps the first by provenance for each key.
func uniqueEdges(es []model.Edge) []model.Edge {
	sort.SliceStable(es, func(i, j int) bool {
		if c := compareEdgeKeys(es[i], es[j]); c != 0 {
			return c < 0
		}
		if es[i].Prov != es[j].Prov {
			return es[i].Prov.Less(es[j].Prov)
		}
		ai, _ := es[i].Attrs["attribute"].(string)
		aj, _ := es[j].Attrs["attribute"].(string)
		return ai < aj
	})
	out := es[:0]
	for _, e := range es {
		if k := len(out); k > 0 && compareEdgeKeys(out[k-1], e) == 0 {
			continue
		}
		out = append(out, e)
	}
	return out
}

// compareEdgeKeys orders edges as their keys ("from -kind-> to") sort, without building the strings.
func compareEdgeKeys(a, b model.Edge) int {
	if c := strings.Compare(a.From, b.From); c != 0 {
		return c
	}
	if a.Kind != b.Kind {
		// The key continues " -kind-> to": compare "kind-> to" as the key would.
		return strings.Compare(string(a.Kind)+"-> "+a.To, string(b.Kind)+"-> "+b.To)
	}
	return strings.Compare(a.To, b.To)
}

// compact removes adjacent repeats from a sorted slice.
func compact[T comparable](xs []T) []T {
	if len(xs) == 0 {
		return xs
	}
	out := xs[:1]
	for _, x := range xs[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
