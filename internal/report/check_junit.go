package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/seam-sec/seam/internal/policy"
)

// CheckJUnit writes a check as JUnit XML, which every CI system displays: a test suite per control, a test
// case per node the control evaluated, failed with its messages when the node has failing results (excepted
// ones are skipped, with the exception as the reason). The engine's own control gets a case per result.
type CheckJUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// WriteCheck implements CheckWriter.
func (CheckJUnit) WriteCheck(w io.Writer, d *CheckDocument) error {
	byNode := map[string][]policy.Result{}
	for _, r := range d.Results {
		byNode[r.ControlID+"\x00"+r.NodeID] = append(byNode[r.ControlID+"\x00"+r.NodeID], r)
	}
	out := junitSuites{Name: "seam check"}
	for i, c := range d.Controls {
		s := junitSuite{Name: c.ID + " " + c.Title}
		nodes := d.Evaluated[i]
		if nodes == nil {
			for _, r := range d.Results {
				if r.ControlID == c.ID {
					nodes = append(nodes, r.NodeID)
				}
			}
		}
		for _, n := range nodes {
			s.Cases = append(s.Cases, junitCaseOf(c, n, byNode[c.ID+"\x00"+n]))
			byNode[c.ID+"\x00"+n] = nil // a node listed twice (the engine's control) is reported once
		}
		for _, tc := range s.Cases {
			if tc.Failure != nil {
				s.Failures++
			}
			if tc.Skipped != nil {
				s.Skipped++
			}
		}
		s.Tests = len(s.Cases)
		out.Tests, out.Failures, out.Skipped = out.Tests+s.Tests, out.Failures+s.Failures, out.Skipped+s.Skipped
		out.Suites = append(out.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitCaseOf is one node's case: failed by its failing results, skipped when all are excepted.
func junitCaseOf(c policy.Control, node string, rs []policy.Result) junitCase {
	tc := junitCase{Name: node, Classname: c.ID}
	var failing, excepted []string
	for _, r := range rs {
		if tc.File == "" {
			tc.File, tc.Line = r.File, r.Line
		}
		line := fmt.Sprintf("%s:%d: %s", r.File, r.Line, r.Msg)
		if r.Unknown != "" {
			line += " (unknown: " + r.Unknown + ")"
		}
		switch {
		case r.Failing():
			failing = append(failing, line)
		case r.Exception != nil:
			excepted = append(excepted, fmt.Sprintf("excepted until %s by %s: %s", r.Exception.Expires, r.Exception.Owner, r.Exception.Reason))
		}
	}
	switch {
	case len(failing) > 0:
		tc.Failure = &junitFailure{Message: rs[0].Msg, Type: string(c.Severity), Text: strings.Join(failing, "\n")}
	case len(excepted) > 0:
		tc.Skipped = &junitSkipped{Message: strings.Join(excepted, "; ")}
	}
	return tc
}
