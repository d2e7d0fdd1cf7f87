package vuln

import (
	"regexp"
	"strings"

	packageurl "github.com/package-url/packageurl-go"
)

// Package is one installed package to look up: the graph node it stands for, its OSV ecosystem ("Go", "PyPI",
// "Debian:12" …), its name as that ecosystem spells it (Maven "group:artifact", npm "@scope/name", Go the module
// path) and its installed version.
type Package struct {
	ID        string
	Ecosystem string
	Name      string
	Version   string
}

// canonicalEcosystems maps the lower-case base name of an OSV ecosystem to its spelling in the OSV schema
// (github.com/ossf/osv-schema, ecosystems list), so that "pypi" and "PyPI" meet.
var canonicalEcosystems = func() map[string]string {
	m := map[string]string{}
	for _, e := range []string{
		"AlmaLinux", "Alpaquita", "Alpine", "Android", "Azure Linux", "Bioconductor", "Bitnami", "Chainguard",
		"ConanCenter", "CRAN", "crates.io", "Debian", "GHC", "GitHub Actions", "Go", "Hackage", "Hex", "Julia",
		"Linux", "Mageia", "Maven", "MinimOS", "npm", "NuGet", "opam", "openEuler", "openSUSE", "OSS-Fuzz",
		"Packagist", "Photon OS", "Pub", "PyPI", "Red Hat", "Rocky Linux", "RubyGems", "SUSE", "SwiftURL",
		"Ubuntu", "VSCode", "Wolfi",
	} {
		m[strings.ToLower(e)] = e
	}
	return m
}()

// CanonicalEcosystem returns an OSV ecosystem name in the schema's spelling, keeping a release suffix
// ("debian:12" → "Debian:12"). An unknown ecosystem is returned trimmed but otherwise as given.
func CanonicalEcosystem(eco string) string {
	eco = strings.TrimSpace(eco)
	base, suffix, hasSuffix := strings.Cut(eco, ":")
	if c, ok := canonicalEcosystems[strings.ToLower(base)]; ok {
		base = c
	}
	if hasSuffix {
		return base + ":" + suffix
	}
	return base
}

// baseEcosystem returns the ecosystem without its release suffix ("Debian:12" → "Debian").
func baseEcosystem(eco string) string {
	base, _, _ := strings.Cut(eco, ":")
	return base
}

var pep503 = regexp.MustCompile(`[-_.]+`)

// NormalizeName returns a package name in the form two spellings of the same package share, by the rules of its
// ecosystem: PyPI by PEP 503 (lower case, runs of "-", "_", "." become "-"); crates.io lower case with "_" as "-"
// (crates.io treats them as one name); NuGet, Packagist, Hex, Pub, Debian, Ubuntu and Alpine lower case (their
// registries are case-insensitive or lower case only). Go module paths, npm, Maven and RubyGems names are
// case-sensitive and kept as written.
func NormalizeName(ecosystem, name string) string {
	name = strings.TrimSpace(name)
	switch baseEcosystem(CanonicalEcosystem(ecosystem)) {
	case "PyPI":
		return pep503.ReplaceAllString(strings.ToLower(name), "-")
	case "crates.io":
		return strings.ReplaceAll(strings.ToLower(name), "_", "-")
	case "NuGet", "Packagist", "Hex", "Pub", "Debian", "Ubuntu", "Alpine":
		return strings.ToLower(name)
	}
	return name
}

// debianReleases maps Debian code names to release numbers (debian.org/releases), for PURL distro qualifiers
// written as code names.
var debianReleases = map[string]string{
	"jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12", "trixie": "13",
	"forky": "14",
}

// PackageFromPURL maps a package URL to the package to look up: the PURL type gives the OSV ecosystem (golang →
// Go, npm, pypi → PyPI, maven → Maven with "group:artifact", gem → RubyGems, cargo → crates.io, composer →
// Packagist, nuget → NuGet, deb → Debian or Ubuntu with the release from the distro qualifier, apk → Alpine,
// pub → Pub, hex → Hex, swift → SwiftURL, hackage → Hackage, cran → CRAN, conan → ConanCenter). The package's
// ID is the PURL as given. It reports false for a PURL that does not parse, has no version, or has a type
// with no OSV ecosystem.
func PackageFromPURL(purl string) (Package, bool) {
	p, err := packageurl.FromString(purl)
	if err != nil || p.Name == "" || p.Version == "" {
		return Package{}, false
	}
	eco, name := "", p.Name
	withNS := func(sep string) string {
		if p.Namespace == "" {
			return p.Name
		}
		return p.Namespace + sep + p.Name
	}
	switch p.Type {
	case "golang":
		eco, name = "Go", withNS("/")
	case "npm":
		eco, name = "npm", withNS("/")
	case "pypi":
		eco = "PyPI"
	case "maven":
		if p.Namespace == "" {
			return Package{}, false
		}
		eco, name = "Maven", withNS(":")
	case "gem":
		eco = "RubyGems"
	case "cargo":
		eco = "crates.io"
	case "composer":
		eco, name = "Packagist", withNS("/")
	case "nuget":
		eco = "NuGet"
	case "pub":
		eco = "Pub"
	case "hex":
		eco = "Hex"
	case "swift":
		eco, name = "SwiftURL", withNS("/")
	case "hackage":
		eco = "Hackage"
	case "cran":
		eco = "CRAN"
	case "conan":
		eco = "ConanCenter"
	case "deb", "apk":
		eco = distroEcosystem(p.Type, strings.ToLower(p.Namespace), p.Qualifiers.Map()["distro"])
		if eco == "" {
			return Package{}, false
		}
	default:
		return Package{}, false
	}
	return Package{ID: purl, Ecosystem: eco, Name: name, Version: p.Version}, true
}

// distroEcosystem returns the OSV ecosystem of an operating-system package from its PURL namespace and distro
// qualifier: "Debian:12" (from "debian-12", "debian-12.5", "bookworm" or "debian-bookworm"), "Ubuntu:22.04"
// (with ":LTS" for an even year's April release, as OSV names them), "Alpine:v3.19". Without a release it is
// the bare ecosystem, which only matches advisories that name no release.
func distroEcosystem(typ, ns, distro string) string {
	distro = strings.ToLower(strings.TrimSpace(distro))
	rel := strings.TrimPrefix(strings.TrimPrefix(distro, ns), "-")
	switch {
	case typ == "deb" && ns == "debian":
		if n, ok := debianReleases[rel]; ok {
			rel = n
		}
		rel, _, _ = strings.Cut(rel, ".")
		return withRelease("Debian", rel)
	case typ == "deb" && ns == "ubuntu":
		if len(rel) == 5 && rel[2] == '.' && rel[3:] == "04" && (rel[1]-'0')%2 == 0 {
			return withRelease("Ubuntu", rel+":LTS")
		}
		return withRelease("Ubuntu", rel)
	case typ == "apk" && ns == "alpine":
		rel = strings.TrimPrefix(rel, "v")
		if parts := strings.Split(rel, "."); len(parts) >= 2 {
			rel = "v" + parts[0] + "." + parts[1]
		} else {
			rel = ""
		}
		return withRelease("Alpine", rel)
	}
	return ""
}

func withRelease(eco, rel string) string {
	if !isDigit(strings.TrimPrefix(rel, "v")) {
		return eco
	}
	return eco + ":" + rel
}

func isDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }
