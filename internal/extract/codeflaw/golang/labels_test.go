package golang

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/seam-sec/seam/internal/extract/codeflaw/flaw"
)

// The labelled set: testdata/labelled holds realistic handlers, each sink line marked "// want: <class>"
// (a flaw the detector must report there) or "// safe: <why>" (it must not). A finding on a line without a
// matching want is a false positive; a want without a finding is a false negative.

var labelRE = regexp.MustCompile(`//\s*(want|safe):\s*(.*)$`)

type label struct {
	file  string
	line  int
	class flaw.Class // "" for safe
}

// score is the detector's result over the labelled set.
type score struct {
	tp, fp, fn int
	falsePos   []string
	falseNeg   []string
	perClass   map[flaw.Class][3]int // tp, fp, fn
	vulnerable int
	safe       int
}

func (s score) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s score) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func readLabels(t *testing.T, path string) (src []byte, labels []label) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(src), "\n") {
		m := labelRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		lb := label{file: filepath.Base(path), line: i + 1}
		if m[1] == "want" {
			lb.class = flaw.Class(strings.TrimSpace(m[2]))
			if flaw.CWE[lb.class] == "" {
				t.Fatalf("%s:%d: unknown class %q", path, i+1, lb.class)
			}
		}
		labels = append(labels, lb)
	}
	return src, labels
}

func scoreLabelled(t *testing.T) score {
	t.Helper()
	paths, err := filepath.Glob("testdata/labelled/*.go")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no labelled fixtures: %v", err)
	}
	sort.Strings(paths)
	s := score{perClass: map[flaw.Class][3]int{}}
	bump := func(c flaw.Class, i int) { v := s.perClass[c]; v[i]++; s.perClass[c] = v }
	for _, p := range paths {
		src, labels := readLabels(t, p)
		findings, problems := New().Detect(filepath.Base(p), src)
		if len(problems) > 0 {
			t.Errorf("%s: problems %v", p, problems)
		}
		want := map[string]flaw.Class{}
		for _, l := range labels {
			if l.class == "" {
				s.safe++
				continue
			}
			s.vulnerable++
			want[fmt.Sprintf("%s:%d", l.file, l.line)] = l.class
		}
		found := map[string]bool{}
		for _, f := range findings {
			at := fmt.Sprintf("%s:%d", f.File, f.Line)
			if want[at] == f.Class {
				s.tp++
				bump(f.Class, 0)
				found[at] = true
				continue
			}
			s.fp++
			bump(f.Class, 1)
			s.falsePos = append(s.falsePos, fmt.Sprintf("%s %s (%s)", at, f.Class, f.Function))
		}
		for _, l := range labels {
			at := fmt.Sprintf("%s:%d", l.file, l.line)
			if l.class != "" && !found[at] {
				s.fn++
				bump(l.class, 2)
				s.falseNeg = append(s.falseNeg, fmt.Sprintf("%s %s", at, l.class))
			}
		}
	}
	return s
}

// TestLabelledPrecisionRecall measures the detector over the labelled set and fails below 0.9 precision or
// 0.8 recall. The set holds one known false positive and one known false negative (nethttp_helpers.go).
func TestLabelledPrecisionRecall(t *testing.T) {
	s := scoreLabelled(t)
	if s.vulnerable < 12 || s.safe < 12 {
		t.Fatalf("the set needs at least 12 vulnerable and 12 safe sinks, has %d and %d", s.vulnerable, s.safe)
	}
	t.Logf("labelled set: %d vulnerable and %d safe sinks; TP %d FP %d FN %d; precision %.3f recall %.3f",
		s.vulnerable, s.safe, s.tp, s.fp, s.fn, s.precision(), s.recall())
	for _, c := range flaw.Classes() {
		if v, ok := s.perClass[c]; ok {
			t.Logf("  %-18s TP %2d FP %2d FN %2d", c, v[0], v[1], v[2])
		}
	}
	for _, x := range s.falsePos {
		t.Logf("  false positive: %s", x)
	}
	for _, x := range s.falseNeg {
		t.Logf("  false negative: %s", x)
	}
	if s.precision() < 0.9 {
		t.Errorf("precision %.3f < 0.9", s.precision())
	}
	if s.recall() < 0.8 {
		t.Errorf("recall %.3f < 0.8", s.recall())
	}
}
