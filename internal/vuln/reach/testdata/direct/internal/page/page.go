// Fixture: methods of html.Tokenizer. Token is called on a parameter declared *html.Tokenizer (typed, line
// 18); Next on the result of NewTokenizer, whose type Seam cannot tell without x/net's sources (untyped,
// line 13). Expected: {html, [Tokenizer.Token]} reachable at page.go:18; {html, [Tokenizer.Next]} reachable
// at page.go:13 with the reason saying the receiver's type was not known.
package page

import (
	"strings"

	"golang.org/x/net/html"
)

func Links(s string) int { z := html.NewTokenizer(strings.NewReader(s)); z.Next(); return count(z) }

// count reads one token.
func count(t *html.Tokenizer) int {
	n := 0
	if t.Token().Data == "a" {
		n++
	}
	return n
}

// Walk visits a parsed document.
func Walk(n *html.Node) {}
