package script

import (
	"regexp"
	"strings"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
	"github.com/seam-sec/seam/internal/extract/codeflaw/script/syntax"
)

// classSet is a set of flaw classes: the classes for which a value is safe.
type classSet uint16

// allClasses is every class: what an allow-list check or a cast to a number makes a value safe for.
const allClasses classSet = 1<<7 - 1

// bit returns the set holding class c alone.
func bit(c flaw.Class) classSet {
	for i, k := range flaw.Classes() {
		if k == c {
			return 1 << i
		}
	}
	return 0
}

// origin is where request input entered a function: the expression as written (by its span, turned into
// text only when a finding shows it) or a description of a parameter, a suffix naming a field taken by
// destructuring, and its line.
type origin struct {
	fixed    string
	off, end int
	suffix   string
	line     int
}

// spanOrigin returns the origin of request input read by the expression n.
func spanOrigin(n syntax.Node) *origin {
	s := n.Pos()
	return &origin{off: s.Off, end: s.End, line: s.Line}
}

// paramOrigin returns the origin of a parameter that is request input.
func paramOrigin(what string, line int) *origin { return &origin{fixed: what, line: line} }

// textIn returns the source as a finding shows it.
func (o *origin) textIn(fc *fileCtx) string {
	if o.fixed != "" {
		return o.fixed + o.suffix
	}
	if o.off < 0 || o.end > len(fc.src) || o.end <= o.off {
		return o.suffix
	}
	return shorten(string(fc.src[o.off:o.end])) + o.suffix
}

// is reports whether the origin is the read of exactly n.
func (o *origin) is(n syntax.Node) bool {
	s := n.Pos()
	return o.fixed == "" && o.suffix == "" && o.off == s.Off && o.end == s.End
}

// taint is what the detector knows about a value: whether it carries request input (src != nil), how it got
// here, and the classes of sink it is safe for.
type taint struct {
	src *origin
	// broad: the value is a whole input object (the parsed body, all query parameters), not one field.
	broad bool
	// hops counts the assignments the value went through since it left the request.
	hops int
	// helper: the value went through a function whose effect the detector cannot see.
	helper bool
	// clean lists the classes the value is safe for: sanitised (escapeshellarg → command injection), validated
	// against an allow-list, or shaped so (a URL whose host is written in the code cannot forge requests).
	clean classSet
}

// none is the taint of a value that carries no request input.
var none taint

func (t taint) tainted() bool { return t.src != nil }

// specific returns the taint of one field taken from t: a field of a whole input object is itself input.
func (t taint) specific() taint {
	t.broad = false
	return t
}

// hop returns t after one more assignment.
func (t taint) hop() taint {
	if t.tainted() {
		t.hops++
	}
	return t
}

// viaHelper returns t after a function the detector cannot see into.
func (t taint) viaHelper() taint {
	if t.tainted() {
		t.helper = true
	}
	return t
}

// cleaned returns t safe for the classes in s as well.
func (t taint) cleaned(s classSet) taint {
	t.clean |= s
	return t
}

// safeFor reports whether t cannot carry input into a sink of class c.
func (t taint) safeFor(c flaw.Class) bool {
	return !t.tainted() || t.clean&bit(c) != 0
}

// better reports whether a is the more telling origin to report than b: one field over a whole object, fewer
// hops, no unseen helper, the earlier line.
func better(a, b taint) bool {
	switch {
	case a.broad != b.broad:
		return !a.broad
	case a.helper != b.helper:
		return !a.helper
	case a.hops != b.hops:
		return a.hops < b.hops
	}
	return a.src.line < b.src.line
}

// merge returns the taint of a value made of a and b: tainted if either is, safe for a class only if every
// tainted part is.
func merge(a, b taint) taint {
	switch {
	case !a.tainted():
		return b
	case !b.tainted():
		return a
	}
	out := a
	if better(b, a) {
		out = b
	}
	out.clean = a.clean & b.clean
	out.broad = a.broad && b.broad
	return out
}

// confidence grades a finding from the taint that reached the sink: low when only a whole input object
// reaches it, medium after a long chain of assignments or an unseen helper, high otherwise.
func confidence(t taint) string {
	switch {
	case t.broad:
		return "low"
	case t.helper || t.hops > 2:
		return "medium"
	}
	return "high"
}

// hostFixed matches a URL that names its scheme and host and goes on to a path, query or fragment: what
// follows cannot change the host ("https://api.example.com/" + id). Without the separator it could
// ("https://api.example.com" + "@evil.example").
var hostFixed = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://[^/?#\s]+[/?#]`)

// relativePath matches a prefix that makes a value a local or same-origin path: "/files/", "./", "uploads/".
var relativePath = regexp.MustCompile(`^(/[^/]|\.{1,2}/|[A-Za-z0-9_.-]+/)`)

// placeholder stands, in a prefix, for an untainted value the detector does not know (a base URL constant).
const placeholder = "\x00"

// prefixSafeForSSRF reports whether a value that begins with the untainted text prefix can only reach the
// host the code chose: the prefix fixes scheme and host, is a path, or is an unknown untainted value (a base
// URL constant) followed by a path, query or fragment separator (API_BASE + "/items/" + id).
func prefixSafeForSSRF(prefix string) bool {
	if prefix == "" {
		return false
	}
	if strings.HasPrefix(prefix, placeholder) {
		rest := strings.TrimLeft(prefix, placeholder)
		if strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, ":") {
			return false // proto + "://" + host, "//" + host
		}
		return rest != "" && strings.ContainsAny(rest[:1], "/?#")
	}
	p := strings.ReplaceAll(prefix, placeholder, "h")
	if hostFixed.MatchString(p) {
		return true
	}
	return !strings.Contains(p, ":") && !strings.HasPrefix(p, "//") && relativePath.MatchString(p)
}

// webURL matches a prefix that makes a value a web URL, which no file API reads as a local path.
var webURL = regexp.MustCompile(`^(?i)(https?|ftps?)://`)

// prefixCleans returns the classes a value is safe for because of the untainted text it begins with: SSRF
// when the prefix fixes the host or makes it a path, path traversal when it makes it a web URL.
func prefixCleans(prefix string) classSet {
	var s classSet
	if prefixSafeForSSRF(prefix) {
		s |= bit(flaw.SSRF)
	}
	if webURL.MatchString(strings.ReplaceAll(prefix, placeholder, "h")) {
		s |= bit(flaw.PathTraversal)
	}
	return s
}
