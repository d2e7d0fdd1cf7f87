package lockfile

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"sort"
	"strings"

	"github.com/google/osv-scalibr/extractor"
)

// nugetEntry is what Seam reads about one package of a NuGet lock file or deps.json.
type nugetEntry struct {
	line       int
	kind       string   // "Direct", "Transitive", "CentralTransitive", "Project"; deps.json: "package", "project"
	frameworks []string // the target frameworks that list it (packages.lock.json)
}

// nugetLockNotes reads packages.lock.json with a streaming walk: the line of each package's key (scalibr
// gives none), its "type" (Direct is direct; Transitive and CentralTransitive are not; Project is another
// project of the repository, not a package) and the target frameworks listing it, which become the scope.
func nugetLockNotes(src source) formatNotes {
	entries := map[string]*nugetEntry{} // name@resolved
	version := ""
	lines := newLineIndex(src.content)
	patterns := [][]string{{"version"}, {"dependencies", "*", "*"}}
	err := jsonMembers(src.content, patterns, lines, func(keys []string, line int, raw json.RawMessage) {
		if len(keys) == 1 {
			version = " v" + unquote(strings.TrimSpace(string(raw)))
			return
		}
		var v struct {
			Type     string `json:"type"`
			Resolved string `json:"resolved"`
		}
		if json.Unmarshal(raw, &v) != nil {
			return
		}
		key := keys[2] + "@" + v.Resolved
		e := entries[key]
		if e == nil {
			e = &nugetEntry{line: line, kind: v.Type}
			entries[key] = e
		}
		if v.Type == "Direct" {
			e.kind = v.Type
		}
		if !contains(e.frameworks, keys[1]) {
			e.frameworks = append(e.frameworks, keys[1])
			sort.Strings(e.frameworks)
		}
	})
	if err != nil {
		return formatNotes{typ: "packages.lock.json"}
	}
	note := func(p *extractor.Package) pkgNote {
		e := entries[p.Name+"@"+p.Version]
		if e == nil {
			return pkgNote{}
		}
		if e.kind == "Project" {
			return pkgNote{skip: true}
		}
		return pkgNote{line: e.line, direct: answerOf(e.kind == "Direct"), scope: strings.Join(e.frameworks, ",")}
	}
	return formatNotes{typ: "packages.lock.json" + version, tellsDirect: true, note: note}
}

// depsJSONNotes reads the "libraries" of a .NET deps.json for the line of each entry and its type: a
// "project" library is the application itself or another project of the repository, not a package.
// deps.json is build output; Seam does not derive direct flags from it.
func depsJSONNotes(src source) formatNotes {
	entries := map[string]*nugetEntry{} // "Name/Version"
	lines := newLineIndex(src.content)
	_ = jsonMembers(src.content, [][]string{{"libraries", "*"}}, lines, func(keys []string, line int, raw json.RawMessage) {
		var v struct {
			Type string `json:"type"`
		}
		_ = json.Unmarshal(raw, &v)
		entries[keys[1]] = &nugetEntry{line: line, kind: v.Type}
	})
	return formatNotes{typ: "deps.json", note: func(p *extractor.Package) pkgNote {
		e := entries[p.Name+"/"+p.Version]
		if e == nil {
			return pkgNote{}
		}
		return pkgNote{line: e.line, skip: e.kind == "project"}
	}}
}

// packagesConfigNotes reads packages.config with a token walk for the line of each <package> element and
// its developmentDependency attribute (NuGet's dev flag; false when absent). The file lists every installed
// package, transitive ones included, without telling them apart: no direct flags.
func packagesConfigNotes(src source) formatNotes {
	type pcEntry struct {
		line int
		dev  bool
	}
	entries := map[string]pcEntry{}
	dec := xml.NewDecoder(bytes.NewReader(src.content))
	for {
		tok, err := dec.Token()
		if err != nil {
			break // end of file or a syntax error scalibr reports
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "package" {
			continue
		}
		line, _ := dec.InputPos()
		var id, version string
		dev := false
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "id":
				id = a.Value
			case "version":
				version = a.Value
			case "developmentDependency":
				dev = strings.EqualFold(a.Value, "true")
			}
		}
		if _, seen := entries[id+"@"+version]; !seen {
			entries[id+"@"+version] = pcEntry{line: line, dev: dev}
		}
	}
	return formatNotes{note: func(p *extractor.Package) pkgNote {
		e, ok := entries[p.Name+"@"+p.Version]
		if !ok {
			return pkgNote{}
		}
		return pkgNote{line: e.line, dev: answerOf(e.dev)}
	}}
}
