package vuln

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The benchmarks run against a generated database of 300,000 advisories in osv.dev's layout (one all.zip per
// ecosystem) and 50,000 installed packages:
//
//	go test ./internal/vuln -run '^$' -bench . -benchtime 1x
//
// BenchmarkBuild measures building the index; BenchmarkOpenMatch opening the built index and matching every
// package (what a scan pays); BenchmarkParseAndMatch the straightforward way (parse every advisory, then match)
// for the ratio.
const (
	benchAdvisories = 300_000
	benchPackages   = 50_000
)

// benchEcosystems is the mix of the generated database, roughly osv.dev's proportions of library ecosystems
// and one distribution.
var benchEcosystems = []struct {
	eco    string
	weight int
	ver    func(r *rand.Rand) string
}{
	{"npm", 25, semverGen}, {"PyPI", 15, pep440Gen}, {"Maven", 15, semverGen}, {"Go", 10, semverGen},
	{"Debian:12", 15, debianGen}, {"RubyGems", 5, semverGen}, {"crates.io", 5, semverGen},
	{"Packagist", 5, semverGen}, {"NuGet", 5, semverGen},
}

func semverGen(r *rand.Rand) string {
	return fmt.Sprintf("%d.%d.%d", r.Intn(6), r.Intn(20), r.Intn(30))
}

func pep440Gen(r *rand.Rand) string {
	if r.Intn(10) == 0 {
		return fmt.Sprintf("%d.%d.%drc%d", r.Intn(6), r.Intn(20), r.Intn(30), r.Intn(3))
	}
	return semverGen(r)
}

func debianGen(r *rand.Rand) string {
	return fmt.Sprintf("%d.%d.%d-%d+deb12u%d", r.Intn(6), r.Intn(20), r.Intn(30), r.Intn(3), r.Intn(4))
}

type benchData struct {
	dir   string
	pkgs  []Package
	index string
}

var (
	benchOnce sync.Once
	bench     benchData
)

// benchName gives the i-th package name of an ecosystem in its own style.
func benchName(eco string, i int) string {
	switch baseEcosystem(eco) {
	case "Maven":
		return fmt.Sprintf("org.example%d:lib-%d", i%500, i)
	case "Go":
		return fmt.Sprintf("github.com/example%d/mod%d", i%700, i)
	case "Packagist":
		return fmt.Sprintf("vendor%d/package-%d", i%300, i)
	case "npm":
		if i%4 == 0 {
			return fmt.Sprintf("@scope%d/pkg-%d", i%200, i)
		}
	}
	return fmt.Sprintf("package-%d", i)
}

// genAdvisory writes one realistic advisory: one or two affected entries, one or two introduced/fixed pairs,
// a CVE alias shared with a neighbour a third of the time, a few hundred bytes of details.
func genAdvisory(r *rand.Rand, i int, eco string, ver func(*rand.Rand) string, names int) map[string]any {
	id := fmt.Sprintf("GHSA-gen-%06d", i)
	aliases := []string{fmt.Sprintf("CVE-2099-%06d", i-i%3*r.Intn(2))}
	var affected []any
	for range 1 + r.Intn(2) {
		a, b := ver(r), ver(r)
		if c, _ := parseVersion(eco, rangeEcosystem, a); c != nil {
			if d, _ := parseVersion(eco, rangeEcosystem, b); d != nil {
				if x, _ := c.Compare(d); x > 0 {
					a, b = b, a
				}
			}
		}
		events := []any{map[string]string{"introduced": "0"}, map[string]string{"fixed": a}}
		if r.Intn(3) == 0 {
			events = append(events, map[string]string{"introduced": b}, map[string]string{"fixed": b + ".1"})
		}
		affected = append(affected, map[string]any{
			"package": map[string]string{"ecosystem": eco, "name": benchName(eco, r.Intn(names))},
			"ranges":  []any{map[string]any{"type": "ECOSYSTEM", "events": events}},
		})
	}
	return map[string]any{
		"schema_version": "1.6.0", "id": id, "aliases": aliases,
		"modified": "2099-02-01T00:00:00Z", "published": "2099-01-01T00:00:00Z",
		"summary":           "Generated advisory " + id + " for the index benchmark",
		"details":           strings.Repeat("A generated description of a fictional weakness, long as real ones are. ", 5),
		"affected":          affected,
		"severity":          []any{map[string]string{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}},
		"references":        []any{map[string]string{"type": "WEB", "url": "https://example.invalid/" + id}},
		"database_specific": map[string]any{"severity": "HIGH", "cwe_ids": []string{"CWE-79"}},
	}
}

// benchSetup generates the database (per-ecosystem zips) and the packages once per process.
func benchSetup(b *testing.B) *benchData {
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "seam-vuln-bench-")
		if err != nil {
			b.Fatal(err)
		}
		r := rand.New(rand.NewSource(5))
		total := 0
		for _, e := range benchEcosystems {
			total += e.weight
		}
		next := 0
		for _, e := range benchEcosystems {
			n := benchAdvisories * e.weight / total
			names := n / 4 // about four advisories per affected package name
			writeBenchZip(b, filepath.Join(dir, baseEcosystem(e.eco), "all.zip"), func(add func(string, any)) {
				for range n {
					add(fmt.Sprintf("GHSA-gen-%06d.json", next), genAdvisory(r, next, e.eco, e.ver, names))
					next++
				}
			})
			for range benchPackages * e.weight / total {
				// Half of the packages are names some advisory mentions, half are not in the database.
				i := r.Intn(names * 2)
				bench.pkgs = append(bench.pkgs, Package{ID: fmt.Sprintf("pkg:%d", len(bench.pkgs)),
					Ecosystem: e.eco, Name: benchName(e.eco, i), Version: e.ver(r)})
			}
		}
		bench.dir = dir
		bench.index = filepath.Join(dir, ".seam-index")
	})
	return &bench
}

func writeBenchZip(b *testing.B, path string, fill func(add func(string, any))) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	zw := zip.NewWriter(f)
	fill(func(name string, doc any) {
		w, err := zw.Create(name)
		if err == nil {
			err = json.NewEncoder(w).Encode(doc)
		}
		if err != nil {
			b.Fatal(err)
		}
	})
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

func BenchmarkBuild(b *testing.B) {
	d := benchSetup(b)
	var info Info
	cpu0 := cpuTime()
	for b.Loop() {
		var err error
		if info, err = Build(context.Background(), d.dir, d.index); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	st, _ := os.Stat(d.index)
	b.ReportMetric(float64(st.Size())/(1<<20), "index-MiB")
	b.ReportMetric(float64(info.Advisories), "advisories")
	b.ReportMetric(float64(info.Vulnerabilities), "vulns")
}

func BenchmarkOpenMatch(b *testing.B) {
	d := benchSetup(b)
	if _, err := os.Stat(d.index); err != nil {
		if _, err := Build(context.Background(), d.dir, d.index); err != nil {
			b.Fatal(err)
		}
	}
	var n int
	cpu0 := cpuTime()
	for b.Loop() {
		start := time.Now()
		db, err := Open(d.index)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "open-ms")
		ms, _ := db.Match(d.pkgs)
		n = len(ms)
		db.Close()
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n), "matches")
}

// cpuTime is the process's user and system CPU time, to tell the work from waiting on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseAndMatch is the straightforward approach: parse every advisory of the export, merge, hold the
// entries in a map, match — what every scan would pay without the index.
func BenchmarkParseAndMatch(b *testing.B) {
	d := benchSetup(b)
	var n int
	cpu0 := cpuTime()
	for b.Loop() {
		db, err := memoryDB(d.dir)
		if err != nil {
			b.Fatal(err)
		}
		ms, _ := db.Match(d.pkgs)
		n = len(ms)
	}
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n), "matches")
}

// memoryDB loads a source and serves it from memory through the same reader as a file.
func memoryDB(src string) (*DB, error) {
	l, err := load(context.Background(), src, DefaultLimits)
	if err != nil {
		return nil, err
	}
	vulns, entries, owners, _ := merge(l.advisories)
	h, parts := encodeSections(vulns, entries, owners)
	hj, _ := json.Marshal(h)
	buf := []byte(indexMagic)
	buf = append(buf, byte(formatVersion), 0, 0, 0)
	buf = append(buf, byte(len(hj)), byte(len(hj)>>8), byte(len(hj)>>16), byte(len(hj)>>24))
	buf = append(buf, hj...)
	for _, p := range parts {
		buf = append(buf, p...)
	}
	return openReader(strings.NewReader(string(buf)), int64(len(buf)))
}

// TestMain removes the generated benchmark database.
func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}
