package app

import (
	"fmt"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/paths"
)

// codeExecution: an execution-class foothold (command, code or template injection, unsafe deserialization)
// turns reach to a workload into code execution in it.
type codeExecution struct{}

func (codeExecution) Meta() paths.Meta {
	return paths.Meta{ID: "app.code-execution", Title: "An injection flaw runs the attacker's code in the service",
		Technique: "T1190", TechniqueName: "Exploit Public-Facing Application",
		// 0.9: a high-confidence command injection is exploited with one request once the route is found; the
		// step takes the foothold's own likelihood times the class factor (execFactor).
		Likelihood: 0.9,
		Rationale: "request input that reaches a shell, an interpreter, a template engine or a deserialiser runs " +
			"what the attacker sends, as the service's process",
		Control: "fix the flaw: pass arguments without a shell, never evaluate or deserialise request input, " +
			"render templates from files only",
		From: []paths.Kind{paths.Reach}, To: []paths.Kind{paths.Exec}}
}

func (codeExecution) Steps(c *paths.Context, s paths.State) []paths.Step {
	w, fhs := footholdsOfClass(c, s, flaw.Class.Execution)
	var out []paths.Step
	for _, fh := range fhs {
		factor, note := execFactor(c, fh)
		reason := fmt.Sprintf("%s: exploiting it runs the attacker's code in %s", footholdName(c, fh), c.Name(w.ID))
		if note != "" {
			reason += "; " + note
		}
		out = append(out, footholdStep(fh, paths.State{Kind: paths.Exec, Node: w.ID}, factor, reason))
	}
	return out
}

// execFactor is how much of a foothold's likelihood becomes code execution, by class, with a note when it is
// below 1.
func execFactor(c *paths.Context, fh paths.Foothold) (float64, string) {
	switch flaw.Class(fh.Class) {
	case flaw.Deserialization:
		return 0.8, "code execution needs a gadget chain in the process's libraries (public tools carry them for the common ones)"
	case flaw.TemplateInjection:
		if n := c.Node(fh.Node); n != nil && attrString(n.Attrs, "language") == "go" {
			return 0.3, "Go templates call only the methods of the data they are given, so code execution depends on what that data offers"
		}
	}
	return 1, ""
}
