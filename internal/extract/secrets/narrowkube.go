package secrets

import (
	"bytes"
	"sort"
	"strings"
)

// kubeSecretID is the rule's ID.
const kubeSecretID = "kubernetes-secret-yaml"

// kubeSecretRegexp is gitleaks v8.30.1's kubernetes-secret-yaml: a "kind: Secret" followed within 200
// characters by "data:" and, within 100 more, a name and a value (alternative 1), or the same data
// followed within 200 characters by "kind: Secret" (alternative 2).
const kubeSecretRegexp = `(?i)(?:\bkind:[ \t]*["']?\bsecret\b["']?(?s:.){0,200}?\bdata:(?s:.){0,100}?\s+([\w.-]+:(?:[ \t]*(?:\||>[-+]?)\s+)?[ \t]*(?:["']?[a-z0-9+/]{10,}={0,3}["']?|\{\{[ \t\w"|$:=,.-]+}}|""|''))|\bdata:(?s:.){0,100}?\s+([\w.-]+:(?:[ \t]*(?:\||>[-+]?)\s+)?[ \t]*(?:["']?[a-z0-9+/]{10,}={0,3}["']?|\{\{[ \t\w"|$:=,.-]+}}|""|''))(?s:.){0,200}?\bkind:[ \t]*["']?\bsecret\b["']?)`

// kubeSecretWindows returns the regions of kubernetes-secret-yaml in a YAML file; the file is scanned whole
// where it holds a byte outside ASCII, since the regions count (?s:.) as one byte.
//
// Every match holds an anchor: "kind:", spaces or tabs, an optional quote and "secret" (case-insensitive,
// at word boundaries), found from the rule's keyword "secret". A match of alternative 1 starts at an
// anchor, one of alternative 2 at a "data:" and ends with an anchor. How far a match reaches is bounded
// by the counted parts and by the runs of the classes in between (kubeValueEnd); alternative 1 needs a
// "data:" within 200 characters of its anchor, and reaches from there. Regions start at a line
// start and, as for the other narrow rules (narrow.go), hold every match that may start in them: the
// regexp looks before a match only at the \b before "kind" or "data", which sees a newline or the start
// of the text alike, and has no $.
func kubeSecretWindows(f *fileText, sc *keywordScan, occ []occurrence) ([]span, bool) {
	if sc.high {
		return nil, true
	}
	type anchor struct{ start, end int }
	var anchors []anchor
	for _, o := range occ {
		if s, e, ok := kubeAnchor(sc.lower, o.pos); ok {
			anchors = append(anchors, anchor{s, e})
		}
	}
	if len(anchors) == 0 {
		return nil, false
	}
	colons := kubeColons(f.text)
	var datas []int // the "data:" at a word boundary followed by what may be a name and a value
	for i := 0; ; {
		j := bytes.Index(sc.lower[i:], []byte("data:"))
		if j < 0 {
			break
		}
		d := i + j
		i = d + len("data:")
		if (d == 0 || !isWordByte(sc.lower[d-1])) && kubeDataValue(f, colons, d) {
			datas = append(datas, d)
		}
	}
	var spans []span
	for _, a := range anchors {
		// Alternative 1: the anchor, (?s:.){0,200}, "data:", (?s:.){0,100}, then the name and value.
		hi := -1
		for _, d := range datas {
			if d >= a.start && d <= a.end+200 {
				hi = max(hi, f.lineOf(kubeValueEnd(f, d+105)))
			}
		}
		if hi >= 0 {
			spans = append(spans, span{lo: f.lineOf(a.start), hi: hi})
		}
	}
	for _, d := range datas {
		// Alternative 2: "data:", (?s:.){0,100}, the name and value, (?s:.){0,200}, an anchor.
		bound, last := f.lineEnd(f.lineOf(kubeValueEnd(f, d+105)))+200, -1
		for _, a := range anchors {
			if a.start >= d && a.start <= bound {
				last = max(last, a.end)
			}
		}
		if last > d {
			spans = append(spans, span{lo: f.lineOf(d), hi: f.lineOf(last - 1)})
		}
	}
	return spans, false
}

// kubeAnchor tests the "secret" at p of the lowercased text: it must end an anchor ("kind:", [ \t]*, an
// optional quote, "secret", an optional quote, with a word boundary before "kind" and after "secret"). It
// returns the anchor's first byte and the byte after it, its quote included.
func kubeAnchor(lower []byte, p int) (start, end int, ok bool) {
	end = p + len("secret")
	if end > len(lower) || string(lower[p:end]) != "secret" || end < len(lower) && isWordByte(lower[end]) {
		return 0, 0, false
	}
	if end < len(lower) && (lower[end] == '"' || lower[end] == '\'') {
		end++
	}
	i := p
	if i > 0 && (lower[i-1] == '"' || lower[i-1] == '\'') {
		i--
	}
	for i > 0 && (lower[i-1] == ' ' || lower[i-1] == '\t') {
		i--
	}
	start = i - len("kind:")
	if start < 0 || string(lower[start:i]) != "kind:" || start > 0 && isWordByte(lower[start-1]) {
		return 0, 0, false
	}
	return start, end, true
}

// kubeValueEnd bounds where the rule's name and value part, \s+([\w.-]+:(?:[ \t]*(?:\||>[-+]?)\s+)?[ \t]*
// value), ends when its \s+ starts at or before q: that run ends at most where the whitespace from q
// ends; the name, colon, block indicator and a value hold no newline, so they lie on that line but for the
// indicator's \s+, which may reach past the line's end only if the line ends with an indicator and
// whitespace, and then ends at most where the whitespace after the line ends; the value is on the line
// where it ends. It returns a byte of the last line the part may touch.
func kubeValueEnd(f *fileText, q int) int {
	q = min(q, len(f.text))
	q += runOf(f.text, q, isSpace)
	e := f.lineEnd(f.lineOf(q))
	if e >= len(f.text) {
		return max(len(f.text)-1, 0)
	}
	b := e - 1
	for b >= 0 && isSpace(f.text[b]) {
		b--
	}
	if b < 0 || !strings.ContainsRune("|>-+", rune(f.text[b])) {
		return e - 1 // no indicator ends the line: the part ends on it
	}
	e += runOf(f.text, e, isSpace)
	return min(e, len(f.text)-1)
}

// kubeColons returns the offsets of the colons that may end the rule's name and start its value: a byte
// of [\w.-] before, then [ \t]*, an optional block indicator (| or > with - or +, then whitespace), and
// a value's start: an optional quote and 10 of [a-z0-9+/], "{{", "" or ”.
func kubeColons(t string) []int {
	var out []int
	for i := 0; ; {
		j := strings.IndexByte(t[i:], ':')
		if j < 0 {
			return out
		}
		c := i + j
		i = c + 1
		if c > 0 && (isWordByte(t[c-1]) || t[c-1] == '.' || t[c-1] == '-') && kubeValueAfter(t, c+1) {
			out = append(out, c)
		}
	}
}

// kubeValueAfter tests the text after a colon (see kubeColons).
func kubeValueAfter(t string, i int) bool {
	i += runOf(t, i, isBlank)
	if kubeValueAt(t, i) {
		return true
	}
	switch {
	case i < len(t) && t[i] == '|':
		i++
	case i < len(t) && t[i] == '>':
		i++
		if i < len(t) && (t[i] == '-' || t[i] == '+') {
			i++
		}
	default:
		return false
	}
	n := runOf(t, i, isSpace) // \s+ then [ \t]*: the value starts where the whitespace ends
	return n > 0 && kubeValueAt(t, i+n)
}

// kubeValueAt tests whether a value of the rule may start at i.
func kubeValueAt(t string, i int) bool {
	if i+2 <= len(t) {
		switch t[i : i+2] {
		case "{{", `""`, "''":
			return true
		}
	}
	if i < len(t) && (t[i] == '"' || t[i] == '\'') {
		i++
	}
	return runOf(t, i, isBase64) >= 10
}

// kubeDataValue reports whether a name and value may follow the "data:" at d: a colon of kubeColons after
// it, no further than the name and value part may reach (kubeValueEnd).
func kubeDataValue(f *fileText, colons []int, d int) bool {
	end := f.lineEnd(f.lineOf(kubeValueEnd(f, d+105)))
	k := sort.SearchInts(colons, d+len("data:")+1)
	return k < len(colons) && colons[k] < end
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isBase64(c byte) bool { return isAlnum(c) || c == '+' || c == '/' }
