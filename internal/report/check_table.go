package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/seam-sec/seam/internal/policy"
)

// CheckTable writes a check for people: the failing results grouped by severity (file:line, control,
// message, owner), the excepted ones after them, the diagnostics, and a summary line.
type CheckTable struct {
	style Style
}

// WriteCheck implements CheckWriter.
func (t CheckTable) WriteCheck(w io.Writer, d *CheckDocument) error {
	p := &printer{w: w, color: t.style.Color}
	for _, sev := range policy.Severities() {
		var rs []policy.Result
		for _, r := range d.Results {
			if r.Failing() && r.Severity == sev {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			continue
		}
		p.line(p.checkSev(sev, strings.ToUpper(string(sev))) + fmt.Sprintf(" (%d)", len(rs)))
		for _, r := range rs {
			p.line("  " + resultLine(r))
			if r.Unknown != "" {
				p.line("      unknown: " + r.Unknown)
			}
			if r.Exception != nil && r.Exception.Expired {
				p.line(fmt.Sprintf("      its exception (%s:%d) expired on %s", r.Exception.File, r.Exception.Line, r.Exception.Expires))
			}
		}
		p.line("")
	}
	var excepted []policy.Result
	for _, r := range d.Results {
		if r.Status == policy.StatusExcepted {
			excepted = append(excepted, r)
		}
	}
	if len(excepted) > 0 {
		p.line(p.bold(fmt.Sprintf("EXCEPTED (%d)", len(excepted))))
		for _, r := range excepted {
			p.line("  " + resultLine(r))
			p.line(fmt.Sprintf("      until %s, %s: %s (%s:%d)", r.Exception.Expires, r.Exception.Owner, r.Exception.Reason, r.Exception.File, r.Exception.Line))
		}
		p.line("")
	}
	if len(d.Diagnostics) > 0 {
		p.line(p.bold(fmt.Sprintf("DIAGNOSTICS (%d)", len(d.Diagnostics))))
		for _, dg := range d.Diagnostics {
			p.line("  " + dg.String())
		}
		p.line("")
	}
	p.line(checkSummaryLine(d))
	return p.err
}

// resultLine renders one result: "file:line  ID  [unknown] message  (owner)".
func resultLine(r policy.Result) string {
	at := r.File
	if r.Line > 0 {
		at = fmt.Sprintf("%s:%d", r.File, r.Line)
	}
	s := at + "  " + r.ControlID + "  "
	if r.Status == policy.StatusUnknown {
		s += "[unknown] "
	}
	s += r.Msg
	if r.Owner != "" {
		s += "  (" + r.Owner + ")"
	} else {
		s += "  (no owner)"
	}
	return s
}

// checkSummaryLine says what was evaluated and what the gate decided.
func checkSummaryLine(d *CheckDocument) string {
	var counts []string
	for _, sev := range policy.Severities() {
		if n := d.Summary.BySeverity[string(sev)]; n > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	failing := d.Summary.ByStatus[string(policy.StatusFail)] + d.Summary.ByStatus[string(policy.StatusUnknown)]
	s := fmt.Sprintf("%d controls, %d failing result(s)", d.Summary.Controls, failing)
	if len(counts) > 0 {
		s += " (" + strings.Join(counts, ", ") + ")"
	}
	if n := d.Summary.ByStatus[string(policy.StatusExcepted)]; n > 0 {
		s += fmt.Sprintf(", %d excepted", n)
	}
	if len(d.Disabled) > 0 {
		s += fmt.Sprintf(", %d control(s) disabled", len(d.Disabled))
	}
	if d.Baseline != nil {
		s += fmt.Sprintf(", %d known to the baseline %s", d.Baseline.Known, d.Baseline.File)
	}
	if d.Summary.Failing > 0 {
		return s + fmt.Sprintf(": FAIL, %d at or above %s", d.Summary.Failing, d.FailOn)
	}
	return s + fmt.Sprintf(": PASS, none at or above %s", d.FailOn)
}

func (p *printer) checkSev(s policy.Severity, text string) string {
	if !p.color {
		return text
	}
	switch s {
	case policy.Critical, policy.High:
		return "\x1b[1;31m" + text + "\x1b[0m"
	case policy.Medium:
		return "\x1b[33m" + text + "\x1b[0m"
	}
	return "\x1b[1m" + text + "\x1b[0m"
}
