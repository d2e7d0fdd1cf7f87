package policy

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/graph"
	"github.com/seam-sec/seam/internal/model"
	"github.com/seam-sec/seam/internal/paths"
)

// Extractor is recorded on the diagnostics the engine reports.
const Extractor = "policy"

// Options configure an evaluation.
type Options struct {
	// Config gives the disabled controls and the exceptions; nil means none. Call Set.Enforce first.
	Config *config.Config
	// Now is the clock exceptions expire by; the zero time means time.Now().
	Now time.Time
	// Workers bounds the controls evaluated at once; 0 means GOMAXPROCS.
	Workers int
}

// raw is what one control's evaluation returned, before it becomes results.
type raw struct {
	values []any
	err    error
	took   time.Duration
}

// Evaluate runs every control not disabled over the graph: each distinct selection's input is built once and
// shared by the controls that select the same nodes, and the controls run in parallel. A control that fails
// at evaluation time, or returns a malformed result, is a diagnostic; the others go on.
func Evaluate(ctx context.Context, s *Set, g *graph.Graph, pr *paths.Result, opt Options) *Report {
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	active, rep := s.active(opt.Config)
	built := time.Now()
	in := newInputs(g, pr)
	sels := make([]Select, 0, len(active))
	for _, i := range active {
		sels = append(sels, s.Controls[i].Select)
	}
	in.prepare(sels, workers)
	values := map[string]ast.Value{}
	selected := map[string][]string{}
	for _, i := range active {
		k := s.Controls[i].Select.key()
		if _, ok := values[k]; !ok {
			values[k], selected[k] = in.selection(s.Controls[i].Select)
		}
	}
	rep.InputDuration = time.Since(built)
	raws := make([]raw, len(active))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, max(len(active), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				i := active[j]
				raws[j] = evalOne(ctx, s.queries[i], values[s.Controls[i].Select.key()])
			}
		}()
	}
	for j := range active {
		jobs <- j
	}
	close(jobs)
	wg.Wait()

	ex := newExceptionState(opt.Config, opt.Now)
	for j, i := range active {
		c := s.Controls[i]
		rs, ds := results(g, c, raws[j])
		for k := range rs {
			ex.apply(&rs[k])
		}
		rep.Controls = append(rep.Controls, c)
		rep.Evaluated = append(rep.Evaluated, selected[c.Select.key()])
		rep.Costs = append(rep.Costs, Cost{ControlID: c.ID, Nodes: len(selected[c.Select.key()]), Results: len(rs), Duration: raws[j].took})
		rep.Results = append(rep.Results, rs...)
		rep.Diagnostics = append(rep.Diagnostics, ds...)
	}
	rs, ds := ex.expired(s)
	rep.Results = append(rep.Results, rs...)
	rep.Diagnostics = append(rep.Diagnostics, ds...)
	sortResults(rep.Results)
	model.SortDiagnostics(rep.Diagnostics)
	return rep
}

// active returns the indexes of the controls to evaluate and a report holding the disabled ones.
func (s *Set) active(cfg *config.Config) ([]int, *Report) {
	rep := &Report{Results: []Result{}, Diagnostics: []model.Diagnostic{}}
	off := map[string]int{}
	if cfg != nil {
		for i, id := range cfg.Policies.Disable {
			off[id] = lineAt(cfg.Policies.DisableLines, i)
		}
	}
	var active []int
	for i, c := range s.Controls {
		if line, ok := off[c.ID]; ok && !c.Enforced {
			rep.Disabled = append(rep.Disabled, Disabled{ControlID: c.ID, File: cfg.File, Line: line})
			continue
		}
		active = append(active, i)
	}
	return active, rep
}

// evalOne evaluates one prepared query; a panic inside OPA becomes an error.
func evalOne(ctx context.Context, q rego.PreparedEvalQuery, input ast.Value) (r raw) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			r = raw{err: fmt.Errorf("evaluation crashed (please report it): %v\n%s", p, debug.Stack()), took: time.Since(start)}
		}
	}()
	rs, err := q.Eval(ctx, rego.EvalParsedInput(input))
	r.took = time.Since(start)
	if err != nil {
		r.err = err
		return r
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return r // deny is undefined: nothing to report
	}
	vals, ok := rs[0].Expressions[0].Value.([]any)
	if !ok {
		r.err = fmt.Errorf("deny is not a set of objects (got %T)", rs[0].Expressions[0].Value)
	}
	r.values = vals
	return r
}

// results turns what a control returned into results located at the node's file and the field's line. A
// malformed element is dropped with one diagnostic per kind of problem.
func results(g *graph.Graph, c Control, r raw) ([]Result, []model.Diagnostic) {
	var ds []model.Diagnostic
	diag := func(format string, args ...any) {
		ds = append(ds, model.Diagnostic{File: c.File, Line: c.Line, Severity: model.SeverityError, Extractor: Extractor,
			Message: c.ID + ": " + fmt.Sprintf(format, args...)})
	}
	if r.err != nil {
		diag("evaluation failed: %v", r.err)
		return nil, ds
	}
	var rs []Result
	bad := map[string]int{}
	for _, v := range r.values {
		res, problem := result(g, c, v)
		if problem != "" {
			bad[problem]++
			continue
		}
		rs = append(rs, res)
	}
	for _, p := range sortedKeys(bad) {
		diag("%d result(s) dropped: %s", bad[p], p)
	}
	return rs, ds
}

// result reads one element of deny, or says what is wrong with it.
func result(g *graph.Graph, c Control, v any) (Result, string) {
	m, ok := v.(map[string]any)
	if !ok {
		return Result{}, "a result must be an object with node and msg"
	}
	id, _ := m["node"].(string)
	msg, _ := m["msg"].(string)
	if id == "" || msg == "" {
		return Result{}, "a result needs a node (string) and a msg (string)"
	}
	n, ok := g.Node(id)
	if !ok {
		return Result{}, fmt.Sprintf("node %q is not in the graph", id)
	}
	field, _ := m["field"].(string)
	r := Result{ControlID: c.ID, Severity: c.Severity, NodeID: id, File: n.Prov.File, Line: ResolveLine(n, field),
		Msg: msg, Field: field, Status: StatusFail, Owner: ownerOf(n), Fingerprint: Fingerprint(c.ID, id, field)}
	if u, ok := m["unknown"].(string); ok && u != "" {
		r.Status, r.Unknown = StatusUnknown, u
	}
	if rel, ok := m["related"].([]any); ok {
		for _, x := range rel {
			if s, ok := x.(string); ok && s != "" {
				r.Related = append(r.Related, s)
			}
		}
		sort.Strings(r.Related)
	}
	return r, ""
}

// ownerOf returns the ID of a node's derived owner without its "owner:" prefix, or "".
func ownerOf(n *model.Node) string {
	d, ok := n.Derived["owner"]
	if !ok {
		return ""
	}
	m, _ := d.Value.(map[string]any)
	o, _ := m["owner"].(string)
	return strings.TrimPrefix(o, "owner:")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
