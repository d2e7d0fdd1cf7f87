package flaw

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// Methods of the service edges.
const (
	MethodSeamPaths      = "seam-paths"                // a seam.yaml service's paths glob matches the file
	MethodSourceLocation = "backstage-source-location" // a Backstage Component's source location holds it
)

// sourceLocationKey is the Backstage annotation that says where a component's code lives
// (https://backstage.io/docs/features/software-catalog/well-known-annotations#backstageiosource-location).
const sourceLocationKey = "backstage.io/source-location"

// linkServices makes the edges from seam.yaml business services and Backstage Components to the flaws in
// their code.
func (w *work) linkServices() {
	for _, svc := range w.g.NodesOfKind(model.KindBusinessService) {
		if str(svc.Attrs["source"]) == "seam.yaml" {
			w.seamService(svc)
		}
	}
	for _, c := range w.g.NodesOfKind(model.KindService) {
		if ann, ok := c.Attrs["annotations"].(map[string]any); ok && c.Type == "Component" {
			if loc, ok := ann[sourceLocationKey].(string); ok {
				w.component(c, loc)
			}
		}
	}
}

// seamService links a seam.yaml service to the flaws in the files its paths globs match.
func (w *work) seamService(svc *model.Node) {
	for _, glob := range link.Strings(svc.Attrs["paths"]) {
		prefix := link.LiteralPrefix(glob)
		for _, f := range w.findingsUnder(path.Dir(prefix + "x")) {
			if !f.present || !strings.HasPrefix(f.file, prefix) {
				continue
			}
			if ok, _ := doublestar.Match(glob, f.file); ok {
				w.propose(svc.ID, f, link.Link{Method: MethodSeamPaths, Confidence: link.High,
					Reason:   fmt.Sprintf("seam.yaml service %s claims %s (paths %s)", svc.Name, f.file, glob),
					Evidence: []model.Evidence{f.evidence(), link.Evidence(svc, "seam.yaml service "+svc.Name+" paths "+glob)},
					Attrs:    map[string]any{"glob": glob}})
			}
		}
	}
}

// component links a Backstage Component to the flaws under its source location. A location in this
// repository (dir:) is high confidence; a URL is medium and assumes it names the scanned repository. A
// location at the repository's root claims nothing: it would claim every flaw for one component.
func (w *work) component(c *model.Node, loc string) {
	dir, isURL, err := sourceDir(loc, c.Prov.File)
	if err != nil || dir == "" {
		return // the service builder reports locations it cannot use
	}
	conf, assumptions := link.High, []string(nil)
	if isURL {
		conf = link.Medium
		assumptions = []string{"the source location " + loc + " is a URL of the scanned repository"}
	}
	for _, f := range w.findingsUnder(path.Dir(dir)) { // the directory's parent: a blob location names a file
		if !f.present || (f.file != dir && !under(f.file, dir)) {
			continue
		}
		w.propose(c.ID, f, link.Link{Method: MethodSourceLocation, Confidence: conf, Assumptions: assumptions,
			Reason:   fmt.Sprintf("Backstage component %s keeps its code in %s, which holds %s", str(c.Attrs["entity_ref"]), dir, f.file),
			Evidence: []model.Evidence{f.evidence(), link.Evidence(c, "annotation "+sourceLocationKey+" "+loc)},
			Attrs:    map[string]any{"source_location": dir}})
	}
}

// sourceDir reads a source-location annotation: "dir:<path>" relative to the catalog file, or
// "url:<repository URL>" with the path after GitHub's and Gitea's /tree/<ref>/ or /blob/<ref>/, GitLab's
// /-/tree/<ref>/, Bitbucket's /src/<ref>/, or Azure DevOps' ?path=. "" is the repository root. A branch name
// with a slash cannot be told from a directory and is read as one segment.
func sourceDir(value, catalogFile string) (dir string, isURL bool, err error) {
	value = strings.TrimSpace(value)
	switch {
	case strings.HasPrefix(value, "dir:"):
		rel := strings.TrimSpace(strings.TrimPrefix(value, "dir:"))
		if strings.HasPrefix(rel, "/") {
			return "", false, errors.New("a dir: location is relative to the catalog file")
		}
		dir, err := cleanDir(path.Join(path.Dir(catalogFile), rel))
		return dir, false, err
	case strings.HasPrefix(value, "url:"):
		u, err := url.Parse(strings.TrimSpace(strings.TrimPrefix(value, "url:")))
		if err != nil || u.Host == "" {
			return "", true, errors.New("not a URL")
		}
		if p := u.Query().Get("path"); p != "" {
			dir, err := cleanDir(strings.TrimLeft(p, "/"))
			return dir, true, err
		}
		segs := strings.Split(strings.Trim(u.Path, "/"), "/")
		for i, s := range segs {
			switch {
			case s == "-" && i+2 < len(segs) && (segs[i+1] == "tree" || segs[i+1] == "blob"):
				dir, err := cleanDir(strings.Join(segs[i+3:], "/"))
				return dir, true, err
			case i >= 2 && (s == "tree" || s == "blob" || s == "src") && i+1 < len(segs):
				dir, err := cleanDir(strings.Join(segs[i+2:], "/"))
				return dir, true, err
			}
		}
		return "", true, nil // the repository itself
	}
	return "", false, errors.New(`neither "url:" nor "dir:"`)
}

// cleanDir cleans a path inside the repository; "" is its root, and one that leaves it is an error.
func cleanDir(p string) (string, error) {
	p = path.Clean(p)
	switch {
	case p == ".." || strings.HasPrefix(p, "../") || strings.HasPrefix(p, "/"):
		return "", errors.New("the location leaves the repository")
	case p == ".":
		return "", nil
	}
	return p, nil
}
