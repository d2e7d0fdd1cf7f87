package update

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// maxListBytes caps ecosystems.txt (the real one is a few KB); maxKEVBytes caps the KEV catalog, which is
// held in memory to be checked as JSON (the real one is under 2 MB).
const (
	maxListBytes = 1 << 20
	maxKEVBytes  = 64 << 20
)

// get issues a GET and returns the response when it is 200 OK.
func (o Options) get(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	resp, err := o.Client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("GET %s: %w", url, ctx.Err())
		}
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, &HTTPError{URL: url, Status: resp.StatusCode}
	}
	return resp, nil
}

// ecosystemList reads <base>/ecosystems.txt: one ecosystem per line.
func (o Options) ecosystemList(ctx context.Context) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	url := o.BaseURL + "/ecosystems.txt"
	resp, err := o.get(ctx, url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxListBytes+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, readErr(ctx, err))
	}
	if len(data) > maxListBytes {
		return nil, fmt.Errorf("%w: %s is over %d bytes", ErrBadList, url, maxListBytes)
	}
	return strings.Split(string(data), "\n"), nil
}

// fetch downloads one target into dir, verifying length and the server's checksums.
func (o Options) fetch(ctx context.Context, dir string, t target, lk *lock) (ManifestFile, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	resp, err := o.get(ctx, t.url)
	if err != nil {
		return ManifestFile{}, err
	}
	defer resp.Body.Close()
	if resp.ContentLength > o.MaxFileBytes {
		return ManifestFile{}, fmt.Errorf("%s: %w (%d bytes, cap %d)", t.path, ErrTooLarge, resp.ContentLength, o.MaxFileBytes)
	}
	sums, err := serverSums(resp)
	if err != nil {
		return ManifestFile{}, fmt.Errorf("%s: %w", t.path, err)
	}
	dst := filepath.Join(dir, filepath.FromSlash(t.path))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return ManifestFile{}, err
	}
	got, err := o.store(ctx, dst, t, resp, lk)
	if err != nil {
		return ManifestFile{}, err
	}
	if resp.ContentLength >= 0 && got.received != resp.ContentLength {
		return ManifestFile{}, fmt.Errorf("%s: %w: %d of %d bytes", t.path, ErrTruncated, got.received, resp.ContentLength)
	}
	if err := sums.verify(got); err != nil {
		return ManifestFile{}, fmt.Errorf("%s from %s: %w", t.path, t.url, err)
	}
	if t.kind == "kev" && !json.Valid(got.head) {
		return ManifestFile{}, fmt.Errorf("%s: %w: not JSON", t.path, ErrBadFile)
	}
	return ManifestFile{Path: t.path, Kind: t.kind, Ecosystem: t.ecosystem, URL: t.url, Size: got.stored,
		SHA256: hex.EncodeToString(got.sha256), MD5: sums.md5Text(), Verified: sums.verifiedText(),
		LastModified: resp.Header.Get("Last-Modified")}, nil
}

// received is what a download gave: bytes and checksums as sent, size and SHA-256 as stored.
type received struct {
	received, stored int64
	md5, crc32c      []byte
	sha256           []byte
	head             []byte // the whole body for KEV (checked as JSON), else nil
}

// store copies the body to dst through the hashes and the progress callback; EPSS is gzipped if plain.
func (o Options) store(ctx context.Context, dst string, t target, resp *http.Response, lk *lock) (received, error) {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return received{}, err
	}
	defer f.Close()
	storedHash := sha256.New()
	stored := &countWriter{w: io.MultiWriter(f, storedHash)}
	var sink io.Writer = stored
	var zw *gzip.Writer
	body := io.Reader(resp.Body)
	if t.kind == "epss" {
		br := newPeekReader(resp.Body)
		if !br.isGzip() {
			zw = gzip.NewWriter(stored)
			sink = zw
		}
		body = br
	}
	var kevBuf *bytes.Buffer
	if t.kind == "kev" {
		kevBuf = &bytes.Buffer{}
		sink = io.MultiWriter(sink, kevBuf)
	}
	md5h, crch := md5.New(), crc32.New(crc32.MakeTable(crc32.Castagnoli))
	pw := &progressWriter{file: t.path, total: resp.ContentLength, report: o.Progress, lk: lk}
	max := o.MaxFileBytes
	if t.kind == "kev" && max > maxKEVBytes {
		max = maxKEVBytes
	}
	n, err := io.Copy(io.MultiWriter(sink, md5h, crch, pw), &io.LimitedReader{R: body, N: max + 1})
	if err != nil {
		return received{}, fmt.Errorf("%s: %w", t.path, readErr(ctx, err))
	}
	if n > max {
		return received{}, fmt.Errorf("%s: %w (cap %d bytes)", t.path, ErrTooLarge, max)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return received{}, err
		}
	}
	if err := f.Sync(); err != nil {
		return received{}, err
	}
	pw.finish(n)
	r := received{received: n, stored: stored.n, md5: md5h.Sum(nil), crc32c: crch.Sum(nil), sha256: storedHash.Sum(nil)}
	if kevBuf != nil {
		r.head = kevBuf.Bytes()
	}
	return r, f.Close()
}

// readErr names a body that ended early as truncated and a cancelled read by its context error.
func readErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %v", ErrTruncated, err)
	}
	return err
}

// sums are the checksums the server states for the stored object.
type sums struct {
	md5, crc32c []byte
	skipped     string // why checksums were not verified
}

// serverSums reads x-goog-hash ("crc32c=<b64>,md5=<b64>", possibly as several headers).
func serverSums(resp *http.Response) (sums, error) {
	var s sums
	for _, v := range resp.Header.Values("X-Goog-Hash") {
		for _, part := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(part), "=")
			want := map[string]int{"md5": md5.Size, "crc32c": 4}[k]
			if want == 0 {
				continue
			}
			raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(val))
			if err != nil || len(raw) != want {
				return s, fmt.Errorf("%w: unreadable x-goog-hash %s", ErrChecksum, part)
			}
			if k == "md5" {
				s.md5 = raw
			} else {
				s.crc32c = raw
			}
		}
	}
	if enc := resp.Header.Get("Content-Encoding"); enc != "" && enc != "identity" || resp.Uncompressed {
		s.skipped = "content-encoding " + enc
	}
	if enc := resp.Header.Get("X-Goog-Stored-Content-Encoding"); enc != "" && enc != "identity" {
		s.skipped = "stored content-encoding " + enc
	}
	return s, nil
}

func (s sums) verify(r received) error {
	if s.skipped != "" {
		return nil
	}
	if s.md5 != nil && !bytes.Equal(s.md5, r.md5) {
		return fmt.Errorf("%w: md5 %s, server says %s", ErrChecksum,
			base64.StdEncoding.EncodeToString(r.md5), base64.StdEncoding.EncodeToString(s.md5))
	}
	if s.crc32c != nil && binary.BigEndian.Uint32(s.crc32c) != binary.BigEndian.Uint32(r.crc32c) {
		return fmt.Errorf("%w: crc32c %s, server says %s", ErrChecksum,
			base64.StdEncoding.EncodeToString(r.crc32c), base64.StdEncoding.EncodeToString(s.crc32c))
	}
	return nil
}

func (s sums) md5Text() string {
	if s.md5 == nil {
		return ""
	}
	return base64.StdEncoding.EncodeToString(s.md5)
}

// verifiedText says, for the manifest, which server checksums the download was checked against.
func (s sums) verifiedText() string {
	var v []string
	switch {
	case s.skipped != "":
		return "not verified: " + s.skipped
	case s.md5 != nil:
		v = append(v, "md5")
	}
	if s.crc32c != nil {
		v = append(v, "crc32c")
	}
	v = append(v, "length")
	return strings.Join(v, ", ")
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// progressWriter reports bytes as they arrive and keeps the lock fresh.
type progressWriter struct {
	file   string
	total  int64
	done   int64
	report func(Progress)
	lk     *lock
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	if p.report != nil {
		p.report(Progress{File: p.file, Done: p.done, Total: p.total})
	}
	p.lk.refresh()
	return len(b), nil
}

func (p *progressWriter) finish(n int64) {
	if p.report != nil && (p.total != n || n == 0) {
		p.report(Progress{File: p.file, Done: n, Total: n})
	}
}

// peekReader lets store look at the first bytes of a body without losing them.
type peekReader struct {
	r    io.Reader
	head []byte
}

func newPeekReader(r io.Reader) *peekReader {
	head := make([]byte, 2)
	n, _ := io.ReadFull(r, head)
	return &peekReader{r: r, head: head[:n]}
}

func (p *peekReader) isGzip() bool { return bytes.Equal(p.head, []byte{0x1f, 0x8b}) }

func (p *peekReader) Read(b []byte) (int, error) {
	if len(p.head) > 0 {
		n := copy(b, p.head)
		p.head = p.head[n:]
		return n, nil
	}
	return p.r.Read(b)
}
