// Package seam_test holds repository-wide checks: that imports go the one way STYLE.md draws them.
package seam_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const modulePath = "github.com/seam-sec/seam/"

// layer gives each internal package a rank; a package may import only packages of a lower rank (or, for
// extractors, link builders and path rules, their own contract and support packages). model ← graph ← iam ←
// link ← link builders ← rank ← paths ← path rules ← analyses ← engine ← report ← cli/server.
func layer(pkg string) float64 {
	switch {
	case pkg == "internal/model":
		return 0
	case pkg == "internal/extract" || pkg == "internal/extract/awscatalog" || pkg == "internal/extract/redact" || pkg == "internal/extract/codeflaw/flaw":
		return 1
	case pkg == "internal/extract/vulnreport/vulnfact":
		return 1.5 // the facts the vulnerability-report, SBOM and VEX importers share; it uses redact
	case anyOf(pkg, "internal/vuln/cvss", "internal/vuln/feeds", "internal/vuln/reach", "internal/policy/library"):
		return 1 // self-contained support: vector scoring, feed parsing, Go reachability, embedded controls
	case strings.HasPrefix(pkg, "internal/extract/") && pkg != "internal/extract/extractors":
		return 2 // an extractor
	case pkg == "internal/graph", pkg == "internal/source", pkg == "internal/config":
		return 3
	case pkg == "internal/extract/extractors":
		return 4
	case anyOf(pkg, "internal/iam"):
		return 5 // evaluation semantics, independent of the graph's shape
	case pkg == "internal/link":
		return 6 // the builders' contract and shared lookups
	case strings.HasPrefix(pkg, "internal/link/") && pkg != "internal/link/builders":
		return 7 // a link builder
	case pkg == "internal/link/builders":
		return 8
	case pkg == "internal/rank":
		return 9
	case pkg == "internal/paths":
		return 10 // the capability model and the search
	case strings.HasPrefix(pkg, "internal/paths/rules/"):
		return 11 // a rule set
	case pkg == "internal/paths/rules":
		return 12
	case pkg == "internal/vuln/update":
		return 14 // beside the engine: it imports the database to check what it downloaded
	case anyOf(pkg, "internal/policy", "internal/vuln", "internal/query"):
		return 13
	case pkg == "internal/engine":
		return 14
	case anyOf(pkg, "internal/report"), pkg == "internal/store":
		return 15
	case pkg == "internal/cli", pkg == "internal/server":
		return 16
	}
	return 99 // cmd, bench and examples may import anything
}

func anyOf(pkg string, prefixes ...string) bool {
	for _, p := range prefixes {
		if pkg == p || strings.HasPrefix(pkg, p+"/") {
			return true
		}
	}
	return false
}

func TestImportsGoOneWay(t *testing.T) {
	imports := map[string]map[string]bool{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "examples" || strings.HasPrefix(d.Name(), ".")) && p != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(p))
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			if imports[pkg] == nil {
				imports[pkg] = map[string]bool{}
			}
			imports[pkg][path] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for p := range imports {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, pkg := range pkgs {
		for im := range imports[pkg] {
			if pkg == "internal/model" && strings.Contains(strings.Split(im, "/")[0], ".") {
				t.Errorf("internal/model imports %s: the domain package uses the standard library only", im)
			}
			if !strings.HasPrefix(im, modulePath) {
				continue
			}
			dep := strings.TrimPrefix(im, modulePath)
			if layer(pkg) == 99 {
				continue // cmd, bench and examples may import anything
			}
			if sameExtractor(pkg, dep) {
				continue // an extractor's own sub-packages
			}
			if strings.HasPrefix(pkg, "internal/link/") && strings.HasPrefix(dep, "internal/link/") && layer(pkg) == 7 && layer(dep) == 7 {
				t.Errorf("%s imports %s: a link builder never imports another builder", pkg, dep)
				continue
			}
			if layer(pkg) == 11 && layer(dep) == 11 && pkg != dep {
				t.Errorf("%s imports %s: a rule set never imports another", pkg, dep)
				continue
			}
			if layer(dep) >= layer(pkg) {
				t.Errorf("%s imports %s: imports go model ← graph ← link/analyses ← engine ← report/cli (STYLE.md)", pkg, dep)
			}
		}
	}
}

// sameExtractor reports whether two packages belong to the same extractor (internal/extract/<name>/...).
func sameExtractor(a, b string) bool {
	root := func(p string) string {
		parts := strings.Split(p, "/")
		if len(parts) < 3 || parts[0] != "internal" || parts[1] != "extract" {
			return ""
		}
		return strings.Join(parts[:3], "/")
	}
	return root(a) != "" && root(a) == root(b)
}
