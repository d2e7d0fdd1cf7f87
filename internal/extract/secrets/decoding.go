package secrets

import (
	"bytes"
	"path"
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
// The first pass of the generic rule over those lines is the plain scan of them. Where they hold whole
// every window of the generic rule they meet (they are grown until they do, and given up if that takes
// them out of the document), that pass gives those windows' plain findings, and the windows are not
// scanned again: by the argument of narrow.go, lines that cut no cluster of a rule's regions give the
// same matches as the whole file.
//
// gitleaks drops a generic finding where a finding of a specific rule in the same scan, on the same line,
// holds its value; the specific rules' findings of both passes are the second detector's, so Seam applies
// the same test to the generic findings.

// docFindings is what decoding one Secret document finds, each finding with its window, and the windows
// whose plain generic findings the decoding scan gave (its first pass is the plain scan), with those
// findings: the generic rule's own windows inside them need no scan of their own.
type docFindings struct {
	gfs        []report.Finding
	wins       []window
	shared     []sharedWindow // the generic rule's
	sharedKube []sharedWindow // kubernetes-secret-yaml's
}

// sharedWindow is a window of a rule in a Secret document, and the plain findings of the rule there that a
// decoding scan of the fragment frag gave.
type sharedWindow struct {
	w, frag window
	plain   []report.Finding
}

// decodedFindings returns what decoding one Secret document finds. generic and kube are the windows of the
// generic rule and of kubernetes-secret-yaml in the file.
func (ds *detectors) decodedFindings(f *fileText, doc window, generic, kube []window) docFindings {
	var out docFindings
	dec, segs := codec.NewDecoder().Decode(f.text[doc.start:doc.end], nil)
	if len(segs) == 0 {
		return out // nothing decodes, so the second pass does not happen
	}
	scan := func(d *detect.Detector, w window) []report.Finding {
		return d.Detect(detect.Fragment{Raw: f.text[w.start:w.end], FilePath: f.path, StartLine: w.line})
	}
	rest := scan(ds.decodingRest, doc)
	for _, gf := range rest {
		if decoded(gf.Tags) {
			out.gfs, out.wins = append(out.gfs, gf), append(out.wins, doc)
		}
	}
	out.sharedKube = shareKube(f, doc, kube, rest)
	if ds.decodingGeneric == nil {
		return out
	}
	ws, share := ds.genericDocWindows(f, doc, dec, segs, generic)
	for _, w := range ws {
		var plain []report.Finding
		for _, gf := range scan(ds.decodingGeneric, w) {
			switch {
			case !decoded(gf.Tags):
				plain = append(plain, gf)
			case !shadowed(gf, rest):
				out.gfs, out.wins = append(out.gfs, gf), append(out.wins, w)
			}
		}
		if share {
			out.shared = append(out.shared, sharedWindow{w: w, frag: w, plain: plain})
		}
	}
	return out
}

// shareKube returns the windows of kubernetes-secret-yaml in a Secret document with the rule's plain
// findings there from the document's decoding scan, whose first pass is the plain scan of the document.
// That holds where every window of the rule that meets the document lies inside it: the document then cuts
// no cluster of the rule's regions (narrowkube.go), and each match lies in one window, the one holding its
// first line.
func shareKube(f *fileText, doc window, kube []window, rest []report.Finding) []sharedWindow {
	var out []sharedWindow
	for _, w := range kube {
		if w.end <= doc.start || w.start >= doc.end {
			continue
		}
		if w.start < doc.start || w.end > doc.end {
			return nil
		}
		sw := sharedWindow{w: w, frag: doc}
		last := f.lineOf(w.end - 1)
		for _, gf := range rest {
			if gf.RuleID == kubeSecretID && !decoded(gf.Tags) && gf.StartLine >= w.line && gf.StartLine <= last {
				sw.plain = append(sw.plain, gf)
			}
		}
		out = append(out, sw)
	}
	return out
}

// withShared returns the generic rule's windows with those inside a shared window replaced by it, in
// order. A shared window holds whole every window of the rule it meets (genericDocWindows).
func withShared(ws []window, shared []sharedWindow) []window {
	if len(shared) == 0 {
		return ws
	}
	var out []window
	for _, w := range ws {
		if !inShared(shared, w) {
			out = append(out, w)
		}
	}
	for _, s := range shared {
		out = append(out, s.w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

func inShared(shared []sharedWindow, w window) bool {
	for _, s := range shared {
		if s.w.start <= w.start && w.end <= s.w.end {
			return true
		}
	}
	return false
}

// sharedAt returns the shared window that is w, nil for none.
func sharedAt(shared []sharedWindow, w window) *sharedWindow {
	for i := range shared {
		if shared[i].w == w {
			return &shared[i]
		}
	}
	return nil
}

// repeat returns n copies of w.
func repeat(w window, n int) []window {
	out := make([]window, n)
	for i := range out {
		out[i] = w
	}
	return out
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
// with decoding: see above. dec is the document decoded and segs its decoded values; generic are the
// generic rule's windows in the file. It also says whether the windows may be shared: then each holds
// whole every window of the generic rule it meets, so that its plain scan gives what those windows do.
func (ds *detectors) genericDocWindows(f *fileText, doc window, dec string, segs []*codec.EncodedSegment,
	generic []window) ([]window, bool) {
	raw := f.text[doc.start:doc.end]
	if strings.Contains(raw, "U+") || strings.Count(raw, "\n") != strings.Count(dec, "\n") {
		return []window{doc}, false
	}
	overlaps := func(start, end int) bool { return len(codec.SegmentsWithDecodedOverlap(segs, start, end)) > 0 }
	for i := 0; i < len(dec); i++ {
		// A newline inside a decoded value overlaps it at itself and at the next byte (overlap counts
		// touching, so each test alone also holds next to a value).
		if dec[i] == '\n' && overlaps(i, i) && overlaps(i+1, i+1) {
			return []window{doc}, false
		}
	}
	d := newFileText(f.path, dec)
	sc := ds.scanKeywords(d)
	defer sc.release()
	if sc.folds {
		return []window{doc}, false
	}
	last := len(d.starts) - 1 // the document's last line
	if strings.HasSuffix(dec, "\n") {
		last-- // d's last line is the empty one after the final newline, the next document's first
	}
	clusters := d.mergeSpans(genericSpans(d, ds.ruleHits(sc)[ds.genericRule]))
	for i := range clusters {
		clusters[i].hi = min(clusters[i].hi+1, last) // with the line after it (see above)
	}
	var picked []span
	for _, c := range clusters {
		if overlaps(d.starts[c.lo], d.lineEnd(c.hi)) {
			picked = append(picked, c)
		}
	}
	if len(picked) == 0 {
		return nil, true
	}
	own := closeOver(append([]span(nil), picked...), clusters)
	var plain []span // the generic rule's windows, in lines of the document
	for _, w := range generic {
		if w.end > doc.start && w.start < doc.end {
			plain = append(plain, span{lo: w.line - doc.line, hi: f.lineOf(w.end-1) - doc.line})
		}
	}
	windows := func(spans []span) []window {
		out := make([]window, len(spans))
		for i, s := range spans {
			w := f.spanWindow(span{lo: doc.line + s.lo, hi: doc.line + s.hi})
			w.end = min(w.end, doc.end)
			out[i] = w
		}
		return out
	}
	both := closeOver(append([]span(nil), own...), append(clusters, plain...))
	for _, s := range both {
		if s.lo < 0 || s.hi > last {
			return windows(own), false // a window of the generic rule runs out of the document
		}
	}
	return windows(both), true
}

// genericSpans returns the generic rule's regions in a text.
func genericSpans(f *fileText, occ []occurrence) []span {
	spans, _ := genericWindows(f, nil, occ)
	return spans
}

// closeOver grows merged spans until each holds whole every cluster it meets.
func closeOver(spans, clusters []span) []span {
	spans = mergeSorted(spans)
	for changed := true; changed; {
		changed = false
		for i := range spans {
			for _, c := range clusters {
				if c.hi < spans[i].lo || c.lo > spans[i].hi {
					continue
				}
				lo, hi := min(spans[i].lo, c.lo), max(spans[i].hi, c.hi)
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

// decoded reports whether a finding was made after decoding (gitleaks tags it "decoded:base64" …).
func decoded(tags []string) bool {
	for _, t := range tags {
		if strings.HasPrefix(t, "decoded:") {
			return true
		}
	}
	return false
}

// secretDocs returns the documents of a YAML or JSON file that declare a Kubernetes Secret: the YAML
// documents (split at "---" lines) holding "kind: Secret", or the whole JSON file.
func secretDocs(f *fileText, sc *keywordScan) []window {
	lower := func(w window) []byte {
		if sc.folds {
			return []byte(strings.ToLower(f.text[w.start:w.end]))
		}
		return sc.lower[w.start:w.end]
	}
	if !secretManifest(f.path, lower(f.wholeWindow())) {
		return nil
	}
	if path.Ext(f.path) == ".json" {
		return []window{f.wholeWindow()}
	}
	var out []window
	first := 0
	flush := func(end int) {
		w := window{line: first, start: f.starts[first], end: end}
		if bytes.Contains(lower(w), []byte("kind: secret")) {
			out = append(out, w)
		}
	}
	for i := 1; i < len(f.starts); i++ {
		if strings.HasPrefix(f.text[f.starts[i]:], "---") {
			flush(f.starts[i])
			first = i
		}
	}
	flush(len(f.text))
	return out
}

// secretManifest reports whether a file is YAML or JSON that declares a Kubernetes Secret, from its
// lowercased text.
func secretManifest(p string, lower []byte) bool {
	switch path.Ext(p) {
	case ".yaml", ".yml", ".json":
	default:
		return false
	}
	return bytes.Contains(lower, []byte("kind: secret")) || bytes.Contains(lower, []byte(`"kind": "secret"`)) ||
		bytes.Contains(lower, []byte(`"kind":"secret"`))
}
