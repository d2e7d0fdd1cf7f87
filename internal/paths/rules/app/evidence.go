package app

import (
	"strings"

	"github.com/seam-sec/seam/internal/link"
	"github.com/seam-sec/seam/internal/model"
)

// edgeEvidence returns the evidence of an edge: the places its "evidence" attribute lists (link edges carry
// them, the first being the edge's provenance), or, without one, the edge's provenance described by what.
func edgeEvidence(e *model.Edge, what string) []model.Evidence {
	list, _ := e.Attrs["evidence"].([]any)
	var out []model.Evidence
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		file, _ := m["file"].(string)
		if file == "" {
			continue
		}
		line, _ := number(m["line"])
		w, _ := m["what"].(string)
		out = append(out, model.Evidence{File: file, Line: int(line), What: w})
	}
	if len(out) == 0 {
		out = append(out, link.EvidenceOfEdge(e, strings.TrimSuffix(what, ": ")))
	}
	return out
}

// dedupeEvidence drops repeated places (same file, line and text), keeping the first: the order says what
// a step rests on first.
func dedupeEvidence(ev []model.Evidence) []model.Evidence {
	seen := make(map[model.Evidence]bool, len(ev))
	out := ev[:0]
	for _, e := range ev {
		if seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, e)
	}
	return out
}

// dedupeStrings drops repeated strings, keeping the first of each.
func dedupeStrings(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(ss))
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// attrString reads a string attribute ("" when absent or not a string).
func attrString(attrs map[string]any, key string) string {
	s, _ := attrs[key].(string)
	return s
}

// number reads a JSON-compatible number: an int from an extractor or a float64 after JSON.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
