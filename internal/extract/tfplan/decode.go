package tfplan

import (
	"encoding/json"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// fileKind is what a wanted JSON file turned out to be.
type fileKind int

const (
	kindNone   fileKind = iota // not Terraform JSON
	kindPlan                   // terraform show -json <planfile>
	kindState                  // terraform show -json (a state)
	kindRaw                    // terraform.tfstate, format version 4
	kindOldRaw                 // terraform.tfstate of an older format
)

// classified is the result of classify.
type classified struct {
	kind    fileKind
	version string // the raw state's version, for kindOldRaw
}

// classify tells which of the Terraform formats data is by its top-level keys (topLevel). The full decode
// that follows validates a plan or state; a file that is none of them is validated here, so that a malformed
// one is an error (a *json.SyntaxError with the offset) rather than "not Terraform".
func classify(data []byte) (classified, error) {
	top := topLevel(data)
	has := func(k string) bool { _, ok := top[k]; return ok }
	format := top["format_version"]
	hasFormat := len(format) > 0 && string(format) != "null"
	switch {
	case hasFormat && (has("planned_values") || has("resource_changes") || has("prior_state") || has("configuration")):
		return classified{kind: kindPlan}, nil
	case hasFormat && (has("values") || has("terraform_version")):
		return classified{kind: kindState}, nil
	case !hasFormat && len(top["version"]) > 0 && (has("resources") || has("lineage")):
		if v := string(top["version"]); v != "4" {
			return classified{kind: kindOldRaw, version: v}, nil
		}
		return classified{kind: kindRaw}, nil
	}
	var v json.RawMessage
	if err := json.Unmarshal(data, &v); err != nil {
		return classified{}, err
	}
	return classified{kind: kindNone}, nil
}

// topLevel returns the keys of the top-level object of a JSON document with their values: the literal text of
// a scalar value, "{}" or "[]" for a container (its content is skipped). It reads as far as it can and never
// fails; a document that is not an object has no keys.
func topLevel(data []byte) map[string][]byte {
	out := map[string][]byte{}
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return out
	}
	for i++; i < len(data); {
		if i = skipSpace(data, i); i >= len(data) || data[i] != '"' {
			return out
		}
		end := stringEnd(data, i)
		key, ok := unquote(data[i:end])
		if i = skipSpace(data, end); !ok || i >= len(data) || data[i] != ':' {
			return out
		}
		i = skipSpace(data, i+1)
		vend := skipValue(data, i)
		switch {
		case vend <= i:
			return out
		case data[i] == '{':
			out[key] = []byte("{}")
		case data[i] == '[':
			out[key] = []byte("[]")
		default:
			out[key] = data[i:vend]
		}
		if i = skipSpace(data, vend); i >= len(data) || data[i] != ',' {
			return out
		}
		i++
	}
	return out
}

// skipValue returns the offset just past the JSON value at data[i]: a string, a container (matched by depth,
// strings skipped whole) or a literal.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return stringEnd(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				j = stringEnd(data, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(data)
	}
	j := i
	for j < len(data) && !strings.ContainsRune(",}] \t\r\n", rune(data[j])) {
		j++
	}
	return j
}

// readPlan decodes a plan and collects its instances and configuration; false when it does not decode.
func (r *fileRun) readPlan(c *collector) bool {
	var p tfjson.Plan
	p.UseJSONNumber(true)
	if err := json.Unmarshal(r.data, &p); err != nil {
		r.decodeError(err, "Terraform plan")
		return false
	}
	c.fromPlan(&p)
	r.cfg = newConfig(p.Config)
	r.providers(&p)
	return true
}

// readState decodes a show -json state and collects its instances; false when it does not decode.
func (r *fileRun) readState(c *collector) bool {
	var s tfjson.State
	s.UseJSONNumber(true)
	if err := json.Unmarshal(r.data, &s); err != nil {
		r.decodeError(err, "Terraform state")
		return false
	}
	c.fromState(s.Values, false)
	return true
}
