package vuln

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/seam-sec/seam/internal/model"
)

// The index file, version 1 (all integers little-endian):
//
//	magic "SEAMVDB\x00" | u32 format | u32 header length H | header (JSON, H bytes) | sections
//
// Section offsets in the header are relative to the end of the header. The sections:
//
//	keyIndex  nKeys × 24 bytes: u32 key offset, u32 key length, u64 postings offset, u32 postings length,
//	          u32 CRC-32C of the postings block — sorted by key, so a lookup is a binary search
//	keys      the keys: canonical ecosystem + "\x00" + normalised name
//	recIndex  nVulns × 16 bytes: u64 record offset, u32 length, u32 CRC-32C
//	postings  per key: the affected entries (ranges, versions, Go imports, source file, record index)
//	records   per vulnerability: ID, aliases, summary, details, severities, CWEs, dates, references
//
// Open reads the header, keyIndex, keys and recIndex (checked against a CRC in the header); a Match reads only
// the postings of the keys it looks up and the records they point to, each checked against its own CRC.
const (
	indexMagic    = "SEAMVDB\x00"
	formatVersion = 1
	keyEntrySize  = 24
	recEntrySize  = 16
	maxHeaderSize = 16 << 20
	maxInfoDiags  = 1000
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// EcosystemCount is how many advisories of a database name packages of one ecosystem.
type EcosystemCount struct {
	Ecosystem  string `json:"ecosystem"`
	Advisories int    `json:"advisories"`
}

// Info describes a built index: where it came from, when, and what it holds.
type Info struct {
	Source           string             `json:"source"`      // the directory or zip it was built from
	Fingerprint      string             `json:"fingerprint"` // of the source's files (names, sizes, mtimes)
	BuiltAt          time.Time          `json:"built_at"`
	Format           int                `json:"format"`
	Advisories       int                `json:"advisories"`      // advisories indexed (withdrawn excluded)
	Vulnerabilities  int                `json:"vulnerabilities"` // after merging aliases
	Withdrawn        int                `json:"withdrawn"`       // skipped
	Malformed        int                `json:"malformed"`       // skipped, each with a diagnostic
	Ecosystems       []EcosystemCount   `json:"ecosystems"`
	Diagnostics      []model.Diagnostic `json:"diagnostics,omitempty"` // loading's, the first 1,000
	DiagnosticsTotal int                `json:"diagnostics_total"`
}

// section is a byte range after the header.
type section struct {
	Off int64 `json:"off"`
	Len int64 `json:"len"`
}

type header struct {
	Info     Info    `json:"info"`
	NKeys    int     `json:"n_keys"`
	NVulns   int     `json:"n_vulns"`
	KeyIndex section `json:"key_index"`
	Keys     section `json:"keys"`
	RecIndex section `json:"rec_index"`
	Postings section `json:"postings"`
	Records  section `json:"records"`
	CRC      uint32  `json:"crc"` // CRC-32C of keyIndex, keys and recIndex
}

// Options tune building and opening a database.
type Options struct {
	// CacheDir holds the indexes Open builds for sources that have none. Empty: next to the source (inside a
	// directory as ".seam-index", beside a zip as ".<name>.seam-index"), or the user cache directory when
	// that is not writable.
	CacheDir string
	Limits   Limits           // zero: DefaultLimits
	Now      func() time.Time // the build time; nil: time.Now
}

func (o Options) limits() Limits {
	if o.Limits == (Limits{}) {
		return DefaultLimits
	}
	return o.Limits
}

// Build reads the OSV advisories of src (a directory of *.json, a zip, or a directory of per-ecosystem zips),
// merges aliases, and writes the index to dst, replacing it atomically. Malformed advisories are diagnostics
// in the returned Info; only an unreadable source or an unwritable dst is an error.
func Build(ctx context.Context, src, dst string) (Info, error) {
	return BuildWith(ctx, src, dst, Options{})
}

// BuildWith is Build with options.
func BuildWith(ctx context.Context, src, dst string, opts Options) (Info, error) {
	if _, err := os.Stat(src); err != nil {
		return Info{}, noDatabase(src, err)
	}
	fp, err := fingerprint(src)
	if err != nil {
		return Info{}, err
	}
	l, err := load(ctx, src, opts.limits())
	if err != nil {
		return Info{}, fmt.Errorf("vulnerability database %s: %w", src, err)
	}
	vulns, entries, owners, mdiags := merge(l.advisories)
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	diags := sortDiagnostics(append(l.diags, mdiags...))
	info := Info{
		Source: src, Fingerprint: fp, BuiltAt: now().UTC(), Format: formatVersion,
		Advisories: len(l.advisories) - len(mdiags), Vulnerabilities: len(vulns), Withdrawn: l.withdrawn,
		Malformed: l.malformed, Ecosystems: countEcosystems(entries), DiagnosticsTotal: len(diags),
	}
	info.Diagnostics = diags[:min(len(diags), maxInfoDiags)]
	if err := writeIndex(dst, info, vulns, entries, owners); err != nil {
		return Info{}, err
	}
	return info, nil
}

// countEcosystems counts, per base ecosystem, the advisories with an entry in it.
func countEcosystems(entries []affected) []EcosystemCount {
	seen := map[[2]string]bool{}
	n := map[string]int{}
	for _, e := range entries {
		k := [2]string{baseEcosystem(e.Ecosystem), e.AdvisoryID}
		if !seen[k] {
			seen[k] = true
			n[k[0]]++
		}
	}
	out := make([]EcosystemCount, 0, len(n))
	for eco, c := range n {
		out = append(out, EcosystemCount{Ecosystem: eco, Advisories: c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Ecosystem < out[j].Ecosystem })
	return out
}

// indexKey is the lookup key of a package: canonical ecosystem, NUL, normalised name.
func indexKey(eco, name string) string {
	eco = CanonicalEcosystem(eco)
	return eco + "\x00" + NormalizeName(eco, name)
}

// encodeSections lays out the sections of an index.
func encodeSections(vulns []Vulnerability, entries []affected, owners []int) (h header, parts [5][]byte) {
	byKey := map[string][]posting{}
	for i, e := range entries {
		k := indexKey(e.Ecosystem, e.Name)
		byKey[k] = append(byKey[k], posting{vuln: owners[i], affected: e})
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var keyIdx, keyBytes, recIdx []byte
	post, recs := &enc{}, &enc{}
	for _, k := range keys {
		start := len(post.b)
		encodePostings(post, byKey[k])
		block := post.b[start:]
		keyIdx = binary.LittleEndian.AppendUint32(keyIdx, uint32(len(keyBytes)))
		keyIdx = binary.LittleEndian.AppendUint32(keyIdx, uint32(len(k)))
		keyIdx = binary.LittleEndian.AppendUint64(keyIdx, uint64(start))
		keyIdx = binary.LittleEndian.AppendUint32(keyIdx, uint32(len(block)))
		keyIdx = binary.LittleEndian.AppendUint32(keyIdx, crc32.Checksum(block, castagnoli))
		keyBytes = append(keyBytes, k...)
	}
	for i := range vulns {
		start := len(recs.b)
		encodeVuln(recs, &vulns[i])
		block := recs.b[start:]
		recIdx = binary.LittleEndian.AppendUint64(recIdx, uint64(start))
		recIdx = binary.LittleEndian.AppendUint32(recIdx, uint32(len(block)))
		recIdx = binary.LittleEndian.AppendUint32(recIdx, crc32.Checksum(block, castagnoli))
	}
	parts = [5][]byte{keyIdx, keyBytes, recIdx, post.b, recs.b}
	secs := [5]*section{&h.KeyIndex, &h.Keys, &h.RecIndex, &h.Postings, &h.Records}
	var off int64
	for i, p := range parts {
		*secs[i] = section{Off: off, Len: int64(len(p))}
		off += int64(len(p))
	}
	h.NKeys, h.NVulns = len(keys), len(vulns)
	c := crc32.Update(0, castagnoli, keyIdx)
	c = crc32.Update(c, castagnoli, keyBytes)
	h.CRC = crc32.Update(c, castagnoli, recIdx)
	return h, parts
}

// writeIndex writes the index to a temporary file beside dst and renames it into place.
func writeIndex(dst string, info Info, vulns []Vulnerability, entries []affected, owners []int) error {
	h, parts := encodeSections(vulns, entries, owners)
	h.Info = info
	hj, err := json.Marshal(h)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".seam-index-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	w.WriteString(indexMagic)
	var fixed [8]byte
	binary.LittleEndian.PutUint32(fixed[:4], formatVersion)
	binary.LittleEndian.PutUint32(fixed[4:], uint32(len(hj)))
	w.Write(fixed[:])
	w.Write(hj)
	for _, p := range parts {
		w.Write(p)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing vulnerability index: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing vulnerability index: %w", err)
	}
	return os.Rename(tmp.Name(), dst)
}

// fingerprint identifies the state of a source by the names, sizes and modification times of the files
// loading would read: "sha256:" + hex. Hashing contents would cost as much as parsing; a database update
// rewrites files, which changes their times.
func fingerprint(src string) (string, error) {
	h := sha256.New()
	info, err := os.Stat(src)
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", filepath.Base(src), info.Size(), info.ModTime().UnixNano())
		return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
	}
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(src, p)
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !(strings.HasSuffix(d.Name(), ".json") || strings.HasSuffix(d.Name(), ".zip")) {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\n", filepath.ToSlash(rel), fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), err
}
