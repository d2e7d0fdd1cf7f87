package vulnreport

import (
	"fmt"
	"sort"

	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// trivyEcosystems maps Trivy's result types to OSV ecosystems, for packages a report gives without a PURL
// (Trivy before 0.49 wrote none). Source: Trivy's pkg/fanal/types/const.go language and OS types.
var trivyEcosystems = map[string]string{
	"npm": "npm", "yarn": "npm", "pnpm": "npm", "node-pkg": "npm", "bun": "npm",
	"gomod": "Go", "gobinary": "Go",
	"pip": "PyPI", "pipenv": "PyPI", "poetry": "PyPI", "uv": "PyPI", "python-pkg": "PyPI",
	"jar": "Maven", "pom": "Maven", "gradle": "Maven", "sbt": "Maven",
	"cargo": "crates.io", "rust-binary": "crates.io", "bundler": "RubyGems", "gemspec": "RubyGems",
	"composer": "Packagist", "nuget": "NuGet", "dotnet-core": "NuGet", "packages-props": "NuGet",
	"debian": "Debian", "ubuntu": "Ubuntu", "alpine": "Alpine", "pub": "Pub", "hex": "Hex",
}

// readTrivy reads a Trivy JSON report (schema version 2: `trivy image|fs|repo --format json`). An image
// scan ties every package to the image; a filesystem or repository scan ties language packages to the
// lockfile each result names.
func readTrivy(c *collector, root *vulnfact.Value) {
	if v, ok := c.d.Num(root, "SchemaVersion"); ok && v != 2 {
		c.d.Diag(root.Get("SchemaVersion"), model.SeverityWarning,
			fmt.Sprintf("Trivy schema version %v: read as version 2, fields that differ are missed", v))
	}
	image := ""
	if c.d.Str(root, "ArtifactType") == "container_image" {
		image = c.imageTarget(c.d.Str(root, "ArtifactName"), root.Get("ArtifactName"))
	}
	var misconfigs, secrets int
	for _, res := range c.d.Objs(root, "Results") {
		target, class := c.d.Str(res, "Target"), c.d.Str(res, "Class")
		eco := trivyEcosystems[c.d.Str(res, "Type")]
		holder := image
		var attrs map[string]any
		switch {
		case image != "" && target != "":
			attrs = map[string]any{"target": target} // where in the image Trivy found it
		case image == "" && class == "lang-pkgs":
			holder = c.moduleTarget(target, res)
		}
		for _, p := range c.d.Objs(res, "Packages") {
			id := c.trivyPackage(eco, p, c.d.Str(p, "Name"), c.d.Str(p, "Version"), c.d.Obj(p, "Identifier"))
			c.contains(holder, id, p, attrs)
		}
		for _, v := range c.d.Objs(res, "Vulnerabilities") {
			c.trivyVulnerability(eco, holder, attrs, v)
		}
		misconfigs += len(c.d.Arr(res, "Misconfigurations"))
		secrets += len(c.d.Arr(res, "Secrets"))
	}
	if misconfigs+secrets > 0 {
		c.d.Diag(root, model.SeverityInfo, fmt.Sprintf("%d misconfigurations and %d secrets in the report are not "+
			"imported: Seam's own extractors find them in the repository", misconfigs, secrets))
	}
}

// trivyPackage records a package from its identifier's PURL, else from the result type, name and version.
func (c *collector) trivyPackage(eco string, at *vulnfact.Value, name, version string, ident *vulnfact.Value) string {
	if purl := c.d.Str(ident, "PURL"); purl != "" {
		return c.pkgFromPURL(purl, at)
	}
	if name == "" {
		c.d.Diag(at, model.SeverityWarning, "a package with no name and no package URL is left out")
		return ""
	}
	return c.pkgFromName(eco, name, version, at)
}

func (c *collector) trivyVulnerability(eco, holder string, attrs map[string]any, v *vulnfact.Value) {
	installed := c.d.Str(v, "InstalledVersion")
	pkg := c.trivyPackage(eco, v, c.d.Str(v, "PkgName"), installed, c.d.Obj(v, "PkgIdentifier"))
	id := c.d.Str(v, "VulnerabilityID")
	if id == "" || pkg == "" {
		if id == "" {
			c.d.Diag(v, model.SeverityWarning, "a vulnerability with no VulnerabilityID is left out")
		}
		return
	}
	c.contains(holder, pkg, v, attrs)
	if p, ok := c.pkgs[pkg]; ok {
		eco, _ = p.Attrs["ecosystem"].(string)
	}
	summary := c.d.Str(v, "Title")
	if summary == "" {
		summary = c.d.Str(v, "Description")
	}
	refs := append([]string{c.d.Str(v, "PrimaryURL")}, c.d.Strs(v, "References")...)
	c.vulns.Add(vulnfact.Finding{
		IDs: append([]string{id}, c.d.Strs(v, "VendorIDs")...), Summary: summary, Severity: c.d.Str(v, "Severity"),
		CVSS: c.trivyCVSS(c.d.Obj(v, "CVSS")), CWEs: c.d.Strs(v, "CweIDs"), References: refs,
		Published: c.d.Str(v, "PublishedDate"), Modified: c.d.Str(v, "LastModifiedDate"),
		Affects: []vulnfact.Affect{c.affect(pkg, installed,
			vulnfact.LowestFixed(eco, installed, vulnfact.SplitList(c.d.Str(v, "FixedVersion"))), v)},
		Source: c.tool, Prov: c.d.Prov(v),
	})
}

// trivyCVSS reads Trivy's CVSS map ({"nvd": {"V3Vector": …, "V3Score": …}, "ghsa": …}), every vendor's
// assessment, in vendor order.
func (c *collector) trivyCVSS(m *vulnfact.Value) []vulnfact.CVSS {
	if m == nil {
		return nil
	}
	vendors := append([]string(nil), m.Keys...)
	sort.Strings(vendors)
	var out []vulnfact.CVSS
	for _, vendor := range vendors {
		a := c.d.Obj(m, vendor)
		for _, k := range [][2]string{{"V40Vector", "V40Score"}, {"V3Vector", "V3Score"}, {"V2Vector", "V2Score"}} {
			vec := c.d.Str(a, k[0])
			score, _ := c.d.Num(a, k[1])
			if vec == "" && score == 0 {
				continue
			}
			ver := vulnfact.CVSSVersion(vec)
			if ver == "" && k[0] == "V2Vector" {
				ver = "2.0"
			}
			out = append(out, vulnfact.CVSS{Version: ver, Vector: vec, Score: score})
		}
	}
	return out
}
