package secrets

import (
	"sort"
	"strings"

	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/detect/codec"
	"github.com/zricethezav/gitleaks/v8/report"
)

// Decoding a Kubernetes Secret document. gitleaks with one level of decoding scans the document twice:
// first as it is (Seam drops those findings: the ordinary rules find them), then with every encoded value
// decoded in place, keeping the matches that overlap or touch a decoded value. Seam splits the rules in
// two, with the same result:
//   - the generic rule, which costs most, scans only the clusters of its regions (narrow.go) in the
//     decoded document that hold or touch a decoded value, each as the lines of the document it comes
//     from. That holds where decoding keeps the lines: no value decodes to, or from, text holding a
//     newline ("U+" code points may run over lines, so a document holding "U+" is scanned whole). Then
//     a line decodes alone to the same line, and a cluster's lines decode to that cluster, so its matches
//     are the same; a cluster also takes the line after it, whose first value a match ending with a
//     newline touches, and with it any cluster that line is in;
//   - every other rule scans the whole document.
//
// gitleaks drops a generic finding where a finding of a specific rule in the same scan, on the same line,
// holds its value; the specific rules' findings of both passes are the second detector's, so Seam applies
// the same test to the generic findings.

// decodedFindings returns what decoding one Secret document finds, each finding with its window.
func (ds *detectors) decodedFindings(f *fileText, doc window) ([]report.Finding, []window) {
	dec, segs := codec.NewDecoder().Decode(f.text[doc.start:doc.end], nil)
	if len(segs) == 0 {
		return nil, nil // nothing decodes, so the second pass does not happen
	}
	scan := func(d *detect.Detector, w window) []report.Finding {
		return d.Detect(detect.Fragment{Raw: f.text[w.start:w.end], FilePath: f.path, StartLine: w.line})
	}
	rest := scan(ds.decodingRest, doc)
	var gfs []report.Finding
	var wins []window
	for _, gf := range rest {
		if decoded(gf.Tags) {
			gfs, wins = append(gfs, gf), append(wins, doc)
		}
	}
	if ds.decodingGeneric == nil {
		return gfs, wins
	}
	for _, w := range ds.genericDocWindows(f, doc, dec, segs) {
		for _, gf := range scan(ds.decodingGeneric, w) {
			if decoded(gf.Tags) && !shadowed(gf, rest) {
				gfs, wins = append(gfs, gf), append(wins, w)
			}
		}
	}
	return gfs, wins
}

// shadowed reports whether gitleaks' filter would drop a generic finding for one of the others.
func shadowed(g report.Finding, others []report.Finding) bool {
	for _, o := range others {
		if o.StartLine == g.StartLine && o.RuleID != g.RuleID && strings.Contains(o.Secret, g.Secret) &&
			!strings.Contains(strings.ToLower(o.RuleID), "generic") {
			return true
		}
	}
	return false
}

// genericDocWindows returns the windows of a Secret document (in the file) that the generic rule scans
// with decoding: see above. dec is the document decoded and segs its decoded values.
func (ds *detectors) genericDocWindows(f *fileText, doc window, dec string, segs []*codec.EncodedSegment) []window {
	raw := f.text[doc.start:doc.end]
	if strings.Contains(raw, "U+") || strings.Count(raw, "\n") != strings.Count(dec, "\n") {
		return []window{doc}
	}
	overlaps := func(start, end int) bool { return len(codec.SegmentsWithDecodedOverlap(segs, start, end)) > 0 }
	for i := 0; i < len(dec); i++ {
		// A newline inside a decoded value overlaps it at itself and at the next byte (overlap counts
		// touching, so each test alone also holds next to a value).
		if dec[i] == '\n' && overlaps(i, i) && overlaps(i+1, i+1) {
			return []window{doc}
		}
	}
	d := newFileText(f.path, dec)
	sc := ds.scanKeywords(d)
	defer sc.release()
	if sc.folds {
		return []window{doc}
	}
	clusters := d.mergeSpans(genericSpans(d, ds.ruleHits(sc)[ds.genericRule]))
	touched := func(s span) bool {
		hi := min(s.hi+1, len(d.starts)-1)
		return overlaps(d.starts[s.lo], d.lineEnd(hi))
	}
	var picked []span
	for _, c := range clusters {
		if touched(c) {
			picked = append(picked, span{lo: c.lo, hi: min(c.hi+1, len(d.starts)-1)})
		}
	}
	picked = closeOver(d.mergeSpans(picked), clusters, len(d.starts)-1)
	out := make([]window, len(picked))
	for i, s := range picked {
		w := f.spanWindow(span{lo: doc.line + s.lo, hi: doc.line + s.hi})
		w.end = min(w.end, doc.end)
		out[i] = w
	}
	return out
}

// genericSpans returns the generic rule's regions in a text.
func genericSpans(f *fileText, occ []occurrence) []span {
	spans, _ := genericWindows(f, nil, occ)
	return spans
}

// closeOver grows merged spans until each holds whole every cluster it meets, with the line after each
// cluster it takes.
func closeOver(spans, clusters []span, last int) []span {
	for changed := true; changed; {
		changed = false
		for i := range spans {
			for _, c := range clusters {
				if c.hi < spans[i].lo || c.lo > spans[i].hi {
					continue
				}
				lo, hi := min(spans[i].lo, c.lo), max(spans[i].hi, min(c.hi+1, last))
				if lo != spans[i].lo || hi != spans[i].hi {
					spans[i].lo, spans[i].hi, changed = lo, hi, true
				}
			}
		}
		if changed {
			spans = mergeSorted(spans)
		}
	}
	return spans
}

// mergeSorted sorts spans by their first line and merges those that share or touch a line.
func mergeSorted(spans []span) []span {
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo < spans[j].lo })
	out := spans[:1]
	for _, s := range spans[1:] {
		if m := &out[len(out)-1]; s.lo <= m.hi+1 {
			m.hi = max(m.hi, s.hi)
			continue
		}
		out = append(out, s)
	}
	return out
}
