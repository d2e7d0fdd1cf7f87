package update

import (
	"context"
	"crypto/rand"
	"path/filepath"
	"testing"
)

// BenchmarkUpdate downloads a 64 MiB export (PyPI's all.zip is of that order) from the loopback TLS bucket:
// TLS, hashing (md5, crc32c, SHA-256), writing, manifest and swap. Bytes/s is the end-to-end rate.
func BenchmarkUpdate(b *testing.B) {
	body := make([]byte, 64<<20)
	rand.Read(body)
	bk := newBucket(b)
	bk.put("/PyPI/all.zip", &object{body: body})
	dir := filepath.Join(b.TempDir(), "vulndb")
	opts := bk.options(dir)
	opts.Ecosystems, opts.KEVURL, opts.EPSSURL = []string{"PyPI"}, "", ""
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Update(context.Background(), opts); err != nil {
			b.Fatal(err)
		}
	}
}
