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
	s.hits = ds.keywords.find(lower, s.hits)
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

// keywordMatcher finds every occurrence of a set of keywords, overlapping ones included. Each offset of
// a text is tested by its first two bytes against a bit set of the keywords' first two bytes (8 KiB, so
// the test costs a cached load and no chain of states), then, for keywords of four bytes or more, by a
// hash of its first four against another; only where those hold are keywords compared.
type keywordMatcher struct {
	keywords []string
	pairSet  bitSet16        // the first two bytes of every keyword of two bytes or more
	quadSet  bitSet16        // a hash of the first four bytes of every keyword of four bytes or more
	pairIdx  [1 << 16]uint16 // index in pairs of the keywords with these first two bytes, plus one
	pairs    [][]int32
	singles  [256][]int32 // one-byte keywords
	anySolo  bool
}

// bitSet16 is a set of 16-bit values.
type bitSet16 [1 << 16 / 64]uint64

func (b *bitSet16) add(v uint16)      { b[v/64] |= 1 << (v % 64) }
func (b *bitSet16) has(v uint16) bool { return b[v/64]&(1<<(v%64)) != 0 }

func pairOf(b []byte) uint16 { return uint16(b[0])<<8 | uint16(b[1]) }

func quadOf(b []byte) uint16 {
	h := (uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24) * 0x9E3779B1
	return uint16(h >> 16)
}

// newKeywordMatcher builds the matcher of the keywords, indexed in the order given; empty ones are never
// found.
func newKeywordMatcher(keywords []string) *keywordMatcher {
	m := &keywordMatcher{keywords: keywords}
	for i, k := range keywords {
		switch {
		case len(k) == 1:
			m.singles[k[0]] = append(m.singles[k[0]], int32(i))
			m.anySolo = true
			continue
		case len(k) == 0:
			continue
		case len(k) >= 4:
			m.quadSet.add(quadOf([]byte(k)))
		}
		p := pairOf([]byte(k))
		m.pairSet.add(p)
		if m.pairIdx[p] == 0 {
			m.pairs = append(m.pairs, nil)
			m.pairIdx[p] = uint16(len(m.pairs))
		}
		m.pairs[m.pairIdx[p]-1] = append(m.pairs[m.pairIdx[p]-1], int32(i))
	}
	return m
}

// find appends the occurrences of the keywords in text to hits, in text order.
func (m *keywordMatcher) find(text []byte, hits []keywordHit) []keywordHit {
	for i := 0; i < len(text); i++ {
		if m.anySolo {
			for _, k := range m.singles[text[i]] {
				hits = append(hits, keywordHit{kw: int(k), pos: i})
			}
		}
		if i+1 == len(text) {
			break
		}
		p := pairOf(text[i:])
		if !m.pairSet.has(p) {
			continue
		}
		quad := i+4 <= len(text) && m.quadSet.has(quadOf(text[i:]))
		for _, k := range m.pairs[m.pairIdx[p]-1] {
			kw := m.keywords[k]
			if len(kw) >= 4 && !quad || len(text)-i < len(kw) || string(text[i:i+len(kw)]) != kw {
				continue
			}
			hits = append(hits, keywordHit{kw: int(k), pos: i})
		}
	}
	return hits
}
