package update

import (
	"archive/zip"
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// object is one file the fake bucket serves, and how it misbehaves.
type object struct {
	body     []byte
	status   int    // 0: 200
	md5      string // "": the right md5; "-": no x-goog-hash at all
	crc      string // "": the right crc32c
	shortBy  int    // send this many bytes fewer than Content-Length says
	stallAt  int    // >0: send this many bytes, flush, then wait for the request to end
	entered  chan struct{}
	released chan struct{} // when set, the handler waits for it before answering
}

// bucket is a fake Google Cloud Storage bucket on a loopback TLS server.
type bucket struct {
	mu      sync.Mutex
	objects map[string]*object
	srv     *httptest.Server
}

func newBucket(t testing.TB) *bucket {
	t.Helper()
	b := &bucket{objects: map[string]*object{}}
	b.srv = httptest.NewTLSServer(http.HandlerFunc(b.serve))
	t.Cleanup(b.srv.Close)
	return b
}

func (b *bucket) put(path string, o *object) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.objects[path] = o
}

func (b *bucket) serve(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	o := b.objects[r.URL.Path]
	b.mu.Unlock()
	if o == nil {
		http.NotFound(w, r)
		return
	}
	if o.entered != nil {
		close(o.entered)
	}
	if o.released != nil {
		<-o.released
	}
	if o.status != 0 {
		w.WriteHeader(o.status)
		return
	}
	sum := md5.Sum(o.body)
	md5s, crcs := base64.StdEncoding.EncodeToString(sum[:]), crc32cOf(o.body)
	if o.md5 != "" {
		md5s = o.md5
	}
	if o.crc != "" {
		crcs = o.crc
	}
	if o.md5 != "-" {
		w.Header().Set("X-Goog-Hash", "crc32c="+crcs+",md5="+md5s)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(o.body)))
	w.Header().Set("Last-Modified", "Mon, 30 Nov 2026 06:00:00 GMT")
	switch {
	case o.stallAt > 0:
		w.Write(o.body[:o.stallAt])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	case o.shortBy > 0:
		w.Write(o.body[:len(o.body)-o.shortBy])
	default:
		w.Write(o.body)
	}
}

func crc32cOf(data []byte) string {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)))
	return base64.StdEncoding.EncodeToString(b[:])
}

// zipOf makes an all.zip holding one advisory file.
func zipOf(t *testing.T, name string, content []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// standardBucket serves the fixture ecosystems (Go, PyPI, npm), ecosystems.txt, a KEV catalog and a plain
// EPSS CSV, all well-behaved.
func standardBucket(t *testing.T) *bucket {
	b := newBucket(t)
	for _, eco := range []string{"Go", "PyPI", "npm"} {
		adv, err := os.ReadFile(filepath.Join("testdata", "osv", eco+".json"))
		if err != nil {
			t.Fatal(err)
		}
		b.put("/"+eco+"/all.zip", &object{body: zipOf(t, eco+"-fixture.json", adv)})
	}
	b.put("/ecosystems.txt", &object{body: []byte("npm\nPyPI\n\nGo\nnpm\n")})
	b.put("/kev.json", &object{body: []byte(`{"catalogVersion": "2026.11.28", "count": 0, "vulnerabilities": []}` + "\n")})
	b.put("/epss.csv", &object{body: []byte("#model_version:v2025.03.14,score_date:2026-11-30T00:00:00+0000\ncve,epss,percentile\nCVE-2099-1001,0.5,0.9\n")})
	return b
}

var fixedNow = time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)

// options points an update at the bucket with the test server's client and a fixed clock.
func (b *bucket) options(dir string) Options {
	return Options{Dir: dir, BaseURL: b.srv.URL, KEVURL: b.srv.URL + "/kev.json", EPSSURL: b.srv.URL + "/epss.csv",
		Client: b.srv.Client(), Now: func() time.Time { return fixedNow }, Timeout: 5 * time.Second}
}

// snapshot reads every file under root, by slash path, so that two states can be compared byte for byte.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// entries lists a directory's names (to see leftovers and lock files beside the database).
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range des {
		out = append(out, d.Name())
	}
	return out
}

func hasPrefixAny(names []string, prefix string) bool {
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}
