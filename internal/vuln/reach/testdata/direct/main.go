// Fixture: the module's entry point calls html.Parse (a function symbol, typed evidence at line 15).
// Expected: {html, [Parse]} reachable at main.go:15; {html, [ParseFragment]} not reachable;
// {html, []} reachable (the whole package).
package main

import (
	"os"

	"golang.org/x/net/html"

	"example.com/direct/internal/page"
)

func main() {
	doc, err := html.Parse(os.Stdin)
	if err != nil {
		os.Exit(1)
	}
	page.Walk(doc)
}
