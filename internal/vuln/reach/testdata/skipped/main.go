// Fixture: the module's own non-test code does not import golang.org/x/net/html; every file that does is
// one Seam skips. Expected: {html, [Parse]} unknown (not imported directly: it may be reached through a
// dependency).
package main

func main() {}
