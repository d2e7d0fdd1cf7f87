package lockfile

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/google/osv-scalibr/extractor"
	"github.com/google/osv-scalibr/extractor/filesystem/osv"
)

// npmLock is the part of package-lock.json / npm-shrinkwrap.json Seam reads itself.
type npmLock struct {
	LockfileVersion int                   `json:"lockfileVersion"`
	Packages        map[string]npmPackage `json:"packages"`
}

// npmPackage is one entry of the "packages" map of lockfile v2/v3; the key "" is the project itself.
type npmPackage struct {
	Name                 string            `json:"name"`
	Version              string            `json:"version"`
	Dependencies         map[string]string `json:"dependencies"`
	DevDependencies      map[string]string `json:"devDependencies"`
	OptionalDependencies map[string]string `json:"optionalDependencies"`
	PeerDependencies     map[string]string `json:"peerDependencies"`
}

// npmLockNotes reads the direct dependencies of a package-lock.json v2/v3: those the project entry ("") or
// a workspace entry declares, resolved to the entry npm installs for them. Lockfile v1 does not record the
// project's own dependency list (its top level holds hoisted transitive packages too), so v1 gives no direct
// flags. The dev flag and scope come from scalibr's dependency groups (npm's dev/optional/devOptional marks;
// no mark means a production dependency).
func npmLockNotes(src source) formatNotes {
	base := baseName(src.path)
	if base == "package-lock.json" {
		shrink := path.Join(path.Dir(src.path), "npm-shrinkwrap.json")
		if _, err := fs.Stat(src.fsys, shrink); err == nil {
			return formatNotes{typ: base, skipReason: "not read: " + shrink +
				" is in the same directory and npm installs from it instead of package-lock.json"}
		}
	}
	var lock npmLock
	if err := json.Unmarshal(src.content, &lock); err != nil {
		return formatNotes{typ: base} // scalibr reports the parse error
	}
	typ := fmt.Sprintf("%s v%d", base, max(lock.LockfileVersion, 1))
	if lock.Packages == nil {
		return formatNotes{typ: typ, note: npmGroupNote(nil)}
	}
	direct, workspaces := npmDirect(lock.Packages)
	groups := npmGroupNote(direct)
	note := func(p *extractor.Package) pkgNote {
		if workspaces[p.Name+"@"+p.Version] {
			return pkgNote{skip: true} // a workspace of this repository, not a dependency
		}
		return groups(p)
	}
	return formatNotes{typ: typ, tellsDirect: true, note: note}
}

// npmDirect returns name@version of every package a project or workspace entry declares, resolved the way
// node does for the first two levels: the declaring entry's own node_modules, then the root's; and
// name@version of the workspace entries themselves.
func npmDirect(pkgs map[string]npmPackage) (direct, workspaces map[string]bool) {
	direct, workspaces = map[string]bool{}, map[string]bool{}
	for key, p := range pkgs {
		if key != "" && strings.Contains(key, "node_modules/") {
			continue // an installed package, not a project or workspace
		}
		if key != "" {
			name := p.Name
			if name == "" {
				name = path.Base(key)
			}
			workspaces[name+"@"+p.Version] = true
		}
		for _, deps := range []map[string]string{p.Dependencies, p.DevDependencies, p.OptionalDependencies, p.PeerDependencies} {
			for name := range deps {
				for _, at := range []string{path.Join(key, "node_modules", name), "node_modules/" + name} {
					if inst, ok := pkgs[at]; ok {
						real := name
						if inst.Name != "" {
							real = inst.Name // an alias ("name": "npm:real@1.0") installs under another name
						}
						direct[real+"@"+inst.Version] = true
						break
					}
				}
			}
		}
	}
	return direct, workspaces
}

// npmGroupNote returns the note function for npm lockfiles: dev and scope from scalibr's dependency groups,
// direct from the given set (nil: the format does not say).
func npmGroupNote(direct map[string]bool) func(*extractor.Package) pkgNote {
	return func(p *extractor.Package) pkgNote {
		n := pkgNote{}
		if direct != nil {
			n.direct = answerOf(direct[p.Name+"@"+p.Version])
		}
		if g, ok := p.Metadata.(osv.DepGroups); ok {
			groups := g.DepGroups()
			n.dev = answerOf(contains(groups, "dev"))
			n.scope = "prod"
			if len(groups) > 0 {
				n.scope = strings.Join(groups, ",")
			}
		}
		return n
	}
}
