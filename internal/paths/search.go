package paths

import (
	"container/heap"
	"context"
	"math"
	"sort"

	"github.com/seam-sec/seam/internal/model"
)

// Bounds limit the search. Zero values take the defaults.
type Bounds struct {
	MaxDepth      int // steps in a path (default 10)
	PerState      int // times a state may be reached by different prefixes (k-best; default 3)
	PerPair       int // paths kept per (entry, target) pair (default 3)
	MaxPaths      int // paths kept in all, best first (default 500)
	MaxExpansions int // states expanded per entry before the search stops and says so (default 2,000,000)
}

func (b Bounds) withDefaults() Bounds {
	if b.MaxDepth <= 0 {
		b.MaxDepth = 10
	}
	if b.PerState <= 0 {
		b.PerState = 3
	}
	if b.PerPair <= 0 {
		b.PerPair = 3
	}
	if b.MaxPaths <= 0 {
		b.MaxPaths = 500
	}
	if b.MaxExpansions <= 0 {
		b.MaxExpansions = 2_000_000
	}
	return b
}

// found is a path the search found: its states' steps, best first by likelihood.
type found struct {
	entry, target State
	steps         []Step // steps[i] leads from states[i] to states[i+1]
	states        []State
	likelihood    float64
}

// searcher runs the best-first search over the states the rules make, computing each state's steps once.
type searcher struct {
	c      *Context
	rules  map[Kind][]Rule
	meta   map[string]Meta
	b      Bounds
	cut    map[string]bool
	index  map[State]int32
	states []State
	succ   [][]Step  // by state index; nil until computed
	succTo [][]int32 // the index of each step's To state, parallel to succ
	done   []bool
	// Truncated is set when an entry's search stopped at MaxExpansions.
	truncated []State
	expanded  int
}

func newSearcher(c *Context, rules []Rule, b Bounds, cut map[string]bool) *searcher {
	s := &searcher{c: c, rules: map[Kind][]Rule{}, meta: map[string]Meta{}, b: b.withDefaults(), cut: cut, index: map[State]int32{}}
	for _, r := range rules {
		m := r.Meta()
		s.meta[m.ID] = m
		for _, k := range m.From {
			s.rules[k] = append(s.rules[k], r)
		}
	}
	return s
}

func (s *searcher) id(st State) int32 {
	if i, ok := s.index[st]; ok {
		return i
	}
	i := int32(len(s.states))
	s.index[st] = i
	s.states = append(s.states, st)
	s.succ = append(s.succ, nil)
	s.succTo = append(s.succTo, nil)
	s.done = append(s.done, false)
	return i
}

// steps returns the steps out of a state, asking every rule for its kind once.
func (s *searcher) steps(i int32) []Step {
	if s.done[i] {
		return s.succ[i]
	}
	st := s.states[i]
	var out []Step
	for _, r := range s.rules[st.Kind] {
		m := r.Meta()
		for _, step := range r.Steps(s.c, st) {
			step.Rule = m.ID
			if step.Likelihood == 0 {
				step.Likelihood = m.Likelihood
			}
			if step.Likelihood <= 0 || step.To == st {
				continue
			}
			step.Likelihood = math.Min(step.Likelihood, 1)
			out = append(out, step)
		}
	}
	to := make([]int32, len(out))
	for j := range out {
		to[j] = s.id(out[j].To)
	}
	s.succ[i], s.succTo[i], s.done[i] = out, to, true
	return out
}

// label is one way of reaching a state: its cost (−log likelihood), the label before it and the step.
type label struct {
	state int32
	cost  float64
	prev  int32 // -1 at the entry
	step  int32 // index into the previous state's steps
	depth int16
}

type queue struct {
	labels *[]label
	items  []int32
}

func (q queue) Len() int { return len(q.items) }
func (q queue) Less(i, j int) bool {
	a, b := (*q.labels)[q.items[i]], (*q.labels)[q.items[j]]
	if a.cost != b.cost {
		return a.cost < b.cost
	}
	return q.items[i] < q.items[j] // first found first: deterministic
}
func (q queue) Swap(i, j int) { q.items[i], q.items[j] = q.items[j], q.items[i] }
func (q *queue) Push(x any)   { q.items = append(q.items, x.(int32)) }
func (q *queue) Pop() any {
	n := len(q.items) - 1
	x := q.items[n]
	q.items = q.items[:n]
	return x
}

// from searches from one entry state and returns the paths it finds to targets, best first.
func (s *searcher) from(ctx context.Context, entry State, targets map[State]Target) []found {
	labels := []label{{state: s.id(entry), prev: -1}}
	q := &queue{labels: &labels, items: []int32{0}}
	b := &bests{per: s.b.PerState} // per state: pops so far, and the PerState best costs pushed
	perTarget := map[State]int{}
	seen := map[string]bool{}
	var out []found
	expanded := 0
	for q.Len() > 0 {
		if expanded%4096 == 0 && ctx.Err() != nil {
			break
		}
		li := heap.Pop(q).(int32)
		l := labels[li]
		if b.popped(l.state) >= s.b.PerState {
			continue
		}
		b.pop(l.state)
		st := s.states[l.state]
		if l.prev >= 0 {
			if t, ok := IsTarget(targets, st); ok && perTarget[t.State] < s.b.PerPair {
				if f, ok := s.build(labels, li, entry); ok && !seen[f.key()] {
					seen[f.key()] = true
					perTarget[t.State]++
					out = append(out, f)
				}
			}
		}
		if int(l.depth) >= s.b.MaxDepth {
			continue
		}
		expanded++
		s.expanded++
		if expanded > s.b.MaxExpansions {
			s.truncated = append(s.truncated, entry)
			break
		}
		steps := s.steps(l.state)
		tos := s.succTo[l.state]
		for si := range steps {
			step := &steps[si]
			if len(s.cut) > 0 && step.Control.ID != "" && s.cut[step.Control.ID] {
				continue // a control treated as applied: the step is gone
			}
			ni := tos[si]
			if b.popped(ni) >= s.b.PerState {
				continue
			}
			cost := l.cost - math.Log(step.Likelihood)
			if !b.keep(ni, cost) || s.onPath(labels, li, ni) {
				continue
			}
			labels = append(labels, label{state: ni, cost: cost, prev: li, step: int32(si), depth: l.depth + 1})
			heap.Push(q, int32(len(labels)-1))
		}
	}
	return out
}

// bests holds, for one entry's search, per state: how many labels were popped, and the PerState best costs
// pushed — a label that cannot be among them is never pushed, so a state with many ways in costs PerState
// labels, not one per way. Flat slices indexed by state: no map on the hot path.
type bests struct {
	per   int
	pops  []uint8
	n     []uint8
	costs []float64 // per*state … per*state+n[state]
}

func (b *bests) grow(state int32) {
	for int(state) >= len(b.pops) {
		b.pops = append(b.pops, 0)
		b.n = append(b.n, 0)
		for i := 0; i < b.per; i++ {
			b.costs = append(b.costs, 0)
		}
	}
}

func (b *bests) popped(state int32) int {
	if int(state) >= len(b.pops) {
		return 0
	}
	return int(b.pops[state])
}

func (b *bests) pop(state int32) {
	b.grow(state)
	b.pops[state]++
}

// keep reports whether a label of cost for a state can still be among the best and records it if so.
func (b *bests) keep(state int32, cost float64) bool {
	b.grow(state)
	base := int(state) * b.per
	n := int(b.n[state])
	if n < b.per {
		b.costs[base+n] = cost
		b.n[state]++
		return true
	}
	worst := base
	for i := base + 1; i < base+b.per; i++ {
		if b.costs[i] > b.costs[worst] {
			worst = i
		}
	}
	if cost >= b.costs[worst] {
		return false
	}
	b.costs[worst] = cost
	return true
}

// onPath reports whether a state is already on the path that ends at label li: paths are simple.
func (s *searcher) onPath(labels []label, li int32, state int32) bool {
	for ; li >= 0; li = labels[li].prev {
		if labels[li].state == state {
			return true
		}
	}
	return false
}

// build turns the label chain ending at li into a found path.
func (s *searcher) build(labels []label, li int32, entry State) (found, bool) {
	var chain []label
	for i := li; i >= 0; i = labels[i].prev {
		chain = append(chain, labels[i])
	}
	f := found{entry: entry, likelihood: 1}
	for i := len(chain) - 1; i >= 0; i-- {
		f.states = append(f.states, s.states[chain[i].state])
		if i < len(chain)-1 {
			prev := chain[i+1].state
			step := s.succ[prev][chain[i].step]
			f.steps = append(f.steps, step)
			f.likelihood *= step.Likelihood
		}
	}
	f.target = f.states[len(f.states)-1]
	return f, len(f.steps) > 0
}

func (f found) key() string {
	k := ""
	for _, st := range f.states {
		k += st.String() + "\x00"
	}
	return k
}

// entries returns the entry states of the graph: the internet, always, and every declared entry point.
func entries(c *Context) []State {
	out := []State{{Entry, model.InternetID}}
	for _, n := range c.Graph.NodesOfKind(model.KindEntryPoint) {
		if n.ID != model.InternetID {
			out = append(out, State{Entry, n.ID})
		}
	}
	sort.Slice(out[1:], func(i, j int) bool { return out[1+i].Node < out[1+j].Node })
	return out
}
