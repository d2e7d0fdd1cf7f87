package vulnreport

import (
	"path"
	"strings"

	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// grypeEcosystems maps Grype's artifact types to OSV ecosystems, for artifacts given without a PURL.
// Source: syft's pkg.Type constants.
var grypeEcosystems = map[string]string{
	"npm": "npm", "go-module": "Go", "python": "PyPI", "java-archive": "Maven", "rust-crate": "crates.io",
	"gem": "RubyGems", "php-composer": "Packagist", "dotnet": "NuGet", "deb": "Debian", "apk": "Alpine",
}

// readGrype reads a Grype JSON report (`grype -o json`). An image source ties every matched package to
// the image; a directory source ties each to the lockfile of its location, relative to the scanned
// directory.
func readGrype(c *collector, root *vulnfact.Value) {
	src := c.d.Obj(root, "source")
	image, dir := "", ""
	switch c.d.Str(src, "type") {
	case "image":
		tgt := c.d.Obj(src, "target")
		ref := c.d.Str(tgt, "userInput")
		if tags := c.d.Strs(tgt, "tags"); ref == "" && len(tags) > 0 {
			ref = tags[0]
		}
		image = c.imageTarget(ref, tgt)
	case "directory":
		if t := src.Get("target"); t != nil && t.Kind == vulnfact.String {
			dir = t.Text
		}
	}
	for _, m := range c.d.Objs(root, "matches") {
		c.grypeMatch(m, image, dir)
	}
}

func (c *collector) grypeMatch(m *vulnfact.Value, image, dir string) {
	art, v := c.d.Obj(m, "artifact"), c.d.Obj(m, "vulnerability")
	if art == nil || v == nil {
		c.d.Diag(m, model.SeverityWarning, "a match without an artifact or a vulnerability is left out")
		return
	}
	installed := c.d.Str(art, "version")
	var pkg string
	if p := c.d.Str(art, "purl"); p != "" {
		pkg = c.pkgFromPURL(p, art)
	} else {
		pkg = c.pkgFromName(grypeEcosystems[c.d.Str(art, "type")], c.d.Str(art, "name"), installed, art)
	}
	id := c.d.Str(v, "id")
	if pkg == "" || id == "" {
		return
	}
	for _, loc := range c.d.Objs(art, "locations") {
		holder := image
		if image == "" {
			holder = c.moduleTarget(grypeLocation(dir, c.d.Str(loc, "path")), loc)
		}
		c.contains(holder, pkg, loc, nil)
	}
	eco, _ := c.pkgs[pkg].Attrs["ecosystem"].(string)
	f := vulnfact.Finding{IDs: []string{id}, Source: c.tool, Prov: c.d.Prov(m)}
	c.grypeVuln(&f, v)
	for _, r := range c.d.Objs(m, "relatedVulnerabilities") {
		f.IDs = append(f.IDs, c.d.Str(r, "id"))
		c.grypeVuln(&f, r)
	}
	var fixed string
	if fix := c.d.Obj(v, "fix"); c.d.Str(fix, "state") == "fixed" {
		fixed = vulnfact.LowestFixed(eco, installed, c.d.Strs(fix, "versions"))
	}
	f.Affects = []vulnfact.Affect{c.affect(pkg, installed, fixed, m)}
	c.vulns.Add(f)
}

// grypeVuln adds what one of Grype's vulnerability records says (the match's own, then its related NVD
// records): the first description and severity word, every CVSS assessment and URL.
func (c *collector) grypeVuln(f *vulnfact.Finding, v *vulnfact.Value) {
	if f.Summary == "" {
		f.Summary = c.d.Str(v, "description")
	}
	if s := c.d.Str(v, "severity"); vulnfact.Severity(f.Severity) == "unknown" {
		f.Severity = s
	}
	for _, cv := range c.d.Objs(v, "cvss") {
		vec := c.d.Str(cv, "vector")
		score, _ := c.d.Num(c.d.Obj(cv, "metrics"), "baseScore")
		ver := c.d.Str(cv, "version")
		if ver == "" {
			ver = vulnfact.CVSSVersion(vec)
		}
		f.CVSS = append(f.CVSS, vulnfact.CVSS{Version: ver, Vector: vec, Score: score})
	}
	f.References = append(f.References, c.d.Str(v, "dataSource"))
	f.References = append(f.References, c.d.Strs(v, "urls")...)
}

// grypeLocation turns an artifact location of a directory scan ("/services/web/package-lock.json", rooted
// at the scanned directory) into a path relative to the repository, when the scanned directory is itself
// relative ("." in CI); "" otherwise.
func grypeLocation(dir, loc string) string {
	if loc == "" {
		return ""
	}
	rel, ok := relativePath(dir)
	if dir == "." || dir == "" {
		rel, ok = ".", true
	}
	if !ok {
		return ""
	}
	return path.Join(rel, strings.TrimPrefix(loc, "/"))
}
