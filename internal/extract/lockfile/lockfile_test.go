package lockfile

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

// testdataFS is the fixture tree; paths in it are what provenance shows.
var testdataFS = os.DirFS("testdata")

// extractPaths runs the extractor over the given files of fsys, one Extract call per file as the engine does.
func extractPaths(t testing.TB, fsys fs.FS, paths ...string) model.Facts {
	t.Helper()
	e := New()
	var out model.Facts
	for _, p := range paths {
		info, err := fs.Stat(fsys, p)
		if err != nil {
			t.Fatalf("stat %s: %v", p, err)
		}
		if !e.FileRequired(p, info) {
			t.Fatalf("FileRequired(%q) = false", p)
		}
		f, err := e.Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{p}, MaxFileSize: 5 << 20})
		if err != nil {
			t.Fatalf("Extract(%s): %v", p, err)
		}
		out.Merge(f)
	}
	return out
}

// edgeRows renders each contains edge as "purl line=N [direct=..] [dev=..] [scope=..] [via=..]".
func edgeRows(f model.Facts) []string {
	var rows []string
	for _, e := range f.Edges {
		row := fmt.Sprintf("%s line=%d", e.To, e.Prov.Line)
		for _, k := range []string{"direct", "dev", "scope", "via"} {
			if v, ok := e.Attrs[k]; ok {
				row += fmt.Sprintf(" %s=%v", k, v)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// moduleTypes renders each module node as "path: type".
func moduleTypes(f model.Facts) []string {
	var out []string
	for _, n := range f.Nodes {
		if n.Kind == model.KindModule {
			out = append(out, n.Name+": "+n.Type)
		}
	}
	return out
}

func TestExtractPackages(t *testing.T) {
	tests := []struct {
		name    string
		paths   []string
		modules []string
		rows    []string
	}{
		{"go.mod: require, // indirect, toolchain, replace", []string{"go/go.mod"},
			[]string{"go/go.mod: go.mod"},
			[]string{
				"pkg:golang/github.com/aws/aws-sdk-go-v2@1.24.0 line=12 direct=true",
				"pkg:golang/github.com/bytedance/sonic@1.9.1 line=17 direct=false",
				"pkg:golang/github.com/gin-gonic/gin@1.9.1 line=13 direct=true",
				"pkg:golang/golang.org/x/net@0.23.0 line=22 direct=false",
				"pkg:golang/stdlib@1.22.3 line=9",
			}},
		{"go.mod below 1.17: scalibr adds go.sum entries", []string{"go-legacy/go.mod"},
			[]string{"go-legacy/go.mod: go.mod"},
			[]string{
				"pkg:golang/github.com/sirupsen/logrus@1.8.1 line=8 direct=true",
				"pkg:golang/golang.org/x/sys@0.0.0-20191026070338-33540a1f6037 line=3 direct=false",
				"pkg:golang/stdlib@1.16 line=6",
			}},
		{"package-lock.json v1: no direct flags, dev from the lockfile", []string{"npm-v1/package-lock.json"},
			[]string{"npm-v1/package-lock.json: package-lock.json v1"},
			[]string{
				"pkg:npm/body-parser@1.19.0 line=7 dev=false scope=prod",
				"pkg:npm/debug@2.6.9 line=15 dev=false scope=prod",
				"pkg:npm/express@4.17.1 line=30 dev=false scope=prod",
				"pkg:npm/ms@2.0.0 line=23 dev=false scope=prod",
				"pkg:npm/ms@2.1.2 line=39 dev=false scope=prod",
				"pkg:npm/nodemon@2.0.7 line=44 dev=true scope=dev",
			}},
		{"package-lock.json v3: root dependencies are direct", []string{"npm-v3/package-lock.json"},
			[]string{"npm-v3/package-lock.json: package-lock.json v3"},
			[]string{
				"pkg:npm/debug@2.6.9 line=21 direct=false dev=false scope=prod",
				"pkg:npm/express@4.18.2 line=34 direct=true dev=false scope=prod",
				"pkg:npm/fsevents@2.3.3 line=45 direct=true dev=false scope=optional",
				"pkg:npm/ms@2.0.0 line=29 direct=false dev=false scope=prod",
				"pkg:npm/ms@2.1.3 line=55 direct=true dev=false scope=prod",
				"pkg:npm/typescript@5.3.3 line=60 direct=true dev=true scope=dev",
			}},
		{"npm-shrinkwrap.json wins over package-lock.json",
			[]string{"npm-shrinkwrap/npm-shrinkwrap.json", "npm-shrinkwrap/package-lock.json"},
			[]string{"npm-shrinkwrap/npm-shrinkwrap.json: npm-shrinkwrap.json v2",
				"npm-shrinkwrap/package-lock.json: package-lock.json"},
			[]string{"pkg:npm/minimist@1.2.8 line=14 direct=true dev=false scope=prod"}},
		{"yarn.lock v1: no direct flags", []string{"yarn-v1/yarn.lock"},
			[]string{"yarn-v1/yarn.lock: yarn.lock v1"},
			[]string{
				"pkg:npm/%40babel/helper-validator-identifier@7.22.20 line=7",
				"pkg:npm/debug@2.6.9 line=12",
				"pkg:npm/express@4.18.2 line=19",
				"pkg:npm/lodash@4.17.21 line=26",
				"pkg:npm/ms@2.0.0 line=31",
			}},
		{"yarn.lock berry: the workspace entry names the direct dependencies", []string{"yarn-berry/yarn.lock"},
			[]string{"yarn-berry/yarn.lock: yarn.lock berry (lockfile v8)"},
			[]string{
				"pkg:npm/debug@2.6.9 line=10 direct=false",
				"pkg:npm/express@4.18.2 line=19 direct=true",
				"pkg:npm/ms@2.0.0 line=28 direct=false",
				"pkg:npm/typescript@5.3.3 line=44 direct=true",
			}},
		{"pnpm-lock.yaml v9: importers", []string{"pnpm-v9/pnpm-lock.yaml"},
			[]string{"pnpm-v9/pnpm-lock.yaml: pnpm-lock.yaml v9.0"},
			[]string{
				"pkg:npm/debug@2.6.9 line=28 direct=false",
				"pkg:npm/express@4.18.2 line=31 direct=true dev=false scope=prod",
				"pkg:npm/js-tokens@4.0.0 line=35 direct=false",
				"pkg:npm/loose-envify@1.4.0 line=38 direct=false",
				"pkg:npm/ms@2.0.0 line=42 direct=false",
				"pkg:npm/react-dom@18.2.0 line=45 direct=true dev=false scope=prod",
				"pkg:npm/react@18.2.0 line=50 direct=false",
				"pkg:npm/scheduler@0.23.0 line=54 direct=false",
				"pkg:npm/typescript@5.3.3 line=57 direct=true dev=true scope=dev",
			}},
		{"requirements.txt: pins, -r, extras, markers, lower bound, unpinned", []string{"python/requirements.txt"},
			[]string{"python/requirements.txt: requirements.txt"},
			[]string{
				"pkg:pypi/celery line=16",
				"pkg:pypi/certifi@2023.11.17 line=12 via=python/requirements-base.txt",
				"pkg:pypi/django@4.2.7 line=13",
				"pkg:pypi/gunicorn line=15",
				"pkg:pypi/psycopg2-binary@2.9.9 line=17",
				"pkg:pypi/pyyaml@6.0.1 line=12 via=python/requirements-base.txt",
				"pkg:pypi/requests@2.31.0 line=14",
				"pkg:pypi/urllib3@1.26.18 line=19",
			}},
		{"poetry.lock v2.1: groups", []string{"poetry/poetry.lock"},
			[]string{"poetry/poetry.lock: poetry.lock v2.1"},
			[]string{
				"pkg:pypi/fastapi@0.109.0 line=7 dev=false scope=main",
				"pkg:pypi/iniconfig@2.0.0 line=22 dev=true scope=dev",
				"pkg:pypi/pydantic@2.5.3 line=33 dev=false scope=main",
				"pkg:pypi/pytest@7.4.4 line=44 dev=true scope=dev",
				"pkg:pypi/starlette@0.35.1 line=58 dev=false scope=main",
			}},
		{"Pipfile.lock: default and develop", []string{"pipenv/Pipfile.lock"},
			[]string{"pipenv/Pipfile.lock: Pipfile.lock"},
			[]string{
				"pkg:pypi/certifi@2023.11.17 line=19 dev=false scope=default",
				"pkg:pypi/pytest@7.4.4 line=35 dev=true scope=develop",
				"pkg:pypi/requests@2.31.0 line=26 dev=false scope=default",
			}},
		{"uv.lock: the editable root names the direct dependencies", []string{"uv/uv.lock"},
			[]string{"uv/uv.lock: uv.lock v1"},
			[]string{
				"pkg:pypi/click@8.1.7 line=27 direct=true dev=false scope=main",
				"pkg:pypi/colorama@0.4.6 line=39 direct=false",
				"pkg:pypi/iniconfig@2.0.0 line=45 direct=false",
				"pkg:pypi/packaging@24.0 line=51 direct=false",
				"pkg:pypi/pluggy@1.5.0 line=57 direct=false",
				"pkg:pypi/pytest@8.2.0 line=63 direct=true dev=true scope=dev",
			}},
		{"pdm.lock: groups", []string{"pdm/pdm.lock"},
			[]string{"pdm/pdm.lock: pdm.lock"},
			[]string{
				"pkg:pypi/httpx@0.27.0 line=13 dev=false scope=default",
				"pkg:pypi/pytest@8.2.0 line=20 scope=test",
			}},
		{"pom.xml: declared dependencies are direct, Maven scopes", []string{"maven/pom.xml"},
			[]string{"maven/pom.xml: pom.xml"},
			[]string{
				"pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1 line=40 direct=true dev=false scope=compile",
				"pkg:maven/org.junit.jupiter/junit-jupiter@5.10.1 line=55 direct=true dev=true scope=test",
				"pkg:maven/org.projectlombok/lombok@1.18.30 line=49 direct=true dev=false scope=provided",
				"pkg:maven/org.springframework/spring-webmvc@6.1.2 line=35 direct=true dev=false scope=compile",
				"pkg:maven/software.amazon.awssdk/s3 line=45 direct=true dev=false scope=compile",
			}},
		{"gradle.lockfile: configurations", []string{"gradle/gradle.lockfile"},
			[]string{"gradle/gradle.lockfile: gradle.lockfile"},
			[]string{
				"pkg:maven/com.fasterxml.jackson.core/jackson-core@2.16.1 line=7 dev=false scope=compileClasspath,runtimeClasspath",
				"pkg:maven/com.google.guava/guava@32.1.3-jre line=8 dev=false scope=compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath",
				"pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.1 line=9 dev=true scope=testCompileClasspath,testRuntimeClasspath",
				"pkg:maven/org.slf4j/slf4j-api@2.0.9 line=10 dev=false scope=runtimeClasspath,testRuntimeClasspath",
			}},
		{"Gemfile.lock: DEPENDENCIES are direct", []string{"ruby/Gemfile.lock"},
			[]string{"ruby/Gemfile.lock: Gemfile.lock"},
			[]string{
				"pkg:gem/acme-auth@0.3.0 line=5 direct=true",
				"pkg:gem/diff-lcs@1.5.0 line=11 direct=false",
				"pkg:gem/nio4r@2.7.0 line=12 direct=false",
				"pkg:gem/puma@6.4.0 line=13 direct=true",
				"pkg:gem/rack@3.0.8 line=15 direct=true",
				"pkg:gem/rspec-core@3.12.2 line=19 direct=false",
				"pkg:gem/rspec-support@3.12.1 line=21 direct=false",
				"pkg:gem/rspec@3.12.0 line=16 direct=true",
			}},
		{"Cargo.lock: the workspace crate names the direct dependencies", []string{"rust/Cargo.lock"},
			[]string{"rust/Cargo.lock: Cargo.lock v3"},
			[]string{
				"pkg:cargo/pin-project-lite@0.2.13 line=17 direct=false",
				"pkg:cargo/proc-macro2@1.0.70 line=23 direct=false",
				"pkg:cargo/serde@1.0.193 line=29 direct=true",
				"pkg:cargo/serde_derive@1.0.193 line=38 direct=false",
				"pkg:cargo/tokio@1.35.1 line=47 direct=true",
			}},
		{"composer.lock: packages-dev", []string{"php/composer.lock"},
			[]string{"php/composer.lock: composer.lock"},
			[]string{
				"pkg:composer/guzzlehttp/guzzle@7.8.1 line=10 dev=false scope=packages",
				"pkg:composer/phpunit/phpunit@10.5.3 line=48 dev=true scope=packages-dev",
				"pkg:composer/psr/http-client@1.0.3 line=30 dev=false scope=packages",
			}},
		{"packages.lock.json: Direct, Transitive, Project", []string{"dotnet/packages.lock.json"},
			[]string{"dotnet/packages.lock.json: packages.lock.json v1"},
			[]string{
				"pkg:nuget/Newtonsoft.Json@13.0.3 line=5 direct=true scope=net8.0",
				"pkg:nuget/Serilog.AspNetCore@8.0.0 line=11 direct=true scope=net8.0",
				"pkg:nuget/Serilog@3.1.1 line=20 direct=false scope=net8.0,net8.0/linux-x64",
			}},
		{"packages.config and deps.json",
			[]string{"dotnet-legacy/Billing.Api.deps.json", "dotnet-legacy/packages.config"},
			[]string{"dotnet-legacy/Billing.Api.deps.json: deps.json", "dotnet-legacy/packages.config: packages.config"},
			[]string{
				"pkg:nuget/Dapper@2.1.24 line=33",
				"pkg:nuget/Newtonsoft.Json@12.0.3 line=8 dev=false",
				"pkg:nuget/StyleCop.Analyzers@1.1.118 line=10 dev=true",
				"pkg:nuget/log4net@2.0.15 line=9 dev=false",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractPaths(t, testdataFS, tt.paths...)
			if diff := cmp.Diff(tt.modules, moduleTypes(f)); diff != "" {
				t.Errorf("module types (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.rows, edgeRows(f)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			for _, d := range f.Diagnostics {
				if d.Severity != model.SeverityInfo {
					t.Errorf("unexpected diagnostic: %s", d)
				}
			}
		})
	}
}

func TestModuleAttributes(t *testing.T) {
	f := extractPaths(t, testdataFS, "go/go.mod", "yarn-v1/yarn.lock")
	got := map[string]map[string]any{}
	for _, n := range f.Nodes {
		if n.Kind == model.KindModule {
			got[n.ID] = n.Attrs
		}
	}
	want := map[string]map[string]any{
		"module:go/go.mod": {"ecosystem": "Go", "package_count": 5, "direct_count": 2,
			"module_path": "github.com/acme/billing-api", "go_version": "1.22.1"},
		// yarn v1 does not say what is direct: no direct_count rather than a made-up 0.
		"module:yarn-v1/yarn.lock": {"ecosystem": "npm", "package_count": 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("module attributes (-want +got):\n%s", diff)
	}
}

func TestPackageNode(t *testing.T) {
	f := extractPaths(t, testdataFS, "ruby/Gemfile.lock")
	var got model.Node
	for _, n := range f.Nodes {
		if n.ID == "pkg:gem/acme-auth@0.3.0" {
			got = n
		}
	}
	want := model.Node{
		ID: "pkg:gem/acme-auth@0.3.0", Kind: model.KindPackage, Type: "gem", Name: "acme-auth",
		Attrs: map[string]any{"ecosystem": "RubyGems", "name": "acme-auth", "version": "0.3.0",
			"purl": "pkg:gem/acme-auth@0.3.0", "commit": "4f2c9a1e7b3d5f6a8c0e2b4d6f8a0c2e4b6d8f0a"},
		Prov: model.Provenance{File: "ruby/Gemfile.lock", Line: 5, Extractor: "lockfile"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("package node (-want +got):\n%s", diff)
	}
}

func TestUnpinnedVersionsAreUnknown(t *testing.T) {
	f := extractPaths(t, testdataFS, "python/requirements.txt", "maven/pom.xml")
	var got []string
	for _, a := range f.Assumptions {
		got = append(got, fmt.Sprintf("%s %s at %s:%d", a.Subject, a.Attribute, a.Prov.File, a.Prov.Line))
	}
	sort.Strings(got)
	want := []string{
		"pkg:maven/software.amazon.awssdk/s3 version at maven/pom.xml:45",
		"pkg:pypi/celery version at python/requirements.txt:16",
		"pkg:pypi/gunicorn version at python/requirements.txt:15",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
	for _, n := range f.Nodes {
		if n.ID == "pkg:pypi/gunicorn" {
			if expr, ok := model.IsUnknown(n.Attrs["version"]); !ok || expr != "gunicorn>=21.2" {
				t.Errorf("gunicorn version = %v, want unknown(gunicorn>=21.2)", n.Attrs["version"])
			}
		}
	}
}

func TestIncludedRequirementsKeepTheirOwnLine(t *testing.T) {
	f := extractPaths(t, testdataFS, "python/requirements.txt")
	for _, n := range f.Nodes {
		if n.ID == "pkg:pypi/pyyaml@6.0.1" {
			want := model.Provenance{File: "python/requirements-base.txt", Line: 4, Extractor: "lockfile"}
			if diff := cmp.Diff(want, n.Prov); diff != "" {
				t.Errorf("pyyaml node provenance (-want +got):\n%s", diff)
			}
			return
		}
	}
	t.Fatal("pyyaml not found")
}

func TestMalformedLockfiles(t *testing.T) {
	tests := []struct {
		path string
		line int
		want string // a fragment of the message
	}{
		{"broken/go/go.mod", 6, "usage: require module/path v1.2.3"},
		{"broken/npm/package-lock.json", 9, "unexpected end of JSON input"},
		{"broken/yarn/yarn.lock", 0, "malformed yarn.lock"},
		{"broken/pnpm/pnpm-lock.yaml", 7, "did not find expected ',' or '}'"},
		{"broken/poetry/poetry.lock", 6, "strings cannot contain newlines"},
		{"broken/maven/pom.xml", 9, "XML syntax error"},
		{"broken/ruby/Gemfile.lock", 0, "specs entry before a section declaration"},
		{"broken/rust/Cargo.lock", 7, "has already been defined"},
		{"broken/php/composer.lock", 6, "looking for beginning of object key"},
		{"broken/dotnet/packages.lock.json", 7, "after object key:value pair"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f := extractPaths(t, testdataFS, tt.path)
			if len(f.Diagnostics) != 1 {
				t.Fatalf("diagnostics = %v, want one", f.Diagnostics)
			}
			d := f.Diagnostics[0]
			if d.File != tt.path || d.Line != tt.line || d.Severity != model.SeverityError || !strings.Contains(d.Message, tt.want) {
				t.Errorf("diagnostic = %s, want %s:%d error containing %q", d, tt.path, tt.line, tt.want)
			}
			if len(f.Nodes) != 1 || f.Nodes[0].Attrs["incomplete"] != true {
				t.Errorf("nodes = %+v, want the module node marked incomplete", f.Nodes)
			}
		})
	}
}

func TestEmptyLockfiles(t *testing.T) {
	for _, p := range []string{"empty/go/go.mod", "empty/npm/package-lock.json", "empty/yarn/yarn.lock", "empty/python/requirements.txt"} {
		f := extractPaths(t, testdataFS, p)
		if len(f.Nodes) != 1 || f.Nodes[0].Kind != model.KindModule || f.Nodes[0].Attrs["package_count"] != 0 {
			t.Errorf("%s: nodes = %+v, want one module node with 0 packages", p, f.Nodes)
		}
		if len(f.Edges)+len(f.Diagnostics)+len(f.Assumptions) != 0 {
			t.Errorf("%s: unexpected facts %+v", p, f)
		}
	}
	// A zero-byte file is an empty lockfile too, whatever its format would need to parse.
	fsys := fstest.MapFS{"Cargo.lock": {Data: nil}, "composer.lock": {Data: []byte("\n")}}
	f := extractPaths(t, fsys, "Cargo.lock", "composer.lock")
	if len(f.Nodes) != 2 || len(f.Diagnostics) != 0 {
		t.Errorf("zero-byte lockfiles: %+v", f)
	}
}

func TestInlineLockfiles(t *testing.T) {
	tests := []struct {
		name, path, data string
		rows             []string
	}{
		{"pnpm v6 without workspaces: top-level sections and per-package dev marks", "pnpm-lock.yaml", `lockfileVersion: '6.0'

dependencies:
  express:
    specifier: ^4.18.2
    version: 4.18.2

devDependencies:
  typescript:
    specifier: ^5.3.3
    version: 5.3.3

packages:

  /debug@2.6.9:
    resolution: {integrity: sha512-x}
    dev: false

  /express@4.18.2:
    resolution: {integrity: sha512-x}
    dev: false

  /typescript@5.3.3:
    resolution: {integrity: sha512-x}
    dev: true
`, []string{
			"pkg:npm/debug@2.6.9 line=15 direct=false dev=false",
			"pkg:npm/express@4.18.2 line=19 direct=true dev=false scope=prod",
			"pkg:npm/typescript@5.3.3 line=23 direct=true dev=true scope=dev",
		}},
		{"package-lock v3 workspaces: a workspace is not a package, its dependencies are direct", "package-lock.json", `{
  "name": "monorepo",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "monorepo", "workspaces": ["packages/*"]},
    "node_modules/@acme/ui": {"resolved": "packages/ui", "link": true},
    "node_modules/react": {"version": "18.2.0", "resolved": "https://registry.npmjs.org/react/-/react-18.2.0.tgz"},
    "packages/ui": {"name": "@acme/ui", "version": "1.0.0", "dependencies": {"react": "^18.2.0"}}
  }
}`, []string{"pkg:npm/react@18.2.0 line=7 direct=true dev=false scope=prod"}},
		{"package-lock v3 git dependency with a token in its URL", "package-lock.json", `{
  "name": "app",
  "lockfileVersion": 3,
  "packages": {
    "": {"name": "app", "dependencies": {"ui-kit": "github:acme/ui-kit#v2.1.0"}},
    "node_modules/ui-kit": {
      "version": "2.1.0",
      "resolved": "git+https://x-access-token:ghp_notarealtoken@github.com/acme/ui-kit.git#4c1b1a1f0e7f6f0d2c3b4a5968778695a4b3c2d1"
    }
  }
}`, []string{"pkg:git/ui-kit@2.1.0 line=6 direct=true dev=false scope=prod"}},
		{"Gemfile.lock with the project's own gemspec", "Gemfile.lock", `PATH
  remote: .
  specs:
    acme-cli (0.4.0)
      thor (~> 1.3)

GEM
  remote: https://rubygems.org/
  specs:
    thor (1.3.0)

DEPENDENCIES
  acme-cli!

BUNDLED WITH
   2.5.3
`, []string{"pkg:gem/thor@1.3.0 line=10 direct=false"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.path: {Data: []byte(tt.data)}}
			f := extractPaths(t, fsys, tt.path)
			if diff := cmp.Diff(tt.rows, edgeRows(f)); diff != "" {
				t.Errorf("packages (-want +got):\n%s", diff)
			}
			if len(f.Diagnostics) > 0 {
				t.Errorf("diagnostics: %v", f.Diagnostics)
			}
			if dump := fmt.Sprintf("%+v", f); strings.Contains(dump, "ghp_") {
				t.Errorf("a credential from the lockfile reached the facts: %s", dump)
			}
		})
	}
}

func TestHelpers(t *testing.T) {
	type nv struct {
		name, version string
		ok            bool
	}
	pnpm := []struct {
		name, version string
		want          nv
	}{
		{"react-dom", "18.2.0(react@18.2.0)", nv{"react-dom", "18.2.0", true}},
		{"react-dom", "18.2.0_react@18.2.0", nv{"react-dom", "18.2.0", true}},
		{"string-width-cjs", "string-width@4.2.3", nv{"string-width", "4.2.3", true}},
		{"string-width-cjs", "/string-width@4.2.3", nv{"string-width", "4.2.3", true}},
		{"@acme/ui", "link:packages/ui", nv{"", "", false}},
	}
	for _, tt := range pnpm {
		n, v, ok := pnpmResolved(tt.name, tt.version)
		if got := (nv{n, v, ok}); got != tt.want {
			t.Errorf("pnpmResolved(%q, %q) = %v, want %v", tt.name, tt.version, got, tt.want)
		}
	}
	yarn := []struct{ in, name, rng string }{
		{"express@npm:^4.18.2", "express", "npm:^4.18.2"},
		{"@babel/core@npm:7.23.0", "@babel/core", "npm:7.23.0"},
		{"app@workspace:.", "app", "workspace:."},
	}
	for _, tt := range yarn {
		if n, r, ok := cutDescriptor(tt.in); !ok || n != tt.name || r != tt.rng {
			t.Errorf("cutDescriptor(%q) = %q, %q, %v", tt.in, n, r, ok)
		}
	}
}
