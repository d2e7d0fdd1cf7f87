package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func paths(r *Result) []string {
	var out []string
	for _, f := range r.Files {
		out = append(out, f.Path)
	}
	return out
}

func diags(r *Result) []string {
	var out []string
	for _, d := range r.Diagnostics {
		out = append(out, d.File+": "+string(d.Severity)+": "+d.Message)
	}
	return out
}

func TestIgnoreRules(t *testing.T) {
	fsys := fstest.MapFS{
		".gitignore":                   {Data: []byte("# build output\n/dist/\n*.log\n!keep.log\n")},
		"dist/main.tf":                 {Data: []byte("ignored by /dist/")},
		"app/debug.log":                {Data: []byte("ignored by *.log")},
		"app/keep.log":                 {Data: []byte("re-included by !keep.log")},
		"app/.gitignore":               {Data: []byte("generated.yaml\n")},
		"app/generated.yaml":           {Data: []byte("ignored by the nested .gitignore")},
		"other/generated.yaml":         {Data: []byte("not ignored: the nested rule is scoped to app/")},
		".seamignore":                  {Data: []byte("fixtures/\n")},
		"fixtures/bad.tf":              {Data: []byte("ignored by .seamignore")},
		"node_modules/x/package.json":  {Data: []byte("default skip")},
		"svc/vendor/mod/go.mod":        {Data: []byte("default skip at any depth")},
		".git/config":                  {Data: []byte("default skip")},
		".terraform/modules/m/main.tf": {Data: []byte("default skip")},
		"infra/legacy/main.tf":         {Data: []byte("ignored by the seam.yaml glob")},
		"infra/main.tf":                {Data: []byte("kept")},
	}
	res, err := Walk(context.Background(), fsys, Options{Ignore: []string{"infra/legacy/**"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".gitignore", ".seamignore", "app/.gitignore", "app/keep.log", "infra/main.tf", "other/generated.yaml"}
	if diff := cmp.Diff(want, paths(res)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("ignore rules must not make diagnostics: %v", diags(res))
	}
}

func TestCapsAndBinaryOnlyForWantedFiles(t *testing.T) {
	big := make([]byte, 2048)
	fsys := fstest.MapFS{
		"big.yaml":  {Data: big},                             // wanted, over the cap
		"video.mp4": {Data: big},                             // over the cap but nobody wants it: no noise
		"blob.tf":   {Data: []byte("resource \x00\x01\x02")}, // wanted, binary
		"ok.tf":     {Data: []byte(`resource "aws_s3_bucket" "b" {}`)},
	}
	wanted := func(p string, _ fs.FileInfo) bool {
		return strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".tf")
	}
	res, err := Walk(context.Background(), fsys, Options{MaxFileSize: 1024, Wanted: wanted})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ok.tf"}, paths(res)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	want := []string{
		"big.yaml: warning: file is 2.0 KiB, over the 1.0 KiB size cap; not read (raise settings.max_file_size or --max-file-size)",
		"blob.tf: warning: binary content in a file named like a text input; not read",
	}
	if diff := cmp.Diff(want, diags(res)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if res.Seen != 4 {
		t.Errorf("Seen = %d, want 4", res.Seen)
	}
}

// errFS fails to open one file, as a permission problem would.
type errFS struct {
	fstest.MapFS
	bad string
}

func (e errFS) Open(name string) (fs.File, error) {
	if name == e.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return e.MapFS.Open(name)
}

func TestUnreadableFile(t *testing.T) {
	fsys := errFS{MapFS: fstest.MapFS{"a.tf": {Data: []byte("x")}, "secret.tf": {Data: []byte("y")}}, bad: "secret.tf"}
	res, err := Walk(context.Background(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a.tf"}, paths(res)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"secret.tf: error: cannot read file: permission denied"}, diags(res)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestSymlinks uses a real directory: containment is os.Root's, so it must be tested on a real file system.
func TestSymlinks(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "passwd.tf"), []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "main.tf"), "inside")
	mustWrite(t, filepath.Join(dir, "sub", "real.tf"), "inside")
	mustLink(t, filepath.Join(outside, "passwd.tf"), filepath.Join(dir, "escape.tf"))
	mustLink(t, outside, filepath.Join(dir, "escape-dir"))
	mustLink(t, "main.tf", filepath.Join(dir, "alias.tf"))       // inside the root: read
	mustLink(t, "sub", filepath.Join(dir, "sub-alias"))          // a directory inside: not walked twice
	mustLink(t, "missing.tf", filepath.Join(dir, "dangling.tf")) // target missing

	r, err := OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := Walk(context.Background(), r.FS(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"alias.tf", "main.tf", "sub/real.tf"}, paths(res)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	want := []string{
		"dangling.tf: warning: symlink not followed: its target does not exist",
		"escape-dir: warning: symlink not followed: it points outside the scanned root",
		"escape.tf: warning: symlink not followed: it points outside the scanned root",
	}
	if diff := cmp.Diff(want, diags(res)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestUnion(t *testing.T) {
	u := NewUnion([]string{"shop", "infra"}, []fs.FS{
		fstest.MapFS{"deploy/api.yaml": {Data: []byte("a")}},
		fstest.MapFS{"main.tf": {Data: []byte("b")}},
	})
	res, err := Walk(context.Background(), u, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"infra/main.tf", "shop/deploy/api.yaml"}, paths(res)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if _, err := fs.ReadFile(u, "nope/x"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("unknown label: %v", err)
	}
	if diff := cmp.Diff([]string{"api", "api-2", "root"}, Labels([]string{"a/api", "b/api/", "/"})); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

func TestBadIgnoreGlob(t *testing.T) {
	if _, err := Walk(context.Background(), fstest.MapFS{}, Options{Ignore: []string{"[unclosed"}}); err == nil {
		t.Error("want an error for an invalid glob")
	}
}

func mustWrite(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustLink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
