package lockfile

import (
	"bytes"
	"encoding/xml"
	"strings"

	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem/language/java/javalockfile"
	"github.com/google/osv-scalibr/purl"
)

// pomDep is one <dependency> of a POM's own <dependencies>, as written.
type pomDep struct {
	GroupID    string `xml:"groupId"`
	ArtifactID string `xml:"artifactId"`
	Version    string `xml:"version"`
	Scope      string `xml:"scope"`
	Type       string `xml:"type"`
	Classifier string `xml:"classifier"`
	line       int
}

// pomNotes: a POM lists the dependencies the project declares (its own and its parents'), never the
// transitive ones, so every package is direct. The scope is Maven's (compile when unset); test-scoped
// dependencies are dev. scalibr interpolates properties before it merges parent POMs and silently drops a
// dependency whose version uses a property only a parent defines; Seam reads the declared dependencies
// itself and reports such a dependency with an unknown version (and an assumption) instead of losing it.
func pomNotes(src source) formatNotes {
	declared := pomDeps(src.content)
	byName := map[string]pomDep{}
	for _, d := range declared {
		byName[d.GroupID+":"+d.ArtifactID] = d
	}
	note := func(p *extractor.Package) pkgNote {
		scope := "compile"
		if m, ok := p.Metadata.(*javalockfile.Metadata); ok && len(m.DepGroupVals) > 0 {
			scope = m.DepGroupVals[0]
		}
		n := pkgNote{direct: yes, scope: scope, dev: answerOf(scope == "test")}
		if p.Version == "" {
			n.versionExpr = "no <version>"
			n.versionWhy = "the version is managed by a parent POM or an imported BOM that is not in the scanned files"
			if d, ok := byName[p.Name]; ok && d.Version != "" {
				n.versionExpr = d.Version
				n.versionWhy = "osv-scalibr could not resolve this version: its property is defined in a parent POM " +
					"(scalibr interpolates before merging parents) or nowhere in the scanned files"
			}
		}
		return n
	}
	missing := func(found []*extractor.Package) []*extractor.Package {
		have := map[string]bool{}
		for _, p := range found {
			have[p.Name] = true
		}
		var out []*extractor.Package
		for _, d := range declared {
			name := d.GroupID + ":" + d.ArtifactID
			if have[name] || strings.Contains(name, "${") || d.GroupID == "" || d.ArtifactID == "" {
				continue
			}
			have[name] = true
			out = append(out, pomPackage(src.path, d))
		}
		return out
	}
	return formatNotes{tellsDirect: true, note: note, missing: missing}
}

// pomDeps reads the <dependency> elements of <project><dependencies> with their lines; a malformed POM
// yields what was read before the error (scalibr reports the error).
func pomDeps(content []byte) []pomDep {
	var deps []pomDep
	var stack []string
	dec := xml.NewDecoder(bytes.NewReader(content))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return deps
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "dependency" && len(stack) == 2 && stack[0] == "project" && stack[1] == "dependencies" {
				line, _ := dec.InputPos()
				var d pomDep
				if dec.DecodeElement(&d, &t) != nil {
					return deps
				}
				d.line = line
				deps = append(deps, d)
				continue
			}
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// pomPackage is the package of a declared dependency scalibr dropped; its version is unknown.
func pomPackage(path string, d pomDep) *extractor.Package {
	meta := &javalockfile.Metadata{GroupID: d.GroupID, ArtifactID: d.ArtifactID, Classifier: d.Classifier, DepGroupVals: []string{}}
	if d.Type != "" && d.Type != "jar" {
		meta.Type = d.Type
	}
	if s := strings.TrimSpace(d.Scope); s != "" && s != "compile" {
		meta.DepGroupVals = []string{s}
	}
	return &extractor.Package{
		Name: d.GroupID + ":" + d.ArtifactID, PURLType: purl.TypeMaven, Metadata: meta,
		Location: extractor.LocationFromPathAndLine(path, d.line),
	}
}

// gradleNotes reads the configurations after "=" on the package's line (scalibr gives the line but drops
// them): they are the scope, and a package only on test configurations ("testCompileClasspath", ...) is dev.
// Gradle lock state does not record which dependencies are declared, so there are no direct flags.
func gradleNotes(src source) formatNotes {
	lines := bytes.Split(src.content, []byte("\n"))
	return formatNotes{typ: baseName(src.path), note: func(p *extractor.Package) pkgNote {
		ln := descriptorLine(p)
		if ln < 1 || ln > len(lines) {
			return pkgNote{}
		}
		_, cfgs, ok := strings.Cut(strings.TrimSpace(string(lines[ln-1])), "=")
		if !ok || cfgs == "" {
			return pkgNote{}
		}
		allTest := true
		for _, c := range strings.Split(cfgs, ",") {
			allTest = allTest && strings.HasPrefix(c, "test")
		}
		return pkgNote{scope: cfgs, dev: answerOf(allTest)}
	}}
}
