package lockfile

import (
	"strings"

	"github.com/google/osv-scalibr/extractor"
	"golang.org/x/mod/modfile"
)

// goModNotes reads the "// indirect" markers scalibr's gomod extractor parses but does not report. A module
// a replace directive swaps in keeps the flag of the requirement it replaces; a replacement by a local
// directory is the repository's own code, not a dependency. The Go toolchain ("stdlib") package scalibr adds
// from the go/toolchain line has no direct flag. Packages scalibr takes from go.sum (go lines below 1.17) are
// not required by go.mod, so they are indirect.
func goModNotes(src source) formatNotes {
	f, err := modfile.Parse(src.path, src.content, nil)
	if err != nil {
		return formatNotes{} // scalibr reports the same parse error
	}
	attrs := map[string]any{}
	if f.Module != nil {
		attrs["module_path"] = f.Module.Mod.Path
	}
	if f.Go != nil {
		attrs["go_version"] = f.Go.Version
	}
	indirect := map[string]bool{} // path@version (scalibr's form: no "v") → indirect
	byPath := map[string][]string{}
	for _, r := range f.Require {
		key := goKey(r.Mod.Path, r.Mod.Version)
		indirect[key] = r.Indirect
		byPath[r.Mod.Path] = append(byPath[r.Mod.Path], key)
	}
	local := map[string]bool{}
	for _, r := range f.Replace {
		if modfile.IsDirectoryPath(r.New.Path) {
			local[r.New.Path] = true
			continue
		}
		newKey := goKey(r.New.Path, r.New.Version)
		for _, oldKey := range byPath[r.Old.Path] {
			if r.Old.Version == "" || oldKey == goKey(r.Old.Path, r.Old.Version) {
				indirect[newKey] = indirect[oldKey]
			}
		}
	}
	note := func(p *extractor.Package) pkgNote {
		if local[p.Name] {
			return pkgNote{skip: true}
		}
		if p.Name == "stdlib" {
			return pkgNote{}
		}
		ind, required := indirect[goKey(p.Name, p.Version)]
		return pkgNote{direct: answerOf(required && !ind)}
	}
	return formatNotes{attrs: attrs, tellsDirect: true, note: note}
}

// goKey is the key scalibr's gomod extractor uses for a module: its path and its version without the "v".
func goKey(path, version string) string {
	return path + "@" + strings.TrimPrefix(version, "v")
}
