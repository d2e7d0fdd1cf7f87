package golang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// FuzzDetect runs the detector without its recover safety net over mutations of the labelled fixtures:
// malformed Go must give problems, never a panic, and every finding must be well formed.
func FuzzDetect(f *testing.F) {
	paths, _ := filepath.Glob("testdata/labelled/*.go")
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("package p\nfunc H(w http.ResponseWriter, r *http.Request) { for { switch { case"))
	f.Add([]byte("package p\nvar x = func(c *gin.Context) { c.File(c.Query(\"f\")) }\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		findings, problems := detect("f.go", src)
		for _, p := range problems {
			if p.Line < 1 || p.Message == "" {
				t.Errorf("bad problem %+v", p)
			}
			if strings.HasPrefix(p.Message, "Go syntax error") && len(findings) > 0 {
				t.Errorf("findings in a file that does not parse")
			}
		}
		for i, fd := range findings {
			if fd.Line < 1 || fd.SourceLine < 1 || !strings.HasPrefix(fd.Rule, "go-"+string(fd.Class)+"-") ||
				flaw.CWE[fd.Class] == "" || fd.Function == "" || fd.Sink == "" {
				t.Errorf("bad finding %+v", fd)
			}
			if i > 0 && findings[i-1].Line > fd.Line {
				t.Errorf("findings not sorted by line")
			}
		}
	})
}
