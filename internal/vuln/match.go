package vuln

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/google/osv-scalibr/semantic"
	"github.com/seam-sec/seam/internal/model"
)

// Match is one vulnerability affecting one package. When several advisories of the vulnerability (a GHSA and a
// GO- advisory of the same CVE) or several entries of one advisory match, each is a Hit; Range, Source and
// AdvisoryID are those of the first hit (by source), Fixed is the lowest fixed version above the installed one
// among all hits, Imports the union of their Go imports.
type Match struct {
	Package       Package       `json:"package"`
	Vulnerability Vulnerability `json:"vulnerability"`
	AdvisoryID    string        `json:"advisory"`
	Source        string        `json:"source"` // the file inside the export, "PyPI/PYSEC-2021-1.json"
	Range         string        `json:"range"`  // "introduced 1.2.0, fixed 1.2.7"
	Fixed         string        `json:"fixed,omitempty"`
	Imports       []GoImport    `json:"imports,omitempty"`
	Hits          []Hit         `json:"hits"`
}

// Hit is one affected entry of one advisory that matched a package.
type Hit struct {
	AdvisoryID string     `json:"advisory"`
	Source     string     `json:"source"`
	Range      string     `json:"range"`
	Fixed      string     `json:"fixed,omitempty"`
	Imports    []GoImport `json:"imports,omitempty"`
}

// hit is a Hit with its fixed version parsed, to compare across hits.
type hit struct {
	Hit
	fixedEv *sortedEvent
}

// Match looks up every package and returns the vulnerabilities affecting each, sorted by package ID then
// vulnerability ID, and diagnostics for what could not be decided: an installed version that is not a version
// of its ecosystem, an ecosystem Seam cannot order, an advisory with only git commit ranges, a corrupt part of
// the index. Diagnostics about a package carry the package's ID as their file (the caller knows its lockfile).
func (db *DB) Match(pkgs []Package) ([]Match, []model.Diagnostic) {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(pkgs)/256))
	results := make([][]Match, len(pkgs))
	diagSets := make([][]model.Diagnostic, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := &matcher{db: db, posts: map[string][]posting{}, vulns: map[int]*Vulnerability{}}
			for i := w; i < len(pkgs); i += workers {
				results[i] = m.match(pkgs[i])
			}
			diagSets[w] = m.diags
		}()
	}
	wg.Wait()
	var out []Match
	for _, r := range results {
		out = append(out, r...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Package.ID != b.Package.ID {
			return a.Package.ID < b.Package.ID
		}
		return a.Vulnerability.ID < b.Vulnerability.ID
	})
	var diags []model.Diagnostic
	for _, ds := range diagSets {
		diags = append(diags, ds...)
	}
	diags = append(diags, releaseless(db.hdr.Info.Source, pkgs)...)
	return out, sortDiagnostics(diags)
}

// releaseless says once when operating-system packages name no distribution release: OSV's Debian, Ubuntu and
// Alpine advisories are per release, so such packages match nothing.
func releaseless(source string, pkgs []Package) []model.Diagnostic {
	n := 0
	for _, p := range pkgs {
		switch CanonicalEcosystem(p.Ecosystem) {
		case "Debian", "Ubuntu", "Alpine":
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return []model.Diagnostic{{File: source, Severity: model.SeverityInfo, Extractor: "vuln", Message: fmt.Sprintf(
		"%d operating-system packages name no distribution release; release-specific advisories were not matched", n)}}
}

// matcher is one worker's state: caches of decoded postings and records, and its diagnostics.
type matcher struct {
	db    *DB
	posts map[string][]posting
	vulns map[int]*Vulnerability
	diags []model.Diagnostic
}

func (m *matcher) corrupt(err error) {
	m.diags = append(m.diags, model.Diagnostic{File: m.db.path, Severity: model.SeverityError, Extractor: "vuln",
		Message: "vulnerability index: " + err.Error() + "; rebuild it (seam db update)"})
}

func (m *matcher) match(pkg Package) []Match {
	key := indexKey(pkg.Ecosystem, pkg.Name)
	ps, ok := m.posts[key]
	if !ok {
		var err error
		if ps, err = m.db.postings(key); err != nil {
			m.corrupt(err)
		}
		m.posts[key] = ps
	}
	if len(ps) == 0 {
		return nil
	}
	eco := CanonicalEcosystem(pkg.Ecosystem)
	ev := &evaluator{eco: eco, installed: strings.TrimSpace(pkg.Version), parsed: map[string]parsedVersion{}}
	byVuln := map[int][]hit{}
	var order []int
	for i := range ps {
		h, ok := ev.entry(&ps[i])
		if !ok {
			continue
		}
		if _, seen := byVuln[ps[i].vuln]; !seen {
			order = append(order, ps[i].vuln)
		}
		byVuln[ps[i].vuln] = append(byVuln[ps[i].vuln], h)
	}
	m.diags = append(m.diags, ev.diagnostics(pkg, len(ps))...)
	var out []Match
	for _, vi := range order {
		v, ok := m.vulns[vi]
		if !ok {
			rec, err := m.db.vuln(vi)
			if err != nil {
				m.corrupt(err)
				m.vulns[vi] = nil
				continue
			}
			v = &rec
			m.vulns[vi] = v
		}
		if v != nil {
			out = append(out, combine(pkg, *v, byVuln[vi]))
		}
	}
	return out
}

// combine makes one Match from the hits of one vulnerability on one package.
func combine(pkg Package, v Vulnerability, hits []hit) Match {
	sort.SliceStable(hits, func(i, j int) bool {
		return hits[i].Source < hits[j].Source || (hits[i].Source == hits[j].Source && hits[i].Range < hits[j].Range)
	})
	m := Match{Package: pkg, Vulnerability: v, AdvisoryID: hits[0].AdvisoryID, Source: hits[0].Source,
		Range: hits[0].Range}
	var best *sortedEvent
	var imps []GoImport
	for _, h := range hits {
		if h.fixedEv != nil && (best == nil || cmpEvents(*h.fixedEv, *best) < 0) {
			best = h.fixedEv
		}
		imps = append(imps, h.Imports...)
		m.Hits = append(m.Hits, h.Hit)
	}
	if best != nil {
		m.Fixed = best.Version
	}
	m.Imports = mergeImports(imps)
	return m
}

// parsedVersion is the installed version parsed for one range type, or why it could not be.
type parsedVersion struct {
	v   semantic.Version
	err error
}

// evaluator decides the affected entries of one package and gathers what it could not decide.
type evaluator struct {
	eco, installed string
	parsed         map[string]parsedVersion
	badVersion     error
	unsupported    int
	gitOnly        []string
}

func (e *evaluator) version(rangeType string) (semantic.Version, error) {
	p, ok := e.parsed[rangeType]
	if !ok {
		p.v, p.err = parseVersion(e.eco, rangeType, e.installed)
		e.parsed[rangeType] = p
	}
	return p.v, p.err
}

// entry decides one affected entry: the versions list first, then each ECOSYSTEM or SEMVER range.
func (e *evaluator) entry(p *posting) (hit, bool) {
	h := hit{Hit: Hit{AdvisoryID: p.AdvisoryID, Source: p.Source, Imports: p.Imports}}
	ecoV, _ := e.version(rangeEcosystem)
	isHit := listed(e.eco, p.Versions, e.installed, ecoV)
	if isHit {
		h.Range = "version " + e.installed + " listed as affected"
	}
	ordered := false
	for _, r := range p.Ranges {
		if r.Type == rangeGit {
			continue
		}
		v, err := e.version(r.Type)
		if err != nil {
			e.note(err)
			continue
		}
		ordered = true
		res := inRange(e.eco, r, v)
		if res.affected {
			if !isHit || !strings.HasPrefix(h.Range, "introduced") {
				h.Range = res.text
			}
			isHit = true
		}
		if res.fixed != nil && (h.fixedEv == nil || cmpEvents(*res.fixed, *h.fixedEv) < 0) {
			h.fixedEv = res.fixed
		}
	}
	if !isHit && !ordered && len(p.Versions) == 0 && hasGit(p.Ranges) {
		e.gitOnly = append(e.gitOnly, p.AdvisoryID)
	}
	if h.fixedEv != nil {
		h.Fixed = h.fixedEv.Version
	}
	return h, isHit
}

func (e *evaluator) note(err error) {
	if err == errUnsupported {
		e.unsupported++
	} else if e.badVersion == nil {
		e.badVersion = err
	}
}

func hasGit(rs []vrange) bool {
	for _, r := range rs {
		if r.Type == rangeGit {
			return true
		}
	}
	return false
}

// diagnostics reports what the evaluator could not decide for pkg, which has n affected entries.
func (e *evaluator) diagnostics(pkg Package, n int) []model.Diagnostic {
	d := func(sev model.Severity, msg string) model.Diagnostic {
		return model.Diagnostic{File: pkg.ID, Severity: sev, Extractor: "vuln", Message: msg}
	}
	var out []model.Diagnostic
	if e.badVersion != nil {
		out = append(out, d(model.SeverityWarning, fmt.Sprintf(
			"%s %s: installed version %v; not compared with the ranges of %d advisory entries",
			e.eco, pkg.Name, e.badVersion, n)))
	}
	if e.unsupported > 0 {
		out = append(out, d(model.SeverityWarning, fmt.Sprintf(
			"%s %s: Seam cannot order %s versions; %d ranges not compared (only explicit version lists match)",
			e.eco, pkg.Name, baseEcosystem(e.eco), e.unsupported)))
	}
	for _, id := range sortedUnique(e.gitOnly) {
		out = append(out, d(model.SeverityWarning, fmt.Sprintf(
			"%s %s: advisory %s gives only git commit ranges and no version list; version %s not compared",
			e.eco, pkg.Name, id, e.installed)))
	}
	return out
}
