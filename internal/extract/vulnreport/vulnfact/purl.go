package vulnfact

import (
	"regexp"
	"strings"

	"github.com/google/osv-scalibr/purl"
	"github.com/google/osv-scalibr/purl/ecosystem"
	"github.com/package-url/packageurl-go"

	"github.com/seam-sec/seam/internal/model"
)

// pypiRun is a run of the characters PEP 503 folds into one "-", as osv-scalibr does for PyPI PURLs.
var pypiRun = regexp.MustCompile(`[-_.]+`)

// NormalizePURL parses a package URL and returns it as the lockfile extractor would write it for the same
// package, with its parts. The rules are osv-scalibr's where they go beyond packageurl-go's canonical form:
// npm's "source" qualifier dropped (scalibr's own, not the spec's), Go module paths lowercased and the "v"
// of the version dropped (scalibr reports v1.9.1 as 1.9.1), PyPI names folded per PEP 503, Maven and
// Composer names lowercased.
func NormalizePURL(s string) (string, packageurl.PackageURL, error) {
	p, err := packageurl.FromString(strings.TrimSpace(s))
	if err != nil {
		return "", p, err
	}
	switch p.Type {
	case packageurl.TypeNPM:
		var qs packageurl.Qualifiers
		for _, q := range p.Qualifiers {
			if q.Key != "source" {
				qs = append(qs, q)
			}
		}
		p.Qualifiers = qs
	case packageurl.TypeGolang:
		p.Namespace, p.Name = strings.ToLower(p.Namespace), strings.ToLower(p.Name)
		if len(p.Version) > 1 && p.Version[0] == 'v' && p.Version[1] >= '0' && p.Version[1] <= '9' {
			p.Version = p.Version[1:]
		}
	case packageurl.TypePyPi:
		p.Name = pypiRun.ReplaceAllLiteralString(strings.ToLower(p.Name), "-")
	case packageurl.TypeMaven, packageurl.TypeComposer:
		p.Namespace, p.Name = strings.ToLower(p.Namespace), strings.ToLower(p.Name)
	}
	return p.ToString(), p, nil
}

// PackageName is the package's name as its ecosystem writes it and the lockfile extractor records it:
// "@scope/name" for npm, the module path for Go, "group:artifact" for Maven, "vendor/name" for Composer.
func PackageName(p packageurl.PackageURL) string {
	if p.Namespace == "" {
		return p.Name
	}
	switch p.Type {
	case packageurl.TypeMaven:
		return p.Namespace + ":" + p.Name
	case packageurl.TypeNPM, packageurl.TypeGolang, packageurl.TypeComposer, packageurl.TypeSwift:
		return p.Namespace + "/" + p.Name
	}
	return p.Name
}

// ecosystems maps PURL types to OSV ecosystem names, as the lockfile extractor's "ecosystem" attribute has
// them (osv-scalibr's Ecosystem().String()).
var ecosystems = map[string]string{
	"npm": "npm", "golang": "Go", "pypi": "PyPI", "maven": "Maven", "cargo": "crates.io", "gem": "RubyGems",
	"composer": "Packagist", "nuget": "NuGet", "hex": "Hex", "pub": "Pub", "swift": "SwiftURL",
	"conan": "ConanCenter", "cran": "CRAN", "hackage": "Hackage",
}

// Ecosystem is the OSV ecosystem of a package ("Go", "Debian:12"), or its PURL type when OSV has no name.
func Ecosystem(p packageurl.PackageURL) string {
	if e, ok := ecosystems[p.Type]; ok {
		return e
	}
	if p.Type == packageurl.TypeDebian || p.Type == packageurl.TypeApk {
		sp := purl.PackageURL{Type: p.Type, Namespace: p.Namespace, Name: p.Name, Version: p.Version,
			Qualifiers: purl.Qualifiers(p.Qualifiers)}
		e := ecosystem.FromPURL(&sp).String()
		if rest, ok := strings.CutPrefix(e, "Debian:"); ok {
			// OSV names Debian releases by major version ("Debian:12"); the distro qualifier has the
			// point release ("debian-12.4"), which scalibr keeps.
			major, _, _ := strings.Cut(rest, ".")
			e = "Debian:" + major
		}
		if e != "" {
			return e
		}
	}
	return p.Type
}

// purlTypes maps OSV ecosystem names (before any ":suffix") to PURL types and namespaces.
var purlTypes = map[string][2]string{
	"npm": {"npm"}, "Go": {"golang"}, "PyPI": {"pypi"}, "Maven": {"maven"}, "crates.io": {"cargo"},
	"RubyGems": {"gem"}, "Packagist": {"composer"}, "NuGet": {"nuget"}, "Hex": {"hex"}, "Pub": {"pub"},
	"SwiftURL": {"swift"}, "ConanCenter": {"conan"}, "CRAN": {"cran"}, "Hackage": {"hackage"},
	"Debian": {"deb", "debian"}, "Ubuntu": {"deb", "ubuntu"}, "Alpine": {"apk", "alpine"},
}

// PURLFor makes the normalised PURL of a package a report names by OSV ecosystem, name and version
// (osv-scanner gives no PURLs), or "" when the ecosystem has no PURL type here.
func PURLFor(eco, name, version string) string {
	base, _, _ := strings.Cut(eco, ":")
	t, ok := purlTypes[base]
	if !ok || strings.TrimSpace(name) == "" {
		return ""
	}
	p := packageurl.PackageURL{Type: t[0], Namespace: t[1], Name: name, Version: version}
	switch t[0] {
	case "npm":
		if strings.HasPrefix(name, "@") {
			if ns, n, ok := strings.Cut(name, "/"); ok {
				p.Namespace, p.Name = ns, n
			}
		}
	case "golang", "composer", "swift":
		if i := strings.LastIndex(name, "/"); i > 0 {
			p.Namespace, p.Name = name[:i], name[i+1:]
		}
	case "maven":
		if g, a, ok := strings.Cut(name, ":"); ok {
			p.Namespace, p.Name = g, a
		}
	}
	s, _, err := NormalizePURL(p.ToString())
	if err != nil {
		return ""
	}
	return s
}

// PackageNode is the package node of a normalised PURL, with the lockfile extractor's attributes plus the
// tool that reported it (source).
func PackageNode(purlStr string, p packageurl.PackageURL, source string, prov model.Provenance) model.Node {
	name := PackageName(p)
	return model.Node{
		ID: model.PackageID(purlStr), Kind: model.KindPackage, Type: p.Type, Name: name,
		Attrs: map[string]any{"ecosystem": Ecosystem(p), "name": name, "version": p.Version, "purl": purlStr,
			"source": source},
		Prov: prov,
	}
}
