package cyclonedx

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// cvssMethods maps CycloneDX rating methods to CVSS versions and the prefix their vectors carry.
var cvssMethods = map[string][2]string{
	"CVSSv4": {"4.0", "CVSS:4.0/"}, "CVSSv31": {"3.1", "CVSS:3.1/"}, "CVSSv3": {"3.0", "CVSS:3.0/"}, "CVSSv2": {"2.0", ""},
}

// states maps CycloneDX analysis states (1.4–1.6, "impactAnalysisState") to VEX statuses.
var states = map[string]string{
	"resolved": vulnfact.StatusFixed, "resolved_with_pedigree": vulnfact.StatusFixed,
	"exploitable": vulnfact.StatusAffected, "in_triage": vulnfact.StatusUnderInvestigation,
	"false_positive": vulnfact.StatusNotAffected, "not_affected": vulnfact.StatusNotAffected,
}

// readVulnerabilities reads the vulnerabilities: a vulnerability node for those that affect components of
// the BOM, a VEX statement for each analysis with a state.
func (b *bom) readVulnerabilities() {
	author := b.author()
	timestamp := b.d.Str(b.d.Obj(b.root, "metadata"), "timestamp")
	for i, v := range b.d.Arr(b.root, "vulnerabilities") {
		if v.Kind != vulnfact.Object {
			b.d.Diag(v, model.SeverityWarning, "a vulnerability is "+v.Kind.String()+", not an object; skipped")
			continue
		}
		ids := []string{b.d.Str(v, "id")}
		for _, r := range b.d.Objs(v, "references") {
			ids = append(ids, b.d.Str(r, "id"))
		}
		if model.PrimaryVulnerabilityID(ids...) == "" {
			b.d.Diag(v, model.SeverityWarning, "a vulnerability with no id is left out")
			continue
		}
		var affects []vulnfact.Affect
		var products []string
		for _, a := range b.d.Objs(v, "affects") {
			ref := b.d.Str(a, "ref")
			if id, ok := b.lookup(ref); ok {
				products = append(products, b.product(id))
				if p, isPkg := b.pkgs[id]; isPkg {
					installed, _ := p.Attrs["version"].(string)
					affects = append(affects, vulnfact.Affect{Package: id, Installed: installed, File: b.d.File,
						Line: b.d.Line(v), Source: Name})
				}
				continue
			}
			if ref != "" {
				products = append(products, vulnfact.Product(ref))
				if len(b.pkgs) > 0 && !strings.HasPrefix(ref, "urn:cdx:") {
					b.d.Diag(a, model.SeverityWarning, "affects ref "+quote(ref)+" names no component of this BOM")
				}
			}
		}
		if len(affects) > 0 {
			b.vulns.Add(b.finding(v, ids, affects))
		}
		if an := b.d.Obj(v, "analysis"); an != nil {
			b.statement(i+1, v, an, ids, products, author, timestamp)
		}
	}
}

// product is how a VEX statement names a node of the BOM: a package by its PURL, the image by its reference.
func (b *bom) product(id string) string {
	if p, ok := b.pkgs[id]; ok {
		return p.Attrs["purl"].(string)
	}
	if b.holderNode != nil && id == b.holderNode.ID {
		return b.holderNode.Attrs["ref"].(string)
	}
	return id
}

// finding is what one vulnerability entry says.
func (b *bom) finding(v *vulnfact.Value, ids []string, affects []vulnfact.Affect) vulnfact.Finding {
	f := vulnfact.Finding{IDs: ids, Summary: b.d.Str(v, "description"), Published: b.d.Str(v, "published"),
		Modified: b.d.Str(v, "updated"), Affects: affects, Source: Name, Prov: b.d.Prov(v)}
	if f.Summary == "" {
		f.Summary = b.d.Str(v, "detail")
	}
	sev := "unknown"
	for _, r := range b.d.Objs(v, "ratings") {
		if s := vulnfact.Severity(b.d.Str(r, "severity")); s != "unknown" && (sev == "unknown" || rank(s) < rank(sev)) {
			sev = s
		}
		m, ok := cvssMethods[b.d.Str(r, "method")]
		if !ok {
			continue
		}
		vec := b.d.Str(r, "vector")
		if vec != "" && m[1] != "" && !strings.HasPrefix(vec, "CVSS:") {
			vec = m[1] + strings.TrimPrefix(vec, "/")
		}
		score, _ := b.d.Num(r, "score")
		if vec == "" && score == 0 {
			continue
		}
		f.CVSS = append(f.CVSS, vulnfact.CVSS{Version: m[0], Vector: vec, Score: score})
	}
	f.Severity = sev
	for _, c := range b.d.Arr(v, "cwes") {
		if c.Kind == vulnfact.Number || c.Kind == vulnfact.String {
			f.CWEs = append(f.CWEs, c.Text)
		}
	}
	f.References = append(f.References, b.d.Str(b.d.Obj(v, "source"), "url"))
	for _, a := range b.d.Objs(v, "advisories") {
		f.References = append(f.References, b.d.Str(a, "url"))
	}
	return f
}

func rank(s string) int {
	return map[string]int{"critical": 0, "high": 1, "medium": 2, "low": 3, "none": 4}[s]
}

// statement records the VEX statement of the n-th vulnerability's analysis (n its 1-based position in the
// vulnerabilities array, so IDs stay put when another entry changes); an unknown state is a warning.
func (b *bom) statement(n int, v, an *vulnfact.Value, ids, products []string, author, timestamp string) {
	state := b.d.Str(an, "state")
	status, ok := states[state]
	if !ok {
		if state != "" {
			b.d.Diag(an, model.SeverityWarning, "analysis state "+quote(state)+" is not a CycloneDX state; no VEX statement is made")
		}
		return
	}
	detail := b.d.Str(an, "detail")
	s := vulnfact.Statement{IDs: ids, Products: products, Status: status, Justification: b.d.Str(an, "justification"),
		Author: author, Timestamp: firstOf(b.d.Str(an, "lastUpdated"), b.d.Str(an, "firstIssued"), timestamp),
		Format: "cyclonedx", Prov: b.d.Prov(v)}
	if status == vulnfact.StatusNotAffected {
		s.Impact = detail
	} else {
		action := strings.Join(b.d.Strs(an, "response"), ", ")
		if action != "" && detail != "" {
			action += ": "
		}
		s.Action = action + detail
	}
	b.statements = append(b.statements, vulnfact.StatementNode(n, s))
}

// author names who wrote the document: metadata.authors, else the supplier or manufacturer.
func (b *bom) author() string {
	meta := b.d.Obj(b.root, "metadata")
	var names []string
	for _, a := range b.d.Objs(meta, "authors") {
		if n := b.d.Str(a, "name"); n != "" {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		return strings.Join(names, ", ")
	}
	for _, k := range []string{"supplier", "manufacturer", "manufacture"} {
		if n := b.d.Str(b.d.Obj(meta, k), "name"); n != "" {
			return n
		}
	}
	return ""
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
