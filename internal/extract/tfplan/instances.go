package tfplan

import (
	"bytes"
	"encoding/json"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// instance is one resource or data source instance read from a plan or state, before it becomes a node.
type instance struct {
	addr      string
	a         address
	values    map[string]any
	unknown   any      // after_unknown of a plan: true at unknown paths
	sensitive any      // after_sensitive / sensitive_values: true at sensitive paths
	actions   []string // the planned change ("create", "update", "no-op", ...), plans only
	line      int
	written   string // the address as the file writes it, when it differs from addr (for the line)
	flatOnly  bool   // a raw state instance with only pre-0.12 flat attributes

	// Filled in when the node is made.
	id    string
	attrs map[string]any
}

// collector gathers instances by address, keeping the first of duplicates and reporting the rest.
type collector struct {
	byAddr  map[string]*instance
	order   []string
	deleted map[string]bool
	bad     []string // addresses that do not parse
	dups    []string
}

func newCollector() *collector {
	return &collector{byAddr: map[string]*instance{}, deleted: map[string]bool{}}
}

// add records an instance for addr unless one is already there; it returns the recorded instance, or nil when
// the address is not a resource instance address.
func (c *collector) add(addr string) (*instance, bool) {
	if in, ok := c.byAddr[addr]; ok {
		return in, false
	}
	a, ok := parseAddress(addr)
	if !ok {
		c.bad = append(c.bad, addr)
		return nil, false
	}
	in := &instance{addr: addr, a: a}
	c.byAddr[addr] = in
	c.order = append(c.order, addr)
	return in, true
}

// instances returns the collected instances that are not planned for deletion, in the order first seen.
func (c *collector) instances() []*instance {
	out := make([]*instance, 0, len(c.order))
	for _, addr := range c.order {
		if !c.deleted[addr] {
			out = append(out, c.byAddr[addr])
		}
	}
	return out
}

// walkState calls fn for every resource of a module and its child modules, with the module's address.
func walkState(m *tfjson.StateModule, module string, fn func(module string, r *tfjson.StateResource)) {
	if m == nil {
		return
	}
	for _, r := range m.Resources {
		if r != nil {
			fn(module, r)
		}
	}
	for _, c := range m.ChildModules {
		if c != nil {
			walkState(c, c.Address, fn)
		}
	}
}

// canonical returns the full instance address of a resource entry. Terraform 0.12 wrote addresses without
// the instance key (given apart as "index") and, in child modules, without the module path; later versions
// write the full address, which is returned as it is.
func canonical(addr, module string, index any) string {
	if module != "" && !strings.HasPrefix(addr, module+".") {
		addr = module + "." + addr
	}
	if index != nil {
		if a, ok := parseAddress(addr); ok && a.key == "" {
			addr += instanceKey(index)
		}
	}
	return addr
}

// fromState adds the current objects (not deposed ones) of a state representation. For a plan's prior state
// (prior=true) an address already collected is expected, not a duplicate.
func (c *collector) fromState(v *tfjson.StateValues, prior bool) {
	if v == nil {
		return
	}
	walkState(v.RootModule, "", func(module string, r *tfjson.StateResource) {
		addr := canonical(r.Address, module, r.Index)
		if r.DeposedKey != "" || c.deleted[addr] {
			return
		}
		in, fresh := c.add(addr)
		if in == nil {
			return
		}
		if !fresh {
			if !prior {
				c.dups = append(c.dups, addr)
			}
			return
		}
		if addr != r.Address {
			in.written = r.Address
		}
		in.values = r.AttributeValues
		in.sensitive = decodeShape(r.SensitiveValues)
	})
}

// fromPlan gathers a plan's instances: the planned values, the resource changes (whose after, after_unknown
// and after_sensitive describe each instance after apply; a delete removes it), and the prior state for
// what neither lists (data sources read while planning).
func (c *collector) fromPlan(p *tfjson.Plan) {
	for _, rc := range p.ResourceChanges {
		if rc != nil && rc.Change != nil && rc.DeposedKey == "" && onlyDelete(rc.Change.Actions) {
			c.deleted[canonical(rc.Address, rc.ModuleAddress, rc.Index)] = true
		}
	}
	c.fromState(p.PlannedValues, false)
	for _, rc := range p.ResourceChanges {
		if rc == nil || rc.Change == nil || rc.DeposedKey != "" {
			continue
		}
		addr := canonical(rc.Address, rc.ModuleAddress, rc.Index)
		if c.deleted[addr] {
			continue
		}
		in, fresh := c.add(addr)
		if in == nil {
			continue
		}
		if fresh && addr != rc.Address {
			in.written = rc.Address
		}
		ch := rc.Change
		if after, ok := ch.After.(map[string]any); ok {
			in.values = after
		}
		in.unknown = ch.AfterUnknown
		if ch.AfterSensitive != nil {
			in.sensitive = ch.AfterSensitive
		}
		in.actions = make([]string, len(ch.Actions))
		for i, a := range ch.Actions {
			in.actions[i] = string(a)
		}
	}
	if p.PriorState != nil {
		c.fromState(p.PriorState.Values, true)
	}
}

func onlyDelete(actions tfjson.Actions) bool {
	return len(actions) == 1 && actions[0] == tfjson.ActionDelete
}

// decodeShape decodes a sensitive_values document; anything unreadable is no shape.
func decodeShape(raw json.RawMessage) any {
	if len(raw) == 0 {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// rawState is a state file as Terraform writes it (format version 4, Terraform 0.12 and later). The
// terraform-json module describes only the show -json representation, so the few fields Seam reads are
// declared here.
type rawState struct {
	Version          json.Number   `json:"version"`
	TerraformVersion string        `json:"terraform_version"`
	Resources        []rawResource `json:"resources"`
}

type rawResource struct {
	Module    string        `json:"module"`
	Mode      string        `json:"mode"`
	Type      string        `json:"type"`
	Name      string        `json:"name"`
	Instances []rawInstance `json:"instances"`
}

type rawInstance struct {
	IndexKey            any               `json:"index_key"`
	Deposed             string            `json:"deposed"`
	Attributes          map[string]any    `json:"attributes"`
	AttributesFlat      map[string]string `json:"attributes_flat"`
	SensitiveAttributes json.RawMessage   `json:"sensitive_attributes"`
}

// decodeRaw decodes a raw state with numbers kept exact.
func decodeRaw(data []byte) (*rawState, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var s rawState
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	return &s, nil
}

// fromRaw adds the current objects of a raw state; lines holds each resource's line and its instances'
// (rawLines).
func (c *collector) fromRaw(s *rawState, lines [][]int) {
	for i, r := range s.Resources {
		local := r.Type + "." + r.Name
		if r.Mode == "data" {
			local = "data." + local
		}
		for j, ri := range r.Instances {
			if ri.Deposed != "" {
				continue
			}
			addr := joinAddr(r.Module, local) + instanceKey(ri.IndexKey)
			in, fresh := c.add(addr)
			if in == nil {
				continue
			}
			if !fresh {
				c.dups = append(c.dups, addr)
				continue
			}
			in.values = ri.Attributes
			in.flatOnly = ri.Attributes == nil && len(ri.AttributesFlat) > 0
			in.sensitive = rawSensitive(ri.SensitiveAttributes)
			in.line = rawLine(lines, i, j)
		}
	}
}

// rawLine is the line of resources[i].instances[j], else of resources[i], else 1.
func rawLine(lines [][]int, i, j int) int {
	if i >= len(lines) {
		return 1
	}
	if j+1 < len(lines[i]) {
		return lines[i][j+1]
	}
	return lines[i][0]
}

// rawSensitive turns a raw state instance's sensitive_attributes (a list of paths, each a list of steps such
// as {"type": "get_attr", "value": "password"} or {"type": "index", "value": {"value": 0, "type": "number"}})
// into the same shape as sensitive_values. A step Seam cannot read marks everything from there on, so an
// unreadable path masks more, never less.
func rawSensitive(raw json.RawMessage) any {
	var paths []json.RawMessage
	if len(raw) == 0 || json.Unmarshal(raw, &paths) != nil {
		return nil
	}
	var shape any
	for _, p := range paths {
		var steps []pathStep
		if json.Unmarshal(p, &steps) != nil {
			var one pathStep // a path written as a single step object
			if json.Unmarshal(p, &one) != nil {
				continue
			}
			steps = []pathStep{one}
		}
		shape = markPath(shape, steps)
	}
	return shape
}

// pathStep is one step of a cty path as Terraform writes it in a state.
type pathStep struct {
	Type  string          `json:"type"`
	Value json.RawMessage `json:"value"`
}

// maxIndexShape bounds the list a sensitive index step may create.
const maxIndexShape = 1 << 12

// markPath sets true at the path in shape, creating maps and lists on the way.
func markPath(shape any, steps []pathStep) any {
	if len(steps) == 0 || isTrue(shape) {
		return true
	}
	st := steps[0]
	if st.Type == "get_attr" {
		var name string
		if json.Unmarshal(st.Value, &name) != nil {
			return true
		}
		return setKey(shape, name, steps[1:])
	}
	if st.Type != "index" {
		return true
	}
	var key struct {
		Value any    `json:"value"`
		Type  string `json:"type"`
	}
	if json.Unmarshal(st.Value, &key) != nil {
		return true
	}
	switch k := key.Value.(type) {
	case string:
		return setKey(shape, k, steps[1:])
	case float64:
		i := int(k)
		if float64(i) != k || i < 0 || i >= maxIndexShape {
			return true
		}
		list, _ := shape.([]any)
		for len(list) <= i {
			list = append(list, nil)
		}
		list[i] = markPath(list[i], steps[1:])
		return list
	}
	return true
}

func setKey(shape any, key string, rest []pathStep) any {
	m, ok := shape.(map[string]any)
	if !ok {
		m = map[string]any{}
	}
	m[key] = markPath(m[key], rest)
	return m
}
