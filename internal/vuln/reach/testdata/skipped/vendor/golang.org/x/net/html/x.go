// Skipped: a vendored file.
package main

import "golang.org/x/net/html"

var _, _ = html.Parse(nil)
