package vulnreport

import (
	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// readOSVScanner reads an osv-scanner JSON report (`osv-scanner --format json`): per source (a lockfile),
// packages with their OSV records and the groups osv-scanner made of aliases. A group is one finding; a
// record in no group is one of its own.
func readOSVScanner(c *collector, root *vulnfact.Value) {
	for _, res := range c.d.Objs(root, "results") {
		src := c.d.Obj(res, "source")
		p := c.d.Str(src, "path")
		holder := c.moduleTarget(p, src)
		if holder == "" && p != "" {
			c.d.Diag(src, model.SeverityInfo, "source "+quote(p)+" is not a path relative to the repository: "+
				"its packages are imported without the lockfile that holds them")
		}
		for _, pk := range c.d.Objs(res, "packages") {
			c.osvPackage(holder, pk)
		}
	}
}

func (c *collector) osvPackage(holder string, pk *vulnfact.Value) {
	p := c.d.Obj(pk, "package")
	name, version, eco := c.d.Str(p, "name"), c.d.Str(p, "version"), c.d.Str(p, "ecosystem")
	var pkg string
	if purl := c.d.Str(p, "purl"); purl != "" {
		pkg = c.pkgFromPURL(purl, p)
	} else {
		pkg = c.pkgFromName(eco, name, version, p)
	}
	if pkg == "" {
		return
	}
	c.contains(holder, pkg, p, nil)
	records := map[string]*vulnfact.Value{}
	var order []string
	for _, v := range c.d.Objs(pk, "vulnerabilities") {
		if id := c.d.Str(v, "id"); id != "" && records[id] == nil {
			records[id] = v
			order = append(order, id)
		}
	}
	grouped := map[string]bool{}
	for _, g := range c.d.Objs(pk, "groups") {
		ids := c.d.Strs(g, "ids")
		f := vulnfact.Finding{IDs: append(ids, c.d.Strs(g, "aliases")...), Source: c.tool, Prov: c.d.Prov(g)}
		f.Score, f.HasScore = c.d.Num(g, "max_severity")
		var members []*vulnfact.Value
		for _, id := range ids {
			if r := records[id]; r != nil && !grouped[id] {
				members = append(members, r)
				grouped[id] = true
			}
		}
		c.osvFinding(f, members, pkg, pk)
	}
	for _, id := range order {
		if !grouped[id] {
			c.osvFinding(vulnfact.Finding{IDs: []string{id}, Source: c.tool}, []*vulnfact.Value{records[id]}, pkg, pk)
		}
	}
}

// osvFinding completes a finding from the OSV records of one group and adds it; its provenance is the
// first record's line, its fixed version the lowest above the installed one that any record's ranges give.
func (c *collector) osvFinding(f vulnfact.Finding, records []*vulnfact.Value, pkg string, pk *vulnfact.Value) {
	p := c.d.Obj(pk, "package")
	name, version, eco := c.d.Str(p, "name"), c.d.Str(p, "version"), c.d.Str(p, "ecosystem")
	var fixed []string
	for i, r := range records {
		if i == 0 {
			f.Prov = c.d.Prov(r)
		}
		fixed = append(fixed, c.osvRecord(&f, r, eco, name)...)
	}
	if f.Prov.File == "" {
		f.Prov = c.d.Prov(pk)
	}
	f.Affects = []vulnfact.Affect{c.affect(pkg, version, vulnfact.LowestFixed(eco, version, fixed), pk)}
	c.vulns.Add(f)
}

// osvRecord adds what one OSV record says to a finding and returns the fixed versions its ranges give for
// the package (name in ecosystem eco).
func (c *collector) osvRecord(f *vulnfact.Finding, r *vulnfact.Value, eco, name string) []string {
	f.IDs = append(f.IDs, c.d.Str(r, "id"))
	f.IDs = append(f.IDs, c.d.Strs(r, "aliases")...)
	if f.Summary == "" {
		if f.Summary = c.d.Str(r, "summary"); f.Summary == "" {
			f.Summary = c.d.Str(r, "details")
		}
	}
	f.Published, f.Modified = firstNonEmpty(f.Published, c.d.Str(r, "published")), firstNonEmpty(f.Modified, c.d.Str(r, "modified"))
	for _, s := range c.d.Objs(r, "severity") {
		vec := c.d.Str(s, "score") // OSV's "score" is the vector
		f.CVSS = append(f.CVSS, vulnfact.CVSS{Version: vulnfact.CVSSVersion(vec), Vector: vec})
	}
	db := c.d.Obj(r, "database_specific")
	if vulnfact.Severity(f.Severity) == "unknown" {
		f.Severity = c.d.Str(db, "severity")
	}
	f.CWEs = append(f.CWEs, c.d.Strs(db, "cwe_ids")...)
	for _, ref := range c.d.Objs(r, "references") {
		f.References = append(f.References, c.d.Str(ref, "url"))
	}
	var fixed []string
	for _, a := range c.d.Objs(r, "affected") {
		ap := c.d.Obj(a, "package")
		if c.d.Str(ap, "name") != name || c.d.Str(ap, "ecosystem") != eco {
			continue
		}
		for _, rg := range c.d.Objs(a, "ranges") {
			if c.d.Str(rg, "type") == "GIT" {
				continue // a commit, not a version
			}
			for _, ev := range c.d.Objs(rg, "events") {
				if fx := c.d.Str(ev, "fixed"); fx != "" {
					fixed = append(fixed, fx)
				}
			}
		}
	}
	return fixed
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
