package config

import (
	"path"
	"strconv"
	"strings"
	"time"
)

// Policies is the `policies` section: where guardrail controls come from besides the built-in library, and
// which controls the repository switches off.
type Policies struct {
	// Dirs are directories of .rego controls, slash-separated and relative to the scanned root.
	Dirs []string `json:"dirs,omitempty"`
	// Bundles are organisation policy bundles (a directory or a .tar.gz), absolute or relative to the root.
	Bundles []PolicyBundle `json:"bundles,omitempty"`
	// Disable lists IDs of controls not to evaluate. A control of an enforced bundle cannot be disabled.
	Disable []string `json:"disable,omitempty"`
	// DisableLines[i] is the line of Disable[i].
	DisableLines []int `json:"-"`
}

// PolicyBundle is one organisation bundle of controls.
type PolicyBundle struct {
	Path string `json:"path"`
	// Enforced bundles' controls cannot be disabled or excepted by the repository.
	Enforced bool `json:"enforced,omitempty"`
	// Line is where the bundle is declared.
	Line int `json:"-"`
}

// Exception excuses resources from one control until a date, with someone who answers for it.
type Exception struct {
	Control string `json:"control"`
	// Resources are doublestar globs of node IDs.
	Resources []string `json:"resources"`
	Owner     string   `json:"owner"`
	Reason    string   `json:"reason"`
	// Expires is the last day the exception holds, YYYY-MM-DD (UTC).
	Expires string `json:"expires"`
	// Line is where the exception is declared.
	Line int `json:"-"`
}

// DateLayout is the layout of an exception's expiry date.
const DateLayout = "2006-01-02"

// ExpiresAt returns the first instant the exception no longer holds: midnight UTC after its expiry day.
func (e Exception) ExpiresAt() (time.Time, error) {
	d, err := time.Parse(DateLayout, e.Expires)
	if err != nil {
		return time.Time{}, err
	}
	return d.AddDate(0, 0, 1), nil
}

// Expired reports whether the exception no longer holds at now.
func (e Exception) Expired(now time.Time) bool {
	at, err := e.ExpiresAt()
	return err == nil && !now.Before(at)
}

// CheckPolicies locates the `policies` and `exceptions` entries of a configuration parsed from data (the
// same bytes Parse read) and checks what the schema cannot: exception dates, resource globs, and policy
// directories that stay inside the scanned root. It fills the Line fields and returns a *ValidationError
// listing the problems, or nil. Calling it more than once is harmless.
func (c *Config) CheckPolicies(data []byte) error {
	if c == nil {
		return nil
	}
	body, tree, p := decodeYAML(c.File, data)
	if p != nil {
		return &ValidationError{Problems: []Problem{*p}}
	}
	loc := newLocator(body)
	fillPolicyLines(c, loc)
	if ps := policyProblems(c.File, loc, tree); len(ps) > 0 {
		return &ValidationError{Problems: sortProblems(ps)}
	}
	return nil
}

// fillPolicyLines records where each bundle, disabled control and exception is declared.
func fillPolicyLines(c *Config, loc *locator) {
	for i := range c.Policies.Bundles {
		c.Policies.Bundles[i].Line = loc.line("policies", "bundles", strconv.Itoa(i))
	}
	c.Policies.DisableLines = make([]int, len(c.Policies.Disable))
	for i := range c.Policies.Disable {
		c.Policies.DisableLines[i] = loc.line("policies", "disable", strconv.Itoa(i))
	}
	if len(c.Policies.DisableLines) == 0 {
		c.Policies.DisableLines = nil
	}
	for i := range c.Exceptions {
		c.Exceptions[i].Line = loc.line("exceptions", strconv.Itoa(i))
	}
}

// policyProblems checks the policies and exceptions sections beyond the schema. Values of the wrong shape are
// the schema's to report and are skipped.
func policyProblems(file string, loc *locator, tree any) []Problem {
	root, ok := tree.(map[string]any)
	if !ok {
		return nil
	}
	c := &checker{file: file, loc: loc, tree: tree}
	c.each(root, "exceptions", func(ptr []string, m map[string]any) {
		c.globs(append(ptr, "resources"), m["resources"], false)
		if d, ok := m["expires"].(string); ok && d != "" {
			if _, err := time.Parse(DateLayout, d); err != nil {
				c.add(append(ptr, "expires"), "%q is not a date: write it as YYYY-MM-DD, e.g. 2027-03-31", d)
			}
		}
	})
	pol, _ := root["policies"].(map[string]any)
	dirs, _ := pol["dirs"].([]any)
	for i, d := range dirs {
		s, ok := d.(string)
		if !ok || s == "" {
			continue
		}
		ptr := []string{"policies", "dirs", strconv.Itoa(i)}
		switch {
		case strings.Contains(s, `\`):
			c.add(ptr, "use '/' to separate directories in %q", s)
		case strings.HasPrefix(s, "/") || path.Clean(s) == ".." || strings.HasPrefix(path.Clean(s), "../"):
			c.add(ptr, "%q must be a directory inside the scanned root, relative to it (an organisation's controls outside it are a bundle)", s)
		}
	}
	return c.out
}
