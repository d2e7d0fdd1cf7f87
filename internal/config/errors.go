package config

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with a configuration file, located as precisely as Seam can: the line and column
// of the offending key or value (1-based; 0 when the problem concerns the whole file), and the path of the
// value in the document ("owners[1].tier", "" for the document itself).
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// String renders a problem the way compilers do: "seam.yaml:12:5: owners[1].tier: must be one of …".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	b.WriteString(": ")
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// ValidationError reports an invalid configuration file: every problem found, sorted by position. The CLI
// maps it to the "invalid configuration" exit code.
type ValidationError struct {
	Problems []Problem
}

// Error renders every problem, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// maxProblems is how many problems a ValidationError lists; the rest are counted in a last problem.
const maxProblems = 200

// sortProblems orders problems by line, column, path and message, drops exact repeats, and keeps the first
// maxProblems, followed by a problem without a position that counts the others.
func sortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Message < b.Message
	})
	var out []Problem
	for _, p := range ps {
		if len(out) > 0 && p == out[len(out)-1] {
			continue
		}
		out = append(out, p)
	}
	if len(out) > maxProblems {
		more := len(out) - maxProblems
		out = append(out[:maxProblems], Problem{
			File: out[0].File, Message: fmt.Sprintf("%d more problems not shown; fix the ones above first", more),
		})
	}
	return out
}
