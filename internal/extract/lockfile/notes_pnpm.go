package lockfile

import (
	"strings"

	"github.com/google/osv-scalibr/extractor"
	"gopkg.in/yaml.v3"
)

// pnpmDepKinds are the importer sections that declare direct dependencies, with the scope each gives.
var pnpmDepKinds = []struct{ key, scope string }{
	{"dependencies", "prod"}, {"devDependencies", "dev"}, {"optionalDependencies", "optional"},
}

// pnpmNotes reads the importers of a pnpm lockfile (the project and its workspaces; lockfiles before v9
// without workspaces keep the same sections at the top level): what they declare is direct, with the
// section giving dev and scope. Lockfiles v5–v8 also mark every package "dev: true/false"; v9 does not, so a
// transitive package of a v9 lockfile has no dev flag.
func pnpmNotes(src source) formatNotes {
	var doc yaml.Node
	if err := yaml.Unmarshal(src.content, &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return formatNotes{typ: "pnpm-lock.yaml"} // scalibr reports the parse error
	}
	root := doc.Content[0]
	typ := "pnpm-lock.yaml"
	if v := mapValue(root, "lockfileVersion"); v != nil && v.Kind == yaml.ScalarNode {
		typ += " v" + v.Value
	}
	direct := map[string][]string{} // name@version → scopes
	addPnpmImporter(root, direct)
	if imps := mapValue(root, "importers"); imps != nil && imps.Kind == yaml.MappingNode {
		for i := 1; i < len(imps.Content); i += 2 {
			addPnpmImporter(imps.Content[i], direct)
		}
	}
	devByLine := map[int]answer{}
	if pkgs := mapValue(root, "packages"); pkgs != nil && pkgs.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(pkgs.Content); i += 2 {
			if d := mapValue(pkgs.Content[i+1], "dev"); d != nil && d.Kind == yaml.ScalarNode {
				devByLine[pkgs.Content[i].Line] = answerOf(d.Value == "true")
			}
		}
	}
	note := func(p *extractor.Package) pkgNote {
		scopes, isDirect := direct[p.Name+"@"+p.Version]
		n := pkgNote{direct: answerOf(isDirect), dev: devByLine[descriptorLine(p)]}
		if isDirect {
			n.scope = strings.Join(scopes, ",")
			n.dev = answerOf(!contains(scopes, "prod") && !contains(scopes, "optional"))
		}
		return n
	}
	return formatNotes{typ: typ, tellsDirect: true, note: note}
}

// addPnpmImporter records the dependencies one importer (or the top level of an older lockfile) declares.
func addPnpmImporter(imp *yaml.Node, direct map[string][]string) {
	for _, kind := range pnpmDepKinds {
		deps := mapValue(imp, kind.key)
		if deps == nil || deps.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(deps.Content); i += 2 {
			name, ver := deps.Content[i].Value, deps.Content[i+1]
			if ver.Kind == yaml.MappingNode { // v6+: {specifier, version}
				ver = mapValue(ver, "version")
			}
			if ver == nil || ver.Kind != yaml.ScalarNode {
				continue
			}
			name, version, ok := pnpmResolved(name, ver.Value)
			if !ok {
				continue
			}
			key := name + "@" + version
			if !contains(direct[key], kind.scope) {
				direct[key] = append(direct[key], kind.scope)
			}
		}
	}
}

// pnpmResolved turns an importer's resolved version into the name and version of the package entry:
// peer suffixes ("18.2.0(react@18.2.0)", v5's "1.0.0_react@18.2.0") are dropped, an alias
// ("/string-width@4.2.3", "string-width@4.2.3") names the real package, local links are not packages.
func pnpmResolved(name, version string) (string, string, bool) {
	if strings.HasPrefix(version, "link:") || strings.HasPrefix(version, "file:") {
		return "", "", false
	}
	version, _, _ = strings.Cut(version, "(")
	isAlias := version != "" && (version[0] < '0' || version[0] > '9')
	if i := strings.LastIndex(version, "@"); isAlias && i > 0 {
		name, version = strings.TrimPrefix(version[:i], "/"), version[i+1:]
	}
	version, _, _ = strings.Cut(version, "_")
	return name, version, version != ""
}

// mapValue returns the value of key in a YAML mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}
