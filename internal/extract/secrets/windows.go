package secrets

import (
	"strings"
)

// window is a run of whole lines of a file: its first line (0-based) and byte range.
type window struct{ line, start, end int }

// span is a run of lines, first and last (0-based).
type span struct{ lo, hi int }

// A window of the ordinary kind holds the lines from windowBefore lines before a keyword's line to
// windowAfter lines after it.
const (
	windowBefore = 1
	windowAfter  = 3
)

// denseShare is the share of a file's lines above which a rule's windows are not worth it and the rule scans
// the file whole.
const denseShare = 0.6

// wholeWindow is the whole text of a file.
func (f *fileText) wholeWindow() window { return window{line: 0, start: 0, end: len(f.text)} }

// keywordSpans returns the ordinary regions of a rule: windowBefore lines before to windowAfter lines after
// each line holding one of its keywords.
func (f *fileText) keywordSpans(occ []occurrence) []span {
	last := len(f.starts) - 1
	out := make([]span, 0, len(occ))
	prev := -1
	for _, o := range occ {
		l := f.lineOf(o.pos)
		if l == prev {
			continue
		}
		prev = l
		out = append(out, span{lo: max(l-windowBefore, 0), hi: min(l+windowAfter, last)})
	}
	return out
}

// windows merges regions into windows (mergeSpans), or returns the whole file when they would cover most
// of it.
func (f *fileText) windows(spans []span) []window {
	merged := f.mergeSpans(spans)
	if len(merged) == 0 {
		return nil
	}
	covered := 0
	for _, s := range merged {
		covered += s.hi - s.lo + 1
	}
	if float64(covered) > denseShare*float64(len(f.starts)) {
		return []window{f.wholeWindow()}
	}
	out := make([]window, len(merged))
	for i, s := range merged {
		out[i] = f.spanWindow(s)
	}
	return out
}

// spanWindow returns the window of a span's lines.
func (f *fileText) spanWindow(s span) window {
	return window{line: s.lo, start: f.starts[s.lo], end: f.lineEnd(s.hi)}
}

// mergeSpans sorts regions and merges those that share or touch a line. A region holding the last line of
// a text without a final newline starts at the first line: gitleaks takes a match on such a line to lie on
// a line starting at the fragment's first byte (its location function), and that line is what
// "gitleaks:allow" and the line allowlists are checked against, so the fragment must start where the
// file does.
func (f *fileText) mergeSpans(spans []span) []span {
	if len(spans) == 0 {
		return nil
	}
	last := len(f.starts) - 1
	open := !strings.HasSuffix(f.text, "\n")
	for i := range spans {
		if open && spans[i].hi == last {
			spans[i].lo = 0
		}
	}
	return mergeSorted(spans)
}
