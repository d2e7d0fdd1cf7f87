package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"

	"github.com/seam-sec/seam/internal/model"
)

// Status is what a result means for the check.
type Status string

// The statuses of a result.
const (
	// StatusFail is a violation.
	StatusFail Status = "fail"
	// StatusUnknown is a violation that rests on a value Seam could not know; it is shown and counts as a
	// failure for --fail-on, never silently passed.
	StatusUnknown Status = "unknown"
	// StatusExcepted is a violation a current seam.yaml exception excuses.
	StatusExcepted Status = "excepted"
)

// Result is one violation of a control by one node.
type Result struct {
	ControlID string   `json:"control"`
	Severity  Severity `json:"severity"`
	NodeID    string   `json:"node"`
	// File and Line are where to fix it: the node's file and the line of Field (see ResolveLine).
	File    string `json:"file"`
	Line    int    `json:"line"`
	Msg     string `json:"message"`
	Field   string `json:"field,omitempty"`
	Status  Status `json:"status"`
	Unknown string `json:"unknown,omitempty"` // why the result rests on an unknown value
	// Related are other node IDs that are part of the reason.
	Related []string `json:"related,omitempty"`
	// Owner is who owns the node (its derived owner), "" when nobody does.
	Owner string `json:"owner,omitempty"`
	// Exception is the seam.yaml exception that matched, current or expired.
	Exception *ExceptionRef `json:"exception,omitempty"`
	// Fingerprint identifies the result across runs: a hash of control, node and field, not of the line.
	Fingerprint string `json:"fingerprint"`
}

// ExceptionRef is the seam.yaml exception a result matched.
type ExceptionRef struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Owner   string `json:"owner"`
	Reason  string `json:"reason"`
	Expires string `json:"expires"`
	Expired bool   `json:"expired,omitempty"`
}

// Failing reports whether the result counts against the check (fail or unknown).
func (r Result) Failing() bool { return r.Status == StatusFail || r.Status == StatusUnknown }

// Fingerprint returns the stable identity of a result: the hex SHA-256 (first 16 bytes) of the control ID,
// node ID and field. It does not change when lines move, so code-scanning services deduplicate across runs.
func Fingerprint(control, node, field string) string {
	h := sha256.Sum256([]byte(control + "\x00" + node + "\x00" + field))
	return hex.EncodeToString(h[:16])
}

// ResolveLine returns the line of field in a node: an exact key of attrs.lines, else the longest key of it
// that is a prefix of field by path ("metadata_options[0]" for "metadata_options[0].http_tokens"), else the
// node's own line.
func ResolveLine(n *model.Node, field string) int {
	lines, _ := n.Attrs["lines"].(map[string]any)
	for p := field; p != "" && lines != nil; p = parentField(p) {
		if l, ok := lineValue(lines[p]); ok {
			return l
		}
	}
	return n.Prov.Line
}

// parentField drops the last step of an attribute path: "a[0].b" → "a[0]" → "a" → "".
func parentField(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

func lineValue(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, x > 0
	case int64:
		return int(x), x > 0
	case float64:
		return int(x), x > 0
	}
	return 0, false
}

// Cost is what evaluating one control took.
type Cost struct {
	ControlID string        `json:"control"`
	Nodes     int           `json:"nodes"`   // nodes in its selection
	Results   int           `json:"results"` // results it returned
	Duration  time.Duration `json:"duration_ns"`
}

// Disabled is a control seam.yaml switched off.
type Disabled struct {
	ControlID string `json:"control"`
	File      string `json:"file"`
	Line      int    `json:"line"`
}

// Report is what a check found.
type Report struct {
	// Controls are the controls evaluated, by ID; Evaluated[i] lists the node IDs Controls[i] read.
	Controls  []Control  `json:"-"`
	Evaluated [][]string `json:"-"`
	Disabled  []Disabled `json:"disabled,omitempty"`
	// Results are sorted by file, line, control, node and field.
	Results []Result `json:"results"`
	Costs   []Cost   `json:"-"`
	// InputDuration is the time spent building the inputs, once per distinct selection, before any control ran.
	InputDuration time.Duration      `json:"-"`
	Diagnostics   []model.Diagnostic `json:"diagnostics"`
}

// sortResults orders results by file, line, control, node, field and message.
func sortResults(rs []Result) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.ControlID != b.ControlID {
			return a.ControlID < b.ControlID
		}
		if a.NodeID != b.NodeID {
			return a.NodeID < b.NodeID
		}
		if a.Field != b.Field {
			return a.Field < b.Field
		}
		return a.Msg < b.Msg
	})
}
