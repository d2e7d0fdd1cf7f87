package sarif

import (
	"net/url"
	"path"
	"regexp"
	"strings"
)

// filePath is where a result is, as the importer can tell without seeing the repository.
type filePath struct {
	// path is the normalised slash path: relative to the scanned root when resolved, else the URI's path
	// as written with its scheme and drive letter removed ("/home/runner/work/shop/shop/x.go", "../api/x.go").
	path string
	// resolved says path is relative to the scanned root.
	resolved bool
	// baseAssumed names an absolute uriBaseId the importer took to be the checkout root.
	baseAssumed string
}

// maxBaseDepth bounds chains of uriBaseIds (a base defined relative to another base, §3.14.14).
const maxBaseDepth = 8

var driveLetter = regexp.MustCompile(`^/?[A-Za-z]:/`)

// resolvePath normalises a result's artifact location (§3.4.3, §3.4.4). A relative URI is relative to the
// repository root: a SARIF file made in CI has the checkout as its base, whatever uriBaseId (%SRCROOT%,
// SRCROOT, PROJECTROOT) names it. A base defined in originalUriBaseIds by a relative URI is prefixed; one
// defined by an absolute URI is assumed to be the checkout (and says so). An absolute URI — file:///…, a
// Windows path, a URI that leaves the root with ../ — cannot be placed by an extractor, which sees one file:
// it is returned normalised and unresolved, and the flaw link builder matches its longest ending against the
// files of the scan.
func resolvePath(loc artifactLocation, bases map[string]artifactLocation) filePath {
	p, abs := uriPath(loc.URI)
	if abs || p == "" {
		return unresolved(p)
	}
	var fp filePath
	base := loc.URIBaseID
	for depth := 0; base != "" && depth < maxBaseDepth; depth++ {
		b, ok := bases[base]
		if !ok || b.URI == "" {
			break // an undefined base is the checkout
		}
		bp, babs := uriPath(b.URI)
		if babs {
			fp.baseAssumed = base + " = " + b.URI
			break
		}
		p = path.Join(bp, p)
		base = b.URIBaseID
	}
	p = path.Clean(p)
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return unresolved(p)
	}
	fp.path, fp.resolved = p, true
	return fp
}

// unresolved is a path the scan's files must place, kept as written (cleaned): the link builder drops its
// leading "/" and "../" segments when it matches the path's ending.
func unresolved(p string) filePath {
	if p == ".." || p == "." {
		p = ""
	}
	return filePath{path: p}
}

// uriPath returns the slash path of a URI and whether it is absolute. file: URIs lose their scheme and host,
// percent-escapes are decoded, backslashes become slashes and a Windows drive letter is dropped (the path stays
// absolute); another scheme (https://…) keeps only its path, as absolute.
func uriPath(uri string) (string, bool) {
	uri = strings.TrimSpace(uri)
	if uri == "" {
		return "", false
	}
	uri = strings.ReplaceAll(uri, `\`, "/")
	if drv := driveLetter.FindString(uri); drv != "" {
		return path.Clean("/" + unescape(uri[len(drv):])), true
	}
	if u, err := url.Parse(uri); err == nil && u.Scheme != "" && len(u.Scheme) > 1 {
		p := u.Path
		if p == "" {
			p = u.Opaque
		}
		if drv := driveLetter.FindString(p); drv != "" {
			p = p[len(drv):]
		}
		return path.Clean("/" + strings.TrimPrefix(p, "/")), true
	}
	p := unescape(uri)
	if strings.HasPrefix(p, "/") {
		return path.Clean(p), true
	}
	return strings.TrimPrefix(path.Clean(p), "./"), false
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}
