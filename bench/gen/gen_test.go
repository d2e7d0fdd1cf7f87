package gen

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// small is a scale that has every part (several Terraform root modules, partial stacks, several
// namespaces, every lockfile format twice, Dockerfiles without lockfiles) and generates in milliseconds.
var small = Options{TerraformResources: 730, KubernetesObjects: 410, Lockfiles: 16, Dockerfiles: 19, Seed: 3}

// generate writes a repository for opt into a fresh temporary directory.
func generate(t testing.TB, opt Options) string {
	t.Helper()
	dir := t.TempDir()
	if err := Generate(dir, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tree reads every file under dir, by slash path relative to dir.
func tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDeterministic: the same options give the same files with the same bytes; another seed gives other
// bytes with the same counts.
func TestDeterministic(t *testing.T) {
	a, b := tree(t, generate(t, small)), tree(t, generate(t, small))
	if len(a) == 0 {
		t.Fatal("nothing was generated")
	}
	if diff := cmp.Diff(keys(a), keys(b)); diff != "" {
		t.Fatalf("two runs wrote different files (-first +second):\n%s", diff)
	}
	for p := range a {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	other := small
	other.Seed = 4
	c := tree(t, generate(t, other))
	same := 0
	for p := range c {
		if bytes.Equal(a[p], c[p]) {
			same++
		}
	}
	// Files without random content (versions.tf, the VPC in main.tf, outputs.tf) are the same for any seed.
	if same > len(c)/4 {
		t.Errorf("seed 4 repeated %d of %d files of seed 3", same, len(c))
	}
	got, want := counts(c), counts(a)
	got.KubernetesFiles, want.KubernetesFiles = 0, 0 // applications have a random number of objects
	if !cmp.Equal(got, want) {
		t.Errorf("seed 4 counts %+v, seed 3 counts %+v", got, want)
	}
}

// TestGoldenSample pins a few bytes of the default seed, so a change that reshuffles every benchmark
// repository is a deliberate one: the first resource of the first root module and the first Kubernetes file.
func TestGoldenSample(t *testing.T) {
	files := tree(t, generate(t, Options{TerraformResources: 3, KubernetesObjects: 3, Seed: 1}))
	want := map[string]string{
		"terraform/payments-prod-000/main.tf": "resource \"aws_vpc\" \"main\" {\n  cidr_block           = var.vpc_cidr\n",
		"k8s/payments-00/":                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments-00\n",
	}
	for prefix, start := range want {
		found := false
		for p, b := range files {
			if strings.HasPrefix(p, prefix) {
				found = true
				if !strings.HasPrefix(string(b), start) {
					t.Errorf("%s starts %q, want %q", p, firstLines(b, 4), start)
				}
			}
		}
		if !found {
			t.Errorf("no file %s*", prefix)
		}
	}
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitAfterN(string(b), "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "")
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// census is what a repository holds, counted from its bytes the way a reader would.
type census struct {
	Resources, TerraformRoots, KubernetesObjects, KubernetesFiles, Lockfiles, Dockerfiles int
	Formats                                                                               map[string]int
}

var (
	resourceLine = regexp.MustCompile(`(?m)^resource "`)
	kindLine     = regexp.MustCompile(`(?m)^kind: `)
)

func counts(files map[string][]byte) census {
	c := census{Formats: map[string]int{}}
	roots := map[string]bool{}
	for p, b := range files {
		base := p[strings.LastIndex(p, "/")+1:]
		switch {
		case strings.HasSuffix(p, ".tf"):
			c.Resources += len(resourceLine.FindAll(b, -1))
			roots[p[:strings.LastIndex(p, "/")]] = true
		case strings.HasPrefix(p, "k8s/"):
			c.KubernetesObjects += len(kindLine.FindAll(b, -1))
			c.KubernetesFiles++
		case base == "Dockerfile":
			c.Dockerfiles++
		case strings.HasPrefix(p, "apps/"):
			c.Lockfiles++
			c.Formats[base]++
		}
	}
	c.TerraformRoots = len(roots)
	return c
}

// TestCounts: the repository holds exactly the resource blocks, Kubernetes documents, lockfiles and
// Dockerfiles asked for, spread as documented (a root module per hundred resources up to 100, about ten
// objects per manifest file, the eight lockfile formats in turn), including scales that cut a Terraform
// stack or a Kubernetes application short and scales of zero.
func TestCounts(t *testing.T) {
	all8 := map[string]int{"go.mod": 2, "package-lock.json": 2, "requirements.txt": 2, "poetry.lock": 2,
		"Cargo.lock": 2, "Gemfile.lock": 2, "pom.xml": 2, "composer.lock": 2}
	tests := []struct {
		name      string
		opt       Options
		roots     int
		formats   map[string]int
		k8sFilesR [2]int // bounds of the number of manifest files
	}{
		{"small", small, 7, all8, [2]int{35, 52}},
		{"nothing", Options{Seed: 1}, 0, map[string]int{}, [2]int{0, 0}},
		{"one of each", Options{1, 1, 1, 1, 9}, 1, map[string]int{"go.mod": 1}, [2]int{1, 1}},
		{"partial stack, one root", Options{TerraformResources: 150, Seed: 2}, 1, map[string]int{}, [2]int{0, 0}},
		{"more Dockerfiles than lockfiles", Options{Lockfiles: 3, Dockerfiles: 9, Seed: 5}, 0,
			map[string]int{"go.mod": 1, "package-lock.json": 1, "requirements.txt": 1}, [2]int{0, 0}},
		{"roots capped at 100", Options{TerraformResources: 10250, Seed: 1}, 100, map[string]int{}, [2]int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := counts(tree(t, generate(t, tt.opt)))
			want := census{Resources: tt.opt.TerraformResources, TerraformRoots: tt.roots,
				KubernetesObjects: tt.opt.KubernetesObjects, KubernetesFiles: c.KubernetesFiles,
				Lockfiles: tt.opt.Lockfiles, Dockerfiles: tt.opt.Dockerfiles, Formats: tt.formats}
			if diff := cmp.Diff(want, c); diff != "" {
				t.Errorf("census (-want +got):\n%s", diff)
			}
			if c.KubernetesFiles < tt.k8sFilesR[0] || c.KubernetesFiles > tt.k8sFilesR[1] {
				t.Errorf("%d manifest files for %d objects, want %d to %d", c.KubernetesFiles,
					tt.opt.KubernetesObjects, tt.k8sFilesR[0], tt.k8sFilesR[1])
			}
		})
	}
}

// TestNegativeCounts: a negative count is an error, not an empty repository.
func TestNegativeCounts(t *testing.T) {
	if err := Generate(t.TempDir(), Options{Lockfiles: -1}); err == nil {
		t.Error("Generate accepted a negative count")
	}
}

// TestGoVersion: Go module versions agree with the major version in the module path, as go.mod requires.
func TestGoVersion(t *testing.T) {
	tests := []struct{ path, in, want string }{
		{"github.com/a/b", "0.3.1", "0.3.1"},
		{"github.com/a/b", "3.3.1", "1.3.1"},
		{"github.com/redis/go-redis/v9", "2.1.0", "9.1.0"},
		{"gopkg.in/yaml.v3", "1.4.0", "3.4.0"},
		{"github.com/a/v1beta", "2.0.0", "1.0.0"},
		{"github.com/a/v1", "0.2.0", "0.2.0"},
	}
	for _, tt := range tests {
		if got := goVersion(tt.path, tt.in); got != tt.want {
			t.Errorf("goVersion(%q, %q) = %q, want %q", tt.path, tt.in, got, tt.want)
		}
	}
}
