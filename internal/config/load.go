package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Limits on the decoded document. A real seam.yaml is a few levels deep and holds thousands of values at
// most; the limits stop aliases that expand exponentially ("billion laughs") and pathological nesting.
const (
	maxDepth  = 64
	maxValues = 1_000_000
)

// Load reads, validates and decodes the configuration file at name in fsys (slash-separated, relative to
// fsys). An invalid file is a *ValidationError listing every problem; a file that cannot be read is an error
// wrapping the fs error.
func Load(fsys fs.FS, name string) (*Config, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("read configuration %s: %w", name, err)
	}
	if len(data) > MaxConfigSize {
		return nil, &ValidationError{Problems: []Problem{{
			File: name, Message: fmt.Sprintf("is larger than %d KiB, the most Seam reads for a configuration file", MaxConfigSize>>10),
		}}}
	}
	return Parse(name, data)
}

// Parse validates and decodes a configuration held in data; file names it in problems and provenance.
func Parse(file string, data []byte) (*Config, error) {
	body, tree, p := decodeYAML(file, data)
	if p != nil {
		return nil, &ValidationError{Problems: []Problem{*p}}
	}
	if tree == nil {
		return nil, &ValidationError{Problems: []Problem{{
			File: file, Line: 1, Column: 1, Message: "the file is empty; a configuration needs at least \"version: 1\"",
		}}}
	}
	loc := newLocator(body)
	problems := append(schemaProblems(file, loc, tree), checkProblems(file, loc, tree)...)
	if len(problems) == 0 {
		problems = policyProblems(file, loc, tree) // dates, globs and directories of policies and exceptions
	}
	if len(problems) > 0 {
		return nil, &ValidationError{Problems: sortProblems(problems)}
	}
	cfg, err := typed(tree)
	if err != nil {
		return nil, &ValidationError{Problems: []Problem{{File: file, Message: err.Error()}}}
	}
	cfg.File = file
	fillLines(cfg, loc)
	fillPolicyLines(cfg, loc)
	for i, f := range cfg.Settings.Terraform.VarFiles {
		cfg.Settings.Terraform.VarFiles[i] = path.Clean(f)
	}
	return cfg, nil
}

// decodeYAML parses data into its AST body and a JSON-compatible value. A syntax error, more than one
// document, or a document beyond the limits is a problem at its position.
func decodeYAML(file string, data []byte) (body ast.Node, tree any, problem *Problem) {
	defer func() {
		// The YAML library is third-party code fed untrusted input; a panic in it must not end the scan.
		if r := recover(); r != nil {
			body, tree = nil, nil
			problem = &Problem{File: file, Message: fmt.Sprintf("cannot parse YAML: %v", r)}
		}
	}()
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, nil, yamlProblem(file, err)
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	switch len(docs) {
	case 0:
		return nil, nil, nil
	case 1:
	default:
		line, col := newLocator(docs[1].Body).at(nil)
		return nil, nil, &Problem{File: file, Line: line, Column: col,
			Message: "a configuration file holds one YAML document; this is a second one"}
	}
	body = docs[0].Body
	var v any
	if err := yaml.NodeToValue(body, &v); err != nil {
		return nil, nil, yamlProblem(file, err)
	}
	n := 0
	tree, err = normalize(v, 0, &n)
	if err != nil {
		line, col := newLocator(body).at(nil)
		return nil, nil, &Problem{File: file, Line: line, Column: col, Message: err.Error()}
	}
	return body, tree, nil
}

// yamlProblem locates a YAML library error at its token.
func yamlProblem(file string, err error) *Problem {
	var ye yaml.Error
	if errors.As(err, &ye) {
		p := &Problem{File: file, Message: "invalid YAML: " + ye.GetMessage()}
		if t := ye.GetToken(); t != nil && t.Position != nil {
			p.Line, p.Column = t.Position.Line, t.Position.Column
		}
		return p
	}
	return &Problem{File: file, Message: "invalid YAML: " + err.Error()}
}

// normalize turns what the YAML decoder produced into values JSON Schema and encoding/json understand:
// integers as int64 or uint64, non-finite floats and timestamps as the strings they were written as, and
// anything exotic as its printed form. It fails past the depth and size limits.
func normalize(v any, depth int, n *int) (any, error) {
	*n++
	if *n > maxValues {
		return nil, fmt.Errorf("the document expands to more than %d values (aliases?)", maxValues)
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("the document is nested more than %d levels deep", maxDepth)
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			ne, err := normalize(e, depth+1, n)
			if err != nil {
				return nil, err
			}
			out[k] = ne
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			ne, err := normalize(e, depth+1, n)
			if err != nil {
				return nil, err
			}
			out[i] = ne
		}
		return out, nil
	case nil, string, bool, int64, uint64:
		return x, nil
	case int:
		return int64(x), nil
	case float64:
		switch {
		case math.IsNaN(x):
			return ".nan", nil
		case math.IsInf(x, 1):
			return ".inf", nil
		case math.IsInf(x, -1):
			return "-.inf", nil
		}
		return x, nil
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	case []byte:
		return string(x), nil
	}
	return fmt.Sprint(v), nil
}

// typed decodes a validated document into a Config through its JSON form.
func typed(tree any) (*Config, error) {
	data, err := json.Marshal(tree)
	if err != nil {
		return nil, fmt.Errorf("decode configuration: %w", err)
	}
	cfg := &Config{}
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("decode configuration: %w", err)
	}
	return cfg, nil
}

// fillLines records where each declared element is, for the provenance of its facts.
func fillLines(c *Config, loc *locator) {
	line := loc.line
	for i := range c.Owners {
		c.Owners[i].Line = line("owners", strconv.Itoa(i))
	}
	for i := range c.Services {
		c.Services[i].Line = line("services", strconv.Itoa(i))
		if c.Services[i].Owner != "" {
			c.Services[i].OwnerLine = line("services", strconv.Itoa(i), "owner")
		}
	}
	for i := range c.DataClasses {
		c.DataClasses[i].Line = line("data_classes", strconv.Itoa(i))
	}
	for i := range c.CrownJewels {
		c.CrownJewels[i].Line = line("crown_jewels", strconv.Itoa(i))
	}
	for i := range c.EntryPoints {
		c.EntryPoints[i].Line = line("entry_points", strconv.Itoa(i))
	}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
