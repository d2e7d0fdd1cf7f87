package buildconfig

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seam-sec/seam/internal/extract"
	"github.com/seam-sec/seam/internal/model"
)

func TestFormat(t *testing.T) {
	tests := map[string]string{
		"docker-compose.yml": BuilderCompose, "deploy/docker-compose.prod.yaml": BuilderCompose,
		"compose.yaml": BuilderCompose, "compose.override.yml": BuilderCompose, "docker-compose.json": "",
		"skaffold.yaml": BuilderSkaffold, "dev/skaffold.yml": BuilderSkaffold, "skaffold-old.yaml": "",
		".github/workflows/ci.yml": BuilderActions, "svc/.github/workflows/release.yaml": BuilderActions,
		".github/workflows/sub/x.yml": "", ".github/dependabot.yml": "", "workflows/ci.yml": "",
		"Makefile": BuilderMake, "tools/makefile": BuilderMake, "GNUmakefile": BuilderMake, "mk/docker.mk": BuilderMake,
		"Makefile.bak": "", "README.md": "",
	}
	for p, want := range tests {
		if got := Format(p); got != want {
			t.Errorf("Format(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestShellCommands checks how build commands are read from a script: flags with and without values,
// quoting, continuations, redirections, cd and several tools.
func TestShellCommands(t *testing.T) {
	vars := func(name string) (string, bool) {
		v, ok := map[string]string{"REG": "ghcr.io/acme", "TAG": "1.0"}[name]
		return v, ok
	}
	tests := []struct {
		name, script string
		want         []string // "line tags | context | file | target | args"
	}{
		{"plain", "docker build -t acme/api:1 .", []string{"0 [acme/api:1] | . |  |  | []"}},
		{"long flags with =", "docker build --tag=acme/api:1 --file=docker/api.Dockerfile --target=run ctx",
			[]string{"0 [acme/api:1] | ctx | docker/api.Dockerfile | run | []"}},
		{"attached short value", "docker build -tacme/api:1 -fDockerfile.x .", []string{"0 [acme/api:1] | . | Dockerfile.x |  | []"}},
		{"buildx, continuations, switches, value flags", "docker buildx build \\\n  --push --platform linux/amd64,linux/arm64 \\\n  --build-arg VERSION=$TAG -t \"$REG/api:$TAG\" \\\n  --cache-from type=gha services/api",
			[]string{"0 [ghcr.io/acme/api:1.0] | services/api |  |  | [VERSION]"}},
		{"single quotes keep $", "docker build -t 'acme/$X' .", []string{"0 [acme/$X] | . |  |  | []"}},
		{"unknown variable and command substitution", "docker build -t acme/api:$(git rev-parse HEAD) -t acme/api:${BUILD_ID} .",
			[]string{"0 [acme/api:$(git rev-parse HEAD) acme/api:${BUILD_ID}] | . |  |  | []"}},
		{"redirection and pipe", "docker build -t acme/api:1 services/api 2>&1 | tee log > out.txt", []string{"0 [acme/api:1] | services/api |  |  | []"}},
		{"cd and &&", "cd services && docker build -t acme/api:1 api; cd ..", []string{"0 [acme/api:1] | services/api |  |  | []"}},
		{"sudo, env assignment, global flags", "sudo DOCKER_BUILDKIT=1 docker --context ci -D build -t a/b:1 .", []string{"0 [a/b:1] | . |  |  | []"}},
		{"podman and buildah", "podman build -t a/p:1 -f Containerfile .\nbuildah bud -t a/q:1 q", []string{"0 [a/p:1] | . | Containerfile |  | []", "1 [a/q:1] | q |  |  | []"}},
		{"not a build", "docker run -t acme/api:1 .\necho docker build -t x .\n# docker build -t y .", nil},
		{"comment after the command", "docker build -t a/b:1 . # push later", []string{"0 [a/b:1] | . |  |  | []"}},
		{"second line", "set -e\n\ndocker image build -t a/b:2 .", []string{"2 [a/b:2] | . |  |  | []"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range builds(splitScript(known(tt.script), vars), known(".")) {
				var tags []string
				for _, tg := range b.tags {
					tags = append(tags, tg.String())
				}
				got = append(got, fmt.Sprintf("%d %v | %s | %s | %s | %v", b.line, tags,
					joinText(b.cwd, b.contextRaw).String(), b.file.String(), b.target.String(), b.args))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("builds (-want +got):\n%s", diff)
			}
		})
	}
}

// TestUnknownPartsAreOpaque checks that an unknown part holding spaces or quotes (a workflow expression) is
// one piece of a word: it is never split or unquoted.
func TestUnknownPartsAreOpaque(t *testing.T) {
	script := cat(known("docker build -t acme/api:"), unknownText("${{ github.sha }}"), known(" ."))
	bs := builds(splitScript(script, nil), known("."))
	if len(bs) != 1 || len(bs[0].tags) != 1 {
		t.Fatalf("builds = %+v", bs)
	}
	tag := bs[0].tags[0]
	if tag.String() != "acme/api:${{ github.sha }}" || tag.Known() || len(tag.Unknowns()) != 1 {
		t.Errorf("tag = %#v", tag)
	}
}

func TestParseRef(t *testing.T) {
	tests := []struct {
		ref                     text
		repository, tag, digest string
	}{
		{known("nginx"), "docker.io/library/nginx", "latest", ""},
		{known("ghcr.io/acme/api:1.2"), "ghcr.io/acme/api", "1.2", ""},
		{known("localhost:5000/api"), "localhost:5000/api", "latest", ""},
		{known("acme/api@sha256:abc"), "docker.io/acme/api", "", "sha256:abc"},
		{cat(known("acme/api:"), unknownText("${{ github.sha }}")), "docker.io/acme/api", "${{ github.sha }}", ""},
		{cat(unknownText("${REGISTRY}"), known("/shop/worker:1.0")), "${REGISTRY}/shop/worker", "1.0", ""},
		{cat(known("reg.example/a:"), unknownText("$(shell date +%H:%M)")), "reg.example/a", "$(shell date +%H:%M)", ""},
		{unknownText("${{ steps.meta.outputs.tags }}"), "${{ steps.meta.outputs.tags }}", "", ""},
	}
	for _, tt := range tests {
		r := parseRef(tt.ref)
		if r.repository != tt.repository || r.tag != tt.tag || r.digest != tt.digest {
			t.Errorf("parseRef(%q) = %q %q %q, want %q %q %q", tt.ref.String(), r.repository, r.tag, r.digest,
				tt.repository, tt.tag, tt.digest)
		}
	}
}

// TestMakeExpansion checks make variable semantics: recursive and simple variables, ?= and +=, $@, $$,
// functions and unset variables left unknown.
func TestMakeExpansion(t *testing.T) {
	src := "A = x$(B)\nB = 1\nB ?= 2\nC := $(A)\nB = 3\nD := d\nD += e\nE != date\nF = $(A_$(G))\nG = y\nA_y = nested\n"
	f := &file{path: "Makefile", dir: "."}
	mk := &makefile{f: f, vars: map[string]makeVar{}, budget: maxLookups}
	for _, l := range splitLogical(src) {
		if m := assignment.FindStringSubmatch(l.text); m != nil {
			mk.assign(m)
		}
	}
	tests := map[string]string{
		"$(A)": "x3", "$(C)": "x1", "${D}": "d e", "$(E)": "?$(shell date)", "$(F)": "nested",
		"$(NOPE)": "?$(NOPE)", "$$HOME": "$HOME", "$@": "api", "$(subst a,b,$(A))": "?$(subst a,b,$(A))",
		"$(A:x=y)": "?$(A:x=y)", "$<": "?$<",
	}
	for in, want := range tests {
		got := mk.expand(in, []string{"api"}, 0)
		s := got.String()
		if !got.Known() {
			s = "?" + s
		}
		if s != want {
			t.Errorf("expand(%q) = %q, want %q", in, s, want)
		}
	}
}

// TestExpansionBudget: variables that refer to each other many times (exponential expansion) stop at the
// lookup budget and stay unknown, quickly.
func TestExpansionBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("V0 = x\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "V%d = $(V%d)$(V%d)$(V%d)\n", i, i-1, i-1, i-1)
	}
	b.WriteString("img:\n\tdocker build -t a/b:$(V39) .\n")
	wf := "env:\n  A0: x\n"
	for i := 1; i < 40; i++ {
		wf += fmt.Sprintf("  A%d: ${{ env.A%d }}${{ env.A%d }}${{ env.A%d }}\n", i, i-1, i-1, i-1)
	}
	wf += "jobs:\n  j:\n    steps:\n      - run: docker build -t a/b:${{ env.A39 }} .\n"
	start := time.Now()
	f := extractMap(t, map[string]string{"Makefile": b.String(), ".github/workflows/w.yml": wf})
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	for _, n := range f.Nodes {
		if n.Kind == model.KindImage && n.Attrs["unknown_parts"] == nil {
			t.Errorf("%s: a value past the budget must be unknown", n.ID)
		}
	}
}

// TestStepBudget: aliases and a matrix can make one workflow name hundreds of thousands of steps; Seam reads
// a bounded number and says so.
func TestStepBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("x: &s {run: \"docker build -t a/${{ matrix.a }}:1 .\"}\n")
	b.WriteString("y: &l [" + strings.Repeat("*s, ", 300) + "*s]\njobs:\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "  j%d:\n    strategy: {matrix: {a: [%s q], b: [%s 0]}}\n    steps: *l\n", i,
			strings.Repeat("q, ", 15), strings.Repeat("1, ", 15))
	}
	f := extractMap(t, map[string]string{".github/workflows/x.yml": b.String()})
	if got := summarise(f).Diagnostics; !cmp.Equal(got, []string{"4:warning"}) {
		t.Errorf("diagnostics = %v, want one warning for the step budget at job j0", got)
	}
}

func TestMatrix(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"none", "{}", []string{"map[]"}},
		{"product", "{os: [a, b], v: [1, 2]}", []string{"map[os:a v:1]", "map[os:a v:2]", "map[os:b v:1]", "map[os:b v:2]"}},
		{"exclude and include", "{os: [a, b], v: [1], exclude: [{os: b}], include: [{os: a, extra: x}, {os: c, v: 9}]}",
			[]string{"map[extra:x os:a v:1]", "map[os:c v:9]"}},
		{"only include", "{include: [{svc: api}, {svc: web}]}", []string{"map[svc:api]", "map[svc:web]"}},
		{"expression", "'${{ fromJSON(needs.plan.outputs.matrix) }}'", []string{"map[]"}},
	}
	for _, tt := range tests {
		docs := parseYAML([]byte("m: " + tt.yaml))
		f := &file{path: "w.yml"}
		combos, _ := f.matrix(docs[0].root.get("m"))
		var got []string
		for _, c := range combos {
			got = append(got, fmt.Sprint(c.values))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestMatrixCap(t *testing.T) {
	var keys []string
	for i := 0; i < 5; i++ {
		keys = append(keys, fmt.Sprintf("k%d: [a, b, c, d]", i)) // 4^5 = 1024 combinations
	}
	src := "jobs:\n  j:\n    strategy:\n      matrix: {" + strings.Join(keys, ", ") + "}\n    steps:\n      - run: docker build -t a/${{ matrix.k4 }}:1 .\n"
	f := extractMap(t, map[string]string{".github/workflows/m.yml": src})
	if got := summarise(f).Diagnostics; !cmp.Equal(got, []string{"4:warning"}) {
		t.Errorf("diagnostics = %v, want one warning for the capped matrix", got)
	}
	if n := len(summarise(f).Builds); n != 4 {
		t.Errorf("builds = %d, want 4 (one per value of k4)", n)
	}
}

func extractMap(t *testing.T, files map[string]string) model.Facts {
	t.Helper()
	fsys := fstest.MapFS{}
	var f model.Facts
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	for p := range files {
		f.Merge(extractFile(t, fsys, p))
	}
	return f
}

// TestComposeAtRoot: a compose file at the top of the scan names its default images after a directory Seam
// does not see, so the project part is unknown.
func TestComposeAtRoot(t *testing.T) {
	f := extractMap(t, map[string]string{"compose.yaml": "services:\n  api:\n    build: ./api\n"})
	want := summary{Builds: []string{"3 ${COMPOSE_PROJECT_NAME}-api | api | api/Dockerfile"},
		Unknown:     []string{"${COMPOSE_PROJECT_NAME}-api: ref=[${COMPOSE_PROJECT_NAME}]"},
		Assumptions: []string{"${COMPOSE_PROJECT_NAME}-api ref", "${COMPOSE_PROJECT_NAME}-api ref"}}
	if diff := cmp.Diff(want, summarise(f)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestExtractErrors: an unreadable file and one over the size cap are diagnostics; a cancelled context is an
// error.
func TestExtractErrors(t *testing.T) {
	fsys := fstest.MapFS{"Makefile": {Data: []byte("a:\n\tdocker build -t a/b:1 .\n")}}
	f, err := New().Extract(t.Context(), extractInput(fsys, []string{"Makefile", "gone/Makefile"}, 10))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"0:warning", "0:error"}, summarise(f).Diagnostics); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func extractInput(fsys fstest.MapFS, paths []string, maxSize int64) extract.Input {
	return extract.Input{FS: fsys, Paths: paths, MaxFileSize: maxSize}
}

func TestExtractCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	fsys := fstest.MapFS{"Makefile": {Data: []byte("a:\n")}}
	if _, err := New().Extract(ctx, extractInput(fsys, []string{"Makefile"}, 0)); err == nil {
		t.Error("a cancelled context must stop the extractor with an error")
	}
}
