package vuln

import (
	"encoding/binary"
	"errors"
	"time"
)

// errCorrupt is the error of every read past the end or of an impossible length in the index.
var errCorrupt = errors.New("corrupt vulnerability index")

// enc appends the index's primitive encodings: unsigned varints, length-prefixed strings.
type enc struct{ b []byte }

func (e *enc) uvarint(x uint64) { e.b = binary.AppendUvarint(e.b, x) }
func (e *enc) varint(x int64)   { e.b = binary.AppendVarint(e.b, x) }
func (e *enc) byte1(x byte)     { e.b = append(e.b, x) }

func (e *enc) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

func (e *enc) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// time encodes a time as Unix seconds and nanoseconds; the zero time as a single 0 flag.
func (e *enc) time(t time.Time) {
	if t.IsZero() {
		e.byte1(0)
		return
	}
	e.byte1(1)
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}

// dec reads what enc wrote. The first bad read sets err and every later read returns zero values, so decoders
// check once at the end; no read can run past the buffer or allocate more than the buffer could hold.
type dec struct {
	b   []byte
	err error
}

func (d *dec) fail() { d.err, d.b = errCorrupt, nil }

func (d *dec) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *dec) varint() int64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *dec) byte1() byte {
	if d.err != nil || len(d.b) == 0 {
		d.fail()
		return 0
	}
	x := d.b[0]
	d.b = d.b[1:]
	return x
}

// count reads a element count and checks that at least that many bytes remain (every element takes one).
func (d *dec) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *dec) str() string {
	n := d.count()
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *dec) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *dec) time() time.Time {
	switch d.byte1() {
	case 0:
		return time.Time{}
	case 1:
		sec, nsec := d.varint(), d.uvarint()
		if nsec >= 1e9 {
			d.fail()
			return time.Time{}
		}
		return time.Unix(sec, int64(nsec)).UTC()
	}
	d.fail()
	return time.Time{}
}

// encodeVuln encodes a vulnerability record.
func encodeVuln(e *enc, v *Vulnerability) {
	e.str(v.ID)
	e.strs(v.Aliases)
	e.str(v.Summary)
	e.str(v.Details)
	e.uvarint(uint64(len(v.Severity)))
	for _, s := range v.Severity {
		e.str(s.Type)
		e.str(s.Score)
	}
	e.str(v.DatabaseSeverity)
	e.strs(v.CWEs)
	e.time(v.Published)
	e.time(v.Modified)
	e.strs(v.References)
}

// decodeVuln decodes a vulnerability record; trailing bytes are corruption.
func decodeVuln(b []byte) (Vulnerability, error) {
	d := &dec{b: b}
	v := Vulnerability{ID: d.str(), Aliases: d.strs(), Summary: d.str(), Details: d.str()}
	if n := d.count(); n > 0 {
		v.Severity = make([]Severity, n)
		for i := range v.Severity {
			v.Severity[i] = Severity{Type: d.str(), Score: d.str()}
		}
	}
	v.DatabaseSeverity = d.str()
	v.CWEs = d.strs()
	v.Published = d.time()
	v.Modified = d.time()
	v.References = d.strs()
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	return v, d.err
}

// posting is one affected entry in a key's postings: the entry and the index of its vulnerability record.
type posting struct {
	vuln int
	affected
}

// encodePostings encodes the affected entries of one (ecosystem, name) key.
func encodePostings(e *enc, ps []posting) {
	e.uvarint(uint64(len(ps)))
	for i := range ps {
		p := &ps[i]
		e.uvarint(uint64(p.vuln))
		e.str(p.AdvisoryID)
		e.str(p.Source)
		e.str(p.Ecosystem)
		e.str(p.Name)
		e.uvarint(uint64(len(p.Ranges)))
		for _, r := range p.Ranges {
			e.str(r.Type)
			e.str(r.Repo)
			e.uvarint(uint64(len(r.Events)))
			for _, ev := range r.Events {
				e.byte1(ev.Kind)
				e.str(ev.Version)
			}
		}
		e.strs(p.Versions)
		e.uvarint(uint64(len(p.Imports)))
		for _, imp := range p.Imports {
			e.str(imp.Path)
			e.strs(imp.Symbols)
		}
	}
}

// decodePostings decodes one key's postings; nVulns bounds the record indexes.
func decodePostings(b []byte, nVulns int) ([]posting, error) {
	d := &dec{b: b}
	ps := make([]posting, d.count())
	for i := range ps {
		p := &ps[i]
		if x := d.uvarint(); x < uint64(nVulns) {
			p.vuln = int(x)
		} else {
			d.fail()
		}
		p.AdvisoryID, p.Source, p.Ecosystem, p.Name = d.str(), d.str(), d.str(), d.str()
		if n := d.count(); n > 0 {
			p.Ranges = make([]vrange, n)
			for j := range p.Ranges {
				r := &p.Ranges[j]
				r.Type, r.Repo = d.str(), d.str()
				r.Events = make([]event, d.count())
				for k := range r.Events {
					r.Events[k] = event{Kind: d.byte1(), Version: d.str()}
				}
			}
		}
		p.Versions = d.strs()
		if n := d.count(); n > 0 {
			p.Imports = make([]GoImport, n)
			for j := range p.Imports {
				p.Imports[j] = GoImport{Path: d.str(), Symbols: d.strs()}
			}
		}
		if d.err != nil {
			return nil, d.err
		}
	}
	if len(d.b) != 0 {
		return nil, errCorrupt
	}
	return ps, nil
}
