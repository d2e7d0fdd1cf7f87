package secrets

import (
	"bytes"
	"sync"
)

// keywordScan is what one pass over a file's lowercased text finds: where each keyword of the rules
// occurs. The text is lowercased once per file, byte for byte (ASCII letters only), so that an offset in
// the lowercased text is the same offset in the file.
//
// gitleaks lowercases with strings.ToLower, which also lowercases non-ASCII runes and can change the length
// of the text. The two agree on where an ASCII keyword occurs unless the file holds a rune that lowercases
// to an ASCII letter (İ U+0130 → i, K U+212A → k); and a rule's case-insensitive regexp also matches ſ
// U+017F for s and K for k, so such a rune may stand in a match where no keyword is seen. A file holding
// any of the three is marked folds, and every rule then scans it whole, as gitleaks would.
type keywordScan struct {
	lower []byte // the lowercased text; returned to lowerPool by release
	folds bool   // the text holds İ, ſ or K (see above)
	high  bool   // the text holds a byte outside ASCII
	// hits are the keyword occurrences in text order: the keyword's index in detectors.keywordList and
	// its byte offset.
	hits []keywordHit
}

// keywordHit is one occurrence of a keyword.
type keywordHit struct{ kw, pos int }

// foldRunes are the runes that make a file folds.
var foldRunes = [][]byte{[]byte("\u0130"), []byte("\u017f"), []byte("\u212a")}

var lowerPool = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// scanKeywords lowercases the file's text and finds every occurrence of every keyword, overlapping ones
// included ("hvs." holds "s.").
func (ds *detectors) scanKeywords(f *fileText) *keywordScan {
	buf := lowerPool.Get().(*[]byte)
	lower := append((*buf)[:0], f.text...)
	high := false
	for i, c := range lower {
		switch {
		case 'A' <= c && c <= 'Z':
			lower[i] = c + ('a' - 'A')
		case c >= 0x80:
			high = true
		}
	}
	*buf = lower
	s := &keywordScan{lower: lower, high: high}
	if high {
		for _, r := range foldRunes {
			if bytes.Contains(lower, r) {
				s.folds = true
			}
		}
	}
	ds.keywords.Walk(lower, func(end, n, pattern int64) bool {
		s.hits = append(s.hits, keywordHit{kw: int(pattern), pos: int(end - n + 1)})
		return true
	})
	return s
}

// release returns the lowercased text's buffer to the pool; the scan's lower is unusable after.
func (s *keywordScan) release() {
	if cap(s.lower) <= 4<<20 { // do not keep a huge file's buffer
		b := s.lower[:0]
		lowerPool.Put(&b)
	}
	s.lower = nil
}
