// Package update is the engine of `seam db update`: it downloads osv.dev's per-ecosystem OSV exports and,
// when asked, CISA's KEV catalog and FIRST's EPSS scores into a vulnerability database directory, and swaps the
// new database in atomically. The directory it builds:
//
//	<dir>/<Ecosystem>/all.zip   one osv.dev export per ecosystem
//	<dir>/kev.json              CISA KEV catalog (when a KEV URL is given)
//	<dir>/epss.csv.gz           EPSS scores, gzip-compressed (when an EPSS URL is given)
//	<dir>/manifest.json         what was fetched, from where, when, sizes and SHA-256 checksums
//
// Decisions:
//
//   - All or nothing. Files are downloaded into a fresh directory beside the target
//     (<parent>/.<name>.new-*), the manifest is written, the Index hook builds its index there, and only then is
//     the old directory renamed aside, the new one renamed in and the old one removed. Any failure before the
//     swap (a status other than 200, a checksum or length mismatch, a timeout, a cancelled context, the Index
//     hook) removes the new directory and leaves the old database byte for byte as it was. If the second
//     rename fails, the old directory is renamed back.
//   - One ecosystem missing (a 404) fails the update: a database silently without PyPI would answer "no
//     known vulnerabilities" for every Python package. The error names the file and the status.
//   - Integrity: the response's Content-Length must match the bytes received; Google Cloud Storage's
//     x-goog-hash (md5 and crc32c, base64) is verified when present; the manifest records each stored file's
//     SHA-256 so that `seam db status` can re-check it offline (Verify). Checksums are skipped (and the
//     manifest says so) when the body is not the stored object: a Content-Encoding on the response or
//     x-goog-stored-content-encoding other than identity.
//   - HTTPS only: an http:// or other URL is refused before anything is fetched, and the default client
//     follows no redirect to plain http. Each file has its own timeout (Options.Timeout, default 15 minutes)
//     on top of the caller's context.
//   - One update at a time: a lock file <parent>/.<name>.lock is created exclusively and refreshed while the
//     update runs; a second update fails fast with ErrLocked naming the lock. A lock not refreshed for
//     StaleLock (a crashed update) is taken over. Leftover .new-*/.old-* directories of a crashed update are
//     removed under the lock.
//   - The EPSS file is stored gzip-compressed whatever the server sends (plain CSV is compressed on the way).
//     KEV is stored as sent; it must be valid JSON.
//   - Downloads run one after another in sorted order, so progress and the manifest are deterministic.
//     Time comes from Options.Now.
package update

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// DefaultBaseURL is where osv.dev publishes its exports: <base>/<Ecosystem>/all.zip and <base>/ecosystems.txt.
const DefaultBaseURL = "https://osv-vulnerabilities.storage.googleapis.com"

// Defaults for Options.
const (
	DefaultTimeout      = 15 * time.Minute
	DefaultMaxFileBytes = 8 << 30
	StaleLock           = 10 * time.Minute
	lockRefresh         = time.Minute
)

// Errors an update can fail with; the returned error wraps one of them (or the context's error, or
// *HTTPError) and names the file.
var (
	ErrLocked    = errors.New("another database update is running")
	ErrChecksum  = errors.New("checksum mismatch")
	ErrTruncated = errors.New("download truncated")
	ErrTooLarge  = errors.New("download over the size cap")
	ErrInsecure  = errors.New("only https URLs are fetched")
	ErrBadList   = errors.New("bad ecosystem list")
	ErrBadFile   = errors.New("downloaded file is not what it should be")
)

// HTTPError is a response other than 200 OK.
type HTTPError struct {
	URL    string
	Status int
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// Options configure an update. Dir is required; everything else has a default.
type Options struct {
	Dir          string                                      // the database directory to build or replace
	BaseURL      string                                      // OSV exports; default DefaultBaseURL
	Ecosystems   []string                                    // ecosystems to fetch; empty: all in <BaseURL>/ecosystems.txt
	KEVURL       string                                      // KEV catalog JSON; empty: not fetched
	EPSSURL      string                                      // EPSS CSV (plain or gzip); empty: not fetched
	Client       *http.Client                                // default: a client with TLS and header timeouts
	Timeout      time.Duration                               // per file; default DefaultTimeout
	MaxFileBytes int64                                       // per file; default DefaultMaxFileBytes
	Now          func() time.Time                            // the clock; default time.Now
	Progress     func(Progress)                              // called as bytes arrive; may be nil
	Index        func(ctx context.Context, dir string) error // builds the index in the new directory before the swap
}

// Progress reports one file's download: Done bytes of Total (-1 when the server does not say). The last
// report of a file has Done == Total.
type Progress struct {
	File  string // path inside the database, e.g. "PyPI/all.zip"
	Done  int64
	Total int64
}

// target is one file to fetch.
type target struct {
	kind, ecosystem, path, url string
}

// Update downloads a new database into opts.Dir and swaps it in; it returns the manifest written. On error
// the previous database, if any, is unchanged.
func Update(ctx context.Context, opts Options) (*Manifest, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	dir := filepath.Clean(o.Dir)
	parent, name := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("database directory: %w", err)
	}
	lk, err := acquireLock(filepath.Join(parent, "."+name+".lock"), o.Now)
	if err != nil {
		return nil, err
	}
	defer lk.release()
	removeLeftovers(parent, name)
	tmp, err := os.MkdirTemp(parent, "."+name+".new-")
	if err != nil {
		return nil, fmt.Errorf("database directory: %w", err)
	}
	m, err := o.build(ctx, tmp, lk)
	if err == nil {
		err = swap(dir, tmp, parent, name)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return m, nil
}

// build fetches every file into tmp, writes the manifest and runs the Index hook.
func (o Options) build(ctx context.Context, tmp string, lk *lock) (*Manifest, error) {
	targets, err := o.targets(ctx)
	if err != nil {
		return nil, err
	}
	m := &Manifest{Version: manifestVersion, UpdatedAt: o.Now().UTC(), Source: o.BaseURL}
	for _, t := range targets {
		f, err := o.fetch(ctx, tmp, t, lk)
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, f)
	}
	if err := writeManifest(tmp, m); err != nil {
		return nil, err
	}
	if o.Index != nil {
		if err := o.Index(ctx, tmp); err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	return m, ctx.Err()
}

func (o Options) withDefaults() (Options, error) {
	if o.Dir == "" {
		return o, errors.New("update: no database directory")
	}
	if o.BaseURL == "" {
		o.BaseURL = DefaultBaseURL
	}
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	for _, u := range []string{o.BaseURL, o.KEVURL, o.EPSSURL} {
		if err := checkURL(u); err != nil {
			return o, err
		}
	}
	if o.Client == nil {
		o.Client = defaultClient()
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxFileBytes <= 0 {
		o.MaxFileBytes = DefaultMaxFileBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

func checkURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%w: %q", ErrInsecure, raw)
	}
	return nil
}

func defaultClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSHandshakeTimeout = 15 * time.Second
	tr.ResponseHeaderTimeout = time.Minute
	return &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "https" {
			return fmt.Errorf("%w: redirect to %s", ErrInsecure, req.URL)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}}
}

// targets lists the files to fetch, sorted: ecosystem exports by name, then KEV, then EPSS.
func (o Options) targets(ctx context.Context) ([]target, error) {
	ecos := o.Ecosystems
	if len(ecos) == 0 {
		var err error
		if ecos, err = o.ecosystemList(ctx); err != nil {
			return nil, err
		}
	}
	ecos, err := cleanEcosystems(ecos)
	if err != nil {
		return nil, err
	}
	var out []target
	for _, e := range ecos {
		out = append(out, target{kind: "osv", ecosystem: e, path: e + "/all.zip",
			url: o.BaseURL + "/" + url.PathEscape(e) + "/all.zip"})
	}
	if o.KEVURL != "" {
		out = append(out, target{kind: "kev", path: "kev.json", url: o.KEVURL})
	}
	if o.EPSSURL != "" {
		out = append(out, target{kind: "epss", path: "epss.csv.gz", url: o.EPSSURL})
	}
	return out, nil
}

// cleanEcosystems trims, sorts and de-duplicates ecosystem names and refuses any that is not a safe single
// path element ("PyPI", "Debian:12" and "GitHub Actions" are; "../x" and "a/b" are not).
func cleanEcosystems(in []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, e := range in {
		e = strings.TrimSpace(e)
		if e == "" || strings.HasPrefix(e, "#") || seen[e] {
			continue
		}
		if e == "." || e == ".." || len(e) > 100 || strings.ContainsAny(e, `/\`) ||
			strings.IndexFunc(e, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
			return nil, fmt.Errorf("%w: ecosystem name %q", ErrBadList, e)
		}
		seen[e] = true
		out = append(out, e)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no ecosystems", ErrBadList)
	}
	sort.Strings(out)
	return out, nil
}
