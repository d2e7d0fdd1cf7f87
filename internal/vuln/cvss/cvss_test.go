package cvss

import (
	"bufio"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// knownScore is one line of testdata/scores.txt.
type knownScore struct {
	line     int
	vector   string
	score    float64
	severity string
}

func readKnownScores(t testing.TB) []knownScore {
	t.Helper()
	f, err := os.Open("testdata/scores.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []knownScore
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) != 3 {
			t.Fatalf("scores.txt:%d: want VECTOR SCORE SEVERITY, got %q", n, line)
		}
		s, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			t.Fatalf("scores.txt:%d: %v", n, err)
		}
		out = append(out, knownScore{n, fields[0], s, fields[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestKnownScores(t *testing.T) {
	for _, k := range readKnownScores(t) {
		v, err := Parse(k.vector)
		if err != nil {
			t.Errorf("scores.txt:%d: Parse(%q): %v", k.line, k.vector, err)
			continue
		}
		if got := v.Score(); got != k.score {
			t.Errorf("scores.txt:%d: %s: score %.1f, want %.1f", k.line, k.vector, got, k.score)
		}
		if got := v.Severity(); got != k.severity {
			t.Errorf("scores.txt:%d: %s: severity %q, want %q", k.line, k.vector, got, k.severity)
		}
	}
}

func TestVersionAndString(t *testing.T) {
	tests := []struct {
		in, version, canonical string
	}{
		{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{"  CVSS:3.0/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N\n", "3.0", "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
		{"CVSS:4.0/SA:N/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/U:Amber/E:P", "4.0",
			"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/U:Amber"},
		{"AV:N/AC:L/Au:N/C:P/I:P/A:P", "2.0", "AV:N/AC:L/Au:N/C:P/I:P/A:P"},
	}
	for _, tt := range tests {
		v, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		got := []string{v.Version(), v.String()}
		if diff := cmp.Diff([]string{tt.version, tt.canonical}, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tt.in, diff)
		}
		// The canonical form parses back to the same vector.
		again, err := Parse(v.String())
		if err != nil || again.String() != v.String() || again.Score() != v.Score() {
			t.Errorf("round trip of %q: %v, %q", v.String(), err, again.String())
		}
	}
}

func TestMetric(t *testing.T) {
	v, err := Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{v.Metric("AV"), v.Metric("E"), v.Metric("CR")}
	if diff := cmp.Diff([]string{"N", "U", ""}, got); diff != "" {
		t.Errorf("Metric (-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
		says     string // a phrase the message must contain
	}{
		{"empty", "", ErrMalformed, "empty"},
		{"unknown version", "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrPrefix, `"CVSS:3.2"`},
		{"prefix without slash", "CVSS:3.1AV:N", ErrPrefix, "CVSS:3.1AV:N"},
		{"prefix is case-sensitive", "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrPrefix, `"cvss:3.1"`},
		{"v3 body without prefix", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrUnknown, `"PR"`},
		{"second prefix", "CVSS:3.1/CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrPrefix, "middle"},
		{"unknown metric", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y", ErrUnknown, `"XX"`},
		{"v4 metric in v3", "CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrUnknown, `"AT"`},
		{"duplicate", "CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrDuplicate, `"AV"`},
		{"duplicate, same value", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N", ErrDuplicate, `"SA"`},
		{"bad value", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrValue, "AV:X"},
		{"values are case-sensitive", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red", ErrValue, "U:red"},
		{"MSI:S only as a modified metric", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", ErrValue, "SI:S"},
		{"missing base metrics", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H", ErrMissing, "S, A"},
		{"missing v4 base metric", "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", ErrMissing, "AT"},
		{"missing v2 base metric", "AV:N/AC:L/C:P/I:P/A:P", ErrMissing, "Au"},
		{"trailing slash", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", ErrMalformed, `""`},
		{"empty component", "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrMalformed, "METRIC:VALUE"},
		{"no value", "CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ErrMalformed, `"AV:"`},
		{"prefix only", "CVSS:4.0/", ErrMalformed, `""`},
		{"too long", "CVSS:3.1/" + strings.Repeat("AV:N/", 300), ErrMalformed, "bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse(tt.in)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse(%q) = %v, %v; want %v", tt.in, v, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("error %q does not say %q", err, tt.says)
			}
			if v.Version() != "" || v.Score() != 0 || v.String() != "" || v.Severity() != "unknown" {
				t.Errorf("failed Parse returned a usable vector %+v", v)
			}
		})
	}
}

func TestRating(t *testing.T) {
	tests := []struct {
		score float64
		want  string
	}{
		{0, "none"}, {0.1, "low"}, {3.9, "low"}, {4.0, "medium"}, {6.9, "medium"}, {7.0, "high"}, {8.9, "high"},
		{9.0, "critical"}, {10, "critical"}, {-0.1, "unknown"}, {10.1, "unknown"}, {math.NaN(), "unknown"},
	}
	for _, tt := range tests {
		if got := Rating(tt.score); got != tt.want {
			t.Errorf("Rating(%v) = %q, want %q", tt.score, got, tt.want)
		}
	}
}

// TestMacroTableComplete checks the transcribed v4.0 table: every reachable macro vector has a score, the
// scores lie in 0–10, and a macro vector never scores above the one a level more severe in any EQ (the
// table's defining property; a typo usually breaks it).
func TestMacroTableComplete(t *testing.T) {
	eq36 := [][2]int{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 1}}
	n := 0
	for e1 := 0; e1 < 3; e1++ {
		for e2 := 0; e2 < 2; e2++ {
			for _, e := range eq36 {
				for e4 := 0; e4 < 3; e4++ {
					for e5 := 0; e5 < 3; e5++ {
						eq := [6]int{e1, e2, e[0], e4, e5, e[1]}
						s, ok := macroScores[macroKey(eq)]
						if !ok || s < 0 || s > 10 {
							t.Errorf("macro vector %s: %v, %v", macroKey(eq), s, ok)
						}
						n++
						for i, lower := range nextLowerScores(eq) {
							if lower > s {
								t.Errorf("macro vector %s scores %.1f, below its lower neighbour %d (%.1f)", macroKey(eq), s, i, lower)
							}
						}
					}
				}
			}
		}
	}
	if n != len(macroScores) {
		t.Errorf("%d reachable macro vectors, table has %d", n, len(macroScores))
	}
}

func BenchmarkParseScore(b *testing.B) {
	vectors := []string{
		"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
		"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:A/VC:L/VI:H/VA:H/SC:N/SI:H/SA:H",
		"AV:N/AC:M/Au:N/C:N/I:P/A:N",
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		v, err := Parse(vectors[i%len(vectors)])
		if err != nil {
			b.Fatal(err)
		}
		_ = v.Score()
	}
}
