package lockfile

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/seam-sec/seam/internal/extract"
)

// benchPkg is one generated dependency.
type benchPkg struct {
	name, version string
	direct, dev   bool
}

// benchGenerators write one lockfile of a format from a list of packages.
var benchGenerators = []struct {
	file string
	gen  func([]benchPkg) string
}{
	{"package-lock.json", genPackageLock},
	{"yarn.lock", genYarn},
	{"pnpm-lock.yaml", genPnpm},
	{"go.mod", genGoMod},
	{"requirements.txt", genRequirements},
	{"poetry.lock", genPoetry},
	{"Cargo.lock", genCargo},
	{"Gemfile.lock", genGemfile},
	{"composer.lock", genComposer},
	{"packages.lock.json", genNuget},
	{"gradle.lockfile", genGradle},
	{"pom.xml", genPom},
}

// benchRepo generates n lockfiles of mixed formats with 100–300 packages each, from a fixed seed.
func benchRepo(n int) (fstest.MapFS, []string, int) {
	rng := rand.New(rand.NewPCG(1, 2))
	fsys := fstest.MapFS{}
	var paths []string
	total := 0
	for i := 0; i < n; i++ {
		g := benchGenerators[i%len(benchGenerators)]
		pkgs := make([]benchPkg, 100+rng.IntN(201))
		for j := range pkgs {
			pkgs[j] = benchPkg{name: fmt.Sprintf("pkg%d-%d", i, j), direct: j%7 == 0, dev: j%11 == 0,
				version: fmt.Sprintf("%d.%d.%d", 1+rng.IntN(9), rng.IntN(30), rng.IntN(20))}
		}
		p := fmt.Sprintf("services/svc%03d/%s", i, g.file)
		fsys[p] = &fstest.MapFile{Data: []byte(g.gen(pkgs))}
		paths = append(paths, p)
		total += len(pkgs)
		if g.file == "go.mod" {
			total++ // scalibr adds the Go toolchain ("stdlib") from the go line
		}
	}
	sort.Strings(paths)
	return fsys, paths, total
}

// BenchmarkExtract reads 200 generated lockfiles of twelve formats (about 40,000 packages) one file per
// Extract call, as the engine does.
func BenchmarkExtract(b *testing.B) {
	fsys, paths, total := benchRepo(200)
	e := New()
	ctx := context.Background()
	var pkgs int
	b.ResetTimer()
	for b.Loop() {
		pkgs = 0
		for _, p := range paths {
			f, err := e.Extract(ctx, extract.Input{FS: fsys, Paths: []string{p}, MaxFileSize: 5 << 20})
			if err != nil || len(f.Diagnostics) > 0 {
				b.Fatalf("%s: %v %v", p, err, f.Diagnostics)
			}
			pkgs += len(f.Edges)
		}
	}
	if pkgs != total {
		b.Fatalf("extracted %d packages, generated %d", pkgs, total)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(paths))/1e3, "µs/file")
	b.ReportMetric(float64(total), "packages")
}

// BenchmarkFileRequired is the per-file cost the walker pays for this extractor.
func BenchmarkFileRequired(b *testing.B) {
	e := New()
	names := []string{"main.go", "src/app/index.ts", "deploy/k8s/api.yaml", "infra/main.tf", "web/package-lock.json", "README.md"}
	info, _ := fs.Stat(fstest.MapFS{"f": {Data: []byte("x")}}, "f")
	for b.Loop() {
		for _, n := range names {
			e.FileRequired(n, info)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(names)), "ns/file")
}

func genPackageLock(pkgs []benchPkg) string {
	var deps, devDeps, entries []string
	for _, p := range pkgs {
		dev := ""
		if p.dev {
			dev = `, "dev": true`
		}
		entries = append(entries, fmt.Sprintf(`"node_modules/%s": {"version": %q, "resolved": "https://registry.npmjs.org/%s/-/%s-%s.tgz", "integrity": "sha512-x"%s}`,
			p.name, p.version, p.name, p.name, p.version, dev))
		if p.direct && p.dev {
			devDeps = append(devDeps, fmt.Sprintf("%q: %q", p.name, "^"+p.version))
		} else if p.direct {
			deps = append(deps, fmt.Sprintf("%q: %q", p.name, "^"+p.version))
		}
	}
	return fmt.Sprintf(`{"name": "app", "lockfileVersion": 3, "packages": {"": {"name": "app", "dependencies": {%s}, "devDependencies": {%s}},
%s}}`, strings.Join(deps, ", "), strings.Join(devDeps, ", "), strings.Join(entries, ",\n"))
}

func genYarn(pkgs []benchPkg) string {
	var sb strings.Builder
	sb.WriteString("# yarn lockfile v1\n\n")
	for _, p := range pkgs {
		fmt.Fprintf(&sb, "%s@^%s:\n  version \"%s\"\n  resolved \"https://registry.yarnpkg.com/%s/-/%s-%s.tgz#abc\"\n  integrity sha512-x\n\n",
			p.name, p.version, p.version, p.name, p.name, p.version)
	}
	return sb.String()
}

func genPnpm(pkgs []benchPkg) string {
	var imp, pk strings.Builder
	for _, p := range pkgs {
		if p.direct {
			fmt.Fprintf(&imp, "      %s:\n        specifier: ^%s\n        version: %s\n", p.name, p.version, p.version)
		}
		fmt.Fprintf(&pk, "  %s@%s:\n    resolution: {integrity: sha512-x}\n\n", p.name, p.version)
	}
	return "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n" + imp.String() + "\npackages:\n\n" + pk.String()
}

func genGoMod(pkgs []benchPkg) string {
	var sb strings.Builder
	sb.WriteString("module example.com/app\n\ngo 1.22\n\nrequire (\n")
	for _, p := range pkgs {
		ind := " // indirect"
		if p.direct {
			ind = ""
		}
		fmt.Fprintf(&sb, "\texample.com/%s v1%s%s\n", p.name, strings.TrimLeft(p.version, "0123456789"), ind)
	}
	sb.WriteString(")\n")
	return sb.String()
}

func genRequirements(pkgs []benchPkg) string {
	var sb strings.Builder
	for _, p := range pkgs {
		fmt.Fprintf(&sb, "%s==%s  # via app\n", p.name, p.version)
	}
	return sb.String()
}

func genPoetry(pkgs []benchPkg) string {
	var sb strings.Builder
	for _, p := range pkgs {
		group := "main"
		if p.dev {
			group = "dev"
		}
		fmt.Fprintf(&sb, "[[package]]\nname = %q\nversion = %q\noptional = false\ngroups = [%q]\nfiles = []\n\n", p.name, p.version, group)
	}
	sb.WriteString("[metadata]\nlock-version = \"2.1\"\n")
	return sb.String()
}

func genCargo(pkgs []benchPkg) string {
	var sb, deps strings.Builder
	for _, p := range pkgs {
		if p.direct {
			fmt.Fprintf(&deps, " %q,\n", p.name)
		}
	}
	fmt.Fprintf(&sb, "version = 3\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\ndependencies = [\n%s]\n\n", deps.String())
	for _, p := range pkgs {
		fmt.Fprintf(&sb, "[[package]]\nname = %q\nversion = %q\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"00\"\n\n", p.name, p.version)
	}
	return sb.String()
}

func genGemfile(pkgs []benchPkg) string {
	var sb, deps strings.Builder
	sb.WriteString("GEM\n  remote: https://rubygems.org/\n  specs:\n")
	for _, p := range pkgs {
		fmt.Fprintf(&sb, "    %s (%s)\n", p.name, p.version)
		if p.direct {
			fmt.Fprintf(&deps, "  %s\n", p.name)
		}
	}
	return sb.String() + "\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n" + deps.String() + "\nBUNDLED WITH\n   2.5.3\n"
}

func genComposer(pkgs []benchPkg) string {
	var prod, dev []string
	for _, p := range pkgs {
		e := fmt.Sprintf(`{"name": "acme/%s", "version": %q, "dist": {"type": "zip", "reference": "abc123"}, "type": "library"}`, p.name, p.version)
		if p.dev {
			dev = append(dev, e)
		} else {
			prod = append(prod, e)
		}
	}
	return fmt.Sprintf("{\n\"packages\": [\n%s\n],\n\"packages-dev\": [\n%s\n]\n}\n", strings.Join(prod, ",\n"), strings.Join(dev, ",\n"))
}

func genNuget(pkgs []benchPkg) string {
	var entries []string
	for _, p := range pkgs {
		kind := "Transitive"
		if p.direct {
			kind = "Direct"
		}
		entries = append(entries, fmt.Sprintf("      %q: {\n        \"type\": %q,\n        \"resolved\": %q,\n        \"contentHash\": \"x\"\n      }", p.name, kind, p.version))
	}
	return "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net8.0\": {\n" + strings.Join(entries, ",\n") + "\n    }\n  }\n}\n"
}

func genGradle(pkgs []benchPkg) string {
	var sb strings.Builder
	sb.WriteString("# This is a Gradle generated file for dependency locking.\n")
	for _, p := range pkgs {
		cfg := "compileClasspath,runtimeClasspath"
		if p.dev {
			cfg = "testCompileClasspath,testRuntimeClasspath"
		}
		fmt.Fprintf(&sb, "com.acme:%s:%s=%s\n", p.name, p.version, cfg)
	}
	sb.WriteString("empty=annotationProcessor\n")
	return sb.String()
}

func genPom(pkgs []benchPkg) string {
	var sb strings.Builder
	sb.WriteString("<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>com.acme</groupId>\n  <artifactId>app</artifactId>\n  <version>1.0.0</version>\n  <dependencies>\n")
	for _, p := range pkgs {
		scope := ""
		if p.dev {
			scope = "\n      <scope>test</scope>"
		}
		fmt.Fprintf(&sb, "    <dependency>\n      <groupId>com.acme</groupId>\n      <artifactId>%s</artifactId>\n      <version>%s</version>%s\n    </dependency>\n", p.name, p.version, scope)
	}
	sb.WriteString("  </dependencies>\n</project>\n")
	return sb.String()
}
