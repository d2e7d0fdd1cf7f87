package policy

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReadTarGz feeds arbitrary bytes to the bundle reader: it must return a file system or an error, never
// panic, and never hold a name that leaves the bundle. Seeds: the organisation bundle fixture packed, and the
// hostile archives of TestHostileBundles.
func FuzzReadTarGz(f *testing.F) {
	var entries [][2]string
	for _, name := range []string{"controls/owner_tag.rego", "lib/tags.rego"} {
		data, err := os.ReadFile(filepath.Join("testdata/bundle/org", name))
		if err != nil {
			f.Fatal(err)
		}
		entries = append(entries, [2]string{name, string(data)})
	}
	f.Add(tarGz(f, entries))
	f.Add(tarGz(f, [][2]string{{"../escape.rego", "package x\n"}}))
	f.Add(tarGz(f, [][2]string{{"lib.rego", "->/etc/passwd"}}))
	f.Add([]byte("not gzip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys, err := readTarGz(bytes.NewReader(data), 1<<20)
		if err != nil {
			return
		}
		fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !fs.ValidPath(p) {
				t.Errorf("bundle holds %q, which is not a valid path inside it", p)
			}
			return nil
		})
	})
}
