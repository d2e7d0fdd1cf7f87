package lockfile

import (
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem/osv"
)

// requirementsNotes: a requirements file does not say which lines are direct (a "pip freeze" output lists
// every transitive package too) nor which are for development, so Seam adds nothing to scalibr's packages.
// Pins, lower bounds and unpinned lines are told apart in facts.go (see unpinned).
func requirementsNotes(source) formatNotes { return formatNotes{} }

// poetryLock is the part of poetry.lock Seam reads: groups (Poetry 2) or category (lock-version 1.x).
type poetryLock struct {
	Package []struct {
		Name     string   `toml:"name"`
		Version  string   `toml:"version"`
		Category string   `toml:"category"`
		Groups   []string `toml:"groups"`
	} `toml:"package"`
	Metadata struct {
		LockVersion string `toml:"lock-version"`
	} `toml:"metadata"`
}

// poetryNotes gives the dev flag and scope from a package's groups (Poetry 2: dev unless it is in "main") or
// its category (lock-version 1.x: "main" or "dev"). Lock-version 2.0 records neither, so it gives none.
// poetry.lock does not record which dependencies the project declares: no direct flags.
func poetryNotes(src source) formatNotes {
	var lock poetryLock
	if _, err := toml.Decode(string(src.content), &lock); err != nil {
		return formatNotes{typ: "poetry.lock"}
	}
	typ := "poetry.lock"
	if lock.Metadata.LockVersion != "" {
		typ += " v" + lock.Metadata.LockVersion
	}
	notes := map[string]pkgNote{}
	for _, p := range lock.Package {
		n := pkgNote{}
		switch {
		case len(p.Groups) > 0:
			n.scope = strings.Join(p.Groups, ",")
			n.dev = answerOf(!contains(p.Groups, "main"))
		case p.Category != "":
			n.scope = p.Category
			n.dev = answerOf(p.Category == "dev")
		}
		notes[p.Name+"@"+p.Version] = n
	}
	return formatNotes{typ: typ, note: func(p *extractor.Package) pkgNote { return notes[p.Name+"@"+p.Version] }}
}

// pipfileNotes gives dev and scope from the section scalibr found the package in ("develop" is dev; a
// package in both sections is reported once, from "default"). Pipfile.lock flattens the dependency tree,
// so there are no direct flags.
func pipfileNotes(source) formatNotes {
	return formatNotes{note: func(p *extractor.Package) pkgNote {
		g, ok := p.Metadata.(osv.DepGroups)
		if !ok {
			return pkgNote{}
		}
		if contains(g.DepGroups(), "dev") {
			return pkgNote{dev: yes, scope: "develop"}
		}
		return pkgNote{dev: no, scope: "default"}
	}}
}

// uvDep is one entry of a uv.lock dependency list.
type uvDep struct {
	Name string `toml:"name"`
}

// uvLock is the part of uv.lock Seam reads.
type uvLock struct {
	Version int `toml:"version"`
	Package []struct {
		Name         string             `toml:"name"`
		Version      string             `toml:"version"`
		Source       map[string]any     `toml:"source"`
		Dependencies []uvDep            `toml:"dependencies"`
		Dev          map[string][]uvDep `toml:"dev-dependencies"`
		Optional     map[string][]uvDep `toml:"optional-dependencies"`
	} `toml:"package"`
}

// uvNotes reads the project's own entries (source "editable" or "virtual": the root and workspace members,
// which are not dependencies) and what they depend on: "dependencies" are direct production dependencies,
// "dev-dependencies" groups direct dev dependencies, "optional-dependencies" extras direct optional ones.
// Other packages are transitive; uv.lock does not mark their dev status.
func uvNotes(src source) formatNotes {
	var lock uvLock
	if _, err := toml.Decode(string(src.content), &lock); err != nil {
		return formatNotes{typ: "uv.lock"}
	}
	members := map[string]bool{}
	direct := map[string][]string{} // name → scopes
	add := func(deps []uvDep, scope string) {
		for _, d := range deps {
			if !contains(direct[d.Name], scope) {
				direct[d.Name] = append(direct[d.Name], scope)
			}
		}
	}
	for _, p := range lock.Package {
		if p.Source["editable"] == nil && p.Source["virtual"] == nil {
			continue
		}
		members[p.Name+"@"+p.Version] = true
		add(p.Dependencies, "main")
		for group, deps := range p.Dev {
			add(deps, group)
		}
		for extra, deps := range p.Optional {
			add(deps, "extra:"+extra)
		}
	}
	note := func(p *extractor.Package) pkgNote {
		if members[p.Name+"@"+p.Version] {
			return pkgNote{skip: true}
		}
		scopes, ok := direct[p.Name]
		if !ok {
			return pkgNote{direct: no}
		}
		sortStrings(scopes)
		return pkgNote{direct: yes, scope: strings.Join(scopes, ","),
			dev: answerOf(!contains(scopes, "main") && !hasPrefixed(scopes, "extra:"))}
	}
	return formatNotes{typ: "uv.lock v" + itoa(max(lock.Version, 1)), tellsDirect: len(members) > 0, note: note}
}

// pdmLock is the part of pdm.lock Seam reads.
type pdmLock struct {
	Package []struct {
		Name    string   `toml:"name"`
		Version string   `toml:"version"`
		Groups  []string `toml:"groups"`
	} `toml:"package"`
}

// pdmNotes gives the scope from a package's groups and dev=false for packages in "default" (production).
// Other group names may be dev-dependency groups or optional extras, which pdm.lock does not tell apart, so
// they give no dev flag; nor does pdm.lock say which dependencies are direct.
func pdmNotes(src source) formatNotes {
	var lock pdmLock
	if _, err := toml.Decode(string(src.content), &lock); err != nil {
		return formatNotes{}
	}
	notes := map[string]pkgNote{}
	for _, p := range lock.Package {
		n := pkgNote{scope: strings.Join(p.Groups, ",")}
		if contains(p.Groups, "default") {
			n.dev = no
		}
		notes[p.Name+"@"+p.Version] = n
	}
	return formatNotes{note: func(p *extractor.Package) pkgNote { return notes[p.Name+"@"+p.Version] }}
}
