package update

import (
	"net/http"
	"sort"
	"strings"
	"testing"
)

// FuzzEcosystemList: whatever ecosystems.txt holds, the names kept are sorted, unique, and safe as one path
// element of the database directory.
func FuzzEcosystemList(f *testing.F) {
	f.Add("npm\nPyPI\n\nGo\nnpm\n")
	f.Add("Debian:12\nGitHub Actions\ncrates.io\n")
	f.Add("../etc\n")
	f.Add("a\x00b\n")
	f.Fuzz(func(t *testing.T, list string) {
		names, err := cleanEcosystems(strings.Split(list, "\n"))
		if err != nil {
			return
		}
		if !sort.StringsAreSorted(names) {
			t.Fatalf("not sorted: %q", names)
		}
		for i, n := range names {
			if n == "" || n == "." || n == ".." || strings.ContainsAny(n, "/\\\x00") || (i > 0 && names[i-1] == n) {
				t.Fatalf("unsafe or repeated name %q in %q", n, names)
			}
		}
	})
}

// FuzzServerSums: any x-goog-hash header is read or refused without panic; what is read has the right sizes.
func FuzzServerSums(f *testing.F) {
	f.Add("crc32c=n03x6A==,md5=Ojk9c3dhfxgoKVVHYwFbHQ==")
	f.Add("md5=%%%")
	f.Add("crc32c=AAAA")
	f.Fuzz(func(t *testing.T, header string) {
		resp := &http.Response{Header: http.Header{"X-Goog-Hash": {header}}}
		s, err := serverSums(resp)
		if err != nil {
			return
		}
		if (s.md5 != nil && len(s.md5) != 16) || (s.crc32c != nil && len(s.crc32c) != 4) {
			t.Fatalf("%q read as md5 %x, crc32c %x", header, s.md5, s.crc32c)
		}
	})
}
