package update

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestUpdateSuccess(t *testing.T) {
	b := standardBucket(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "vulndb")
	opts := b.options(dir)
	var progress []Progress
	opts.Progress = func(p Progress) { progress = append(progress, p) }
	var indexedIn string
	opts.Index = func(ctx context.Context, d string) error {
		indexedIn = d
		if _, err := os.Stat(filepath.Join(d, "PyPI", "all.zip")); err != nil {
			t.Errorf("Index ran before the downloads: %v", err)
		}
		return os.WriteFile(filepath.Join(d, "index.bin"), []byte("index"), 0o644)
	}
	m, err := Update(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if indexedIn == dir || filepath.Dir(indexedIn) != parent {
		t.Errorf("Index ran in %s, want a new directory beside %s", indexedIn, dir)
	}
	// Layout: one export per ecosystem (the list was unsorted and had a duplicate), KEV, gzipped EPSS,
	// manifest, and what the Index hook wrote.
	got := snapshot(t, dir)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{"./", "Go/", "Go/all.zip", "PyPI/", "PyPI/all.zip", "epss.csv.gz", "index.bin", "kev.json",
		"manifest.json", "npm/", "npm/all.zip"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("database layout (-want +got):\n%s", diff)
	}
	if got["PyPI/all.zip"] != string(b.objects["/PyPI/all.zip"].body) {
		t.Error("PyPI/all.zip differs from what the server sent")
	}
	if diff := cmp.Diff(string(b.objects["/epss.csv"].body), gunzip(t, got["epss.csv.gz"])); diff != "" {
		t.Errorf("epss.csv.gz does not decompress to the CSV sent (-want +got):\n%s", diff)
	}
	if left := filterOut(entries(t, parent), "vulndb"); len(left) != 0 {
		t.Errorf("left beside the database (lock, temporary directories): %v", left)
	}
	checkManifest(t, b, dir, m, got)
	checkProgress(t, progress, map[string]int64{"Go/all.zip": int64(len(b.objects["/Go/all.zip"].body)),
		"PyPI/all.zip": int64(len(b.objects["/PyPI/all.zip"].body)), "npm/all.zip": int64(len(b.objects["/npm/all.zip"].body)),
		"kev.json": int64(len(b.objects["/kev.json"].body)), "epss.csv.gz": int64(len(b.objects["/epss.csv"].body))})
}

func checkManifest(t *testing.T, b *bucket, dir string, m *Manifest, files map[string]string) {
	t.Helper()
	onDisk, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, onDisk); diff != "" {
		t.Errorf("manifest returned and written differ (-returned +disk):\n%s", diff)
	}
	if !m.UpdatedAt.Equal(fixedNow) || m.Source != b.srv.URL || m.Version != 1 {
		t.Errorf("manifest header: %v %q %d", m.UpdatedAt, m.Source, m.Version)
	}
	var paths []string
	for _, f := range m.Files {
		paths = append(paths, f.Path+" "+f.Kind+" "+f.Ecosystem+" "+f.Verified)
		sum := sha256.Sum256([]byte(files[f.Path]))
		if f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(files[f.Path])) {
			t.Errorf("%s: manifest says %d bytes, sha256 %s; the file disagrees", f.Path, f.Size, f.SHA256)
		}
		if f.LastModified == "" || !strings.HasPrefix(f.URL, b.srv.URL+"/") {
			t.Errorf("%s: url %q, last modified %q", f.Path, f.URL, f.LastModified)
		}
	}
	want := []string{"Go/all.zip osv Go md5, crc32c, length", "PyPI/all.zip osv PyPI md5, crc32c, length",
		"npm/all.zip osv npm md5, crc32c, length", "kev.json kev  md5, crc32c, length", "epss.csv.gz epss  md5, crc32c, length"}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("manifest files (-want +got):\n%s", diff)
	}
}

// checkProgress: per file, reports only grow and the last one is Done == Total == the size sent.
func checkProgress(t *testing.T, ps []Progress, sizes map[string]int64) {
	t.Helper()
	last := map[string]Progress{}
	for _, p := range ps {
		if prev, ok := last[p.File]; ok && p.Done < prev.Done {
			t.Errorf("%s: progress went back from %d to %d", p.File, prev.Done, p.Done)
		}
		last[p.File] = p
	}
	for file, size := range sizes {
		if p := last[file]; p.Done != size || p.Total != size {
			t.Errorf("%s: last progress %+v, want %d of %d", file, p, size, size)
		}
	}
}

func gunzip(t *testing.T, s string) string {
	t.Helper()
	zr, err := gzip.NewReader(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func filterOut(names []string, drop string) []string {
	var out []string
	for _, n := range names {
		if n != drop {
			out = append(out, n)
		}
	}
	return out
}

// TestUpdateFailureKeepsOld breaks one thing at a time after a good first update and checks that the update
// fails with the right error, the previous database is byte-identical, and nothing is left beside it.
func TestUpdateFailureKeepsOld(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(b *bucket, o *Options)
		want   error
		says   string
	}{
		{"md5 mismatch", func(b *bucket, o *Options) {
			b.objects["/PyPI/all.zip"].md5 = "AAAAAAAAAAAAAAAAAAAAAA=="
		}, ErrChecksum, "PyPI/all.zip"},
		{"crc32c mismatch", func(b *bucket, o *Options) { b.objects["/npm/all.zip"].crc = "AAAAAA==" }, ErrChecksum, "crc32c"},
		{"unreadable x-goog-hash", func(b *bucket, o *Options) { b.objects["/Go/all.zip"].md5 = "%%%" }, ErrChecksum, "unreadable"},
		{"truncated body", func(b *bucket, o *Options) { b.objects["/npm/all.zip"].shortBy = 7 }, ErrTruncated, "npm/all.zip"},
		{"404 of one ecosystem", func(b *bucket, o *Options) { delete(b.objects, "/PyPI/all.zip") }, nil, "404"},
		{"ecosystem list missing", func(b *bucket, o *Options) { delete(b.objects, "/ecosystems.txt") }, nil, "ecosystems.txt"},
		{"bad ecosystem name", func(b *bucket, o *Options) { b.objects["/ecosystems.txt"].body = []byte("PyPI\n../etc\n") }, ErrBadList, "../etc"},
		{"KEV not JSON", func(b *bucket, o *Options) { b.objects["/kev.json"].body = []byte("<html>") }, ErrBadFile, "kev.json"},
		{"over the size cap", func(b *bucket, o *Options) { o.MaxFileBytes = 100 }, ErrTooLarge, "cap"},
		{"index fails", func(b *bucket, o *Options) {
			o.Index = func(context.Context, string) error { return errors.New("disk full") }
		}, nil, "index: disk full"},
		{"timeout", func(b *bucket, o *Options) { b.objects["/Go/all.zip"].stallAt = 10; o.Timeout = 200 * time.Millisecond },
			context.DeadlineExceeded, "Go/all.zip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := standardBucket(t)
			parent := t.TempDir()
			dir := filepath.Join(parent, "vulndb")
			if _, err := Update(context.Background(), b.options(dir)); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, dir)
			b.objects["/PyPI/all.zip"].body = append([]byte(nil), b.objects["/Go/all.zip"].body...) // new content
			opts := b.options(dir)
			tt.break_(b, &opts)
			m, err := Update(context.Background(), opts)
			if err == nil || m != nil {
				t.Fatalf("Update succeeded: %v", m)
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
			var he *HTTPError
			if tt.name == "404 of one ecosystem" && (!errors.As(err, &he) || he.Status != 404) {
				t.Errorf("error %v, want an HTTPError 404", err)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
			if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
				t.Errorf("previous database changed (-before +after):\n%s", diff)
			}
			if left := filterOut(entries(t, parent), "vulndb"); len(left) != 0 {
				t.Errorf("left beside the database: %v", left)
			}
		})
	}
}

func TestUpdateCancel(t *testing.T) {
	b := standardBucket(t)
	b.objects["/PyPI/all.zip"].body = bytes.Repeat([]byte("x"), 1<<20)
	b.objects["/PyPI/all.zip"].stallAt = 1000
	dir := filepath.Join(t.TempDir(), "vulndb")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := b.options(dir)
	opts.Progress = func(p Progress) {
		if p.File == "PyPI/all.zip" && p.Done > 0 {
			cancel() // the user pressed ^C mid-download
		}
	}
	_, err := Update(ctx, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if left := entries(t, filepath.Dir(dir)); len(left) != 0 {
		t.Errorf("a cancelled first update left %v", left)
	}
}

func TestUpdateLock(t *testing.T) {
	b := standardBucket(t)
	entered, release := make(chan struct{}), make(chan struct{})
	b.objects["/Go/all.zip"].entered, b.objects["/Go/all.zip"].released = entered, release
	dir := filepath.Join(t.TempDir(), "vulndb")
	first := make(chan error, 1)
	go func() {
		_, err := Update(context.Background(), b.options(dir))
		first <- err
	}()
	<-entered // the first update is downloading
	_, err := Update(context.Background(), b.options(dir))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), ".vulndb.lock") {
		t.Errorf("second update: %v, want ErrLocked naming the lock", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatalf("first update: %v", err)
	}
	b.objects["/Go/all.zip"].entered, b.objects["/Go/all.zip"].released = nil, nil
	if _, err := Update(context.Background(), b.options(dir)); err != nil {
		t.Errorf("update after the lock was released: %v", err)
	}
}

func TestUpdateStaleLock(t *testing.T) {
	b := standardBucket(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "vulndb")
	lockPath := filepath.Join(parent, ".vulndb.lock")
	// A crashed update left its lock, a half-downloaded directory and an old one behind.
	for _, d := range []string{".vulndb.new-123", ".vulndb.old-456"} {
		if err := os.MkdirAll(filepath.Join(parent, d, "PyPI"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(lockPath, []byte("pid 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := b.options(dir)
	fresh := fixedNow.Add(-StaleLock / 2)
	os.Chtimes(lockPath, fresh, fresh)
	if _, err := Update(context.Background(), opts); !errors.Is(err, ErrLocked) {
		t.Fatalf("fresh lock: %v, want ErrLocked", err)
	}
	stale := fixedNow.Add(-2 * StaleLock)
	os.Chtimes(lockPath, stale, stale)
	if _, err := Update(context.Background(), opts); err != nil {
		t.Fatalf("stale lock: %v", err)
	}
	if diff := cmp.Diff([]string{"vulndb"}, entries(t, parent)); diff != "" {
		t.Errorf("after taking over a stale lock (-want +got):\n%s", diff)
	}
}

func TestUpdateOptions(t *testing.T) {
	b := standardBucket(t)
	dir := filepath.Join(t.TempDir(), "vulndb")
	tests := []struct {
		name string
		edit func(o *Options)
		want error
	}{
		{"http base URL", func(o *Options) { o.BaseURL = "http://osv.example" }, ErrInsecure},
		{"file KEV URL", func(o *Options) { o.KEVURL = "file:///etc/passwd" }, ErrInsecure},
		{"no ecosystems", func(o *Options) { o.Ecosystems = []string{" ", "# none"} }, ErrBadList},
		{"ecosystem with a slash", func(o *Options) { o.Ecosystems = []string{"PyPI/../../x"} }, ErrBadList},
	}
	for _, tt := range tests {
		opts := b.options(dir)
		tt.edit(&opts)
		if _, err := Update(context.Background(), opts); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := Update(context.Background(), Options{}); err == nil {
		t.Error("no directory: no error")
	}
	// Given ecosystems are fetched without ecosystems.txt, and KEV/EPSS are optional.
	delete(b.objects, "/ecosystems.txt")
	opts := b.options(dir)
	opts.Ecosystems, opts.KEVURL, opts.EPSSURL = []string{"PyPI"}, "", ""
	m, err := Update(context.Background(), opts)
	if err != nil || len(m.Files) != 1 || m.Files[0].Path != "PyPI/all.zip" {
		t.Fatalf("one ecosystem: %v, %+v", err, m)
	}
}

func TestServerSums(t *testing.T) {
	// No x-goog-hash: only the length is checked; a gzip-encoded body is not checked against the stored md5.
	b := standardBucket(t)
	b.objects["/npm/all.zip"].md5 = "-"
	dir := filepath.Join(t.TempDir(), "vulndb")
	m, err := Update(context.Background(), b.options(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		if f.Path == "npm/all.zip" && (f.Verified != "length" || f.MD5 != "") {
			t.Errorf("npm without x-goog-hash: verified %q, md5 %q", f.Verified, f.MD5)
		}
	}
}

func TestReadManifestErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadManifest(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no manifest: %v", err)
	}
	os.WriteFile(filepath.Join(dir, ManifestName), []byte(`{"version": 2}`), 0o644)
	if _, err := ReadManifest(dir); err == nil || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("future manifest: %v", err)
	}
	os.WriteFile(filepath.Join(dir, ManifestName), []byte(`{`), 0o644)
	if _, err := ReadManifest(dir); err == nil {
		t.Error("broken manifest: no error")
	}
}

func TestVerify(t *testing.T) {
	b := standardBucket(t)
	dir := filepath.Join(t.TempDir(), "vulndb")
	if _, err := Update(context.Background(), b.options(dir)); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(dir); err != nil {
		t.Fatalf("fresh database: %v", err)
	}
	// One byte changed in one file, another file removed: both named.
	zipPath := filepath.Join(dir, "PyPI", "all.zip")
	data, _ := os.ReadFile(zipPath)
	data[len(data)/2] ^= 0xff
	os.WriteFile(zipPath, data, 0o644)
	os.Remove(filepath.Join(dir, "kev.json"))
	_, err := Verify(dir)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "PyPI/all.zip: sha256 differs") ||
		!strings.Contains(err.Error(), "kev.json: open") {
		t.Errorf("Verify: %v", err)
	}
}

func TestRedirectToHTTPRefused(t *testing.T) {
	c := defaultClient()
	req, _ := http.NewRequest(http.MethodGet, "http://osv.example/PyPI/all.zip", nil)
	if err := c.CheckRedirect(req, nil); !errors.Is(err, ErrInsecure) {
		t.Errorf("redirect to http: %v, want ErrInsecure", err)
	}
}
