package config

import (
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemaObject returns the schema object at a JSON pointer into the embedded schema.
func schemaObject(t *testing.T, ptr string) map[string]any {
	t.Helper()
	cs, err := loadSchema()
	if err != nil {
		t.Fatal(err)
	}
	node := cs.doc
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		m, ok := node.(map[string]any)
		if !ok {
			t.Fatalf("%s: not an object at %q", ptr, tok)
		}
		node = m[tok]
	}
	m, ok := node.(map[string]any)
	if !ok {
		t.Fatalf("%s: not an object", ptr)
	}
	return m
}

// TestSchemaMatchesTypes keeps the JSON Schema and the Go types in step: each schema object declares exactly
// the keys its Go type decodes, and a key is required exactly when its Go field is not omitempty.
func TestSchemaMatchesTypes(t *testing.T) {
	tests := []struct {
		ptr string
		typ any
	}{
		{"", Config{}},
		{"/$defs/owner", Owner{}},
		{"/$defs/contacts", Contacts{}},
		{"/$defs/service", Service{}},
		{"/$defs/dataClass", DataClass{}},
		{"/$defs/crownJewel", CrownJewel{}},
		{"/$defs/entryPoint", EntryPoint{}},
		{"/$defs/settings", Settings{}},
		{"/$defs/settings/properties/terraform", TerraformSettings{}},
	}
	for _, tt := range tests {
		t.Run(tt.ptr, func(t *testing.T) {
			obj := schemaObject(t, tt.ptr)
			props, _ := obj["properties"].(map[string]any)
			var schemaKeys, schemaRequired, goKeys, goRequired []string
			for k := range props {
				schemaKeys = append(schemaKeys, k)
			}
			req, _ := obj["required"].([]any)
			for _, r := range req {
				schemaRequired = append(schemaRequired, r.(string))
			}
			rt := reflect.TypeOf(tt.typ)
			for i := range rt.NumField() {
				tag := rt.Field(i).Tag.Get("json")
				name, opts, _ := strings.Cut(tag, ",")
				if name == "-" || name == "" {
					continue
				}
				goKeys = append(goKeys, name)
				if !strings.Contains(opts, "omit") {
					goRequired = append(goRequired, name)
				}
			}
			if obj["additionalProperties"] != false {
				t.Errorf("schema object does not forbid unknown keys")
			}
			for _, l := range [][]string{schemaKeys, schemaRequired, goKeys, goRequired} {
				sort.Strings(l)
			}
			if diff := cmp.Diff(goKeys, schemaKeys); diff != "" {
				t.Errorf("keys (-go +schema):\n%s", diff)
			}
			if diff := cmp.Diff(goRequired, schemaRequired); diff != "" {
				t.Errorf("required keys (-go +schema):\n%s", diff)
			}
		})
	}
}

// TestPatternMessages checks that every pattern in the schema has a message in words, and no message is stale.
func TestPatternMessages(t *testing.T) {
	used := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if p, ok := x["pattern"].(string); ok {
				used[p] = true
				if _, ok := patternMessages[p]; !ok {
					t.Errorf("pattern %q has no message in patternMessages", p)
				}
				if _, err := regexp.Compile(p); err != nil {
					t.Errorf("pattern %q: %v", p, err)
				}
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	cs, err := loadSchema()
	if err != nil {
		t.Fatal(err)
	}
	walk(cs.doc)
	for p := range patternMessages {
		if !used[p] {
			t.Errorf("patternMessages has %q, which the schema no longer uses", p)
		}
	}
}

// TestSchemaJSON checks the exported copy is the embedded schema and cannot change it.
func TestSchemaJSON(t *testing.T) {
	s := SchemaJSON()
	onDisk, err := os.ReadFile("seam.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if string(s) != string(onDisk) {
		t.Error("SchemaJSON differs from seam.schema.json")
	}
	s[0] = 'x'
	if SchemaJSON()[0] == 'x' {
		t.Error("SchemaJSON returns the embedded bytes, not a copy")
	}
}

// TestDocumentedExample keeps docs/seam-yaml.md honest: its full example must validate, and every top-level
// key of the schema must have a section.
func TestDocumentedExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/seam-yaml.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	const marker = "<!-- full example: validated by internal/config TestDocumentedExample -->"
	_, after, ok := strings.Cut(text, marker)
	if !ok {
		t.Fatalf("docs/seam-yaml.md has no %q marker", marker)
	}
	_, block, ok := strings.Cut(after, "```yaml\n")
	if !ok {
		t.Fatal("no ```yaml block after the marker")
	}
	block, _, ok = strings.Cut(block, "```")
	if !ok {
		t.Fatal("unterminated ```yaml block")
	}
	cfg, err := Parse("seam.yaml", []byte(block))
	if err != nil {
		t.Fatalf("the documented example is invalid:\n%v", err)
	}
	if len(cfg.Owners) == 0 || len(cfg.Services) == 0 || len(cfg.DataClasses) == 0 || len(cfg.CrownJewels) == 0 ||
		len(cfg.EntryPoints) == 0 || len(cfg.Ignore) == 0 {
		t.Error("the documented example should show every section")
	}
	props, _ := schemaObject(t, "")["properties"].(map[string]any)
	for k := range props {
		if !strings.Contains(text, "### `"+k+"`") {
			t.Errorf("docs/seam-yaml.md has no section \"### `%s`\"", k)
		}
	}
}
