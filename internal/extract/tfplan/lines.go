package tfplan

import (
	"bytes"
	"encoding/json"
	"sort"
)

// JSON decoding keeps no positions, so provenance lines come from one pass over the raw bytes: the offsets of
// every newline, the first `"address": "<addr>"` pair of each address (plan and show -json state), and the
// start of each resources[i] and resources[i].instances[j] object (raw state, which has no address field).

// lineIndex maps byte offsets to 1-based lines and columns.
type lineIndex struct {
	newlines []int // offsets of '\n', ascending
}

func newLineIndex(data []byte) lineIndex {
	var nl []int
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		nl = append(nl, off+i)
		off += i + 1
	}
	return lineIndex{newlines: nl}
}

// pos returns the line and column (both 1-based, column in bytes) of the byte at off.
func (li lineIndex) pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	n := sort.SearchInts(li.newlines, off) // newlines before off
	start := 0
	if n > 0 {
		start = li.newlines[n-1] + 1
	}
	return n + 1, off - start + 1
}

func (li lineIndex) line(off int) int {
	l, _ := li.pos(off)
	return l
}

// stringEnd returns the offset just past the JSON string that starts with the quote at data[i], or len(data)
// when it does not end.
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// unquote decodes a JSON string literal (with its quotes); ok is false when it is not one.
func unquote(lit []byte) (string, bool) {
	if bytes.IndexByte(lit, '\\') < 0 {
		if len(lit) < 2 || lit[len(lit)-1] != '"' {
			return "", false
		}
		return string(lit[1 : len(lit)-1]), true
	}
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		return "", false
	}
	return s, true
}

// addressLines returns the line of the first `"address": "<addr>"` pair of every address in the file. Every
// quote outside a string opens one, so skipping whole strings finds exactly the keys named "address".
func addressLines(data []byte, li lineIndex) map[string]int {
	out := map[string]int{}
	const key = `"address"`
	for i := 0; i < len(data); {
		if data[i] != '"' {
			i++
			continue
		}
		end := stringEnd(data, i)
		if end-i == len(key) && string(data[i:end]) == key {
			if j := skipSpace(data, end); j < len(data) && data[j] == ':' {
				if j = skipSpace(data, j+1); j < len(data) && data[j] == '"' {
					vend := stringEnd(data, j)
					if addr, ok := unquote(data[j:vend]); ok {
						if _, seen := out[addr]; !seen {
							out[addr] = li.line(i)
						}
					}
					i = vend
					continue
				}
			}
		}
		i = end
	}
	return out
}

// frame is one open object or array during rawLines' walk.
type frame struct {
	obj bool
	key string // the last key read, in an object
}

// rawLines returns, for a raw state file, the line of each resources[i] object (element 0) followed by the
// line of each of its instances[j] objects.
func rawLines(data []byte, li lineIndex) [][]int {
	var out [][]int
	var stack []frame
	expectKey := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			end := stringEnd(data, i)
			if expectKey && len(stack) > 0 {
				s, _ := unquote(data[i:end])
				stack[len(stack)-1].key = s
				expectKey = false
			}
			i = end - 1
		case '{', '[':
			out = markRaw(out, stack, c == '{', li.line(i))
			stack = append(stack, frame{obj: c == '{'})
			expectKey = c == '{'
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].obj
		}
	}
	return out
}

// markRaw records an object that opens at line if it is a resource or an instance of the raw state.
func markRaw(out [][]int, stack []frame, obj bool, line int) [][]int {
	if !obj {
		return out
	}
	switch {
	case len(stack) == 2 && stack[0].obj && stack[0].key == "resources" && !stack[1].obj:
		out = append(out, []int{line})
	case len(stack) == 4 && stack[0].key == "resources" && stack[2].obj && stack[2].key == "instances" &&
		!stack[3].obj && len(out) > 0:
		out[len(out)-1] = append(out[len(out)-1], line)
	}
	return out
}
