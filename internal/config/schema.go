package config

import (
	"bytes"
	_ "embed" // the JSON Schema is embedded
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

//go:embed seam.schema.json
var schemaJSON []byte

// schemaID is the schema's $id; error locations in the schema are URLs under it.
const schemaID = "https://github.com/seam-sec/seam/schema/seam.schema.json"

// SchemaJSON returns the JSON Schema (draft 2020-12) of seam.yaml, for editors and documentation.
func SchemaJSON() []byte { return bytes.Clone(schemaJSON) }

// compiledSchema is the schema compiled once, with its decoded document for looking up property names.
type compiledSchema struct {
	schema *jsonschema.Schema
	doc    any
}

var loadSchema = sync.OnceValues(func() (*compiledSchema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, fmt.Errorf("decode embedded schema: %w", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaID, doc); err != nil {
		return nil, fmt.Errorf("add embedded schema: %w", err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		return nil, fmt.Errorf("compile embedded schema: %w", err)
	}
	return &compiledSchema{schema: sch, doc: doc}, nil
})

// patternMessages say in words what each pattern of the schema asks for; a test checks every pattern is here.
var patternMessages = map[string]string{
	`^[a-z0-9][a-z0-9._-]*$`:                            "must be lowercase letters, digits, '.', '_' or '-', starting with a letter or digit",
	`^[a-z][a-z0-9._-]*$`:                               "must be lowercase letters, digits, '.', '_' or '-', starting with a letter",
	`^\S+$`:                                             "must not be empty or contain spaces",
	`^[^@\s]+@[^@\s]+$`:                                 "must be an email address",
	`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`:                   "must be a Kubernetes namespace name (lowercase letters, digits and '-')",
	`^pkg:[a-zA-Z][a-zA-Z0-9.+-]*/\S+$`:                 "must be a package URL such as pkg:npm/left-pad or pkg:golang/example.com/mod@v1.2.3",
	`^[0-9]+(\.[0-9]+)? ?(B|kB|KB|MB|GB|KiB|MiB|GiB)?$`: `must be a size such as "5MiB", "512KiB", "10MB", or a number of bytes`,
}

// typeWords name JSON Schema types the way a YAML author thinks of them.
var typeWords = map[string]string{
	"object": "a mapping", "array": "a list", "string": "a string", "integer": "a whole number",
	"number": "a number", "boolean": "a boolean", "null": "empty (null)",
}

var printer = message.NewPrinter(language.English)

// schemaProblems validates tree against the embedded schema and returns one problem per failed check.
func schemaProblems(file string, loc *locator, tree any) []Problem {
	cs, err := loadSchema()
	if err != nil {
		return []Problem{{File: file, Message: err.Error()}}
	}
	err = cs.schema.Validate(tree)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []Problem{{File: file, Message: err.Error()}}
	}
	var out []Problem
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, leafProblems(cs, file, loc, tree, e)...)
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

// leafProblems turns one failed schema check into problems; a missing or unknown key gives one per key.
func leafProblems(cs *compiledSchema, file string, loc *locator, tree any, e *jsonschema.ValidationError) []Problem {
	at := func(ptr []string, msg string) Problem {
		line, col := loc.at(ptr)
		return Problem{File: file, Line: line, Column: col, Path: pathOf(tree, ptr), Message: msg}
	}
	inst := e.InstanceLocation
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		var out []Problem
		for _, m := range k.Missing {
			out = append(out, at(inst, fmt.Sprintf("missing required key %q", m)))
		}
		return out
	case *kind.AdditionalProperties:
		known := cs.propertyNames(e.SchemaURL)
		var out []Problem
		for _, p := range k.Properties {
			msg := fmt.Sprintf("unknown key %q", p)
			if s := suggest(p, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			out = append(out, at(append(inst[:len(inst):len(inst)], p), msg))
		}
		return out
	}
	return []Problem{at(inst, kindMessage(e.ErrorKind, pathOf(tree, inst)))}
}

// kindMessage words a failed check on a single value.
func kindMessage(k jsonschema.ErrorKind, path string) string {
	switch k := k.(type) {
	case *kind.Type:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = typeWords[w]
		}
		return fmt.Sprintf("must be %s, not %s", strings.Join(want, " or "), typeWords[k.Got])
	case *kind.Enum:
		return enumMessage(k, path)
	case *kind.Const:
		if path == "version" {
			return fmt.Sprintf("must be %v, the only version of this format", k.Want)
		}
		return fmt.Sprintf("must be %v", k.Want)
	case *kind.Pattern:
		if m, ok := patternMessages[k.Want]; ok {
			return m
		}
		return fmt.Sprintf("must match %s", k.Want)
	case *kind.MinLength:
		if k.Want == 1 {
			return "must not be empty"
		}
		return fmt.Sprintf("must be at least %d characters long", k.Want)
	case *kind.MinItems:
		return fmt.Sprintf("must list at least %d item(s)", k.Want)
	case *kind.Minimum:
		return fmt.Sprintf("must be at least %s", k.Want.RatString())
	case *kind.Maximum:
		return fmt.Sprintf("must be at most %s", k.Want.RatString())
	}
	return k.LocalizedString(printer)
}

// enumMessage lists the allowed values; for a tier written in words it also says which tier is meant.
func enumMessage(k *kind.Enum, path string) string {
	want := make([]string, len(k.Want))
	for i, w := range k.Want {
		want[i] = fmt.Sprint(w)
	}
	msg := "must be one of " + strings.Join(want, ", ")
	if strings.HasSuffix(path, ".tier") {
		if s, ok := k.Got.(string); ok {
			if t, ok := tierWords[strings.ToLower(s)]; ok {
				msg += fmt.Sprintf(" (%s is %s)", s, t)
			}
		}
	}
	return msg
}

// tierWords map the usual criticality words to Seam's tiers, to help someone who wrote the word.
var tierWords = map[string]Tier{"critical": Tier1, "high": Tier2, "medium": Tier3, "low": Tier4}

// propertyNames returns the property names declared by the schema object at url (a URL under schemaID whose
// fragment is a JSON pointer), sorted.
func (cs *compiledSchema) propertyNames(url string) []string {
	_, frag, _ := strings.Cut(url, "#")
	node := cs.doc
	for _, tok := range strings.Split(strings.TrimPrefix(frag, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[tok]
	}
	m, _ := node.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// suggest returns the known name closest to s when it is close enough to be a likely typo.
func suggest(s string, known []string) string {
	best, bestD := "", min(3, len(s)/3+1)+1
	for _, k := range known {
		if d := editDistance(strings.ToLower(s), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, counted in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
