package feeds

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/seam-sec/seam/internal/model"
)

// EPSS is a day's EPSS scores: the model and date from the file's comment line, and a score per CVE.
type EPSS struct {
	ModelVersion string // e.g. "v2025.03.14"; "" when the file has no comment line
	ScoreDate    string // e.g. "2026-11-30T00:00:00+0000", as written
	scores       map[string]EPSSScore
}

// EPSSScore is one CVE's probability of exploitation in the next 30 days and its percentile among all scored
// CVEs. Percentile is -1 when the file has no percentile column.
type EPSSScore struct {
	CVE         string
	Probability float64
	Percentile  float64
	Line        int
}

// Lookup finds the score of a CVE ID (any case).
func (e *EPSS) Lookup(cve string) (EPSSScore, bool) {
	if e == nil {
		return EPSSScore{}, false
	}
	id, _ := normalizeCVE(cve)
	s, ok := e.scores[id]
	return s, ok
}

// Len is the number of CVEs scored.
func (e *EPSS) Len() int {
	if e == nil {
		return 0
	}
	return len(e.scores)
}

// maxEPSSLine caps one line; real lines are under 40 bytes.
const maxEPSSLine = 64 << 10

// ReadEPSS reads an EPSS CSV (epss_scores-YYYY-MM-DD.csv), plain or gzip-compressed (told by its magic
// bytes, whatever the name). name is the file name diagnostics carry.
func ReadEPSS(r io.Reader, name string) (*EPSS, []model.Diagnostic, error) {
	return readEPSS(r, name, MaxEPSSBytes)
}

func readEPSS(r io.Reader, name string, max int64) (*EPSS, []model.Diagnostic, error) {
	br := bufio.NewReader(r)
	var src io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		defer zr.Close()
		src = zr
	}
	limited := &io.LimitedReader{R: src, N: max + 1}
	p := &epssParser{d: diags{file: name, extractor: "epss"}, out: &EPSS{scores: map[string]EPSSScore{}}}
	sc := bufio.NewScanner(limited)
	sc.Buffer(make([]byte, 0, 4096), maxEPSSLine)
	for sc.Scan() {
		p.line(sc.Text())
	}
	if limited.N <= 0 {
		return nil, nil, fmt.Errorf("%s: %w (%d bytes uncompressed)", name, ErrTooLarge, max)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			p.d.add(p.n+1, model.SeverityError, "line longer than %d bytes: reading stopped", maxEPSSLine)
		} else if p.n == 0 {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		} else {
			p.d.add(p.n+1, model.SeverityError, "reading stopped: %v; %d scores read before it", err, len(p.out.scores))
		}
	}
	return p.out, p.d.list, nil
}

// epssParser reads the file line by line: optional "#" comment, header, then rows.
type epssParser struct {
	d    diags
	out  *EPSS
	n    int            // current line number
	cols map[string]int // column index by header name; nil until the header (or the first row) is seen
}

func (p *epssParser) line(text string) {
	p.n++
	if p.n == 1 {
		text = strings.TrimPrefix(text, "\ufeff")
	}
	text = strings.TrimRight(text, "\r")
	switch {
	case strings.TrimSpace(text) == "":
		return
	case strings.HasPrefix(text, "#"):
		p.comment(text)
	case p.cols == nil:
		p.header(text)
	default:
		p.row(text)
	}
}

// comment reads "#model_version:v2025.03.14,score_date:2026-11-30T00:00:00+0000".
func (p *epssParser) comment(text string) {
	for _, kv := range strings.Split(strings.TrimPrefix(text, "#"), ",") {
		k, v, _ := strings.Cut(kv, ":")
		switch strings.TrimSpace(k) {
		case "model_version":
			p.out.ModelVersion = strings.TrimSpace(v)
		case "score_date":
			p.out.ScoreDate = strings.TrimSpace(v)
		}
	}
}

// header reads the column names; a first line that is already a row means the standard columns.
func (p *epssParser) header(text string) {
	fields := strings.Split(text, ",")
	if _, ok := normalizeCVE(fields[0]); ok {
		p.d.add(p.n, model.SeverityWarning, "no header line: columns read as cve,epss,percentile")
		p.cols = map[string]int{"cve": 0, "epss": 1, "percentile": 2}
		p.row(text)
		return
	}
	cols := map[string]int{}
	for i, f := range fields {
		cols[strings.ToLower(strings.TrimSpace(f))] = i
	}
	_, hasCVE := cols["cve"]
	_, hasEPSS := cols["epss"]
	if !hasCVE || !hasEPSS {
		p.d.add(p.n, model.SeverityError, "header %s has no cve and epss columns: columns read as cve,epss,percentile",
			quote(text))
		cols = map[string]int{"cve": 0, "epss": 1, "percentile": 2}
	}
	p.cols = cols
}

// row reads one "CVE-2021-44228,0.94358,0.99982"; a bad row is a warning and skipped.
func (p *epssParser) row(text string) {
	fields := strings.Split(text, ",")
	get := func(col string) (string, bool) {
		i, ok := p.cols[col]
		if !ok || i >= len(fields) {
			return "", false
		}
		return strings.TrimSpace(fields[i]), true
	}
	raw, _ := get("cve")
	id, ok := normalizeCVE(raw)
	if !ok {
		p.d.add(p.n, model.SeverityWarning, "row skipped: %s is not a CVE ID", quote(raw))
		return
	}
	prob, err := probability(get("epss"))
	if err != nil {
		p.d.add(p.n, model.SeverityWarning, "row skipped: %s: epss %v", id, err)
		return
	}
	pct := -1.0
	if _, has := p.cols["percentile"]; has {
		if pct, err = probability(get("percentile")); err != nil {
			p.d.add(p.n, model.SeverityWarning, "row skipped: %s: percentile %v", id, err)
			return
		}
	}
	if first, dup := p.out.scores[id]; dup {
		p.d.add(p.n, model.SeverityWarning, "%s scored again (first at line %d); the first score is kept", id, first.Line)
		return
	}
	p.out.scores[id] = EPSSScore{CVE: id, Probability: prob, Percentile: pct, Line: p.n}
}

// probability parses a number in 0–1.
func probability(s string, present bool) (float64, error) {
	if !present || s == "" {
		return 0, errors.New("missing")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1 || f != f {
		return 0, fmt.Errorf("%s is not a number in 0–1", quote(s))
	}
	return f, nil
}
