package iam

import (
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Access is what one principal can do to one resource, as the bulk analysis finds it. Its Levels, Actions
// and Statements slices are shared between accesses with the same content (fifty administrators of two
// thousand resources hold one list per resource type): read them, never modify them.
type Access struct {
	Principal   int // index into the principals analysed
	PrincipalID string
	Resource    int // index into the analyser's resources
	ResourceID  string
	// Levels are Seam's access levels of the allowed actions, in the order list, read, write,
	// permissions-management, tagging, admin, unknown.
	Levels []Level
	// Actions are the allowed actions, sorted: the table's actions a wildcard matched for the resource's
	// type(s), and, as written, actions or patterns the table does not know.
	Actions []string
	// Statements are the statements that grant them, sorted.
	Statements []StatementRef
	// Partial is set when some action is allowed on only part of the resource's ARN patterns.
	Partial     bool
	Assumptions []Assumption
}

// Options tunes the bulk analysis.
type Options struct {
	// Context holds condition keys known for every request.
	Context Context
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
}

// Analyzer holds resources indexed for the bulk analysis: by the literal beginning of their ARN patterns, by
// resource type, and by the principals their resource-based policies name. Build it once and ask it about
// any number of principals; it is safe for concurrent use.
type Analyzer struct {
	opt       Options
	resources []*Resource
	targets   []target
	resTarget [][]int32 // resource → its targets

	keys      []string // sorted target keys
	byKey     []int32  // targets, parallel to keys
	wild      map[string][]int32
	wildLens  []int
	byType    [][]int32 // table type id → targets
	untyped   []int32   // targets whose type the table does not know
	typeInfos []typeInfo

	rpByKey  map[string][]int32 // principal key → resources whose policy names it
	rpAlways []int32            // resources whose policy may name anyone
}

// target is one ARN pattern of a resource.
type target struct {
	res        int
	pat        ResourcePattern
	typ        int // table type id, -1 when the table does not know it
	typName    string
	svc        string
	acct       string
	policy     *Policy // the resource-based policy that applies to its actions, or the default key policy
	defaultKey bool
}

// typeInfo holds, for one resource type, the action sets the rule needs.
type typeInfo struct {
	mask   actionSet // actions that apply to the type
	rp     actionSet // those a resource-based policy on it decides
	strict actionSet // those decided by the strict rule (key policy, trust policy)
	admin  actionSet // every action of the type's own service on it
	lo, hi int       // the words the masks use
}

// NewAnalyzer indexes resources for Analyze.
func NewAnalyzer(resources []*Resource, opt Options) *Analyzer {
	t := table()
	a := &Analyzer{opt: opt, resources: resources, resTarget: make([][]int32, len(resources)),
		wild: map[string][]int32{}, byType: make([][]int32, len(t.typeName)), typeInfos: make([]typeInfo, len(t.typeName)),
		rpByKey: map[string][]int32{}}
	for i := range t.typeName {
		a.typeInfos[i] = newTypeInfo(t, i)
	}
	for ri, r := range resources {
		a.addTarget(ri, r, r.ARN, r.Type)
		for _, c := range r.Contents {
			a.addTarget(ri, r, c.ARN, c.Type)
		}
		a.indexResourcePolicy(ri, r)
	}
	a.buildKeyIndex()
	return a
}

func newTypeInfo(t *actionTable, id int) typeInfo {
	name := t.typeName[id]
	ti := typeInfo{mask: t.typeMask[id], lo: t.typeWord[id][0], hi: t.typeWord[id][1]}
	if ti.hi < ti.lo {
		ti.lo, ti.hi = 0, 0
	}
	own := arnServiceOf(name)
	rpSvc := own
	if name == "iam:role" {
		rpSvc = "sts"
	}
	ti.rp, ti.admin = newActionSet(t.words), newActionSet(t.words)
	if r, ok := t.services[rpSvc]; ok {
		for i := r[0]; i < r[1]; i++ {
			if ti.mask.has(i) {
				ti.rp.set(i)
			}
		}
	}
	if r, ok := t.services[own]; ok {
		for i := r[0]; i < r[1]; i++ {
			if ti.mask.has(i) {
				ti.admin.set(i)
			}
		}
	}
	ti.strict = newActionSet(t.words)
	if name == "iam:role" || name == "kms:key" {
		ti.strict = ti.rp
	}
	return ti
}

func (a *Analyzer) addTarget(ri int, r *Resource, arn, typ string) {
	tg := target{res: ri, pat: CompileResource(arn), typ: -1}
	if typ == "" {
		typ = tg.pat.resourceType()
	}
	tg.typName = typ
	if id, ok := table().types[typ]; ok {
		tg.typ = id
	}
	tg.svc = tg.pat.service()
	tg.acct = r.Account
	if tg.acct == "" {
		tg.acct = tg.pat.account()
	}
	tg.policy = r.Policy
	if typ == "kms:key" && r.Policy == nil {
		tg.policy, tg.defaultKey = defaultKeyPolicy(r, tg.acct), true
	}
	idx := int32(len(a.targets))
	a.targets = append(a.targets, tg)
	a.resTarget[ri] = append(a.resTarget[ri], idx)
	if tg.typ >= 0 {
		a.byType[tg.typ] = append(a.byType[tg.typ], idx)
	} else {
		a.untyped = append(a.untyped, idx)
	}
}

// buildKeyIndex sorts the targets by key and collects the patterns (wildcards, tokens) by their literal
// beginning, so that a statement finds both the resources under its prefix and the patterns above it.
func (a *Analyzer) buildKeyIndex() {
	type keyed struct {
		key string
		t   int32
	}
	all := make([]keyed, len(a.targets))
	lens := map[int]bool{}
	for i := range a.targets {
		tg := &a.targets[i]
		key := tg.pat.indexKey()
		all[i] = keyed{key, int32(i)}
		if !tg.pat.exact() {
			a.wild[key] = append(a.wild[key], int32(i))
			lens[len(key)] = true
		}
	}
	slices.SortFunc(all, func(x, y keyed) int {
		if c := strings.Compare(x.key, y.key); c != 0 {
			return c
		}
		return int(x.t - y.t)
	})
	for _, k := range all {
		a.keys = append(a.keys, k.key)
		a.byKey = append(a.byKey, k.t)
	}
	for l := range lens {
		a.wildLens = append(a.wildLens, l)
	}
	sort.Ints(a.wildLens)
}

// indexResourcePolicy files a resource under the principal keys its policy's Allow statements name, so that a
// principal finds the resources a resource policy grants it without an identity policy. A Deny never grants,
// and a statement naming an account delegates to that account's identity policies, which find the resource
// themselves: such entries matter only to the account principal itself.
func (a *Analyzer) indexResourcePolicy(ri int, r *Resource) {
	pol := r.Policy
	if pol == nil {
		for _, ti := range a.resTarget[ri] {
			if a.targets[ti].defaultKey {
				pol = a.targets[ti].policy
			}
		}
	}
	if pol == nil {
		return
	}
	keys := map[string]bool{}
	always := false
	for i := range pol.Statements {
		st := &pol.Statements[i]
		set := st.Principals
		if set == nil || st.Effect != Allow {
			continue
		}
		if st.NotPrincipal || set.Anyone {
			always = true
			continue
		}
		for _, e := range prepareAWS(set.AWS) {
			switch {
			case e.isAccount:
				keys["acct:"+e.account] = true
			case e.session:
				keys["arn:arn:aws:iam::"+e.sessAcct+":role/"] = true
				always = true // the session names the role by name only, without its path
			default:
				keys["arn:"+e.raw] = true
			}
			always = always || hasToken(e.raw)
		}
		for _, e := range set.Service {
			keys["svc:"+strings.ToLower(e)] = true
			always = always || hasToken(e)
		}
		for _, e := range set.Federated {
			keys["fed:"+e] = true
			always = always || hasToken(e)
		}
	}
	if always {
		a.rpAlways = append(a.rpAlways, int32(ri))
		return
	}
	for k := range keys {
		a.rpByKey[k] = append(a.rpByKey[k], int32(ri))
	}
}

// principalKeys are the keys under which resource policies that may grant p on their own are filed; all is
// set when p's identifiers hold tokens, so that any policy may name it.
func principalKeys(p *Principal) (keys []string, all bool) {
	acct := p.account()
	switch p.Kind {
	case PrincipalRole, PrincipalUser:
		keys = []string{"arn:" + p.ARN}
	case PrincipalAccount:
		keys = []string{"acct:" + acct}
	case PrincipalService:
		keys = []string{"svc:" + strings.ToLower(p.ARN)}
	case PrincipalFederated:
		keys = []string{"fed:" + p.ARN}
	}
	return keys, hasToken(p.ARN) || hasToken(acct)
}

// Analyze returns, for every principal and every resource it has any access to, what that access is:
// principals in the order given, each one's resources in the analyser's order. An account principal
// (PrincipalAccount) of the resources' own account may do everything there except what key and trust
// policies withhold; pass other accounts to see what resource policies open to them.
func (a *Analyzer) Analyze(principals []*Principal) []Access {
	n := a.opt.Workers
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if n > len(principals) {
		n = len(principals)
	}
	results := make([][]Access, len(principals))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := a.newWorker()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(principals) {
					return
				}
				results[i] = wk.principal(i, principals[i])
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, r := range results {
		total += len(r)
	}
	out := make([]Access, 0, total)
	for _, r := range results {
		out = append(out, r...)
	}
	return out
}

// Access returns what one principal can do, resource by resource (Principal index 0).
func (a *Analyzer) Access(p *Principal) []Access {
	return a.newWorker().principal(0, p)
}

// Analyze indexes resources and analyses principals against them; see Analyzer.
func Analyze(principals []*Principal, resources []*Resource, opt Options) []Access {
	return NewAnalyzer(resources, opt).Analyze(principals)
}
