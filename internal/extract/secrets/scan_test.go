package secrets

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestKeywordMatcher checks the automaton against a plain search for every keyword at every offset, on
// keywords that overlap and nest ("s.", "hvs.", "key", "keys", "ey").
func TestKeywordMatcher(t *testing.T) {
	keywords := []string{"s.", "hvs.", "key", "keys", "ey", "secret", "-----begin", "a"}
	m := newKeywordMatcher(keywords)
	r := rand.New(rand.NewPCG(9, 9))
	const alphabet = "hvs.keyrtcab-gin \n"
	for n := 0; n < 200; n++ {
		b := make([]byte, r.IntN(80))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		text := string(b) + "hvs.keys secret -----begin"
		var want []keywordHit
		for k, kw := range keywords {
			for i := 0; i+len(kw) <= len(text); i++ {
				if strings.HasPrefix(text[i:], kw) {
					want = append(want, keywordHit{kw: k, pos: i})
				}
			}
		}
		got := m.find([]byte(text), nil)
		order := func(h []keywordHit) {
			sort.Slice(h, func(i, j int) bool { return h[i].pos < h[j].pos || h[i].pos == h[j].pos && h[i].kw < h[j].kw })
		}
		order(want)
		order(got)
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(keywordHit{})); diff != "" {
			t.Fatalf("%q: (-want +got)\n%s", text, diff)
		}
	}
}

// TestScanKeywordsFolds checks which files are marked folds: those holding İ, ſ or K, and no other.
func TestScanKeywordsFolds(t *testing.T) {
	ds, err := sharedDetector()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		text        string
		folds, high bool
	}{
		{"API_KEY=x", false, false},
		{"café API_KEY=x", false, true},
		{"\u212aEY=x", true, true},
		{"\u017fecret=x", true, true},
		{"\u0130d=x", true, true},
	}
	for _, c := range cases {
		sc := ds.scanKeywords(newFileText("a.env", c.text))
		if sc.folds != c.folds || sc.high != c.high {
			t.Errorf("%q: folds %v high %v, want %v %v", c.text, sc.folds, sc.high, c.folds, c.high)
		}
		if got := string(sc.lower); got != strings.Map(asciiLower, c.text) {
			t.Errorf("%q: lowercased to %q", c.text, got)
		}
		sc.release()
	}
}

func asciiLower(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}
