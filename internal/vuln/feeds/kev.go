package feeds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/seam-sec/seam/internal/model"
)

// KEV is a CISA Known Exploited Vulnerabilities catalog: its header fields and its entries by CVE ID.
type KEV struct {
	Title          string
	CatalogVersion string
	DateReleased   string // as published, RFC 3339
	Count          int    // the count the catalog states; len(Entries) is what was read
	Entries        []KEVEntry
	byID           map[string]int
}

// KEVEntry is one known exploited vulnerability. Field names follow the catalog's schema.
type KEVEntry struct {
	CVEID                      string   `json:"cveID"`
	VendorProject              string   `json:"vendorProject"`
	Product                    string   `json:"product"`
	VulnerabilityName          string   `json:"vulnerabilityName"`
	DateAdded                  string   `json:"dateAdded"`
	ShortDescription           string   `json:"shortDescription"`
	RequiredAction             string   `json:"requiredAction"`
	DueDate                    string   `json:"dueDate"`
	KnownRansomwareCampaignUse string   `json:"knownRansomwareCampaignUse"`
	Notes                      string   `json:"notes"`
	CWEs                       []string `json:"cwes"`
	Line                       int      `json:"-"` // line of the entry's opening brace in the file
}

// Ransomware reports whether CISA knows the vulnerability to be used in ransomware campaigns.
func (e KEVEntry) Ransomware() bool { return strings.EqualFold(e.KnownRansomwareCampaignUse, "Known") }

// Lookup finds the entry of a CVE ID (any case).
func (k *KEV) Lookup(cve string) (KEVEntry, bool) {
	if k == nil {
		return KEVEntry{}, false
	}
	id, _ := normalizeCVE(cve)
	i, ok := k.byID[id]
	if !ok {
		return KEVEntry{}, false
	}
	return k.Entries[i], true
}

// Len is the number of entries read.
func (k *KEV) Len() int {
	if k == nil {
		return 0
	}
	return len(k.Entries)
}

// ReadKEV reads a KEV catalog (known_exploited_vulnerabilities.json). name is the file name diagnostics
// carry. Entries come out sorted by CVE ID.
func ReadKEV(r io.Reader, name string) (*KEV, []model.Diagnostic, error) {
	return readKEV(r, name, MaxKEVBytes)
}

func readKEV(r io.Reader, name string, max int64) (*KEV, []model.Diagnostic, error) {
	data, err := readCapped(r, name, max)
	if err != nil {
		return nil, nil, err
	}
	p := &kevParser{data: data, dec: json.NewDecoder(bytes.NewReader(data)), lines: newLineIndex(data),
		d: diags{file: name, extractor: "kev"}, kev: &KEV{byID: map[string]int{}}}
	if err := p.document(); err != nil {
		if errors.Is(err, errNotCatalog) {
			return nil, p.d.list, fmt.Errorf("%s: %w", name, err)
		}
		p.d.add(p.errLine(err), model.SeverityError, "KEV catalog broken off: %v; %d entries read before it",
			err, len(p.kev.Entries))
	}
	p.finish()
	return p.kev, p.d.list, nil
}

var errNotCatalog = errors.New("not a KEV catalog: the document is not a JSON object")

// kevParser walks the catalog token by token so that each entry is decoded on its own, with its line.
type kevParser struct {
	data  []byte
	dec   *json.Decoder
	lines lineIndex
	d     diags
	kev   *KEV
}

func (p *kevParser) document() error {
	tok, err := p.dec.Token()
	if err != nil || tok != json.Delim('{') {
		return errNotCatalog
	}
	for p.dec.More() {
		tok, err := p.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		line := p.lines.at(p.dec.InputOffset())
		if key == "vulnerabilities" {
			if err := p.entries(); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := p.dec.Decode(&raw); err != nil {
			return err
		}
		p.header(key, raw, line)
	}
	_, err = p.dec.Token() // the closing brace
	return err
}

// header stores one top-level field; a field of the wrong type is a warning.
func (p *kevParser) header(key string, raw json.RawMessage, line int) {
	var dst any
	switch key {
	case "title":
		dst = &p.kev.Title
	case "catalogVersion":
		dst = &p.kev.CatalogVersion
	case "dateReleased":
		dst = &p.kev.DateReleased
	case "count":
		dst = &p.kev.Count
	default:
		return
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		p.d.add(line, model.SeverityWarning, "%s: %v", key, err)
		return
	}
	if key == "dateReleased" && p.kev.DateReleased != "" {
		if _, err := time.Parse(time.RFC3339, p.kev.DateReleased); err != nil {
			p.d.add(line, model.SeverityWarning, "dateReleased %s is not an RFC 3339 time", quote(p.kev.DateReleased))
		}
	}
}

// entries reads the vulnerabilities array, one element at a time.
func (p *kevParser) entries() error {
	tok, err := p.dec.Token()
	if err != nil {
		return err
	}
	if tok != json.Delim('[') {
		p.d.add(p.lines.at(p.dec.InputOffset()), model.SeverityError, "vulnerabilities is not an array")
		if d, ok := tok.(json.Delim); ok && d == '{' {
			return fmt.Errorf("vulnerabilities is an object")
		}
		return nil
	}
	for p.dec.More() {
		line := p.lines.at(p.valueStart(p.dec.InputOffset()))
		var raw json.RawMessage
		if err := p.dec.Decode(&raw); err != nil {
			return err
		}
		p.entry(raw, line)
	}
	_, err = p.dec.Token() // the closing bracket
	return err
}

// valueStart skips the separators between the decoder's offset and the next value.
func (p *kevParser) valueStart(off int64) int64 {
	for off < int64(len(p.data)) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return off
}

// entry decodes and checks one vulnerability; a bad CVE ID, a wrong type or a repeat drops it.
func (p *kevParser) entry(raw json.RawMessage, line int) {
	var e KEVEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field == "" {
			p.d.add(line, model.SeverityWarning, "entry skipped: a JSON %s, not an object", te.Value)
		} else if errors.As(err, &te) {
			p.d.add(line, model.SeverityWarning, "entry skipped: %s is %s, want %s", te.Field, te.Value, te.Type)
		} else {
			p.d.add(line, model.SeverityWarning, "entry skipped: %v", err)
		}
		return
	}
	id, ok := normalizeCVE(e.CVEID)
	if !ok {
		p.d.add(line, model.SeverityWarning, "entry skipped: cveID %s is not a CVE ID", quote(e.CVEID))
		return
	}
	if first, dup := p.kev.byID[id]; dup {
		p.d.add(line, model.SeverityWarning, "%s listed again (first at line %d); the first entry is kept",
			id, p.kev.Entries[first].Line)
		return
	}
	e.CVEID, e.Line = id, line
	p.checkEntry(e)
	p.kev.byID[id] = len(p.kev.Entries)
	p.kev.Entries = append(p.kev.Entries, e)
}

// checkEntry warns about fields that do not follow the catalog's schema; the entry is kept.
func (p *kevParser) checkEntry(e KEVEntry) {
	for _, f := range []struct{ name, value string }{{"dateAdded", e.DateAdded}, {"dueDate", e.DueDate}} {
		if _, err := time.Parse(time.DateOnly, f.value); err != nil {
			p.d.add(e.Line, model.SeverityWarning, "%s: %s %s is not a YYYY-MM-DD date", e.CVEID, f.name, quote(f.value))
		}
	}
	switch e.KnownRansomwareCampaignUse {
	case "Known", "Unknown", "":
	default:
		p.d.add(e.Line, model.SeverityWarning, "%s: knownRansomwareCampaignUse %s is neither Known nor Unknown",
			e.CVEID, quote(e.KnownRansomwareCampaignUse))
	}
}

// finish sorts the entries by CVE ID and checks the stated count.
func (p *kevParser) finish() {
	k := p.kev
	sort.SliceStable(k.Entries, func(i, j int) bool { return k.Entries[i].CVEID < k.Entries[j].CVEID })
	for i, e := range k.Entries {
		k.byID[e.CVEID] = i
	}
	if k.Count != 0 && k.Count != len(k.Entries) {
		p.d.add(1, model.SeverityInfo, "catalog states count %d, %d entries read", k.Count, len(k.Entries))
	}
	model.SortDiagnostics(p.d.list)
}

// errLine is the line of a decoding error: the syntax error's offset, else where the decoder stopped.
func (p *kevParser) errLine(err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return p.lines.at(se.Offset)
	}
	return p.lines.at(p.dec.InputOffset())
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int64 // offsets of each '\n'

func newLineIndex(data []byte) lineIndex {
	var idx lineIndex
	for i, b := range data {
		if b == '\n' {
			idx = append(idx, int64(i))
		}
	}
	return idx
}

func (l lineIndex) at(off int64) int {
	return sort.Search(len(l), func(i int) bool { return l[i] >= off }) + 1
}
