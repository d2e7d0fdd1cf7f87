package lockfile

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"regexp"
	"sort"
	"strconv"

	"golang.org/x/mod/modfile"
)

// lineIndex answers "which line is this" questions about one lockfile. Line starts are computed on first
// use, so a file whose packages all come with lines from scalibr costs nothing.
type lineIndex struct {
	content []byte
	starts  []int // byte offset of the start of each line; starts[0] == 0
}

// newLineIndex indexes content lazily.
func newLineIndex(content []byte) *lineIndex { return &lineIndex{content: content} }

// lineAt returns the 1-based line of a byte offset.
func (l *lineIndex) lineAt(offset int64) int {
	if l.starts == nil {
		l.starts = []int{0}
		for i, b := range l.content {
			if b == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	if offset < 0 {
		return 1
	}
	// The line is the number of line starts at or before the offset.
	return sort.Search(len(l.starts), func(i int) bool { return int64(l.starts[i]) > offset })
}

// find returns the line of a package entry when the parser gave none, by a plain text search: the first
// line holding both the name and the version, else the first line holding the name, else 0. It is a
// heuristic (a name can first appear as another package's dependency) used only as the last resort.
func (l *lineIndex) find(name, version string) int {
	if name == "" {
		return 0
	}
	nm := []byte(name)
	first := -1
	for off := 0; off < len(l.content); {
		i := bytes.Index(l.content[off:], nm)
		if i < 0 {
			break
		}
		at := off + i
		if first < 0 {
			first = at
		}
		if version == "" {
			break
		}
		start := bytes.LastIndexByte(l.content[:at], '\n') + 1
		end := bytes.IndexByte(l.content[at:], '\n')
		if end < 0 {
			end = len(l.content)
		} else {
			end += at
		}
		if bytes.Contains(l.content[start:end], []byte(version)) {
			return l.lineAt(int64(at))
		}
		off = end
	}
	if first < 0 {
		return 0
	}
	return l.lineAt(int64(first))
}

// lineInMessage finds "line 12" in the messages of parsers that do not export a position (YAML, TOML).
var lineInMessage = regexp.MustCompile(`\bline (\d+)`)

// errorLine returns the line a parse error points at, or 0 when it does not say: JSON errors carry a byte
// offset, XML and go.mod errors a line, TOML and YAML errors say "line N" in their text.
func errorLine(err error, lines *lineIndex) int {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return lines.lineAt(max(syn.Offset-1, 0))
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return lines.lineAt(max(typ.Offset-1, 0))
	}
	var xerr *xml.SyntaxError
	if errors.As(err, &xerr) {
		return xerr.Line
	}
	var mod modfile.ErrorList
	if errors.As(err, &mod) && len(mod) > 0 {
		return mod[0].Pos.Line
	}
	if m := lineInMessage.FindStringSubmatch(err.Error()); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			return n
		}
	}
	return 0
}
