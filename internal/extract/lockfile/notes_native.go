package lockfile

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem/osv"
)

// gemfileNotes reads the DEPENDENCIES section of a Gemfile.lock (the gems the Gemfile declares: direct) and
// the PATH section with "remote: ." (the project's own gemspec, not a dependency). Bundler's lockfile does
// not record Gemfile groups, so there is no dev flag.
func gemfileNotes(src source) formatNotes {
	declared := map[string]bool{}
	self := map[int]bool{} // spec lines of the project's own gem
	section, remote, hasDeps := "", "", false
	sc := bufio.NewScanner(bytes.NewReader(src.content))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case line == "":
		case !strings.HasPrefix(line, " "):
			section, remote = line, ""
			hasDeps = hasDeps || section == "DEPENDENCIES"
		case section == "DEPENDENCIES" && strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "   "):
			name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
			declared[strings.TrimSuffix(name, "!")] = true
		case strings.HasPrefix(line, "  remote: "):
			remote = strings.TrimPrefix(line, "  remote: ")
		case section == "PATH" && remote == "." && strings.HasPrefix(line, "    ") && !strings.HasPrefix(line, "     "):
			self[n] = true
		}
	}
	note := func(p *extractor.Package) pkgNote {
		if self[descriptorLine(p)] {
			return pkgNote{skip: true}
		}
		if !hasDeps {
			return pkgNote{}
		}
		return pkgNote{direct: answerOf(declared[p.Name])}
	}
	return formatNotes{typ: baseName(src.path), tellsDirect: hasDeps, note: note}
}

// cargoLock is the part of Cargo.lock Seam reads.
type cargoLock struct {
	Version int `toml:"version"`
	Package []struct {
		Name         string   `toml:"name"`
		Version      string   `toml:"version"`
		Source       string   `toml:"source"`
		Dependencies []string `toml:"dependencies"`
	} `toml:"package"`
}

// cargoNotes: packages without a source are the workspace's own crates (members and path dependencies) and
// are not dependencies; what they depend on is direct. A dependency entry is "name", or "name version" when
// several versions are locked, or "name version (source)". Cargo.lock does not mark dev-dependencies.
func cargoNotes(src source) formatNotes {
	var lock cargoLock
	if _, err := toml.Decode(string(src.content), &lock); err != nil {
		return formatNotes{typ: "Cargo.lock"}
	}
	local := map[string]bool{}
	direct := map[string]bool{} // "name" and "name@version"
	for _, p := range lock.Package {
		if p.Source != "" {
			continue
		}
		local[p.Name+"@"+p.Version] = true
		for _, d := range p.Dependencies {
			f := strings.Fields(d)
			switch {
			case len(f) == 1:
				direct[f[0]] = true
			case len(f) >= 2:
				direct[f[0]+"@"+f[1]] = true
			}
		}
	}
	typ := "Cargo.lock"
	if lock.Version > 0 {
		typ += " v" + itoa(lock.Version)
	}
	note := func(p *extractor.Package) pkgNote {
		if local[p.Name+"@"+p.Version] {
			return pkgNote{skip: true}
		}
		return pkgNote{direct: answerOf(direct[p.Name] || direct[p.Name+"@"+p.Version])}
	}
	return formatNotes{typ: typ, tellsDirect: len(local) > 0, note: note}
}

// composerNotes gives dev and scope from the section scalibr found the package in ("packages-dev" is dev).
// composer.lock does not record which packages composer.json requires: no direct flags.
func composerNotes(source) formatNotes {
	return formatNotes{note: func(p *extractor.Package) pkgNote {
		if g, ok := p.Metadata.(osv.DepGroups); ok && contains(g.DepGroups(), "dev") {
			return pkgNote{dev: yes, scope: "packages-dev"}
		}
		return pkgNote{dev: no, scope: "packages"}
	}}
}
