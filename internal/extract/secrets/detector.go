package secrets

import (
	"bytes"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/rs/zerolog"
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/detect"
	"github.com/zricethezav/gitleaks/v8/logging"
	"github.com/zricethezav/gitleaks/v8/report"
)

// The gitleaks detectors are built once per process and shared. Building them parses the default TOML
// configuration through viper's global instance (not safe to do concurrently) and compiles 222 rules.
// Using them is safe for concurrent use: Detector.DetectContext reads only the compiled configuration, the
// Aho-Corasick keyword trie (read-only after Build), regexps (safe for concurrent use) and an atomic byte
// counter; it allocates its decoder and findings per call, and touches the detector's findings list and
// commit map only in DetectSource, which Seam never calls.
//
// Speed. gitleaks runs every rule whose keyword occurs anywhere in a fragment over the whole fragment, and
// a Go regexp without a literal prefix scans at a few MB/s; "key", "api", "token", "auth" and "access"
// (the generic rule's keywords) occur in most source files, so a whole-file fragment costs the generic
// rule's full scan per file. Seam splits the rules in two:
//   - whole: rules that can match across many lines (private keys, a Kubernetes Secret's kind … data,
//     curl commands with continuations, base64 JWTs), rules without keywords and multi-part rules run
//     over the whole file, as gitleaks would;
//   - windowed: every other rule runs, on its own, over windows of the file around the lines holding one
//     of its own keywords — from windowBefore lines before to windowAfter lines after, merged when they
//     touch — which hold any match of those rules: gitleaks finds a keyword only inside a match, and these
//     patterns span at most a few whitespace characters between a name and its value. Where a rule's
//     windows would cover most of a file, that rule scans the file whole.
//
// The documents of a Kubernetes Secret manifest are also scanned whole, with every rule, and with base64
// decoded one level deep, keeping only what decoding found: a Secret's data values are base64, and gitleaks
// finds what they hold only after decoding. Decoding costs as much as the rules, so nothing else is
// decoded.
//
// The results are the same findings gitleaks gives (the fixtures and a comparison test check it), and the
// generic-over-specific filter gitleaks applies within a fragment is applied again over the whole file.
type detectors struct {
	cfg config.Config // all the rules, for tests that compare with gitleaks' own way
	// whole are the whole-file rules, one detector each but for multi-part rules, which share one with
	// the rules they require.
	whole []wholeRule
	// decodingRest and decodingGeneric decode base64 (and hex, percent) one level deep; they scan the
	// documents of Kubernetes Secret manifests, whose data values are base64 (decoding.go): the generic
	// rule (when it has narrow windows; else decodingRest has it too) and every other rule.
	decodingRest, decodingGeneric *detect.Detector
	genericRule                   int // the generic rule's index in rules
	// rules are the windowed rules, one detector each, in rule ID order, with their narrow windows where
	// they have them (narrow.go).
	rules  []*detect.Detector
	narrow []narrower
	// keywords finds every rule's keywords; keywordList[i] is its i-th pattern, byKeyword[i] the windowed
	// rules that have it and wholeByKeyword[i] the whole-file ones.
	keywords       *keywordMatcher
	keywordList    []string
	byKeyword      [][]int
	wholeByKeyword [][]int
}

// wholeRule is a detector of whole-file rules and what says it may find something in a file.
type wholeRule struct {
	det *detect.Detector
	// always is set where a rule has no keyword (or one that is not ASCII), or requires other rules.
	always bool
	// path is the rule's path pattern where it is the detector's only rule: a file it does not match
	// cannot give a finding (gitleaks checks it before the regexp).
	path interface{ MatchString(string) bool }
	// narrow gives the rule's regions, where it has them (narrowkube.go).
	narrow narrower
}

var (
	detectorOnce sync.Once
	shared       *detectors
	detectorErr  error
)

// sharedDetector returns the process's detectors with gitleaks' default rules.
func sharedDetector() (*detectors, error) {
	detectorOnce.Do(func() {
		// gitleaks logs to stderr from a package-level logger; a library must not print.
		logging.Logger = zerolog.Nop()
		var d *detect.Detector
		d, detectorErr = detect.NewDetectorDefaultConfig()
		if detectorErr == nil {
			shared = split(d.Config)
		}
	})
	return shared, detectorErr
}

// split builds the whole-file detectors and one detector per windowed rule from one configuration.
func split(cfg config.Config) *detectors {
	pathless := subset(cfg)
	pathless.Rules, pathless.Keywords, pathless.Allowlists = cfg.Rules, cfg.Keywords, withoutPaths(cfg.Allowlists)
	ds := &detectors{cfg: cfg}
	multi := subset(cfg)
	var wholeIDs, ids []string
	for id, r := range cfg.Rules {
		switch {
		case len(r.RequiredRules) > 0:
			multi.Rules[id] = r
			for _, req := range r.RequiredRules {
				if rr, ok := cfg.Rules[req.RuleID]; ok {
					multi.Rules[req.RuleID] = rr
				}
			}
		case wholeFile(r):
			wholeIDs = append(wholeIDs, id)
		}
	}
	for id := range cfg.Rules {
		if _, ok := multi.Rules[id]; !ok && !wholeFile(cfg.Rules[id]) {
			ids = append(ids, id)
		}
	}
	sort.Strings(wholeIDs)
	sort.Strings(ids)
	kwIndex := map[string]int{}
	index := func(k string) int {
		if i, ok := kwIndex[k]; ok {
			return i
		}
		kwIndex[k] = len(ds.keywordList)
		ds.keywordList = append(ds.keywordList, k)
		ds.byKeyword, ds.wholeByKeyword = append(ds.byKeyword, nil), append(ds.wholeByKeyword, nil)
		return kwIndex[k]
	}
	if len(multi.Rules) > 0 {
		addKeywords(&multi)
		ds.whole = append(ds.whole, wholeRule{det: detect.NewDetector(multi), always: true})
	}
	for _, id := range wholeIDs {
		if _, ok := multi.Rules[id]; ok {
			continue
		}
		r := cfg.Rules[id]
		one := subset(cfg)
		one.Rules[id] = r
		addKeywords(&one)
		w := wholeRule{det: detect.NewDetector(one), always: len(one.Keywords) == 0}
		if r.Path != nil {
			w.path = r.Path
		}
		w.narrow = narrowerOf(r)
		for k := range one.Keywords {
			if !ascii(k) {
				w.always = true
			}
			i := index(k)
			ds.wholeByKeyword[i] = append(ds.wholeByKeyword[i], len(ds.whole))
		}
		ds.whole = append(ds.whole, w)
	}
	for n, id := range ids {
		one := subset(cfg)
		one.Allowlists = pathless.Allowlists
		one.Rules[id] = cfg.Rules[id]
		addKeywords(&one)
		ds.rules = append(ds.rules, detect.NewDetector(one))
		ds.narrow = append(ds.narrow, narrowerOf(cfg.Rules[id]))
		for k := range one.Keywords {
			i := index(k)
			ds.byKeyword[i] = append(ds.byKeyword[i], n)
		}
	}
	ds.keywords = newKeywordMatcher(ds.keywordList)
	ds.splitDecoding(pathless)
	return ds
}

// splitDecoding builds the detectors that scan Secret documents with decoding.
func (ds *detectors) splitDecoding(pathless config.Config) {
	rest := pathless
	ds.genericRule = -1
	for i, d := range ds.rules {
		if r, ok := d.Config.Rules[genericID]; ok && ds.narrow[i] != nil {
			ds.genericRule = i
			one := subset(pathless)
			one.Allowlists = pathless.Allowlists
			one.Rules[genericID] = r
			addKeywords(&one)
			ds.decodingGeneric = detect.NewDetector(one)
			ds.decodingGeneric.MaxDecodeDepth = 1
			rest = subset(pathless)
			for id, rr := range pathless.Rules {
				if id != genericID {
					rest.Rules[id] = rr
				}
			}
			addKeywords(&rest)
		}
	}
	ds.decodingRest = detect.NewDetector(rest)
	ds.decodingRest.MaxDecodeDepth = 1
}

// ascii reports whether s is ASCII only.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// withoutPaths returns the global allowlists with their path patterns left out, for the detectors that run
// many times per file: detectFile checks the paths once per file (pathAllowed), and gitleaks would check
// them on every fragment. An allowlist whose conditions must all hold (AND) is kept whole.
func withoutPaths(as []*config.Allowlist) []*config.Allowlist {
	var out []*config.Allowlist
	for _, a := range as {
		if a.MatchCondition == config.AllowlistMatchAnd || len(a.Paths) == 0 {
			out = append(out, a)
			continue
		}
		b := &config.Allowlist{Description: a.Description, MatchCondition: a.MatchCondition, Commits: a.Commits,
			RegexTarget: a.RegexTarget, Regexes: a.Regexes, StopWords: a.StopWords}
		if b.Validate() == nil {
			out = append(out, b)
		}
	}
	return out
}

// pathAllowed reports whether a global allowlist skips the file by its path.
func (ds *detectors) pathAllowed(p string) bool {
	for _, a := range ds.cfg.Allowlists {
		if a.MatchCondition != config.AllowlistMatchAnd && a.PathAllowed(p) {
			return true
		}
	}
	return false
}

// addKeywords sets a configuration's keyword list from its rules'.
func addKeywords(c *config.Config) {
	for _, r := range c.Rules {
		for _, k := range r.Keywords {
			c.Keywords[strings.ToLower(k)] = struct{}{}
		}
	}
}

// subset copies a configuration without its rules and keywords.
func subset(cfg config.Config) config.Config {
	c := cfg
	c.Rules, c.Keywords, c.OrderedRules = map[string]config.Rule{}, map[string]struct{}{}, nil
	return c
}

// wholeFile reports whether a rule must see the whole file.
func wholeFile(r config.Rule) bool {
	if len(r.Keywords) == 0 || len(r.RequiredRules) > 0 || r.Regex == nil {
		return true
	}
	re := r.Regex.String()
	return strings.Contains(re, "(?s") || strings.Contains(re, `[\s\S`) || strings.Contains(re, `\n`)
}

// detectFile runs the rules over one file's text and returns the findings with each one's window. The
// path is given so that the rules' and the global path allowlists apply (lockfiles, vendored code,
// images).
func (ds *detectors) detectFile(f *fileText) ([]report.Finding, []window) {
	if ds.pathAllowed(f.path) {
		return nil, nil
	}
	sc := ds.scanKeywords(f)
	defer sc.release()
	var gfs []report.Finding
	var wins []window
	add := func(d *detect.Detector, w window) {
		frag := detect.Fragment{Raw: f.text[w.start:w.end], FilePath: f.path, StartLine: w.line}
		for _, gf := range d.Detect(frag) {
			gfs, wins = append(gfs, gf), append(wins, w)
		}
	}
	for i, occ := range ds.wholeHits(f, sc) {
		if occ == nil {
			continue
		}
		ws := []window{f.wholeWindow()}
		if n := ds.whole[i].narrow; n != nil && !sc.folds {
			ws = narrowed(f, n, sc, occ)
		}
		for _, w := range ws {
			add(ds.whole[i].det, w)
		}
	}
	hits := ds.ruleHits(sc)
	windows := make([][]window, len(ds.rules))
	for i, occ := range hits {
		if len(occ) > 0 || sc.folds { // a folds file may hold a keyword only gitleaks' lowercasing shows
			windows[i] = ds.ruleWindows(i, f, sc, occ)
		}
	}
	var decodedGfs []report.Finding
	var decodedWins []window
	var shared []sharedWindow
	for _, doc := range secretDocs(f, sc) {
		var generic []window
		if ds.genericRule >= 0 {
			generic = windows[ds.genericRule]
		}
		d := ds.decodedFindings(f, doc, generic)
		decodedGfs, decodedWins = append(decodedGfs, d.gfs...), append(decodedWins, d.wins...)
		shared = append(shared, d.shared...)
	}
	for i, ws := range windows {
		if i == ds.genericRule && len(shared) > 0 {
			ws = withShared(ws, shared)
		}
		for _, w := range ws {
			if sw := sharedAt(shared, w); i == ds.genericRule && sw != nil {
				gfs, wins = append(gfs, sw.plain...), append(wins, repeat(w, len(sw.plain))...)
				continue
			}
			add(ds.rules[i], w)
		}
	}
	gfs, wins = append(gfs, decodedGfs...), append(wins, decodedWins...)
	return filterGeneric(gfs, wins)
}

// wholeHits returns, per whole-file detector, the occurrences of its rule's keywords, or nil where the
// detector cannot find anything in the file: gitleaks runs a rule only where the file matches its path
// pattern and holds one of its keywords (see keywordScan for why the lowercased text tells the same).
func (ds *detectors) wholeHits(f *fileText, sc *keywordScan) [][]occurrence {
	out := make([][]occurrence, len(ds.whole))
	for _, h := range sc.hits {
		o := occurrence{pos: h.pos, end: h.pos + len(ds.keywordList[h.kw])}
		for _, i := range ds.wholeByKeyword[h.kw] {
			out[i] = append(out[i], o)
		}
	}
	for i, w := range ds.whole {
		switch {
		case w.path != nil && !w.path.MatchString(f.path):
			out[i] = nil
		case out[i] == nil && (w.always || sc.folds):
			out[i] = []occurrence{}
		}
	}
	return out
}

// ruleHits returns, per windowed rule (by index), the occurrences of its keywords in text order.
func (ds *detectors) ruleHits(sc *keywordScan) [][]occurrence {
	out := make([][]occurrence, len(ds.rules))
	for _, h := range sc.hits {
		o := occurrence{pos: h.pos, end: h.pos + len(ds.keywordList[h.kw])}
		for _, i := range ds.byKeyword[h.kw] {
			out[i] = append(out[i], o)
		}
	}
	return out
}

// ruleWindows returns the windows a windowed rule scans in a file: its narrow ones or the ordinary ones
// around its keywords' lines, or the whole file where the keywords cannot be trusted (folds).
func (ds *detectors) ruleWindows(i int, f *fileText, sc *keywordScan, occ []occurrence) []window {
	switch {
	case sc.folds:
		return []window{f.wholeWindow()}
	case ds.narrow[i] != nil:
		return narrowed(f, ds.narrow[i], sc, occ)
	}
	return f.windows(f.keywordSpans(occ))
}

// narrowed returns a rule's narrow windows.
func narrowed(f *fileText, n narrower, sc *keywordScan, occ []occurrence) []window {
	spans, whole := n(f, sc, occ)
	if whole {
		return []window{f.wholeWindow()}
	}
	return f.windows(spans)
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

// filterGeneric drops a generic rule's finding where a specific rule found a value holding it on the same
// line, as gitleaks does within one fragment.
func filterGeneric(gfs []report.Finding, wins []window) ([]report.Finding, []window) {
	var out []report.Finding
	var ows []window
	for i, f := range gfs {
		keep := true
		if strings.Contains(strings.ToLower(f.RuleID), "generic") {
			for _, g := range gfs {
				if g.StartLine == f.StartLine && g.RuleID != f.RuleID && strings.Contains(g.Secret, f.Secret) &&
					!strings.Contains(strings.ToLower(g.RuleID), "generic") {
					keep = false
					break
				}
			}
		}
		if keep {
			out, ows = append(out, f), append(ows, wins[i])
		}
	}
	return out, ows
}
