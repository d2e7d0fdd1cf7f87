package secrets

import (
	"path"
	"sort"
	"strings"
	"sync"

	ahocorasick "github.com/BobuSumisu/aho-corasick"
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
	cfg   config.Config // all the rules, for tests that compare with gitleaks' own way
	whole *detect.Detector
	// decoding has every rule and decodes base64 (and hex, percent) one level deep; it scans the documents
	// of Kubernetes Secret manifests, whose data values are base64.
	decoding *detect.Detector
	// rules are the windowed rules, one detector each, in rule ID order; byKeyword maps a keyword to them.
	rules     []*detect.Detector
	byKeyword map[string][]int
	keywords  ahocorasick.Trie // the windowed rules' keywords
}

// A window holds the lines from windowBefore lines before a keyword's line to windowAfter lines after it.
const (
	windowBefore = 1
	windowAfter  = 3
)

// denseShare is the share of a file's lines above which a rule's windows are not worth it and the rule scans
// the file whole.
const denseShare = 0.6

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

// split builds the whole-file detector and one detector per windowed rule from one configuration.
func split(cfg config.Config) *detectors {
	whole := subset(cfg)
	for id, r := range cfg.Rules {
		if wholeFile(r) {
			whole.Rules[id] = r
			for _, req := range r.RequiredRules {
				if rr, ok := cfg.Rules[req.RuleID]; ok {
					whole.Rules[req.RuleID] = rr
				}
			}
		}
	}
	addKeywords(&whole)
	pathless := subset(cfg)
	pathless.Rules, pathless.Keywords, pathless.Allowlists = cfg.Rules, cfg.Keywords, withoutPaths(cfg.Allowlists)
	ds := &detectors{cfg: cfg, whole: detect.NewDetector(whole), decoding: detect.NewDetector(pathless),
		byKeyword: map[string][]int{}}
	ds.decoding.MaxDecodeDepth = 1
	ids := make([]string, 0, len(cfg.Rules))
	for id := range cfg.Rules {
		if _, ok := whole.Rules[id]; !ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var kws []string
	for i, id := range ids {
		one := subset(cfg)
		one.Allowlists = pathless.Allowlists
		one.Rules[id] = cfg.Rules[id]
		addKeywords(&one)
		ds.rules = append(ds.rules, detect.NewDetector(one))
		for k := range one.Keywords {
			if len(ds.byKeyword[k]) == 0 {
				kws = append(kws, k)
			}
			ds.byKeyword[k] = append(ds.byKeyword[k], i)
		}
	}
	ds.keywords = *ahocorasick.NewTrieBuilder().AddStrings(kws).Build()
	return ds
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

// window is a run of whole lines of a file: its first line (0-based) and byte range.
type window struct{ line, start, end int }

// detectFile runs the rules over one file's text and returns the findings with each one's window. The
// path is given so that the rules' and the global path allowlists apply (lockfiles, vendored code,
// images).
func (ds *detectors) detectFile(f *fileText) ([]report.Finding, []window) {
	if ds.pathAllowed(f.path) {
		return nil, nil
	}
	all := window{line: 0, start: 0, end: len(f.text)}
	var gfs []report.Finding
	var wins []window
	for _, gf := range ds.whole.Detect(detect.Fragment{Raw: f.text, FilePath: f.path}) {
		gfs, wins = append(gfs, gf), append(wins, all)
	}
	for i, lines := range ds.keywordLines(f) {
		for _, w := range windows(f, lines) {
			frag := detect.Fragment{Raw: f.text[w.start:w.end], FilePath: f.path, StartLine: w.line}
			for _, gf := range ds.rules[i].Detect(frag) {
				gfs, wins = append(gfs, gf), append(wins, w)
			}
		}
	}
	for _, w := range secretDocs(f) {
		frag := detect.Fragment{Raw: f.text[w.start:w.end], FilePath: f.path, StartLine: w.line}
		for _, gf := range ds.decoding.Detect(frag) {
			if decoded(gf.Tags) {
				gfs, wins = append(gfs, gf), append(wins, w)
			}
		}
	}
	return filterGeneric(gfs, wins)
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
func secretDocs(f *fileText) []window {
	if !secretManifest(f) {
		return nil
	}
	if path.Ext(f.path) == ".json" {
		return []window{{line: 0, start: 0, end: len(f.text)}}
	}
	var out []window
	first := 0
	flush := func(end int) {
		w := window{line: first, start: f.starts[first], end: end}
		if strings.Contains(strings.ToLower(f.text[w.start:w.end]), "kind: secret") {
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

// secretManifest reports whether a file is YAML or JSON that declares a Kubernetes Secret.
func secretManifest(f *fileText) bool {
	switch path.Ext(f.path) {
	case ".yaml", ".yml", ".json":
	default:
		return false
	}
	lower := strings.ToLower(f.text)
	return strings.Contains(lower, "kind: secret") || strings.Contains(lower, `"kind": "secret"`) ||
		strings.Contains(lower, `"kind":"secret"`)
}

// keywordLines returns, per windowed rule (by index), the sorted lines holding one of its keywords.
func (ds *detectors) keywordLines(f *fileText) map[int][]int {
	hits := ds.keywords.MatchString(strings.ToLower(f.text))
	if len(hits) == 0 {
		return nil
	}
	out := map[int][]int{}
	for _, h := range hits {
		l := f.lineOf(int(h.Pos()))
		for _, i := range ds.byKeyword[string(h.Match())] {
			if ls := out[i]; len(ls) == 0 || ls[len(ls)-1] != l {
				out[i] = append(ls, l)
			}
		}
	}
	return out
}

// windows returns the windows around sorted keyword lines, or the whole file when they would cover most
// of it.
func windows(f *fileText, lines []int) []window {
	type span struct{ lo, hi int }
	var spans []span
	covered, last := 0, len(f.starts)-1
	for _, l := range lines {
		lo, hi := max(l-windowBefore, 0), min(l+windowAfter, last)
		if n := len(spans); n > 0 && lo <= spans[n-1].hi+1 {
			if hi > spans[n-1].hi {
				covered += hi - spans[n-1].hi
				spans[n-1].hi = hi
			}
			continue
		}
		spans = append(spans, span{lo, hi})
		covered += hi - lo + 1
	}
	if float64(covered) > denseShare*float64(len(f.starts)) {
		return []window{{line: 0, start: 0, end: len(f.text)}}
	}
	out := make([]window, len(spans))
	for i, sp := range spans {
		out[i] = window{line: sp.lo, start: f.starts[sp.lo], end: f.lineEnd(sp.hi)}
	}
	return out
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
