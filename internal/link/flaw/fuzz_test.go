package flaw

import (
	"path"
	"strings"
	"testing"
)

// FuzzSourceDir feeds the Backstage source-location reader arbitrary annotations, seeded with the forms of
// TestSourceDir: it must never panic, and a directory it accepts stays inside the repository, cleaned.
func FuzzSourceDir(f *testing.F) {
	for _, s := range []string{
		"url:https://github.com/acme/webshop/tree/main/services/api", "url:https://gitlab.com/a/b/-/blob/x/y",
		"url:https://bitbucket.org/acme/webshop/src/main/services/api/", "url:https://dev.azure.com/a/b/_git/c?path=/d",
		"dir:../worker", "dir:.", "url:https://github.com/acme/webshop/tree/main/../../x", "url:%zz",
	} {
		f.Add(s, "services/api/catalog-info.yaml")
	}
	f.Fuzz(func(t *testing.T, value, catalog string) {
		dir, _, err := sourceDir(value, catalog)
		if err != nil || dir == "" {
			return
		}
		if strings.HasPrefix(dir, "/") || dir == ".." || strings.HasPrefix(dir, "../") || path.Clean(dir) != dir {
			t.Fatalf("sourceDir(%q, %q) = %q", value, catalog, dir)
		}
	})
}

// FuzzPlace matches arbitrary SARIF paths against a few files: it must never panic, and what it places is
// an ending of the path, without leading "/" or "../".
func FuzzPlace(f *testing.F) {
	pl := &placer{byBase: map[string][]string{"Dockerfile": {"services/api/Dockerfile", "tools/api/Dockerfile"}},
		dirs: map[string]bool{"services": true, "services/api": true, "tools": true, "tools/api": true}}
	for _, s := range []string{"/home/runner/work/a/a/services/api/x.go", "../api/Dockerfile", "/", "", "../..", "a//b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		file, _, _ := pl.place(p)
		if file == "" {
			return
		}
		if strings.HasPrefix(file, "/") || strings.HasPrefix(file, "../") || !strings.HasSuffix(strings.TrimRight(p, "/"), file) {
			t.Fatalf("place(%q) = %q", p, file)
		}
	})
}
