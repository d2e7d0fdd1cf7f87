package vex

import (
	"strings"

	"github.com/seam-sec/seam/internal/extract/vulnreport/vulnfact"
	"github.com/seam-sec/seam/internal/model"
)

// justifications are the five OpenVEX justifications (OpenVEX specification v0.2.0, "Status
// Justifications").
var justifications = map[string]bool{
	"component_not_present": true, "vulnerable_code_not_present": true, "vulnerable_code_not_in_execute_path": true,
	"vulnerable_code_cannot_be_controlled_by_adversary": true, "inline_mitigations_already_exist": true,
}

var statuses = map[string]bool{
	vulnfact.StatusNotAffected: true, vulnfact.StatusAffected: true, vulnfact.StatusFixed: true,
	vulnfact.StatusUnderInvestigation: true,
}

// document is an OpenVEX document while its statements are read.
type document struct {
	d                 *vulnfact.Doc
	author, timestamp string
}

// statement reads one statement; false means it was skipped (with a warning).
func (doc document) statement(st *vulnfact.Value) (vulnfact.Statement, bool) {
	d := doc.d
	s := vulnfact.Statement{Status: d.Str(st, "status"), Justification: d.Str(st, "justification"),
		Impact: d.Str(st, "impact_statement"), Action: d.Str(st, "action_statement"), Author: doc.author,
		Timestamp: firstOf(d.Str(st, "last_updated"), d.Str(st, "timestamp"), doc.timestamp), Format: "openvex",
		Prov: d.Prov(st)}
	s.IDs = doc.vulnerability(st.Get("vulnerability"))
	s.Products, s.Subcomponents = doc.products(st)
	switch {
	case model.PrimaryVulnerabilityID(s.IDs...) == "":
		d.Diag(st, model.SeverityWarning, "a statement names no vulnerability; skipped")
		return s, false
	case !statuses[s.Status]:
		d.Diag(st, model.SeverityWarning, "status "+quote(s.Status)+" is not an OpenVEX status "+
			"(not_affected, affected, fixed, under_investigation); the statement is skipped")
		return s, false
	case len(s.Products) == 0:
		d.Diag(st, model.SeverityWarning, "a statement names no products; skipped")
		return s, false
	}
	switch {
	case s.Status == vulnfact.StatusNotAffected && s.Justification == "" && s.Impact == "":
		d.Diag(st, model.SeverityWarning, "a not_affected statement without a justification or impact statement, which OpenVEX requires")
	case s.Status == vulnfact.StatusAffected && s.Action == "":
		d.Diag(st, model.SeverityWarning, "an affected statement without an action statement, which OpenVEX requires")
	}
	if s.Justification != "" && !justifications[s.Justification] {
		d.Diag(st.Get("justification"), model.SeverityWarning, "justification "+quote(s.Justification)+
			" is not one of OpenVEX's five; kept as written")
	}
	return s, true
}

// vulnerability reads the vulnerability's name and aliases: an object (v0.2.0) or a string (v0.0.1).
func (doc document) vulnerability(v *vulnfact.Value) []string {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case vulnfact.String:
		return []string{v.Text}
	case vulnfact.Object:
		ids := []string{doc.d.Str(v, "name")}
		return append(ids, doc.d.Strs(v, "aliases")...)
	}
	doc.d.Diag(v, model.SeverityWarning, "\"vulnerability\" is "+v.Kind.String()+", where an object is expected; the value is ignored")
	return nil
}

// products reads the products and their subcomponents; v0.0.1 put subcomponents on the statement.
func (doc document) products(st *vulnfact.Value) (products, subs []string) {
	for _, p := range doc.d.Arr(st, "products") {
		products = append(products, doc.identifiers(p)...)
		if p.Kind == vulnfact.Object {
			for _, sc := range doc.d.Arr(p, "subcomponents") {
				subs = append(subs, doc.identifiers(sc)...)
			}
		}
	}
	for _, sc := range doc.d.Arr(st, "subcomponents") {
		subs = append(subs, doc.identifiers(sc)...)
	}
	return products, subs
}

// identifiers names a product or subcomponent: a string, or an object's @id and identifiers.purl.
func (doc document) identifiers(v *vulnfact.Value) []string {
	var out []string
	switch v.Kind {
	case vulnfact.String:
		out = append(out, v.Text)
	case vulnfact.Object:
		out = append(out, doc.d.Str(v, "@id"), doc.d.Str(doc.d.Obj(v, "identifiers"), "purl"))
	default:
		doc.d.Diag(v, model.SeverityWarning, "a product is "+v.Kind.String()+", where an object is expected; the value is ignored")
	}
	var ids []string
	for _, s := range out {
		if s = strings.TrimSpace(s); s != "" {
			ids = append(ids, vulnfact.Product(s))
		}
	}
	return ids
}

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return `"` + s + `"`
}
