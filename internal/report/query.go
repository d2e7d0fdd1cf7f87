package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/seam-sec/seam/internal/query"
)

// Versions of the query documents; they change only when a field changes meaning or is removed.
const (
	AccessSchema = "seam.access/v1"
	WhoCanSchema = "seam.who-can/v1"
)

// WriteAccessJSON writes an access answer as the versioned JSON document seam.access/v1.
func WriteAccessJSON(w io.Writer, r *query.AccessResult) error {
	return writeJSON(w, struct {
		Schema string `json:"schema"`
		*query.AccessResult
	}{AccessSchema, r})
}

// WriteWhoCanJSON writes a who-can answer as the versioned JSON document seam.who-can/v1.
func WriteWhoCanJSON(w io.Writer, r *query.WhoCanResult) error {
	return writeJSON(w, struct {
		Schema string `json:"schema"`
		*query.WhoCanResult
	}{WhoCanSchema, r})
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteAccessTable writes an access answer for people: each identity the subject holds, how, and what it
// can reach, with the granting statements.
func WriteAccessTable(w io.Writer, r *query.AccessResult, style Style) error {
	p := &printer{w: w, color: style.Color}
	p.line(p.bold("Access of " + describe(r.Subject)))
	if len(r.Identities) == 0 {
		p.line("  it holds no identity with grants Seam can see")
		return p.err
	}
	for _, ia := range r.Identities {
		p.line("")
		p.line(p.bold("IDENTITY " + describe(ia.Identity)))
		for _, h := range ia.Via {
			p.line(fmt.Sprintf("  via %s -%s-> %s (%s:%d) %s", h.From, h.Kind, h.To, h.File, h.Line, h.Reason))
		}
		if len(ia.Grants) == 0 {
			p.line("  no grants")
			continue
		}
		for _, g := range ia.Grants {
			what := strings.Join(g.Access, ", ")
			if g.Kind == "can-assume" {
				what = "may assume"
			}
			if g.Partial {
				what += " (part of it)"
			}
			p.line(fmt.Sprintf("  %-24s %s", what, describe(g.Target)))
			if len(g.Actions) > 0 {
				p.line("      actions  " + actionList(g.Actions, g.ActionsTotal))
			}
			for _, s := range g.Statements {
				p.line("      granted  " + s.String())
			}
			for _, a := range g.Assumptions {
				p.line("      assumes  " + a)
			}
		}
	}
	return p.err
}

// WriteWhoCanTable writes a who-can answer for people.
func WriteWhoCanTable(w io.Writer, r *query.WhoCanResult, style Style) error {
	p := &printer{w: w, color: style.Color}
	p.line(p.bold(fmt.Sprintf("Who can %s on %s", r.Action, describe(r.Resource))))
	if len(r.Entries) == 0 {
		p.line("  no identity in the scanned files")
		return p.err
	}
	for _, e := range r.Entries {
		p.line("")
		flags := ""
		if e.Partial {
			flags += " (part of it)"
		}
		if e.Uncertain {
			flags += " (rests on assumptions)"
		}
		p.line(p.bold(describe(e.Identity)) + flags)
		for _, s := range e.Statements {
			p.line("  granted  " + s.String())
		}
		for _, a := range e.Assumptions {
			p.line("  assumes  " + a)
		}
		for _, h := range e.HeldBy {
			chain := h.Node.ID
			for _, hop := range h.Chain {
				chain += fmt.Sprintf(" -%s-> %s", hop.Kind, hop.To)
			}
			p.line("  held by  " + chain)
		}
	}
	return p.err
}

// describe names a node with its type and place: "aws_iam_role webshop-prod-api (id) infra/…/main.tf:28".
func describe(n query.NodeRef) string {
	s := n.Type + " " + n.Name
	if n.Name == "" || n.Name == n.ID {
		s = n.Type + " " + n.ID
	} else {
		s += " [" + n.ID + "]"
	}
	if n.File != "" {
		s += fmt.Sprintf(" %s:%d", n.File, n.Line)
	}
	return s
}

// maxTableActions caps the actions a table line lists; JSON has them all.
const maxTableActions = 8

func actionList(actions []string, total int) string {
	if total < len(actions) {
		total = len(actions)
	}
	shown := actions
	if len(shown) > maxTableActions {
		shown = shown[:maxTableActions]
	}
	s := strings.Join(shown, " ")
	if total > len(shown) {
		s += fmt.Sprintf(" … (%d in all)", total)
	}
	return s
}
