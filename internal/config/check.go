package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// checker runs the checks a JSON Schema cannot express: unique names, valid globs, sizes, paths and which
// targets each entry point type takes. It reads the decoded document defensively: a value of the wrong shape
// is the schema's to report, so it is skipped here.
type checker struct {
	file string
	loc  *locator
	tree any
	out  []Problem
}

// checkProblems returns the problems the schema cannot see.
func checkProblems(file string, loc *locator, tree any) []Problem {
	root, ok := tree.(map[string]any)
	if !ok {
		return nil
	}
	c := &checker{file: file, loc: loc, tree: tree}
	c.unique(root, "owners", "id", "owner id")
	c.unique(root, "services", "name", "service")
	c.unique(root, "data_classes", "name", "data class")
	c.unique(root, "crown_jewels", "name", "crown jewel")
	c.unique(root, "entry_points", "name", "entry point")
	c.globs([]string{"ignore"}, root["ignore"], true)
	for _, sec := range []string{"owners", "services"} {
		c.each(root, sec, func(ptr []string, m map[string]any) {
			c.globs(append(ptr, "paths"), m["paths"], true)
			c.globs(append(ptr, "resources"), m["resources"], false)
		})
	}
	c.each(root, "data_classes", func(ptr []string, m map[string]any) {
		c.globs(append(ptr, "resources"), m["resources"], false)
		if tags, ok := m["tags"].(map[string]any); ok {
			for _, k := range sortedKeys(tags) {
				c.glob(append(ptr, "tags", k), tags[k], false)
			}
		}
	})
	c.each(root, "crown_jewels", func(ptr []string, m map[string]any) {
		c.globs(append(ptr, "resources"), m["resources"], false)
	})
	c.each(root, "entry_points", c.entryPoint)
	if s, ok := root["settings"].(map[string]any); ok {
		c.settings(s)
	}
	return c.out
}

// add records a problem at the value ptr points to.
func (c *checker) add(ptr []string, format string, args ...any) {
	line, col := c.loc.at(ptr)
	c.out = append(c.out, Problem{
		File: c.file, Line: line, Column: col, Path: pathOf(c.tree, ptr), Message: fmt.Sprintf(format, args...),
	})
}

// each calls fn for every mapping in the list root[section], with its pointer.
func (c *checker) each(root map[string]any, section string, fn func(ptr []string, m map[string]any)) {
	list, _ := root[section].([]any)
	for i, item := range list {
		if m, ok := item.(map[string]any); ok {
			fn([]string{section, strconv.Itoa(i)}, m)
		}
	}
}

// unique reports a name declared twice in one section. Names are compared without case, as their node IDs are.
func (c *checker) unique(root map[string]any, section, key, what string) {
	first := map[string]int{}
	c.each(root, section, func(ptr []string, m map[string]any) {
		name, ok := m[key].(string)
		if !ok {
			return
		}
		name = strings.ToLower(strings.TrimSpace(name))
		ptr = append(ptr, key)
		line := c.loc.line(ptr...)
		if at, dup := first[name]; dup {
			c.add(ptr, "duplicate %s %q (first declared on line %d)", what, m[key], at)
			return
		}
		first[name] = line
	})
}

// globs checks every glob in a list; relPath says the globs match repository paths, not node IDs.
func (c *checker) globs(ptr []string, v any, relPath bool) {
	list, _ := v.([]any)
	for i, g := range list {
		c.glob(append(ptr[:len(ptr):len(ptr)], strconv.Itoa(i)), g, relPath)
	}
}

// glob checks one doublestar glob.
func (c *checker) glob(ptr []string, v any, relPath bool) {
	g, ok := v.(string)
	if !ok || g == "" {
		return
	}
	switch {
	case !doublestar.ValidatePattern(g):
		c.add(ptr, "invalid glob %q: an unclosed '[' or '{', or a trailing '\\'", g)
	case relPath && strings.HasPrefix(g, "/"):
		c.add(ptr, "glob %q must be relative to the scanned root (no leading '/')", g)
	}
}

// entryTargets lists the target keys each entry point type accepts; "resources" is accepted by every type.
var entryTargets = map[EntryType]struct{ required, allowed []string }{
	EntryInternet:           {},
	EntryLeakedCredential:   {required: []string{"identity"}, allowed: []string{"identity"}},
	EntryInsider:            {allowed: []string{"namespace", "identity"}},
	EntryCompromisedPackage: {required: []string{"package"}, allowed: []string{"package"}},
}

// entryPoint checks that an entry point names the targets its type needs and no others.
func (c *checker) entryPoint(ptr []string, m map[string]any) {
	c.glob(append(ptr, "identity"), m["identity"], false)
	c.globs(append(ptr, "resources"), m["resources"], false)
	typ, _ := m["type"].(string)
	if name, _ := m["name"].(string); name == "internet" && typ != string(EntryInternet) {
		c.add(append(ptr, "type"), "the entry point named \"internet\" must have type internet")
	}
	rule, ok := entryTargets[EntryType(typ)]
	if !ok {
		return // an unknown type is the schema's to report
	}
	for _, k := range rule.required {
		if _, has := m[k]; !has {
			c.add(ptr, "an entry point of type %s needs %q", typ, k)
		}
	}
	if typ == string(EntryInsider) && m["namespace"] == nil && m["identity"] == nil {
		c.add(ptr, "an entry point of type insider needs \"namespace\" or \"identity\"")
	}
	for _, k := range []string{"identity", "namespace", "package"} {
		if _, has := m[k]; has && !contains(rule.allowed, k) {
			c.add(append(ptr, k), "%q does not apply to an entry point of type %s", k, typ)
		}
	}
}

// settings checks the size and the Terraform variable file paths.
func (c *checker) settings(s map[string]any) {
	if v, ok := s["max_file_size"]; ok {
		ptr := []string{"settings", "max_file_size"}
		switch _, err := byteSizeOf(v); {
		case errors.Is(err, errNotSize):
			// the schema reports a string that is not a size, and a value of the wrong type
		case err != nil:
			c.add(ptr, "%v", err)
		}
	}
	tf, _ := s["terraform"].(map[string]any)
	files, _ := tf["var_files"].([]any)
	for i, f := range files {
		p, ok := f.(string)
		if !ok || p == "" {
			continue
		}
		ptr := []string{"settings", "terraform", "var_files", strconv.Itoa(i)}
		switch {
		case strings.Contains(p, `\`):
			c.add(ptr, "use '/' to separate directories in %q", p)
		case strings.HasPrefix(p, "/") || !fs.ValidPath(path.Clean(p)):
			c.add(ptr, "%q must be a path inside the scanned root, relative to it", p)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
