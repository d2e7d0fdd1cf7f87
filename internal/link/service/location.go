package service

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Location is where a Backstage backstage.io/source-location annotation says a component's code lives.
type Location struct {
	// Repository is the repository a url: location names ("github.com/acme/webshop"); "" for a dir: location,
	// which is relative to the catalog file and so inside the scanned repository.
	Repository string
	// Dir is the slash path inside the repository, cleaned, "" for its root.
	Dir string
}

// ParseLocation reads a source-location annotation: "url:<repository URL>/tree/<ref>/<path>" (GitHub, Gitea
// and GitLab's "/-/tree/"; "blob" for a file; Bitbucket's "/src/<ref>/"; Azure DevOps' "?path="), or
// "dir:<path>" relative to the directory of catalogFile. A branch name with a slash cannot be told from a
// directory and is read as one segment.
func ParseLocation(value, catalogFile string) (Location, error) {
	value = strings.TrimSpace(value)
	switch {
	case strings.HasPrefix(value, "dir:"):
		rel := strings.TrimSpace(strings.TrimPrefix(value, "dir:"))
		if strings.HasPrefix(rel, "/") {
			return Location{}, errors.New("a dir: location must be relative to the catalog file")
		}
		dir, err := cleanDir(path.Join(path.Dir(catalogFile), rel))
		return Location{Dir: dir}, err
	case strings.HasPrefix(value, "url:"):
		return parseURL(strings.TrimSpace(strings.TrimPrefix(value, "url:")))
	}
	return Location{}, errors.New(`it is neither "url:" nor "dir:"`)
}

func parseURL(raw string) (Location, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Location{}, fmt.Errorf("%q is not an http(s) URL", raw)
	}
	host := strings.ToLower(u.Host)
	segs := splitPath(u.Path)
	if p := u.Query().Get("path"); p != "" { // Azure DevOps: /<org>/<project>/_git/<repo>?path=/dir
		dir, err := cleanDir(strings.TrimPrefix(p, "/"))
		return Location{Repository: host + "/" + strings.Join(segs, "/"), Dir: dir}, err
	}
	for i, s := range segs {
		var repo []string
		switch {
		case s == "-" && i+2 < len(segs) && (segs[i+1] == "tree" || segs[i+1] == "blob"): // GitLab
			repo, segs = segs[:i], segs[i+3:]
		case i >= 2 && (s == "tree" || s == "blob" || s == "src") && i+1 < len(segs): // GitHub, Gitea, Bitbucket
			repo, segs = segs[:i], segs[i+2:]
		default:
			continue
		}
		dir, err := cleanDir(strings.Join(segs, "/"))
		return Location{Repository: host + "/" + strings.Join(repo, "/"), Dir: dir}, err
	}
	if len(segs) < 2 {
		return Location{}, fmt.Errorf("%q names no repository", raw)
	}
	return Location{Repository: host + "/" + strings.Join(segs, "/")}, nil // the repository itself: its root
}

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cleanDir cleans a slash path inside the repository; "" is the root, and a path that leaves it is an error.
func cleanDir(p string) (string, error) {
	p = path.Clean(strings.Trim(p, "/"))
	switch {
	case p == ".":
		return "", nil
	case p == ".." || strings.HasPrefix(p, "../"):
		return "", errors.New("the location leaves the repository")
	}
	return p, nil
}
