package dockerfile

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixtures lists every Dockerfile under testdata (golden files excluded).
func fixtures(t testing.TB) []string {
	t.Helper()
	var out []string
	err := fs.WalkDir(os.DirFS("testdata"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsDockerfileName(d.Name()) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func extractFixture(t *testing.T, p string) model.Facts {
	t.Helper()
	f, err := New().Extract(context.Background(), extract.Input{FS: os.DirFS("testdata"), Paths: []string{p}})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// summary is the part of a Dockerfile's facts that each fixture's comment promises.
type summary struct {
	Node        bool
	User        any
	RunsAsRoot  any
	FinalChain  []any
	Workdir     any
	Expose      []string // port[-end]/protocol
	BuiltFrom   []string // edge targets
	Assumptions []string // attribute names
	Diagnostics []string // line:severity
}

func summarise(f model.Facts) summary {
	var s summary
	for _, n := range f.Nodes {
		if n.Kind != model.KindDockerfile {
			continue
		}
		s.Node = true
		s.User, s.RunsAsRoot, s.Workdir = n.Attrs["user"], n.Attrs["runs_as_root"], n.Attrs["workdir"]
		s.FinalChain, _ = n.Attrs["final_chain"].([]any)
		ports, _ := n.Attrs["expose"].([]any)
		for _, p := range ports {
			m := p.(map[string]any)
			port := fmt.Sprint(m["port"])
			if u, ok := model.IsUnknown(m["port"]); ok {
				port = "?" + u
			}
			if e, ok := m["end_port"]; ok {
				port += fmt.Sprintf("-%v", e)
			}
			s.Expose = append(s.Expose, port+"/"+m["protocol"].(string))
		}
	}
	for _, e := range f.Edges {
		s.BuiltFrom = append(s.BuiltFrom, e.To)
	}
	for _, a := range f.Assumptions {
		s.Assumptions = append(s.Assumptions, a.Attribute)
	}
	for _, d := range f.Diagnostics {
		s.Diagnostics = append(s.Diagnostics, fmt.Sprintf("%d:%s", d.Line, d.Severity))
	}
	return s
}

func TestExtractFixtures(t *testing.T) {
	tests := []struct {
		file string
		want summary
	}{
		{"basic/Dockerfile", summary{Node: true, RunsAsRoot: true, FinalChain: []any{0}, Workdir: "/app",
			Expose:      []string{"8000/tcp"},
			BuiltFrom:   []string{"image:docker.io/library/python:3.12-slim"},
			Assumptions: []string{"runs_as_root"}}},
		{"multistage/Dockerfile", summary{Node: true, User: "nonroot:nonroot", RunsAsRoot: false,
			FinalChain: []any{1}, Expose: []string{"8080/tcp", "9090/udp"},
			BuiltFrom: []string{"image:docker.io/library/golang:1.22-alpine",
				"image:gcr.io/distroless/static-debian12:nonroot@sha256:8dd8d3ca2cf283383304fd45a5c9c74d5f2cd9da8d3b077d720e264880077c65"}}},
		{"argbase/Dockerfile", summary{Node: true, User: model.Unknown("${APP_USER}"),
			RunsAsRoot: model.Unknown("USER ${APP_USER}"), FinalChain: []any{2}, Expose: []string{"3000/tcp"},
			BuiltFrom:   []string{"image:docker.io/library/node:18-bullseye", "image:docker.io/library/node:20"},
			Assumptions: []string{"runs_as_root", "stages.base", "user"}}},
		{"inherit/Dockerfile", summary{Node: true, User: "app", RunsAsRoot: false, FinalChain: []any{0, 1},
			Workdir: "/srv/app", Expose: []string{"8081/tcp"},
			BuiltFrom: []string{"image:docker.io/library/ruby:3.3"}}},
		{"scratch/Dockerfile", summary{Node: true, RunsAsRoot: true, FinalChain: []any{1},
			BuiltFrom: []string{"image:docker.io/library/rust:1.79"}}},
		{"copyfrom/Dockerfile.prod", summary{Node: true, User: "0", RunsAsRoot: true, FinalChain: []any{0},
			BuiltFrom: []string{"image:docker.io/library/alpine:3.20", "image:docker.io/library/busybox:1.36"}}},
		{"syntax/Containerfile", summary{Node: true, RunsAsRoot: true, FinalChain: []any{0},
			BuiltFrom:   []string{"image:mcr.microsoft.com/windows/servercore:ltsc2022"},
			Assumptions: []string{"runs_as_root"}}},
		{"broken/Dockerfile", summary{Diagnostics: []string{"6:error"}}},
		{"badinstr/Dockerfile", summary{Node: true, User: "web", RunsAsRoot: false, FinalChain: []any{0},
			Expose:      []string{"80/tcp"},
			BuiltFrom:   []string{"image:docker.io/library/nginx:1.27"},
			Diagnostics: []string{"6:info", "6:info", "7:error", "8:error", "9:warning", "10:error", "13:warning"}}},
		{"nofrom/Dockerfile", summary{Diagnostics: []string{"0:error", "5:error"}}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			got := summarise(extractFixture(t, tt.file))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facts summary mismatch (-want +got):\n%s", diff)
			}
		})
	}
	for _, f := range fixtures(t) {
		if !seen[f] && !strings.HasPrefix(f, "fuzz") {
			t.Errorf("fixture %s has no table entry", f)
		}
	}
}

// TestAttributes checks the attribute details the fixture comments promise beyond the summary.
func TestAttributes(t *testing.T) {
	attr := func(file string) map[string]any {
		for _, n := range extractFixture(t, file).Nodes {
			if n.Kind == model.KindDockerfile {
				return n.Attrs
			}
		}
		t.Fatalf("%s: no Dockerfile node", file)
		return nil
	}
	tests := []struct {
		name string
		file string
		get  func(map[string]any) any
		want any
	}{
		{"secret ENV masked", "basic/Dockerfile", func(a map[string]any) any { return a["env"].([]any)[1] },
			map[string]any{"name": "API_TOKEN", "masked": true, "stage": 0, "line": 9}},
		{"URL with password masked", "basic/Dockerfile", func(a map[string]any) any { return a["env"].([]any)[2] },
			map[string]any{"name": "DATABASE_URL", "masked": true, "stage": 0, "line": 9}},
		{"plain ENV kept", "basic/Dockerfile", func(a map[string]any) any { return a["env"].([]any)[0] },
			map[string]any{"name": "PYTHONUNBUFFERED", "value": "1", "stage": 0, "line": 9}},
		{"lockfile copy", "basic/Dockerfile", func(a map[string]any) any { return a["copies"].([]any)[0] },
			map[string]any{"instruction": "COPY", "sources": []any{"requirements.txt"}, "dest": ".", "stage": 0, "line": 13}},
		{"shell-form CMD", "basic/Dockerfile", func(a map[string]any) any { return a["cmd"] },
			map[string]any{"form": "shell", "args": []any{"gunicorn -b 0.0.0.0:8000 app:wsgi"}, "line": 17}},
		{"ARG default in FROM, platform as written", "multistage/Dockerfile",
			func(a map[string]any) any { return a["stages"].([]any)[0] },
			map[string]any{"index": 0, "name": "build", "base": "golang:${GO_VERSION}-alpine", "base_kind": "image",
				"base_resolved": "golang:1.22-alpine", "platform": "$BUILDPLATFORM", "line": 9}},
		{"pinned final base", "multistage/Dockerfile", func(a map[string]any) any { return a["stages"].([]any)[1].(map[string]any)["pinned"] },
			true},
		{"healthcheck", "multistage/Dockerfile", func(a map[string]any) any { return a["healthcheck"] },
			map[string]any{"test": []any{"CMD", "/api", "healthcheck"}, "interval": "30s", "timeout": "3s", "retries": 3, "line": 20}},
		{"COPY --from stage", "multistage/Dockerfile", func(a map[string]any) any { return a["copies"].([]any)[2] },
			map[string]any{"instruction": "COPY", "sources": []any{"/out/api"}, "dest": "/api", "from": "build",
				"from_stage": 0, "stage": 1, "line": 17}},
		{"unknown base", "argbase/Dockerfile", func(a map[string]any) any { return a["stages"].([]any)[2] },
			map[string]any{"index": 2, "base": "${RUNTIME}", "base_kind": "unknown",
				"base_resolved": model.Unknown("${RUNTIME}"), "line": 19}},
		{"ARG without default has no value", "argbase/Dockerfile", func(a map[string]any) any { return a["args"].([]any)[3] },
			map[string]any{"name": "RUNTIME", "global": true, "line": 10}},
		{"inherited CMD reset by ENTRYPOINT", "inherit/Dockerfile", func(a map[string]any) any { return a["cmd"] }, nil},
		{"COPY --from index", "scratch/Dockerfile", func(a map[string]any) any { return a["copies"].([]any)[1].(map[string]any)["from_stage"] },
			0},
		{"remote ADD with checksum", "copyfrom/Dockerfile.prod", func(a map[string]any) any { return a["copies"].([]any)[2] },
			map[string]any{"instruction": "ADD", "sources": []any{"https://example.com/tool.tgz"}, "dest": "/opt/",
				"remote": true, "checksum": true, "stage": 0, "line": 13}},
		{"git ADD", "copyfrom/Dockerfile.prod", func(a map[string]any) any { return a["copies"].([]any)[3].(map[string]any)["remote"] },
			true},
		{"label masked", "copyfrom/Dockerfile.prod", func(a map[string]any) any { return a["labels"].([]any)[1] },
			map[string]any{"name": "build.key", "masked": true, "stage": 0, "line": 9}},
		{"directives", "syntax/Containerfile", func(a map[string]any) any { return []any{a["syntax"], a["escape"]} },
			[]any{"docker/dockerfile:1", "`"}},
		{"heredoc COPY source", "syntax/Containerfile", func(a map[string]any) any { return a["copies"].([]any)[0] },
			map[string]any{"instruction": "COPY", "sources": []any{}, "inline": []any{"EOT"}, "dest": "C:/config/app.ini",
				"stage": 0, "line": 14}},
		{"legacy ENV form", "syntax/Containerfile", func(a map[string]any) any { return a["env"].([]any)[0] },
			map[string]any{"name": "WEB_ROOT", "value": `C:\inetpub`, "stage": 0, "line": 10}},
		{"incomplete", "badinstr/Dockerfile", func(a map[string]any) any { return a["incomplete"] }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.get(attr(tt.file))); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

// TestGolden compares the complete facts of every fixture with testdata/golden; -update rewrites them.
func TestGolden(t *testing.T) {
	for _, p := range fixtures(t) {
		t.Run(p, func(t *testing.T) {
			got, err := json.MarshalIndent(extractFixture(t, p), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(p, "/", "_")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("golden mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFileRequired(t *testing.T) {
	tests := map[string]bool{
		"Dockerfile": true, "svc/api/Dockerfile": true, "Dockerfile.prod": true, "api.Dockerfile": true,
		"build/web.dockerfile": true, "Containerfile": true, "Containerfile.dev": true,
		"Dockerfile.": false, "Dockerfiles": false, "dockerfile": false, ".dockerfile": false, "Makefile": false,
		"Dockerfile.prod/README.md": false, "docker-compose.yml": false, "my.Dockerfile.txt": false,
	}
	e := New()
	for p, want := range tests {
		if got := e.FileRequired(p, nil); got != want {
			t.Errorf("FileRequired(%q) = %v, want %v", p, got, want)
		}
	}
	dir := fstest.MapFS{"Dockerfile/x": {Data: []byte("")}}
	info, err := fs.Stat(dir, "Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if e.FileRequired("Dockerfile", info) {
		t.Error("FileRequired wants a directory named Dockerfile")
	}
}

// TestExtractMapFS covers reading through io/fs: an unreadable path and the size cap are diagnostics.
func TestExtractMapFS(t *testing.T) {
	fsys := fstest.MapFS{"Dockerfile": {Data: []byte("FROM alpine:3.20\nUSER nobody\n")}}
	f, err := New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"Dockerfile", "missing/Dockerfile"}})
	if err != nil {
		t.Fatal(err)
	}
	got := summarise(f)
	want := summary{Node: true, User: "nobody", RunsAsRoot: false, FinalChain: []any{0},
		BuiltFrom: []string{"image:docker.io/library/alpine:3.20"}, Diagnostics: []string{"0:error"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	f, _ = New().Extract(context.Background(), extract.Input{FS: fsys, Paths: []string{"Dockerfile"}, MaxFileSize: 4})
	if len(f.Nodes) != 0 || len(f.Diagnostics) != 1 || f.Diagnostics[0].Severity != model.SeverityWarning {
		t.Errorf("over the size cap: got %+v", f)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := New().Extract(ctx, extract.Input{FS: fsys, Paths: []string{"Dockerfile"}}); err == nil {
		t.Error("cancelled context: want an error")
	}
}

// TestDeterministic extracts the same file twice and compares the JSON.
func TestDeterministic(t *testing.T) {
	for _, p := range fixtures(t) {
		a, _ := json.Marshal(extractFixture(t, p))
		b, _ := json.Marshal(extractFixture(t, p))
		if string(a) != string(b) {
			t.Errorf("%s: two runs differ", p)
		}
	}
}

func TestSecretLike(t *testing.T) {
	tests := []struct {
		name, val string
		want      bool
	}{
		{"DB_PASSWORD", "x", true}, {"github_token", "x", true}, {"AWS_SECRET_ACCESS_KEY", "x", true},
		{"SSH_PRIVATE_KEY", "x", true}, {"GCP_CREDENTIALS", "x", true}, {"MYSQL_ROOT_PASSWD", "x", true},
		{"NODE_ENV", "production", false}, {"PORT", "8080", false},
		{"DATABASE_URL", "postgres://app:s3cret@db/app", true}, {"UPSTREAM", "https://api.example.com/v1", false},
		{"REDIS_URL", "redis://:pw@cache:6379", true}, {"MIRROR", "https://user@example.com/", false},
	}
	for _, tt := range tests {
		if got := SecretLike(tt.name, tt.val); got != tt.want {
			t.Errorf("SecretLike(%q, %q) = %v, want %v", tt.name, tt.val, got, tt.want)
		}
	}
}

// TestInlineCases covers Docker semantics that do not need a whole fixture file.
func TestInlineCases(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want summary
	}{
		{"COPY --from with a variable is rejected by BuildKit: no image", "FROM alpine:3\nCOPY --from=${IMG} /a /b\nUSER 1000\n",
			summary{Node: true, User: "1000", RunsAsRoot: false, FinalChain: []any{0},
				BuiltFrom: []string{"image:docker.io/library/alpine:3"}, Diagnostics: []string{"2:warning"}}},
		{"a stage ARG without value takes the global default", "ARG V=8080\nFROM alpine:3\nARG V\nEXPOSE $V\nUSER app\n",
			summary{Node: true, User: "app", RunsAsRoot: false, FinalChain: []any{0}, Expose: []string{"8080/tcp"},
				BuiltFrom: []string{"image:docker.io/library/alpine:3"}}},
		{"global ARGs are not in scope inside a stage unless redeclared", "ARG V=8080\nFROM alpine:3\nEXPOSE $V\nUSER app\n",
			summary{Node: true, User: "app", RunsAsRoot: false, FinalChain: []any{0}, Expose: []string{"?$V/tcp"},
				BuiltFrom: []string{"image:docker.io/library/alpine:3"}, Assumptions: []string{"expose.port"}}},
		{"a relative WORKDIR with none before stays as written", "FROM alpine:3\nWORKDIR app\nUSER 0:0\n",
			summary{Node: true, User: "0:0", RunsAsRoot: true, FinalChain: []any{0}, Workdir: "app",
				BuiltFrom: []string{"image:docker.io/library/alpine:3"}}},
		{"an empty base", "ARG B=\"\"\nFROM ${B}\n",
			summary{Node: true, RunsAsRoot: true, FinalChain: []any{0}, Assumptions: []string{"runs_as_root", "stages.base"}}},
		{"a base named like a later stage is an image", "FROM app AS base\nFROM alpine:3 AS app\n",
			summary{Node: true, RunsAsRoot: true, FinalChain: []any{1}, Assumptions: []string{"runs_as_root"},
				BuiltFrom: []string{"image:docker.io/library/alpine:3", "image:docker.io/library/app:latest"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := ExtractBytes("Dockerfile", []byte(tt.src))
			checkFacts(t, f)
			if diff := cmp.Diff(tt.want, summarise(f)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	// CMD then ENTRYPOINT in the same stage: the CMD stays (only an inherited CMD is reset).
	f := ExtractBytes("Dockerfile", []byte("FROM alpine:3\nCMD [\"serve\"]\nENTRYPOINT [\"app\"]\n"))
	if cmd := f.Nodes[0].Attrs["cmd"]; cmd == nil {
		t.Error("CMD in the same stage as ENTRYPOINT was dropped")
	}
}
