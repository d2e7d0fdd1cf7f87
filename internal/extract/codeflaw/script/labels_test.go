package script

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// The labelled fixture set: every file under testdata/<language>/ marks each line where request input
// reaches a sink with "want: <class>[, <class>]", and each line that looks like a sink but is safe with
// "safe: <reason>". The tests below score the detector against those labels.

// labelRe matches a label comment in any of the three languages.
var labelRe = regexp.MustCompile(`(?://|#)\s*(want|safe):\s*(.*)$`)

// hit is one (file, line, class) answer.
type hit struct {
	file  string
	line  int
	class flaw.Class
}

// fixture is one labelled file.
type fixture struct {
	lang  string // js, python, php
	path  string // relative to testdata, as the detector is given it
	src   []byte
	want  map[hit]bool
	safes int
}

// loadFixtures reads every labelled file under testdata/<lang>.
func loadFixtures(t testing.TB) []fixture {
	t.Helper()
	var out []fixture
	for _, lang := range []string{"js", "python", "php"} {
		root := filepath.Join("testdata", lang)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel("testdata", p)
			f := fixture{lang: lang, path: filepath.ToSlash(rel), src: src, want: map[hit]bool{}}
			for i, line := range strings.Split(string(src), "\n") {
				m := labelRe.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				if m[1] == "safe" {
					f.safes++
					continue
				}
				for _, c := range strings.Split(m[2], ",") {
					f.want[hit{f.path, i + 1, flaw.Class(strings.TrimSpace(c))}] = true
				}
			}
			out = append(out, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// score counts true positives, false positives and false negatives of one fixture.
type score struct{ tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

func (s *score) add(o score) { s.tp, s.fp, s.fn = s.tp+o.tp, s.fp+o.fp, s.fn+o.fn }

// scoreFixture runs the detector on a fixture and compares with its labels; misses lists what went wrong.
func scoreFixture(f fixture) (score, []string) {
	findings, _ := New().Detect(f.path, f.src)
	got := map[hit]bool{}
	for _, fd := range findings {
		got[hit{f.path, fd.Line, fd.Class}] = true
	}
	var s score
	var misses []string
	for h := range got {
		if f.want[h] {
			s.tp++
		} else {
			s.fp++
			misses = append(misses, fmt.Sprintf("false positive %s:%d %s", h.file, h.line, h.class))
		}
	}
	for h := range f.want {
		if !got[h] {
			s.fn++
			misses = append(misses, fmt.Sprintf("missed %s:%d %s", h.file, h.line, h.class))
		}
	}
	sort.Strings(misses)
	return s, misses
}

// TestPrecisionRecall scores the detector on the labelled fixtures, per language and overall, and fails
// below 0.85 precision or 0.8 recall. It also checks the fixture set is as large as promised: at least 9
// vulnerable and 9 safe sinks per language, 30 of each overall.
func TestPrecisionRecall(t *testing.T) {
	per := map[string]*score{"js": {}, "python": {}, "php": {}}
	wants, safes := map[string]int{}, map[string]int{}
	var all score
	for _, f := range loadFixtures(t) {
		s, misses := scoreFixture(f)
		per[f.lang].add(s)
		all.add(s)
		wants[f.lang] += len(f.want)
		safes[f.lang] += f.safes
		for _, m := range misses {
			t.Log(m)
		}
	}
	totalWant, totalSafe := 0, 0
	for _, lang := range []string{"js", "python", "php"} {
		s := per[lang]
		t.Logf("%-6s vulnerable=%d safe=%d tp=%d fp=%d fn=%d precision=%.3f recall=%.3f", lang, wants[lang], safes[lang],
			s.tp, s.fp, s.fn, s.precision(), s.recall())
		if wants[lang] < 9 || safes[lang] < 9 {
			t.Errorf("%s: %d vulnerable and %d safe labels, want at least 9 of each", lang, wants[lang], safes[lang])
		}
		if s.precision() < 0.85 || s.recall() < 0.8 {
			t.Errorf("%s: precision %.3f, recall %.3f; want at least 0.85 and 0.8", lang, s.precision(), s.recall())
		}
		totalWant += wants[lang]
		totalSafe += safes[lang]
	}
	t.Logf("all    vulnerable=%d safe=%d tp=%d fp=%d fn=%d precision=%.3f recall=%.3f", totalWant, totalSafe,
		all.tp, all.fp, all.fn, all.precision(), all.recall())
	if totalWant < 30 || totalSafe < 30 {
		t.Errorf("%d vulnerable and %d safe labels in all, want at least 30 of each", totalWant, totalSafe)
	}
	if all.precision() < 0.85 || all.recall() < 0.8 {
		t.Errorf("overall precision %.3f, recall %.3f; want at least 0.85 and 0.8", all.precision(), all.recall())
	}
}
