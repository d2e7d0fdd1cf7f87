package iam

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"
)

// Level is Seam's access level of an action: AWS's access level (List, Read, Write, Permissions management,
// Tagging), admin when every action of a service on a resource is allowed, and unknown for an action the
// table does not have.
type Level string

// The access levels.
const (
	LevelList        Level = "list"
	LevelRead        Level = "read"
	LevelWrite       Level = "write"
	LevelPermissions Level = "permissions-management"
	LevelTagging     Level = "tagging"
	LevelAdmin       Level = "admin"
	LevelUnknown     Level = "unknown"
)

// levelOrder is the order levels are listed in.
var levelOrder = map[Level]int{LevelList: 0, LevelRead: 1, LevelWrite: 2, LevelPermissions: 3, LevelTagging: 4,
	LevelAdmin: 5, LevelUnknown: 6}

func sortLevels(ls []Level) {
	sort.Slice(ls, func(i, j int) bool { return levelOrder[ls[i]] < levelOrder[ls[j]] })
}

// ActionInfo is one action of the table: its service prefix and name, its access level and the resource
// types it applies to ("s3:object", "iam:role"); Resources is empty for an action that takes no resource
// (a policy must name "*" for it).
type ActionInfo struct {
	Service   string
	Name      string
	Level     Level
	Resources []string
}

// String renders the action as "service:Name".
func (a ActionInfo) String() string { return a.Service + ":" + a.Name }

// serviceTable is the text form of one service's actions, one per line: Name, level letter (L list, R read,
// W write, P permissions management, T tagging) and the resource types, comma-separated, "-" for none. A type
// without a prefix belongs to arn, the service's ARN namespace; "iam:role" names another namespace's type.
type serviceTable struct {
	service string
	arn     string
	text    string
}

// serviceTables lists the services of the table; each one's facts are in an actions_*.go file.
func serviceTables() []serviceTable {
	return []serviceTable{
		s3Table, iamTable, stsTable, kmsTable, secretsManagerTable, ssmTable, dynamoDBTable, rdsTable, rdsDBTable,
		lambdaTable, ec2Table, eksTable, ecsTable, ecrTable, logsTable, cloudTrailTable, sqsTable, snsTable,
		kinesisTable, efsTable,
	}
}

var levelLetters = map[string]Level{"L": LevelList, "R": LevelRead, "W": LevelWrite, "P": LevelPermissions,
	"T": LevelTagging}

// actionTable is the table in the form the matchers use.
type actionTable struct {
	actions  []ActionInfo
	names    []string       // "s3:GetObject", parallel to actions
	levelBit []uint8        // levelOrder of each action's level, parallel to actions
	levelSet []actionSet    // per levelOrder: the actions of that level
	lower    []string       // "s3:getobject", parallel to actions
	byName   map[string]int // lower → index
	services map[string][2]int
	types    map[string]int // "s3:object" → type id
	typeName []string
	typeMask []actionSet // per type id: the actions that apply to it
	typeWord [][2]int    // per type id: the range of words its mask uses
	words    int
}

var table = sync.OnceValue(func() *actionTable {
	t, err := buildTable(serviceTables())
	if err != nil {
		panic("iam: action table: " + err.Error()) // a defect in the curated table; TestTable catches it
	}
	return t
})

func buildTable(svcs []serviceTable) (*actionTable, error) {
	t := &actionTable{byName: map[string]int{}, services: map[string][2]int{}, types: map[string]int{}}
	var acts []ActionInfo
	for _, st := range svcs {
		parsed, err := parseServiceTable(st)
		if err != nil {
			return nil, err
		}
		acts = append(acts, parsed...)
	}
	// Sorted by full name, so that the table's order is the order results list actions in; the actions of
	// one service, sharing the prefix "service:", stay contiguous.
	sort.Slice(acts, func(i, j int) bool { return acts[i].String() < acts[j].String() })
	for _, a := range acts {
		key := strings.ToLower(a.String())
		if _, dup := t.byName[key]; dup {
			return nil, fmt.Errorf("duplicate action %s", a)
		}
		i := len(t.actions)
		t.byName[key] = i
		t.actions = append(t.actions, a)
		t.names = append(t.names, a.String())
		t.levelBit = append(t.levelBit, uint8(levelOrder[a.Level]))
		t.lower = append(t.lower, key)
		r, ok := t.services[a.Service]
		if !ok {
			r = [2]int{i, i}
		}
		r[1] = i + 1
		t.services[a.Service] = r
	}
	t.words = (len(t.actions) + 63) / 64
	t.levelSet = make([]actionSet, len(levelOrder))
	for i := range t.levelSet {
		t.levelSet[i] = newActionSet(t.words)
	}
	for i := range t.actions {
		t.levelSet[t.levelBit[i]].set(i)
	}
	for i, a := range t.actions {
		for _, rt := range a.Resources {
			id := t.typeID(rt)
			t.typeMask[id].set(i)
			w := &t.typeWord[id]
			if i/64 < w[0] {
				w[0] = i / 64
			}
			if i/64+1 > w[1] {
				w[1] = i/64 + 1
			}
		}
	}
	return t, nil
}

// parseServiceTable reads one service's lines.
func parseServiceTable(st serviceTable) ([]ActionInfo, error) {
	var acts []ActionInfo
	for n, line := range strings.Split(st.text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 3 || levelLetters[f[1]] == "" {
			return nil, fmt.Errorf("%s line %d: %q", st.service, n, line)
		}
		a := ActionInfo{Service: st.service, Name: f[0], Level: levelLetters[f[1]]}
		if f[2] != "-" {
			for _, rt := range strings.Split(f[2], ",") {
				if !strings.Contains(rt, ":") {
					rt = st.arn + ":" + rt
				}
				a.Resources = append(a.Resources, rt)
			}
		}
		acts = append(acts, a)
	}
	return acts, nil
}

// typeID returns the id of a resource type, adding it while the table is built.
func (t *actionTable) typeID(rt string) int {
	if id, ok := t.types[rt]; ok {
		return id
	}
	id := len(t.typeName)
	t.types[rt] = id
	t.typeName = append(t.typeName, rt)
	t.typeMask = append(t.typeMask, newActionSet(t.words))
	t.typeWord = append(t.typeWord, [2]int{t.words, 0})
	return id
}

// LookupAction returns the table's entry for an action ("s3:GetObject", any case).
func LookupAction(action string) (ActionInfo, bool) {
	t := table()
	i, ok := t.byName[strings.ToLower(action)]
	if !ok {
		return ActionInfo{}, false
	}
	return t.actions[i], true
}

// Services returns the service prefixes the table covers, sorted.
func Services() []string {
	t := table()
	out := make([]string, 0, len(t.services))
	for s := range t.services {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Actions returns the table's actions of a service, sorted by name.
func Actions(service string) []ActionInfo {
	t := table()
	r, ok := t.services[strings.ToLower(service)]
	if !ok {
		return nil
	}
	return append([]ActionInfo(nil), t.actions[r[0]:r[1]]...)
}

// ExpandAction returns the table's actions an action pattern matches ("s3:Get*"), sorted, limited to those
// that apply to resourceType ("s3:object") unless it is "". Tokens in the pattern match nothing here.
func ExpandAction(pattern, resourceType string) []ActionInfo {
	t := table()
	p := CompileAction(pattern)
	set := t.matching(&p, false)
	if resourceType != "" {
		id, ok := t.types[resourceType]
		if !ok {
			return nil
		}
		set.and(t.typeMask[id])
	}
	var out []ActionInfo
	set.each(func(i int) { out = append(out, t.actions[i]) })
	return out
}

// matching returns the set of table actions p matches; withTokens lets a token match (uncertainly).
func (t *actionTable) matching(p *ActionPattern, withTokens bool) actionSet {
	set := newActionSet(t.words)
	if p.any {
		for i := range t.actions {
			set.set(i)
		}
		return set
	}
	if p.whole.toks && !withTokens {
		return set
	}
	lo, hi := 0, len(t.actions)
	if p.split && p.svc.shape == shapePlain {
		r, ok := t.services[p.svc.lit]
		if !ok {
			return set
		}
		lo, hi = r[0], r[1]
		if p.name.shape == shapePlain {
			if i, ok := t.byName[p.svc.lit+":"+p.name.lit]; ok {
				set.set(i)
			}
			return set
		}
	}
	for i := lo; i < hi; i++ {
		if plainGrade(&p.whole, t.lower[i]) != no {
			set.set(i)
		}
	}
	return set
}

// actionSet is a set of table actions by index.
type actionSet []uint64

func newActionSet(words int) actionSet { return make(actionSet, words) }

func (s actionSet) set(i int)      { s[i/64] |= 1 << (i % 64) }
func (s actionSet) has(i int) bool { return s[i/64]&(1<<(i%64)) != 0 }
func (s actionSet) and(o actionSet) {
	for i := range s {
		s[i] &= o[i]
	}
}
func (s actionSet) or(o actionSet) {
	for i := range s {
		s[i] |= o[i]
	}
}
func (s actionSet) andNot(o actionSet) {
	for i := range s {
		s[i] &^= o[i]
	}
}
func (s actionSet) clone() actionSet { return append(actionSet(nil), s...) }
func (s actionSet) complement(n int) {
	for i := range s {
		s[i] = ^s[i]
	}
	if r := n % 64; r != 0 && len(s) > 0 {
		s[len(s)-1] &= (1 << r) - 1
	}
}

func (s actionSet) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

// each calls f for every index in the set, in increasing order.
func (s actionSet) each(f func(int)) {
	for wi, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			f(wi*64 + b)
			w &= w - 1
		}
	}
}
