package sarif

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// problem is something wrong with a SARIF file, at a line of it.
type problem struct {
	line     int
	severity model.Severity
	message  string
}

// wire mirrors sarifLog with plain result lists, as encoding/json decodes them.
type wire struct {
	Version string `json:"version"`
	Runs    []struct {
		run
		Results []result `json:"results"`
	} `json:"runs"`
}

// decode reads a SARIF file. A syntax error is one error problem and nothing is read; a value of the wrong
// type is a warning and the value is skipped (encoding/json goes on with the rest). Each result keeps the
// line of the file its object starts at.
func decode(data []byte) (sarifLog, []problem) {
	lines := newLineIndex(data)
	var w wire
	var out sarifLog
	var problems []problem
	if err := json.Unmarshal(data, &w); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return out, []problem{{line: lines.line(syn.Offset), severity: model.SeverityError,
				message: fmt.Sprintf("malformed JSON: %v; no result of the file is read", syn)}}
		case errors.As(err, &typ):
			problems = append(problems, problem{line: lines.line(typ.Offset), severity: model.SeverityWarning,
				message: fmt.Sprintf("%s: the value is ignored", typeProblem(typ))})
		default:
			return out, []problem{{line: 1, severity: model.SeverityError,
				message: fmt.Sprintf("not readable as JSON: %v; no result of the file is read", err)}}
		}
	}
	offsets := resultOffsets(data)
	out.Version = w.Version
	for i, r := range w.Runs {
		rn := r.run
		rn.Results = make([]located, len(r.Results))
		for j, res := range r.Results {
			line := 0
			if i < len(offsets) && j < len(offsets[i]) {
				line = lines.line(int64(offsets[i][j]))
			}
			rn.Results[j] = located{result: res, line: line}
		}
		out.Runs = append(out.Runs, rn)
	}
	return out, problems
}

// typeProblem says in words what value had the wrong type.
func typeProblem(e *json.UnmarshalTypeError) string {
	field := e.Field
	if field == "" {
		field = "the document"
	}
	return fmt.Sprintf("%s is a JSON %s, where SARIF wants %s", field, e.Value, goTypeName(e.Type.String()))
}

func goTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "map[") || strings.HasPrefix(t, "sarif.") || strings.HasPrefix(t, "struct"):
		return "an object"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "*int"):
		return "an integer"
	case t == "string":
		return "a string"
	}
	return t
}

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int // offsets of the newlines

func newLineIndex(data []byte) lineIndex {
	ix := make(lineIndex, 0, bytes.Count(data, []byte{'\n'}))
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return ix
		}
		ix = append(ix, off+i)
		off += i + 1
	}
}

// line is the line holding the byte at offset; an offset past the end is on the last line.
func (ix lineIndex) line(offset int64) int {
	return sort.SearchInts(ix, int(offset)) + 1
}

// resultOffsets finds where each result object starts: offsets[run][result]. It walks the JSON structure
// without decoding values, matching keys the way encoding/json does (case-insensitively, the last of
// duplicate keys winning). Input that is not valid JSON gives what was found before the fault.
func resultOffsets(data []byte) [][]int {
	s := &scanner{data: data}
	var runs [][]int
	s.object(func(key string) bool {
		if !strings.EqualFold(key, "runs") {
			return s.value()
		}
		runs = runs[:0]
		return s.array(func() bool {
			var results []int
			ok := s.object(func(key string) bool {
				if !strings.EqualFold(key, "results") {
					return s.value()
				}
				results = results[:0:0]
				return s.array(func() bool {
					results = append(results, s.pos)
					return s.value()
				})
			})
			runs = append(runs, results)
			return ok
		})
	})
	return runs
}

// scanner walks JSON text. Every method returns false when the text is not valid JSON where it looked.
type scanner struct {
	data  []byte
	pos   int
	depth int
}

// maxDepth bounds nesting, as encoding/json does (it refuses more than 10000 levels).
const maxDepth = 10000

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	s.space()
	if s.pos >= len(s.data) {
		return 0
	}
	return s.data[s.pos]
}

// object walks an object, calling member for each key with the scanner at the key's value.
func (s *scanner) object(member func(key string) bool) bool {
	if s.peek() != '{' || s.depth >= maxDepth {
		return false
	}
	s.pos++
	s.depth++
	defer func() { s.depth-- }()
	if s.peek() == '}' {
		s.pos++
		return true
	}
	for {
		key, ok := s.str()
		if !ok || s.peek() != ':' {
			return false
		}
		s.pos++
		s.space()
		if !member(key) {
			return false
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return true
		default:
			return false
		}
	}
}

// array walks an array, calling elem with the scanner at each element (white space skipped).
func (s *scanner) array(elem func() bool) bool {
	if s.peek() != '[' || s.depth >= maxDepth {
		return false
	}
	s.pos++
	s.depth++
	defer func() { s.depth-- }()
	if s.peek() == ']' {
		s.pos++
		return true
	}
	for {
		s.space()
		if !elem() {
			return false
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return true
		default:
			return false
		}
	}
}

// str reads a string and returns its value (escapes decoded only when there are any).
func (s *scanner) str() (string, bool) {
	if s.peek() != '"' {
		return "", false
	}
	start := s.pos
	escaped := false
	for s.pos++; s.pos < len(s.data); s.pos++ {
		switch s.data[s.pos] {
		case '\\':
			escaped = true
			s.pos++
		case '"':
			s.pos++
			raw := s.data[start:s.pos]
			if !escaped {
				return string(raw[1 : len(raw)-1]), true
			}
			var v string
			if err := json.Unmarshal(raw, &v); err != nil {
				return "", false
			}
			return v, true
		}
	}
	return "", false
}

// value skips one value of any type.
func (s *scanner) value() bool {
	switch c := s.peek(); {
	case c == '{':
		return s.object(func(string) bool { return s.value() })
	case c == '[':
		return s.array(s.value)
	case c == '"':
		_, ok := s.str()
		return ok
	case c == 0:
		return false
	default: // a number, true, false or null: up to the next delimiter
		start := s.pos
		for s.pos < len(s.data) && !strings.ContainsRune(",]} \t\r\n", rune(s.data[s.pos])) {
			s.pos++
		}
		return s.pos > start
	}
}
