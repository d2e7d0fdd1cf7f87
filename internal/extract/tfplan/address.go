package tfplan

import (
	"encoding/json"
	"strconv"
	"strings"
)

// step is one dot-separated part of a Terraform address or reference, with the instance key written after it
// (`[0]`, `["a"]`), if any.
type step struct {
	name, key string
}

// splitSteps splits an address or reference ("module.app[0].aws_iam_role.this", `aws_s3_bucket.b["x"].arn`)
// at the dots that lie outside brackets and quotes. A step that is only an index (`x[0][1]`) keeps the first
// key. It never fails: malformed text gives steps that match nothing.
func splitSteps(s string) []step {
	var out []step
	depth, quoted, escaped := 0, false, false
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quoted:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				quoted = false
			}
		case c == '"' && depth > 0:
			quoted = true
		case c == '[':
			depth++
		case c == ']' && depth > 0:
			depth--
		case c == '.' && depth == 0:
			out = append(out, newStep(s[start:i]))
			start = i + 1
		}
	}
	return append(out, newStep(s[start:]))
}

func newStep(part string) step {
	i := strings.IndexByte(part, '[')
	if i < 0 {
		return step{name: part}
	}
	key := part[i:]
	if j := closingBracket(key); j > 0 {
		key = key[:j+1]
	}
	return step{name: part[:i], key: key}
}

// closingBracket returns the index of the bracket that closes key[0], or -1.
func closingBracket(key string) int {
	quoted, escaped := false, false
	for i := 1; i < len(key); i++ {
		c := key[i]
		switch {
		case quoted:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				quoted = false
			}
		case c == '"':
			quoted = true
		case c == ']':
			return i
		}
	}
	return -1
}

// address is a parsed resource instance address.
type address struct {
	modules []step // module.<name>[key] steps, outermost first
	data    bool
	typ     string
	name    string
	key     string // instance key as written: "", "[0]", `["a"]`
}

// parseAddress parses a resource instance address as Terraform writes it in plan and state JSON.
func parseAddress(s string) (address, bool) {
	steps := splitSteps(s)
	var a address
	i := 0
	for i+1 < len(steps) && steps[i].name == "module" && steps[i].key == "" {
		a.modules = append(a.modules, steps[i+1])
		i += 2
	}
	if i < len(steps) && steps[i].name == "data" && steps[i].key == "" {
		a.data = true
		i++
	}
	if len(steps)-i != 2 || steps[i].key != "" || steps[i].name == "" || steps[i+1].name == "" {
		return address{}, false
	}
	a.typ, a.name, a.key = steps[i].name, steps[i+1].name, steps[i+1].key
	return a, true
}

// module is the module instance address ("module.app[0].module.db"), "" for the root module.
func (a address) module() string {
	var b strings.Builder
	for i, m := range a.modules {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module." + m.name + m.key)
	}
	return b.String()
}

// modulePath is the module's address without instance keys ("module.app.module.db"): the configuration
// module the instance belongs to.
func (a address) modulePath() string {
	var b strings.Builder
	for i, m := range a.modules {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module." + m.name)
	}
	return b.String()
}

// local is the address inside its module, without the instance key ("data.aws_iam_role.x").
func (a address) local() string {
	if a.data {
		return "data." + a.typ + "." + a.name
	}
	return a.typ + "." + a.name
}

// configAddr is the address of the configuration block the instance comes from: module path and local
// address, without any instance keys.
func (a address) configAddr() string { return joinAddr(a.modulePath(), a.local()) }

// joinAddr joins a module path and an address within it.
func joinAddr(module, rest string) string {
	if module == "" {
		return rest
	}
	if rest == "" {
		return module
	}
	return module + "." + rest
}

// instanceKey renders an instance key from JSON (a number for count, a string for for_each) the way
// Terraform writes it in addresses.
func instanceKey(v any) string {
	switch k := v.(type) {
	case nil:
		return ""
	case string:
		return "[" + strconv.Quote(k) + "]"
	case json.Number:
		return "[" + k.String() + "]"
	case float64:
		return "[" + strconv.FormatFloat(k, 'f', -1, 64) + "]"
	}
	return ""
}

// parentModule returns the module path one level up ("module.a.module.b" → "module.a"; "module.a" → "").
func parentModule(path string) string {
	steps := splitSteps(path)
	if len(steps) < 2 {
		return ""
	}
	return joinSteps(steps[:len(steps)-2])
}

func joinSteps(steps []step) string {
	parts := make([]string, len(steps))
	for i, s := range steps {
		parts[i] = s.name + s.key
	}
	return strings.Join(parts, ".")
}
