package secrets

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/zricethezav/gitleaks/v8/detect"
)

// TestWindowsAgreeWithGitleaks checks that scanning keyword windows finds exactly what gitleaks finds over
// whole files (rule, line and fingerprint; with base64 decoded for Kubernetes Secret manifests), over the planted fixtures and over generated files with the
// planted values at random places between ordinary lines.
func TestWindowsAgreeWithGitleaks(t *testing.T) {
	ds, err := sharedDetector()
	if err != nil {
		t.Fatal(err)
	}
	plain, decoding := detect.NewDetector(ds.cfg), detect.NewDetector(ds.cfg)
	decoding.MaxDecodeDepth = 1 // what Seam does for Kubernetes Secret manifests
	files := map[string]string{}
	for _, p := range wanted(t, dirFS(t, "testdata/planted")) {
		data, err := os.ReadFile("testdata/planted/" + p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = string(data)
	}
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 40; i++ {
		sh := shapes[i%len(shapes)]
		var b strings.Builder
		for l := 0; l < 60+r.IntN(120); l++ {
			if r.IntN(25) == 0 {
				p := planted[r.IntN(len(planted))]
				fmt.Fprintf(&b, "%s = \"%s\"\n", strings.ToUpper(strings.ReplaceAll(p.kind, "-", "_")), p.value)
				continue
			}
			b.WriteString(sh.line(r, l) + "\n")
		}
		files[fmt.Sprintf("gen/f%02d%s", i, sh.ext)] = b.String()
	}
	for p, text := range files {
		var want, got []string
		ref := plain
		if secretManifest(p, []byte(strings.ToLower(text))) {
			ref = decoding
		}
		for _, gf := range ref.Detect(detect.Fragment{Raw: text, FilePath: p}) {
			want = append(want, fmt.Sprintf("%s:%d %s", gf.RuleID, gf.StartLine, Fingerprint(p, gf.RuleID, gf.Secret)))
		}
		gfs, _ := ds.detectFile(newFileText(p, text))
		for _, gf := range gfs {
			got = append(got, fmt.Sprintf("%s:%d %s", gf.RuleID, gf.StartLine, Fingerprint(p, gf.RuleID, gf.Secret)))
		}
		sort.Strings(want)
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: windowed findings differ from gitleaks' (-gitleaks +seam):\n%s", p, diff)
		}
	}
}
