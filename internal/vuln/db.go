package vuln

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/seam-sec/seam/internal/model"
)

// ErrNoDatabase is returned when the database path does not exist, so that the CLI can say "no vulnerability
// database; run seam db update" and go on.
var ErrNoDatabase = errors.New("no vulnerability database")

func noDatabase(path string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w at %s", ErrNoDatabase, path)
	}
	return fmt.Errorf("vulnerability database %s: %w", path, err)
}

// DB is an opened vulnerability index. It is safe for concurrent use; Close releases its file.
type DB struct {
	r        io.ReaderAt
	closer   io.Closer
	path     string
	hdr      header
	base     int64
	keyIndex []byte
	keys     []byte
	recIndex []byte
}

// Open opens a vulnerability database: an index written by Build, or a source (a directory of OSV JSON, a zip
// export, a directory of per-ecosystem zips), whose index it builds on first use next to it and reuses while
// the source's fingerprint is unchanged. A path that does not exist is ErrNoDatabase.
func Open(path string) (*DB, error) {
	return OpenWith(context.Background(), path, Options{})
}

// OpenWith is Open with options (a cache directory for built indexes, limits, a clock).
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, noDatabase(path, err)
	}
	if !info.IsDir() && isIndexFile(path) {
		return openFile(path)
	}
	fp, err := fingerprint(path)
	if err != nil {
		return nil, noDatabase(path, err)
	}
	for _, idx := range indexPaths(path, info.IsDir(), opts.CacheDir) {
		if db, err := openFile(idx); err == nil {
			if db.hdr.Info.Fingerprint == fp {
				return db, nil
			}
			db.Close()
		}
		if !writable(filepath.Dir(idx)) {
			continue
		}
		if _, err := BuildWith(ctx, path, idx, opts); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue // not writable here: try the next place
		}
		return openFile(idx)
	}
	return nil, fmt.Errorf("vulnerability database %s: no writable place for its index", path)
}

// indexPaths lists where the index of a source may live, in order of preference.
func indexPaths(src string, isDir bool, cacheDir string) []string {
	abs, _ := filepath.Abs(src)
	sum := sha256.Sum256([]byte(abs))
	name := hex.EncodeToString(sum[:8]) + ".seam-index"
	if cacheDir != "" {
		return []string{filepath.Join(cacheDir, name)}
	}
	var out []string
	if isDir {
		out = append(out, filepath.Join(src, ".seam-index"))
	} else {
		out = append(out, filepath.Join(filepath.Dir(src), "."+filepath.Base(src)+".seam-index"))
	}
	if uc, err := os.UserCacheDir(); err == nil {
		out = append(out, filepath.Join(uc, "seam", "vulndb-index", name))
	}
	return out
}

// writable reports whether an index can be written into dir (creating it if need be), before an expensive
// build finds out.
func writable(dir string) bool {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false
	}
	f, err := os.CreateTemp(dir, ".seam-index-*.probe")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

func isIndexFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var m [len(indexMagic)]byte
	_, err = io.ReadFull(f, m[:])
	return err == nil && string(m[:]) == indexMagic
}

func openFile(path string) (*DB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, noDatabase(path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	db, err := openReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("vulnerability index %s: %w", path, err)
	}
	db.closer, db.path = f, path
	return db, nil
}

// openReader reads and checks the parts of an index that Open keeps in memory.
func openReader(r io.ReaderAt, size int64) (*DB, error) {
	var fixed [len(indexMagic) + 8]byte
	if _, err := r.ReadAt(fixed[:], 0); err != nil || string(fixed[:len(indexMagic)]) != indexMagic {
		return nil, fmt.Errorf("%w: not a Seam vulnerability index", errCorrupt)
	}
	if v := binary.LittleEndian.Uint32(fixed[8:]); v != formatVersion {
		return nil, fmt.Errorf("%w: format %d, this Seam reads %d; rebuild it", errCorrupt, v, formatVersion)
	}
	hlen := int64(binary.LittleEndian.Uint32(fixed[12:]))
	base := int64(len(fixed)) + hlen
	if hlen > maxHeaderSize || base > size {
		return nil, fmt.Errorf("%w: bad header length", errCorrupt)
	}
	hb := make([]byte, hlen)
	if _, err := r.ReadAt(hb, int64(len(fixed))); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	db := &DB{r: r, base: base}
	if err := json.Unmarshal(hb, &db.hdr); err != nil {
		return nil, fmt.Errorf("%w: header: %v", errCorrupt, err)
	}
	if err := db.checkLayout(size - base); err != nil {
		return nil, err
	}
	var err error
	if db.keyIndex, err = db.readSection(db.hdr.KeyIndex); err == nil {
		if db.keys, err = db.readSection(db.hdr.Keys); err == nil {
			db.recIndex, err = db.readSection(db.hdr.RecIndex)
		}
	}
	if err != nil {
		return nil, err
	}
	c := crc32.Update(0, castagnoli, db.keyIndex)
	c = crc32.Update(c, castagnoli, db.keys)
	if crc32.Update(c, castagnoli, db.recIndex) != db.hdr.CRC {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	return db, db.checkKeys()
}

// checkLayout checks that the sections fit the file and the counts fit the sections.
func (db *DB) checkLayout(body int64) error {
	h := &db.hdr
	for _, s := range []section{h.KeyIndex, h.Keys, h.RecIndex, h.Postings, h.Records} {
		if s.Off < 0 || s.Len < 0 || s.Off > body || s.Len > body-s.Off {
			return fmt.Errorf("%w: section outside the file", errCorrupt)
		}
	}
	if h.NKeys < 0 || h.NVulns < 0 || int64(h.NKeys)*keyEntrySize != h.KeyIndex.Len ||
		int64(h.NVulns)*recEntrySize != h.RecIndex.Len {
		return fmt.Errorf("%w: counts do not match sections", errCorrupt)
	}
	return nil
}

func (db *DB) readSection(s section) ([]byte, error) {
	b := make([]byte, s.Len)
	if _, err := db.r.ReadAt(b, db.base+s.Off); err != nil && !(err == io.EOF && s.Len == 0) {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	return b, nil
}

// checkKeys checks that every key lies in the keys section, keys are strictly increasing (binary search
// depends on it) and postings lie in their section.
func (db *DB) checkKeys() error {
	var prev []byte
	for i := range db.hdr.NKeys {
		k, ok := db.key(i)
		e := db.keyIndex[i*keyEntrySize:]
		po, pl := binary.LittleEndian.Uint64(e[8:]), uint64(binary.LittleEndian.Uint32(e[16:]))
		if !ok || (i > 0 && bytes.Compare(prev, k) >= 0) || po > uint64(db.hdr.Postings.Len) ||
			pl > uint64(db.hdr.Postings.Len)-po {
			return fmt.Errorf("%w: key table", errCorrupt)
		}
		prev = k
	}
	for i := range db.hdr.NVulns {
		e := db.recIndex[i*recEntrySize:]
		ro, rl := binary.LittleEndian.Uint64(e), uint64(binary.LittleEndian.Uint32(e[8:]))
		if ro > uint64(db.hdr.Records.Len) || rl > uint64(db.hdr.Records.Len)-ro {
			return fmt.Errorf("%w: record table", errCorrupt)
		}
	}
	return nil
}

func (db *DB) key(i int) ([]byte, bool) {
	e := db.keyIndex[i*keyEntrySize:]
	off, n := uint64(binary.LittleEndian.Uint32(e)), uint64(binary.LittleEndian.Uint32(e[4:]))
	if off > uint64(len(db.keys)) || n > uint64(len(db.keys))-off {
		return nil, false
	}
	return db.keys[off : off+n], true
}

// postings returns the affected entries of a key, or nil when the database has none.
func (db *DB) postings(key string) ([]posting, error) {
	i := sort.Search(db.hdr.NKeys, func(i int) bool {
		k, _ := db.key(i)
		return string(k) >= key
	})
	if k, _ := db.key(min(i, max(db.hdr.NKeys-1, 0))); i >= db.hdr.NKeys || string(k) != key {
		return nil, nil
	}
	e := db.keyIndex[i*keyEntrySize:]
	b, err := db.block(db.hdr.Postings, binary.LittleEndian.Uint64(e[8:]), binary.LittleEndian.Uint32(e[16:]),
		binary.LittleEndian.Uint32(e[20:]))
	if err != nil {
		return nil, err
	}
	return decodePostings(b, db.hdr.NVulns)
}

// vuln reads and decodes vulnerability record i.
func (db *DB) vuln(i int) (Vulnerability, error) {
	e := db.recIndex[i*recEntrySize:]
	b, err := db.block(db.hdr.Records, binary.LittleEndian.Uint64(e), binary.LittleEndian.Uint32(e[8:]),
		binary.LittleEndian.Uint32(e[12:]))
	if err != nil {
		return Vulnerability{}, err
	}
	return decodeVuln(b)
}

// block reads a checked block of a section.
func (db *DB) block(s section, off uint64, n, sum uint32) ([]byte, error) {
	b := make([]byte, n)
	if _, err := db.r.ReadAt(b, db.base+s.Off+int64(off)); err != nil && !(err == io.EOF && n == 0) {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	if crc32.Checksum(b, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	return b, nil
}

// Info describes the database: its source, build time, fingerprint, counts per ecosystem, and the loading
// diagnostics recorded when it was built.
func (db *DB) Info() Info { return db.hdr.Info }

// Path is the index file the database was opened from.
func (db *DB) Path() string { return db.path }

// Diagnostics returns the diagnostics recorded when the index was built (malformed advisories, refused zip
// entries …), so that a scan that opened a prebuilt index still shows them.
func (db *DB) Diagnostics() []model.Diagnostic { return db.hdr.Info.Diagnostics }

// Close releases the index file.
func (db *DB) Close() error {
	if db.closer == nil {
		return nil
	}
	return db.closer.Close()
}
