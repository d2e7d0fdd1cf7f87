package policy

import (
	"fmt"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/config"
	"github.com/seam-sec/seam/internal/model"
)

// ExpiredExceptionID is the control every expired seam.yaml exception fails: it is built into the engine
// rather than written in Rego, because it reads seam.yaml, not the graph.
const ExpiredExceptionID = "SEAM-CONFIG-EXCEPTION-001"

// ExpiredExceptionControl describes ExpiredExceptionID for reports (SARIF rules, the catalogue).
func ExpiredExceptionControl() Control {
	return Control{
		ID:    ExpiredExceptionID,
		Title: "Exceptions to guardrails expire",
		Description: "An exception in seam.yaml excuses resources from a control until a date, so that a risk " +
			"accepted for a while is looked at again. Once the date has passed the exception no longer holds: " +
			"the results it excused fail again, and the exception itself fails at its seam.yaml line.",
		Severity:    High,
		Remediation: "Fix the excused resources, or renew the exception with a new expiry date and a reason its owner signs.",
		Source:      SourceBuiltin,
		Package:     "(engine)",
		File:        "internal/policy/exceptions.go",
	}
}

// EnforcedError reports a seam.yaml that tries to disable or except a control of an enforced bundle.
type EnforcedError struct {
	Problems []Problem
}

// Error renders every problem, one per line.
func (e *EnforcedError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "seam.yaml overrides enforced controls\n" + strings.Join(lines, "\n")
}

// Enforce checks seam.yaml's disable list and exceptions against the controls: disabling or excepting a
// control of an enforced bundle is an *EnforcedError naming the seam.yaml line and the bundle.
func (s *Set) Enforce(cfg *config.Config) error {
	if cfg == nil {
		return nil
	}
	var ps []Problem
	for i, id := range cfg.Policies.Disable {
		if c, ok := s.Control(id); ok && c.Enforced {
			ps = append(ps, Problem{File: cfg.File, Line: lineAt(cfg.Policies.DisableLines, i),
				Message: fmt.Sprintf("%s cannot be disabled: it is enforced by the bundle %s", id, c.Origin)})
		}
	}
	for _, e := range cfg.Exceptions {
		if c, ok := s.Control(e.Control); ok && c.Enforced {
			ps = append(ps, Problem{File: cfg.File, Line: e.Line,
				Message: fmt.Sprintf("%s cannot be excepted: it is enforced by the bundle %s", e.Control, c.Origin)})
		}
	}
	if len(ps) > 0 {
		return &EnforcedError{Problems: sortProblems(ps)}
	}
	return nil
}

func lineAt(lines []int, i int) int {
	if i < len(lines) {
		return lines[i]
	}
	return 0
}

// exceptionState tracks which exceptions matched a result, to report the stale ones.
type exceptionState struct {
	cfg  *config.Config
	now  time.Time
	used []bool
}

func newExceptionState(cfg *config.Config, now time.Time) *exceptionState {
	if cfg == nil {
		cfg = config.Default()
	}
	return &exceptionState{cfg: cfg, now: now, used: make([]bool, len(cfg.Exceptions))}
}

// apply marks r excepted when a current exception covers it, and records an expired one that would have.
func (x *exceptionState) apply(r *Result) {
	for i, e := range x.cfg.Exceptions {
		if e.Control != r.ControlID || !matchesAny(e.Resources, r.NodeID) {
			continue
		}
		x.used[i] = true
		ref := &ExceptionRef{File: x.cfg.File, Line: e.Line, Owner: e.Owner, Reason: e.Reason, Expires: e.Expires,
			Expired: e.Expired(x.now)}
		if r.Exception == nil || r.Exception.Expired {
			r.Exception = ref
		}
		if !ref.Expired {
			r.Status = StatusExcepted
			return
		}
	}
}

// expired returns the failing results of expired exceptions and the diagnostics of the others: exceptions and
// disables naming no loaded control, and exceptions that excused nothing.
func (x *exceptionState) expired(s *Set) ([]Result, []model.Diagnostic) {
	var rs []Result
	var ds []model.Diagnostic
	diag := func(line int, sev model.Severity, msg string) {
		ds = append(ds, model.Diagnostic{File: x.cfg.File, Line: line, Severity: sev, Extractor: "policy", Message: msg})
	}
	for i, e := range x.cfg.Exceptions {
		c, known := s.Control(e.Control)
		switch {
		case e.Expired(x.now):
			sev := High
			if known {
				sev = c.Severity
			}
			field := fmt.Sprintf("exceptions[%d]", i)
			rs = append(rs, Result{ControlID: ExpiredExceptionID, Severity: sev, NodeID: model.FileNodeID(model.KindConfig, x.cfg.File),
				File: x.cfg.File, Line: e.Line, Field: field, Status: StatusFail, Owner: e.Owner,
				Msg:         fmt.Sprintf("exception for %s expired on %s (owner %s: %s)", e.Control, e.Expires, e.Owner, e.Reason),
				Fingerprint: Fingerprint(ExpiredExceptionID, e.Control, strings.Join(e.Resources, ","))})
		case !known:
			diag(e.Line, model.SeverityWarning, fmt.Sprintf("the exception names %s, which is not a loaded control", e.Control))
		case !x.used[i]:
			diag(e.Line, model.SeverityInfo, fmt.Sprintf("the exception for %s excuses nothing: no result of it matches %s", e.Control, strings.Join(e.Resources, ", ")))
		}
	}
	for i, id := range x.cfg.Policies.Disable {
		if _, ok := s.Control(id); !ok {
			diag(lineAt(x.cfg.Policies.DisableLines, i), model.SeverityWarning, fmt.Sprintf("policies.disable names %s, which is not a loaded control", id))
		}
	}
	return rs, ds
}

func matchesAny(globs []string, id string) bool {
	for _, g := range globs {
		if ok, err := doublestar.Match(g, id); err == nil && ok {
			return true
		}
	}
	return false
}
