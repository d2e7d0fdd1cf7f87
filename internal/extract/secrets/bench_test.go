package secrets

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// benchFiles is the size of the generated repository; SEAM_SECRETS_BENCH_FILES overrides it.
var benchFiles = 15000

// fileShape is one kind of generated file: its name, how many of every 100 files it is, and a generator of
// one line of typical content.
type fileShape struct {
	ext   string
	share int
	lines [2]int // min and max lines
	line  func(r *rand.Rand, i int) string
}

var shapes = []fileShape{
	{".tf", 20, [2]int{40, 250}, func(r *rand.Rand, i int) string {
		return fmt.Sprintf("  tags = { Name = \"svc-%d\", team = \"payments\", cost_center = \"cc-%04d\" }", i, r.IntN(9999))
	}},
	{".yaml", 25, [2]int{30, 150}, func(r *rand.Rand, i int) string {
		return fmt.Sprintf("        - name: FEATURE_%d\n          value: \"enabled-%d\"", i, r.IntN(100))
	}},
	{".go", 20, [2]int{50, 600}, func(r *rand.Rand, i int) string {
		if i%20 == 0 { // about one line in twenty names a key, a token or an API
			return fmt.Sprintf("\tif err := s.store.Put(ctx, key%d, value); err != nil { return err }", i)
		}
		return fmt.Sprintf("\tif err := s.store.Put(ctx, item%d, value); err != nil { return fmt.Errorf(\"put %%d: %%w\", %d, err) }", i, r.IntN(1000))
	}},
	{".py", 10, [2]int{40, 400}, func(r *rand.Rand, i int) string {
		if i%20 == 0 {
			return fmt.Sprintf("    result_%d = client.get(f\"/api/v1/items/{item_id}\", timeout=%d)", i, r.IntN(30))
		}
		return fmt.Sprintf("    result_%d = [row.total for row in rows if row.region == \"eu-west-%d\"]", i, r.IntN(3))
	}},
	{".js", 10, [2]int{40, 400}, func(r *rand.Rand, i int) string {
		return fmt.Sprintf("  const item%d = await fetch(`${base}/orders/${id}`, { method: 'GET', headers });", i)
	}},
	{".json", 10, [2]int{20, 300}, func(r *rand.Rand, i int) string {
		return fmt.Sprintf("  \"setting_%d\": {\"enabled\": true, \"limit\": %d, \"region\": \"eu-west-1\"},", i, r.IntN(500))
	}},
	{".env", 3, [2]int{5, 20}, func(r *rand.Rand, i int) string { return fmt.Sprintf("LOG_LEVEL_%d=info", i) }},
	{"Dockerfile", 2, [2]int{8, 30}, func(r *rand.Rand, i int) string {
		return fmt.Sprintf("RUN apt-get install -y --no-install-recommends pkg%d && rm -rf /var/lib/apt/lists/*", i)
	}},
}

// generatedRepo builds the benchmark's repository: 15,000 files of realistic sizes (Terraform, manifests,
// code, JSON, env files, Dockerfiles; 14 KiB on average) with one planted secret in every 500 files. About
// one code line in twenty holds a word of the generic rule (key, api, token …), as in ordinary code.
func generatedRepo() (fstest.MapFS, int64) {
	r := rand.New(rand.NewPCG(5, 15000))
	fsys := fstest.MapFS{}
	var total int64
	for i := 0; i < benchFiles; i++ {
		pick, sh := r.IntN(100), shapes[len(shapes)-1]
		for _, s := range shapes {
			if pick < s.share {
				sh = s
				break
			}
			pick -= s.share
		}
		n := sh.lines[0] + r.IntN(sh.lines[1]-sh.lines[0]+1)
		var b strings.Builder
		for l := 0; l < n; l++ {
			b.WriteString(sh.line(r, l))
			b.WriteByte('\n')
		}
		if i%500 == 0 {
			b.WriteString("DB_PASSWORD=\"TcEokd5ihu9lEmJc\"\n")
		}
		name := fmt.Sprintf("svc%03d/dir%02d/file%05d%s", i%300, i%17, i, sh.ext)
		if sh.ext == "Dockerfile" {
			name = fmt.Sprintf("svc%03d/img%05d/Dockerfile", i%300, i)
		}
		fsys[name] = &fstest.MapFile{Data: []byte(b.String())}
		total += int64(b.Len())
	}
	return fsys, total
}

// BenchmarkExtract scans the generated repository (go test -bench Extract -benchtime 3x); it reports MB/s
// and the files and bytes scanned.
func BenchmarkExtract(b *testing.B) {
	if n, err := strconv.Atoi(os.Getenv("SEAM_SECRETS_BENCH_FILES")); err == nil && n > 0 {
		benchFiles = n // a smaller repository while tuning
	}
	fsys, total := generatedRepo()
	paths := make([]string, 0, len(fsys))
	for p := range fsys {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	if _, err := sharedDetector(); err != nil {
		b.Fatal(err)
	}
	e := New()
	b.SetBytes(total)
	b.ResetTimer()
	var found int
	for b.Loop() {
		f, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: paths, MaxFileSize: 5 << 20})
		if err != nil {
			b.Fatal(err)
		}
		found = len(f.Nodes)
	}
	b.ReportMetric(float64(len(paths)), "files")
	b.ReportMetric(float64(total)/1e6, "MB-total")
	b.ReportMetric(float64(found), "findings")
}
