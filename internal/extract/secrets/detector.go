package secrets

import (
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
// rule's full scan per file. Seam lowercases each file once (keywordScan) and finds every keyword's
// occurrences in one pass, then splits the rules in two:
//   - whole: rules that can match across many lines (private keys, a Kubernetes Secret's kind … data,
//     curl commands with continuations, base64 JWTs), rules without keywords and multi-part rules run
//     over the whole file, as gitleaks would, and only where gitleaks would run them at all: the file
//     matches the rule's path pattern and holds one of its keywords;
//   - windowed: every other rule runs, on its own, over windows of the file around the lines holding one
//     of its own keywords — from windowBefore lines before to windowAfter lines after, merged when they
//     touch — which hold any match of those rules: gitleaks finds a keyword only inside a match, and these
//     patterns span at most a few whitespace characters between a name and its value. Where a rule's
//     windows would cover most of a file, that rule scans the file whole.
//
// The rules whose keywords are everywhere have narrow windows instead, derived from their regexps and
// proved to give gitleaks' matches (narrow.go, narrowkube.go): generic-api-key and vault-service-token
// scan only the lines where a keyword is followed by what the regexp needs after it, lob-pub-api-key the
// lines above a "_pub_" and 31 hex digits, and kubernetes-secret-yaml (a whole-file rule) the lines from a
// "kind: Secret" or a "data:" as far as the regexp can reach. The ordinary windows are kept for the other
// rules; unlike the narrow ones they rest on the patterns' usual shape, not on a proof, and a value
// written more than windowAfter lines below its name escapes them.
//
// The documents of a Kubernetes Secret manifest are also scanned with base64 decoded one level deep,
// keeping only what decoding found: a Secret's data values are base64, and gitleaks finds what they hold
// only after decoding. Decoding costs as much as the rules, so nothing else is decoded; the generic rule
// decodes only around the decoded values (decoding.go).
//
// The results are the same findings gitleaks gives (the fixtures, a generated corpus, edge cases and a
// fuzz test compare them, agree_test.go), and the generic-over-specific filter gitleaks applies within a
// fragment is applied again over the whole file.
type detectors struct {
	cfg config.Config // all the rules, for tests that compare with gitleaks' own way
	// whole are the whole-file rules, one detector each but for multi-part rules, which share one with
	// the rules they require.
	whole []wholeRule
	// decodingRest and decodingGeneric decode base64 (and hex, percent) one level deep; they scan the
	// documents of Kubernetes Secret manifests, whose data values are base64 (decoding.go): the generic
	// rule (when it has narrow windows; else decodingRest has it too) and every other rule.
	decodingRest, decodingGeneric *detect.Detector
	genericRule                   int // the generic rule's index in rules, -1 for none
	kubeRule                      int // kubernetes-secret-yaml's index in whole, -1 for none
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
	ds := &detectors{cfg: cfg, kubeRule: -1}
	kw := keywordIndex{ds: ds, at: map[string]int{}}
	multi, wholeIDs, ids := classify(cfg)
	if len(multi.Rules) > 0 {
		addKeywords(&multi)
		ds.whole = append(ds.whole, wholeRule{det: detect.NewDetector(multi), always: true})
	}
	for _, id := range wholeIDs {
		ds.addWhole(cfg, id, &kw)
	}
	for _, id := range ids {
		one := subset(cfg)
		one.Allowlists = pathless.Allowlists
		one.Rules[id] = cfg.Rules[id]
		addKeywords(&one)
		for k := range one.Keywords {
			i := kw.of(k)
			ds.byKeyword[i] = append(ds.byKeyword[i], len(ds.rules))
		}
		ds.rules = append(ds.rules, detect.NewDetector(one))
		ds.narrow = append(ds.narrow, narrowerOf(cfg.Rules[id]))
	}
	ds.keywords = newKeywordMatcher(ds.keywordList)
	ds.splitDecoding(pathless)
	return ds
}

// classify returns the multi-part rules with the rules they require, the other whole-file rules and the
// windowed ones, by ID. A rule with a keyword that is not ASCII is a whole-file rule: the keyword scan
// lowercases ASCII only (keywordScan).
func classify(cfg config.Config) (multi config.Config, whole, windowed []string) {
	multi = subset(cfg)
	for id, r := range cfg.Rules {
		if len(r.RequiredRules) > 0 {
			multi.Rules[id] = r
			for _, req := range r.RequiredRules {
				if rr, ok := cfg.Rules[req.RuleID]; ok {
					multi.Rules[req.RuleID] = rr
				}
			}
		}
	}
	for id, r := range cfg.Rules {
		switch _, inMulti := multi.Rules[id]; {
		case inMulti:
		case wholeFile(r) || !asciiKeywords(r):
			whole = append(whole, id)
		default:
			windowed = append(windowed, id)
		}
	}
	sort.Strings(whole)
	sort.Strings(windowed)
	return multi, whole, windowed
}

// addWhole adds the detector of one whole-file rule.
func (ds *detectors) addWhole(cfg config.Config, id string, kw *keywordIndex) {
	r := cfg.Rules[id]
	one := subset(cfg)
	one.Rules[id] = r
	addKeywords(&one)
	w := wholeRule{det: detect.NewDetector(one), always: len(one.Keywords) == 0 || !asciiKeywords(r),
		narrow: narrowerOf(r)}
	if r.Path != nil {
		w.path = r.Path
	}
	if id == kubeSecretID && w.narrow != nil {
		ds.kubeRule = len(ds.whole)
	}
	for k := range one.Keywords {
		i := kw.of(k)
		ds.wholeByKeyword[i] = append(ds.wholeByKeyword[i], len(ds.whole))
	}
	ds.whole = append(ds.whole, w)
}

// keywordIndex numbers the keywords of the detectors as they are added.
type keywordIndex struct {
	ds *detectors
	at map[string]int
}

func (x *keywordIndex) of(k string) int {
	if i, ok := x.at[k]; ok {
		return i
	}
	x.at[k] = len(x.ds.keywordList)
	x.ds.keywordList = append(x.ds.keywordList, k)
	x.ds.byKeyword, x.ds.wholeByKeyword = append(x.ds.byKeyword, nil), append(x.ds.wholeByKeyword, nil)
	return x.at[k]
}

// asciiKeywords reports whether a rule's keywords are all ASCII.
func asciiKeywords(r config.Rule) bool {
	for _, k := range r.Keywords {
		for i := 0; i < len(k); i++ {
			if k[i] >= 0x80 {
				return false
			}
		}
	}
	return true
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
	whole := make([][]window, len(ds.whole))
	for i, occ := range ds.wholeHits(f, sc) {
		switch n := ds.whole[i].narrow; {
		case occ == nil:
		case n != nil && !sc.folds:
			whole[i] = narrowed(f, n, sc, occ)
		default:
			whole[i] = []window{f.wholeWindow()}
		}
	}
	windows := make([][]window, len(ds.rules))
	for i, occ := range ds.ruleHits(sc) {
		if len(occ) > 0 || sc.folds { // a folds file may hold a keyword only gitleaks' lowercasing shows
			windows[i] = ds.ruleWindows(i, f, sc, occ)
		}
	}
	var dec docFindings
	for _, doc := range secretDocs(f, sc) {
		d := ds.decodedFindings(f, doc, at(windows, ds.genericRule), at(whole, ds.kubeRule))
		dec.gfs, dec.wins = append(dec.gfs, d.gfs...), append(dec.wins, d.wins...)
		dec.shared, dec.sharedKube = append(dec.shared, d.shared...), append(dec.sharedKube, d.sharedKube...)
	}
	var gfs []report.Finding
	var wins []window
	scan := func(d *detect.Detector, ws []window, shared []sharedWindow) {
		for _, w := range ws {
			if sw := sharedAt(shared, w); sw != nil {
				gfs, wins = append(gfs, sw.plain...), append(wins, repeat(sw.frag, len(sw.plain))...)
				continue
			}
			frag := detect.Fragment{Raw: f.text[w.start:w.end], FilePath: f.path, StartLine: w.line}
			for _, gf := range d.Detect(frag) {
				gfs, wins = append(gfs, gf), append(wins, w)
			}
		}
	}
	for i, ws := range whole {
		if i == ds.kubeRule {
			scan(ds.whole[i].det, ws, dec.sharedKube)
			continue
		}
		scan(ds.whole[i].det, ws, nil)
	}
	for i, ws := range windows {
		if i == ds.genericRule {
			scan(ds.rules[i], withShared(ws, dec.shared), dec.shared)
			continue
		}
		scan(ds.rules[i], ws, nil)
	}
	gfs, wins = append(gfs, dec.gfs...), append(wins, dec.wins...)
	return filterGeneric(gfs, wins)
}

// at returns ws[i], nil where i is -1.
func at(ws [][]window, i int) []window {
	if i < 0 {
		return nil
	}
	return ws[i]
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
