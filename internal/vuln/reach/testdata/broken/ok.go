// Fixture: ok.go imports golang.org/x/net/html and calls Parse; bad.go does not parse (line 5).
// Expected: {html, [Parse]} reachable at ok.go:9 (found despite the broken file); {html, [Render]}
// unknown (not found, and bad.go could hold it); {golang.org/x/text, []} unknown (bad.go named).
package broken

import "golang.org/x/net/html"

func Parse() {
	_, _ = html.Parse(nil)
}
