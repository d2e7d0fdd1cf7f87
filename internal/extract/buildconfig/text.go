package buildconfig

import (
	"path"
	"sort"
	"strings"
)

// part is a piece of a value: literal text Seam knows, or the literal text of an expression it cannot
// resolve ("${{ github.sha }}", "$(VERSION)", "${REGISTRY}"), kept exactly as written.
type part struct {
	s       string
	unknown bool
}

// text is a value read from a build configuration, made of known and unknown parts. Unknown parts are opaque:
// later stages (shell word splitting, path joining) never look inside them.
type text []part

// known returns a text of one known part.
func known(s string) text {
	if s == "" {
		return nil
	}
	return text{{s: s}}
}

// unknownText returns a text of one unknown part.
func unknownText(s string) text { return text{{s: s, unknown: true}} }

// String is the text as it is shown: known parts and the literal text of unknown ones.
func (t text) String() string {
	if len(t) == 1 {
		return t[0].s
	}
	var b strings.Builder
	for _, p := range t {
		b.WriteString(p.s)
	}
	return b.String()
}

// Known reports whether every part is known.
func (t text) Known() bool {
	for _, p := range t {
		if p.unknown {
			return false
		}
	}
	return true
}

// Unknowns lists the literal text of the unknown parts, in order, without repeats.
func (t text) Unknowns() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range t {
		if p.unknown && !seen[p.s] {
			seen[p.s] = true
			out = append(out, p.s)
		}
	}
	return out
}

// add appends a part, merging it with the last one when both are known.
func (t text) add(p part) text {
	if p.s == "" {
		return t
	}
	if n := len(t); n > 0 && !p.unknown && !t[n-1].unknown {
		t[n-1].s += p.s
		return t
	}
	return append(t, p)
}

// builder assembles a text from many pieces in linear time (add merges known parts by copying).
type builder struct {
	out  text
	buf  strings.Builder
	size int
}

// known appends known text.
func (b *builder) known(s string) {
	b.buf.WriteString(s)
	b.size += len(s)
}

// part appends a part.
func (b *builder) part(p part) {
	if !p.unknown {
		b.known(p.s)
		return
	}
	b.flush()
	b.out = append(b.out, p)
	b.size += len(p.s)
}

// text appends every part of t.
func (b *builder) text(t text) {
	for _, p := range t {
		b.part(p)
	}
}

func (b *builder) flush() {
	if b.buf.Len() > 0 {
		b.out = append(b.out, part{s: b.buf.String()})
		b.buf.Reset()
	}
}

// done returns the text built.
func (b *builder) done() text {
	b.flush()
	return b.out
}

// cat joins texts.
func cat(ts ...text) text {
	var out text
	for _, t := range ts {
		for _, p := range t {
			out = out.add(p)
		}
	}
	return out
}

// trimSpace trims white space at both ends of the known parts at the edges.
func (t text) trimSpace() text {
	out := append(text(nil), t...)
	for len(out) > 0 && !out[0].unknown {
		out[0].s = strings.TrimLeft(out[0].s, " \t\r\n")
		if out[0].s != "" {
			break
		}
		out = out[1:]
	}
	for len(out) > 0 && !out[len(out)-1].unknown {
		out[len(out)-1].s = strings.TrimRight(out[len(out)-1].s, " \t\r\n")
		if out[len(out)-1].s != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

// splitKnown splits t at every known occurrence of any of the separator characters; unknown parts are never
// split. Empty pieces are dropped.
func (t text) splitKnown(seps string) []text {
	var out []text
	var cur text
	flush := func() {
		if c := cur.trimSpace(); len(c) > 0 {
			out = append(out, c)
		}
		cur = nil
	}
	for _, p := range t {
		if p.unknown {
			cur = cur.add(p)
			continue
		}
		s := p.s
		for {
			i := strings.IndexAny(s, seps)
			if i < 0 {
				cur = cur.add(part{s: s})
				break
			}
			cur = cur.add(part{s: s[:i]})
			flush()
			s = s[i+1:]
		}
	}
	flush()
	return out
}

// hasPrefix reports whether the first part is known and starts with prefix.
func (t text) hasPrefix(prefix string) bool {
	return len(t) > 0 && !t[0].unknown && strings.HasPrefix(t[0].s, prefix)
}

// joinPath resolves p against the directory dir (a slash path relative to the scanned root) the way a tool
// resolves a relative path: "" stays "", an absolute path is kept as written and reported as not relative.
// Unknown parts are kept; the known parts around them are cleaned.
func joinPath(dir string, p text) (out text, absolute bool) {
	if len(p) == 0 {
		return nil, false
	}
	if p.hasPrefix("/") {
		return p, true
	}
	if p.Known() {
		return known(path.Join(dir, p.String())), false
	}
	// Clean the text with the unknown parts masked, so that a "/" or ".." inside them is left alone.
	masked, parts := mask(p)
	cleaned := path.Join(dir, masked)
	return unmask(cleaned, parts), false
}

// joinText resolves p against a directory that may itself hold unknown parts; an absolute p is kept.
func joinText(dir, p text) text {
	if dir.Known() || p.hasPrefix("/") {
		out, _ := joinPath(dir.String(), p)
		return out
	}
	return cat(dir, known("/"), p)
}

// maskRune stands for an unknown part while a text is cleaned or split as a plain string; it is a private-use
// character no configuration file holds.
const maskRune = '\uE000'

// mask renders t as a string in which each unknown part is one mask rune; parts lists them in order.
func mask(t text) (string, []string) {
	var b strings.Builder
	var parts []string
	for _, p := range t {
		if p.unknown {
			b.WriteRune(maskRune)
			parts = append(parts, p.s)
			continue
		}
		b.WriteString(strings.ReplaceAll(p.s, string(maskRune), ""))
	}
	return b.String(), parts
}

// unmask is the inverse of mask.
func unmask(s string, parts []string) text {
	var b builder
	i := 0
	for {
		j := strings.IndexRune(s, maskRune)
		if j < 0 || i >= len(parts) {
			b.known(strings.ReplaceAll(s, string(maskRune), ""))
			return b.done()
		}
		b.known(s[:j])
		b.part(part{s: parts[i], unknown: true})
		i++
		s = s[j+len(string(maskRune)):]
	}
}

// sortedKeys returns the keys of a string set, sorted.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
