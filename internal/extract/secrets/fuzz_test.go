package secrets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/model"
)

// FuzzParseBaseline feeds the baseline parser arbitrary text, seeded from testdata/baseline: it must never
// panic, every diagnostic must carry the file, and every entry it keeps must be well formed.
func FuzzParseBaseline(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/baseline/*.yaml")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("accepted:\n  - fingerprint: sha256:0123456789abcdef\n    reason: x\n    expires: 2027-01-01\n"))
	f.Add([]byte("accepted: {a: b}\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, ds := ParseBaseline("b.yaml", data)
		for _, d := range ds {
			if d.File != "b.yaml" || d.Message == "" {
				t.Fatalf("diagnostic without file or message: %+v", d)
			}
			if d.Severity != model.SeverityError && d.Severity != model.SeverityWarning && d.Severity != model.SeverityInfo {
				t.Fatalf("bad severity %q", d.Severity)
			}
		}
		for _, e := range b.Entries {
			if !fingerprintPattern.MatchString(e.Fingerprint) || strings.TrimSpace(e.Reason) == "" {
				t.Fatalf("malformed entry kept: %+v", e)
			}
		}
	})
}

// FuzzFind feeds the finder arbitrary file text: no panic, and every finding's line and column lie in the
// text.
func FuzzFind(f *testing.F) {
	f.Add("app.env", "DB_PASSWORD=TcEokd5ihu9lEmJc\n")
	f.Add("main.tf", "resource \"aws_db_instance\" \"x\" {\n  password = \"1Aw71l33SCx9vHjHkm1x\"\n}\n")
	f.Add("k.yaml", "kind: Config\nclusters:\n- cluster:\n    server: https://x\nusers:\n- user:\n    token: 5KyBBoFsETyy926kMMqVtFqAbu8tF7sjEbhQN9Cp")
	d, err := sharedDetector()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		if name == "" || strings.ContainsAny(name, "\x00") {
			return
		}
		lines := strings.Count(text, "\n") + 1
		for _, fd := range findFile(d, name, text) {
			if fd.line < 1 || fd.line > lines || fd.column < 1 || fd.endLine < fd.line {
				t.Fatalf("finding out of the text: %+v", fd)
			}
		}
	})
}
